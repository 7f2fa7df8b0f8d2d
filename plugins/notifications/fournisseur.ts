import type { EmailAdapter, Payload, SendEmailOptions } from 'payload'
import { resendAdapter } from '@payloadcms/email-resend'
import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import type { ConfigEmails } from '@/src/config/env'
import { installerRoutageResend } from './fetchResend'

/**
 * The real provider the sender delivers through (Payload's own `email` is the outbox adapter):
 * Resend when RESEND_API_KEY is set, SMTP when SMTP_HOST is set, otherwise none — e-mails then
 * stay queued in the outbox, which the admin shows.
 */
export interface Fournisseur {
  type: 'resend' | 'smtp'
  envoyer: (message: SendEmailOptions) => Promise<unknown>
}

export const MESSAGE_SANS_FOURNISSEUR =
  'Aucun fournisseur d’e-mail configuré (RESEND_API_KEY ou SMTP_HOST) : l’e-mail reste dans la boîte d’envoi et partira dès qu’un fournisseur sera configuré.'

const caches = new WeakMap<Payload, Promise<Fournisseur | null>>()

export function obtenirFournisseur(payload: Payload, config: ConfigEmails): Promise<Fournisseur | null> {
  let f = caches.get(payload)
  if (!f) {
    f = creer(payload, config)
    caches.set(payload, f)
  }
  return f
}

async function creer(payload: Payload, config: ConfigEmails): Promise<Fournisseur | null> {
  const f = config.fournisseur
  const defauts = { defaultFromAddress: config.fromAddress, defaultFromName: config.fromName }
  let adapter: EmailAdapter
  if (f.type === 'resend') {
    installerRoutageResend(f.baseUrl)
    adapter = resendAdapter({ apiKey: f.apiKey, ...defauts })
  } else if (f.type === 'smtp') {
    adapter = await nodemailerAdapter({
      ...defauts,
      // Checked at the first send, not at start-up: a mail server down must not stop the app.
      skipVerify: true,
      transportOptions: {
        host: f.host,
        port: f.port,
        secure: f.secure,
        ...(f.user && f.password ? { auth: { user: f.user, pass: f.password } } : {}),
        connectionTimeout: 20_000,
        greetingTimeout: 20_000,
        socketTimeout: 60_000,
      },
    })
  } else return null
  const instance = adapter({ payload })
  return { type: f.type, envoyer: (message) => instance.sendEmail(message) }
}
