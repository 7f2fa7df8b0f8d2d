import type { Config, Endpoint, Plugin } from 'payload'
import { abonnerDansTransaction } from '@/src/jobs/evenements'
import { webhookTransition } from '@/src/services/evenementsWebhooks'
import { tacheLivrerWebhooks } from '@/src/services/webhooks'

let abonne = false
const PREFIXE = '/webhooks'
const METHODES: Endpoint['method'][] = ['get', 'post', 'put', 'patch', 'delete']

/** The moved endpoints at their new path, and a 405 for every method none of them answers on that path. */
function deplaces(endpoints: Endpoint[]): Endpoint[] {
  const bouges = endpoints.map((e) => ({ ...e, path: e.path.slice(PREFIXE.length) }))
  const refus = [...new Set(bouges.map((e) => e.path))].flatMap((path) => {
    const admises = bouges.filter((e) => e.path === path).map((e) => e.method.toUpperCase())
    return METHODES.filter((m) => !admises.includes(m.toUpperCase())).map(
      (method): Endpoint => ({
        path,
        method,
        handler: () => Response.json({ errors: [{ message: `Méthode non autorisée : cette adresse n’accepte que ${admises.join(', ')}.` }] }, { status: 405, headers: { Allow: admises.join(', ') } }),
      }),
    )
  })
  return [...bouges, ...refus]
}

/**
 * Webhooks for integrators: the delivery job, and the dossier transitions' subscriber (in the
 * transition's transaction, like the e-mails). The other events are emitted where they happen
 * (invoice issue, payment hook, document generation: src/services/evenementsWebhooks.ts); the
 * collections `webhooks` and `livraisons-webhooks` are in payload.config.ts, so that the audit
 * plugin sees them.
 *
 * Payload routes `/api/<slug>/…` to that collection's endpoints only: the root endpoints under
 * `/webhooks/` (Resend's delivery reports, `POST /api/webhooks/resend`, plugins/notifications)
 * would answer 404 once the `webhooks` collection exists. They move onto it, same URL; the other
 * methods on those paths answer 405, not the collection's « read document "resend" » (403).
 */
export const webhooksPlugin =
  (): Plugin =>
  (config: Config): Config => {
    if (!abonne) {
      abonne = true
      abonnerDansTransaction({ nom: 'webhooks', types: '*', traiter: webhookTransition })
    }
    const racine: Endpoint[] = config.endpoints ?? []
    const sousWebhooks = racine.filter((e) => e.path.startsWith(`${PREFIXE}/`))
    return {
      ...config,
      endpoints: racine.filter((e) => !sousWebhooks.includes(e)),
      collections: (config.collections ?? []).map((c) =>
        c.slug === 'webhooks'
          ? {
              ...c,
              endpoints: [...deplaces(sousWebhooks), ...(c.endpoints || [])],
            }
          : c,
      ),
      jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), tacheLivrerWebhooks] },
    }
  }
