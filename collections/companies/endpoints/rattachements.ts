import { idOf } from '@/src/access/roles'
import { endpoint } from '@/src/endpoints/endpoint'
import { champTexte, json } from '@/src/endpoints/http'
import type { Rattachement } from '@/src/payload-types'
import { deciderRattachement, demanderRattachement, type ResultatRattachement } from '@/src/services/rattachements'

/** Attachment requests (src/services/rattachements.ts), under /api/companies/rattachements. */

const vue = (r: Rattachement) => ({
  id: r.id,
  statut: r.statut,
  siret: r.siret,
  company: idOf(r.company),
  demandeur: idOf(r.demandeur),
  demandeLe: r.demandeLe,
  decideLe: r.decideLe ?? null,
})

const reponse = (r: ResultatRattachement): Response => json({ message: r.message, rattachement: vue(r.rattachement) }, r.status)

const decider = (decision: 'accepter' | 'refuser') =>
  endpoint({
    path: `/rattachements/:id/${decision}`,
    method: 'post',
    // The body is optional (a refusal may carry a reason); when present it must be a JSON object.
    corps: 'json-facultatif',
    handler: async ({ req, corps }) => {
      const motif = champTexte(corps, 'motif', { required: false, max: 1000 })
      return reponse(await deciderRattachement(req, req.routeParams?.id, decision, motif ?? null))
    },
  })

export const endpointsRattachement = [
  endpoint({
    path: '/rattachements',
    method: 'post',
    corps: 'json',
    handler: async ({ req, corps }) => reponse(await demanderRattachement(req, corps.siret)),
  }),
  decider('accepter'),
  decider('refuser'),
]
