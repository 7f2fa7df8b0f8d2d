import type { Config, Plugin } from 'payload'
import { abonnerNotifications } from './abonnes'
import { adaptateurBoiteEnvoi } from './adaptateur'
import { tacheEnvoyerEmails } from './envoi'
import { tacheRelances } from './relances'
import { endpointWebhookResend } from './webhook'

export { adaptateurBoiteEnvoi } from './adaptateur'
export { envoyerEmail, envoyerEmailsDus, tacheEnvoyerEmails } from './envoi'
export { executerRelances, TACHE_RELANCES } from './relances'
export { MESSAGE_SANS_FOURNISSEUR } from './fournisseur'

/**
 * Notifications: the outbox as Payload's `email` adapter, the send and reminder jobs, the
 * workflow subscriber (in the transition's transaction), the Resend webhook. The outbox rows
 * themselves are written by src/services/emails (welcome, message, attachment-request and account
 * e-mails come from those collections' own hooks). README « E-mails » explains the whole.
 */
export const notificationsPlugin =
  (): Plugin =>
  (config: Config): Config => {
    abonnerNotifications()
    return {
      ...config,
      email: adaptateurBoiteEnvoi,
      endpoints: [...(config.endpoints ?? []), endpointWebhookResend],
      jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), tacheEnvoyerEmails, tacheRelances()] },
    }
  }
