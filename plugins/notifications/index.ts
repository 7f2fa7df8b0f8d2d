import type { CollectionConfig, Config, Plugin } from 'payload'
import { abonnerNotifications, htmlReinitialisation, notifierBienvenue, notifierMessage } from './abonnes'
import { adaptateurBoiteEnvoi } from './boiteEnvoi'
import { tacheEnvoyerEmails } from './envoi'
import { tacheRelances } from './relances'
import { endpointWebhookResend } from './webhook'
import { notifierRattachement } from './rattachements'

export { ajouterEmails, adaptateurBoiteEnvoi, TACHE_ENVOYER_EMAILS } from './boiteEnvoi'
export { envoyerEmail, envoyerEmailsDus, tacheEnvoyerEmails } from './envoi'
export { executerRelances, TACHE_RELANCES } from './relances'
export { MESSAGE_SANS_FOURNISSEUR } from './fournisseur'

const avecHook = (c: CollectionConfig, hook: NonNullable<NonNullable<CollectionConfig['hooks']>['afterChange']>[number]): CollectionConfig => ({
  ...c,
  hooks: { ...c.hooks, afterChange: [...(c.hooks?.afterChange ?? []), hook] },
})

function utilisateurs(c: CollectionConfig): CollectionConfig {
  const auth = typeof c.auth === 'object' ? c.auth : {}
  const forgot = typeof auth.forgotPassword === 'object' ? auth.forgotPassword : {}
  const validiteMinutes = Math.round((forgot.expiration ?? 3600 * 1000) / 60_000)
  return {
    ...avecHook(c, notifierBienvenue),
    auth: {
      ...auth,
      forgotPassword: {
        ...forgot,
        generateEmailSubject: () => 'Réinitialisation de votre mot de passe MonOPCO',
        generateEmailHTML: (args) => htmlReinitialisation(String(args?.token ?? ''), validiteMinutes, (args?.user as { role?: unknown } | undefined)?.role),
      },
    },
    fields: [
      ...c.fields,
      {
        name: 'recevoirRelances',
        label: 'Recevoir les rappels',
        type: 'checkbox',
        defaultValue: true,
        admin: {
          position: 'sidebar',
          description: 'Rappels par e-mail (pièces attendues, OPCO sans réponse…). Le rappel « la formation commence bientôt et le dossier n’est pas envoyé » part toujours.',
        },
      },
    ],
  }
}

/**
 * Notifications: the outbox as Payload's `email` adapter, the send and reminder jobs, the
 * workflow subscriber (in the transition's transaction), welcome, message and attachment-request
 * e-mails, the users' reminder opt-out, the Resend webhook. README « E-mails » explains the whole.
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
      collections: (config.collections ?? []).map((c) =>
        c.slug === 'users' ? utilisateurs(c) : c.slug === 'messages' ? avecHook(c, notifierMessage) : c.slug === 'rattachements' ? avecHook(c, notifierRattachement) : c,
      ),
    }
  }
