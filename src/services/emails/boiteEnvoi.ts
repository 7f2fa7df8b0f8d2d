import type { Payload, PayloadRequest } from 'payload'
import { META_MODELE, type EmailRendu } from '@/templates/email'
import { estModeleConfidentiel, type StatutEmail } from '@/src/domain/notifications'
import { mettreEnFile } from '@/src/services/taches'

/** The send task's slug (plugins/notifications defines the task; writing a row queues it). */
export const TACHE_ENVOYER_EMAILS = 'envoyerEmails'

export interface NouvelEmail {
  to: string
  rendu: EmailRendu
  cle: string
  dossier?: number | null
  pieceJointe?: number | null
  renvoiDe?: number | null
}

const STATUT_INITIAL: StatutEmail = 'queued'

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
): Promise<number[]> {
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
  const deja = new Set(existants.docs.map((d) => d.cle))
  const ids: number[] = []
  // `context` passed with `req` is merged into req.context: restore the audit flag afterwards so
  // the caller's later writes (same request) stay audited as before.
  const auditAvant: unknown = req?.context ? req.context.audit : undefined
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
            // A personal link or code: content unreadable through the API and the admin (collections/emails).
            confidentiel: estModeleConfidentiel(e.rendu.modele),
            cle: e.cle,
            status: STATUT_INITIAL,
            attempts: 0,
            dossier: e.dossier ?? null,
            pieceJointe: e.pieceJointe ?? null,
            renvoiDe: e.renvoiDe ?? null,
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
      if (auditAvant === undefined) delete req.context.audit
      else req.context.audit = auditAvant
    }
  }
  if (ids.length > 0) {
    await mettreEnFile(payload, req, { task: TACHE_ENVOYER_EMAILS, input: { ids } })
  }
  return ids
}

/** The template id our layout writes in a `<meta>`; `payload` for mails we did not render. */
export function modeleDepuisHtml(html: string): string {
  const m = new RegExp(`<meta name="${META_MODELE}" content="([a-z0-9_]{1,60})">`).exec(html)
  return m?.[1] ?? 'payload'
}
