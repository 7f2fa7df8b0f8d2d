import type { Config, Plugin } from 'payload'
import { abonnerDansTransaction } from '@/src/jobs/evenements'
import { webhookTransition } from '@/src/services/evenementsWebhooks'
import { tacheLivrerWebhooks } from '@/src/services/webhooks'

let abonne = false

/**
 * Webhooks for integrators: the delivery job, and the dossier transitions' subscriber (in the
 * transition's transaction, like the e-mails). The other events are emitted where they happen
 * (invoice issue, payment hook, document generation: src/services/evenementsWebhooks.ts); the
 * collections `webhooks` and `livraisons-webhooks` are in payload.config.ts, so that the audit
 * plugin sees them.
 */
export const webhooksPlugin =
  (): Plugin =>
  (config: Config): Config => {
    if (!abonne) {
      abonne = true
      abonnerDansTransaction({ nom: 'webhooks', types: '*', traiter: webhookTransition })
    }
    return { ...config, jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), tacheLivrerWebhooks] } }
  }
