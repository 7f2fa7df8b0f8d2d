import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { demanderSignatures, lienPourUtilisateur } from '@/src/services/signatureConvention'

/**
 * POST /api/dossiers/:id/signature-convention (admins) `{ "signataires": [{ role, nom, prenom,
 * fonction, email }], "remplacer"?: true }`: sends the latest generated convention to be signed
 * (422 when none is generated yet). 201 with the request as the caller reads it.
 */
export const endpointSignatureConvention = endpoint({
  path: '/:id/signature-convention',
  method: 'post',
  dossier: true,
  corps: 'json',
  handler: async ({ req, user, dossier, corps }) => {
    const { demande, liens } = await demanderSignatures(req, dossier, corps)
    const lue = await req.payload.findByID({ collection: 'signatures-convention', id: demande.id, depth: 0, user, overrideAccess: false })
    return json({ message: `Convention envoyée à la signature : ${liens} lien(s) envoyé(s) par e-mail.`, doc: lue }, 201)
  },
})

/**
 * POST /api/dossiers/:id/signature-convention/mon-lien: the signed-in beneficiary who is one of
 * the signers (same e-mail) gets a fresh personal link to sign from the portal (the e-mailed one
 * stops working). 404 when there is nothing for them to sign.
 */
export const endpointMonLienSignature = endpoint({
  path: '/:id/signature-convention/mon-lien',
  method: 'post',
  dossier: true,
  handler: async ({ req, user, dossier }) => {
    const jeton = await lienPourUtilisateur(req, user, dossier)
    return json({ jeton, url: `/signature/${jeton}` })
  },
})
