import { APIError, type CollectionBeforeValidateHook, type Endpoint } from 'payload'
import { idOf, roleOf } from '@/src/access/roles'
import { normaliserSiret } from '@/src/domain/siret'
import { avecReponseErreur, champTexte, json, lireCorpsJson } from '@/src/endpoints/http'
import { deciderRattachement, demanderRattachement } from '@/src/services/rattachements'

/** Attachment requests (src/services/rattachements.ts), under /api/companies/rattachements. */

const vue = (r: { id: unknown; statut?: unknown; siret?: unknown; demandeLe?: unknown; decideLe?: unknown; company?: unknown; demandeur?: unknown }) => ({
  id: r.id,
  statut: r.statut,
  siret: r.siret,
  company: idOf(r.company),
  demandeur: idOf(r.demandeur),
  demandeLe: r.demandeLe,
  decideLe: r.decideLe ?? null,
})

const decider = (decision: 'accepter' | 'refuser'): Endpoint => ({
  path: `/rattachements/:id/${decision}`,
  method: 'post',
  handler: avecReponseErreur(async (req) => {
    // The body is optional (a refusal may carry a reason); when present it must be a JSON object.
    const motif = champTexte(await lireCorpsJson(req, { facultatif: true }), 'motif', { required: false, max: 1000 })
    const r = await deciderRattachement(req, req.routeParams?.id, decision, motif ?? null)
    return json({ message: r.message, rattachement: vue(r.rattachement) }, r.status)
  }),
})

export const endpointsRattachement: Endpoint[] = [
  {
    path: '/rattachements',
    method: 'post',
    handler: avecReponseErreur(async (req) => {
      if (!req.user) throw new APIError('Connectez-vous pour demander un rattachement.', 401, undefined, true)
      const corps = await lireCorpsJson(req)
      const r = await demanderRattachement(req, corps.siret)
      return json({ message: r.message, rattachement: vue(r.rattachement) }, r.status)
    }),
  },
  decider('accepter'),
  decider('refuser'),
]

/**
 * A beneficiary creates at most one company (it becomes theirs), and one not yet registered:
 * for an existing SIRET the answer says how to join it instead of « La valeur doit être unique ».
 */
export const verifierCreationEntreprise: CollectionBeforeValidateHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data || roleOf(req.user) !== 'user' || !req.user) return data
  const moi = await req.payload.findByID({ collection: 'users', id: req.user.id, depth: 0, overrideAccess: true, req })
  if (idOf((moi as { company?: unknown }).company) !== null) {
    throw new APIError('Votre compte est déjà rattaché à une entreprise : vos dossiers se déposent pour celle-ci.', 403, undefined, true)
  }
  if (typeof data.siret === 'string' && data.siret !== '') {
    const siret = normaliserSiret(data.siret)
    const existe = await req.payload.count({ collection: 'companies', where: { siret: { equals: siret } }, overrideAccess: true, req })
    if (existe.totalDocs > 0) {
      throw new APIError(
        'Cette entreprise est déjà inscrite sur MonOPCO : demandez à y être rattaché (une personne de l’entreprise ou l’équipe validera).',
        409,
        { siret, rattachement: 'POST /api/companies/rattachements' },
        true,
      )
    }
  }
  return data
}
