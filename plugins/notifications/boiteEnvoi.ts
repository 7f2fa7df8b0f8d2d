import crypto from 'node:crypto'
import type { EmailAdapter, Payload, PayloadRequest, SendEmailOptions } from 'payload'
import { META_MODELE, type EmailRendu } from '@/templates/email'
import { texteDepuisHtml } from '@/src/domain/notifications'
import { env } from '@/src/config/env'

export const TACHE_ENVOYER_EMAILS = 'envoyerEmails'

export interface NouvelEmail {
  to: string
  rendu: EmailRendu
  cle: string
  dossier?: string | number | null
  pieceJointe?: string | number | null
  renvoiDe?: string | number | null
}

/**
 * Writes outbox rows — in the caller's transaction when `req` carries one — and queues one
 * send job for them. A row whose key exists already is not written again: a replayed event,
 * a reminder run twice, a double click never produce a second e-mail. Returns the new ids.
 */
export async function ajouterEmails(
  payload: Payload,
  req: PayloadRequest | undefined,
  emails: readonly NouvelEmail[],
  options: { audit?: boolean } = {},
): Promise<(string | number)[]> {
  if (emails.length === 0) return []
  const existants = await payload.find({
    collection: 'emails',
    where: { cle: { in: emails.map((e) => e.cle) } },
    pagination: false,
    depth: 0,
    select: { cle: true },
    overrideAccess: true,
    ...(req ? { req } : {}),
  })
  const deja = new Set(existants.docs.map((d) => (d as { cle?: string }).cle))
  const ids: (string | number)[] = []
  // `context` passed with `req` is merged into req.context: restore the audit flag afterwards so
  // the caller's later writes (same request) stay audited as before.
  const auditAvant = req?.context ? (req.context as Record<string, unknown>).audit : undefined
  try {
    for (const e of emails) {
      if (deja.has(e.cle)) continue
      deja.add(e.cle)
      try {
        const doc = await payload.create({
          collection: 'emails',
          overrideAccess: true,
          depth: 0,
          // The outbox is its own record; only an admin's « renvoyer » is audited (who resent what).
          context: { audit: options.audit ?? false },
          ...(req ? { req } : {}),
          data: {
            to: e.to,
            template: e.rendu.modele,
            subject: e.rendu.sujet,
            html: e.rendu.html,
            text: e.rendu.texte,
            cle: e.cle,
            status: 'queued',
            attempts: 0,
            dossier: (e.dossier ?? null) as never,
            pieceJointe: (e.pieceJointe ?? null) as never,
            renvoiDe: (e.renvoiDe ?? null) as never,
          },
        })
        ids.push(doc.id)
      } catch (err) {
        // Outside a transaction, a concurrent run may have written the same key just before us.
        if (!req?.transactionID && /unique|duplicate|invalid: cle/i.test(String((err as Error)?.message ?? err))) continue
        throw err
      }
    }
  } finally {
    if (req?.context) {
      const c = req.context as Record<string, unknown>
      if (auditAvant === undefined) delete c.audit
      else c.audit = auditAvant
    }
  }
  if (ids.length > 0) {
    await payload.jobs.queue({ task: TACHE_ENVOYER_EMAILS as never, input: { ids } as never, ...(req ? { req } : {}) })
  }
  return ids
}

/** The template id our layout writes in a `<meta>`; `payload` for mails we did not render. */
export function modeleDepuisHtml(html: string): string {
  const m = new RegExp(`<meta name="${META_MODELE}" content="([a-z0-9_]{1,60})">`).exec(html)
  return m?.[1] ?? 'payload'
}

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
