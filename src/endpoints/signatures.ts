import { endpoint } from './endpoint'
import { json } from './http'
import { envoyerCodeSignature, lireDemandePourSignataire, pdfPourSignataire, signerConvention, verifierEmpreinte } from '@/src/services/signatureConvention'

/**
 * The signer's routes (public: the personal link's token is the credential; issue 17, item 5).
 * Unknown token → 404, already signed → 409, expired, lapsed or cancelled → 410; nothing written.
 */

/** GET /api/signatures/verification/<sha256> (public): was a file with this hash signed here, by whom, when. */
export const endpointVerificationSignature = endpoint({
  path: '/signatures/verification/:sha256',
  method: 'get',
  public: true,
  handler: async ({ req }) => json(await verifierEmpreinte(req, req.routeParams?.sha256)),
})

/** GET /api/signatures/<jeton>: what the signing page shows. */
export const endpointLienSignature = endpoint({
  path: '/signatures/:jeton',
  method: 'get',
  public: true,
  handler: async ({ req }) => json(await lireDemandePourSignataire(req, req.routeParams?.jeton)),
})

/** GET /api/signatures/<jeton>/pdf: the convention to read (inline). */
export const endpointPdfSignature = endpoint({
  path: '/signatures/:jeton/pdf',
  method: 'get',
  public: true,
  handler: async ({ req }) => {
    const { octets } = await pdfPourSignataire(req, req.routeParams?.jeton)
    return new Response(new Uint8Array(octets), {
      headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'inline; filename="convention.pdf"', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' },
    })
  },
})

/** POST /api/signatures/<jeton>/code: a 6-digit code by e-mail (rate-limited). */
export const endpointCodeSignature = endpoint({
  path: '/signatures/:jeton/code',
  method: 'post',
  public: true,
  corps: 'json-facultatif',
  handler: async ({ req }) => {
    const r = await envoyerCodeSignature(req, req.routeParams?.jeton)
    return json({ message: `Code envoyé à ${r.envoyeA} : il est valable ${r.valableMinutes} minutes.`, ...r })
  },
})

/** POST /api/signatures/<jeton>/signer `{ "code", "signature", "consentement": true }`. */
export const endpointSignerConvention = endpoint({
  path: '/signatures/:jeton/signer',
  method: 'post',
  public: true,
  corps: 'json',
  handler: async ({ req, corps }) => {
    const r = await signerConvention(req, req.routeParams?.jeton, corps)
    return json({ message: r.toutesSignees ? 'Merci : votre signature est enregistrée, et la convention est maintenant signée par toutes les parties.' : 'Merci : votre signature est enregistrée.', ...r })
  },
})

export const endpointsSignatures = [endpointVerificationSignature, endpointLienSignature, endpointPdfSignature, endpointCodeSignature, endpointSignerConvention]
