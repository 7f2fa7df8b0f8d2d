import crypto from 'node:crypto'
import type { EmailAdapter, SendEmailOptions } from 'payload'
import { texteDepuisHtml } from '@/src/domain/notifications'
import { env } from '@/src/config/env'
import { ajouterEmails, modeleDepuisHtml } from '@/src/services/emails/boiteEnvoi'

const premiereAdresse = (to: SendEmailOptions['to']): string | null => {
  const v = Array.isArray(to) ? to[0] : to
  if (!v) return null
  return typeof v === 'string' ? v : v.address
}

/**
 * Payload's own e-mails (password reset, anything a plugin sends with payload.sendEmail) go to
 * the outbox too: this adapter records them as queued rows; the sender job delivers them through
 * the real provider like every other notification.
 */
export const adaptateurBoiteEnvoi: EmailAdapter = ({ payload }) => {
  const config = env().emails
  return {
    name: 'boite-envoi-monopco',
    defaultFromAddress: config.fromAddress,
    defaultFromName: config.fromName,
    sendEmail: async (message: SendEmailOptions) => {
      const to = premiereAdresse(message.to)
      if (!to) throw new Error('E-mail sans destinataire.')
      const html = typeof message.html === 'string' ? message.html : String(message.html ?? '')
      const texte = typeof message.text === 'string' && message.text !== '' ? message.text : texteDepuisHtml(html)
      const modele = modeleDepuisHtml(html)
      const ids = await ajouterEmails(payload, undefined, [
        { to, cle: `${modele}:${crypto.randomUUID()}`, rendu: { modele, sujet: String(message.subject ?? '(sans objet)'), html, texte } },
      ])
      return { id: ids[0] }
    },
  }
}
