import { createHash } from 'node:crypto'
import type { Payload, SendEmailOptions, TaskConfig } from 'payload'
import { env, type ConfigEmails } from '@/src/config/env'
import { estBaseSql, requeteSql, sql } from '@/src/db/sql'
import { idOf } from '@/src/access/roles'
import type { Email } from '@/src/payload-types'
import { classerEchec, delaiAvantReessai, lireRetryAfter } from '@/src/domain/notifications'
import { contexteEnvoi, type ContexteEnvoi } from './contexte'
import { MESSAGE_SANS_FOURNISSEUR, obtenirFournisseur, type Fournisseur } from './fournisseur'
import { TACHE_ENVOYER_EMAILS } from '@/src/services/emails/boiteEnvoi'
import { lireOctetsDocument as lirePieceJointe } from '@/src/services/fichiersDocuments'

/**
 * The sender. The outbox row is the state of record (status, attempts, next attempt, last
 * error): Payload's job only triggers a pass, which is why a worker killed mid-send loses
 * nothing. One pass, for each due row:
 *  1. claim it with a compare-and-set (`UPDATE … WHERE status = 'queued' AND next attempt due`)
 *     that counts the attempt and pushes the next one back by the backoff delay — two workers
 *     never send the same row at once, and a row whose worker died becomes due again later;
 *  2. send it through the provider with its idempotency key (Resend's `Idempotency-Key`);
 *  3. record `sent` + provider id, or the error: transient (429, 5xx, network) → stays queued
 *     with the next attempt at base × 2^(attempts-1) (or Retry-After); permanent (other 4xx)
 *     or out of attempts → `failed` with the provider's message.
 */

export type IssueEnvoi = 'envoye' | 'reessai' | 'echec' | 'non_du' | 'sans_fournisseur'

const iso = (d: Date): string => d.toISOString()

async function reclamer(payload: Payload, id: string | number, maintenant: Date, config: ConfigEmails): Promise<number | null> {
  if (!estBaseSql(payload)) {
    // MongoDB (untested here): read-then-write, without the single-statement guarantee.
    const doc = await payload.findByID({ collection: 'emails', id, depth: 0, overrideAccess: true })
    if (doc.status !== 'queued' || (doc.prochainEssai && Date.parse(doc.prochainEssai) > maintenant.getTime())) return null
    const tentatives = (doc.attempts ?? 0) + 1
    await payload.update({ collection: 'emails', id, overrideAccess: true, context: { audit: false }, data: { attempts: tentatives, prochainEssai: iso(new Date(maintenant.getTime() + delaiAvantReessai(tentatives, config.delaiReessaiSecondes) * 1000)) } })
    return tentatives
  }
  // The lease (next attempt) is the backoff of this attempt: at least the base delay, during which
  // no other worker takes the row; if this worker dies, the row is retried after it.
  const lignes = await requeteSql<{ attempts: number | string }>(
    payload,
    undefined,
    sql`UPDATE emails SET attempts = COALESCE(attempts, 0) + 1,
          prochain_essai = ${iso(new Date(maintenant.getTime() + Math.max(60, config.delaiReessaiSecondes) * 1000))},
          updated_at = ${iso(maintenant)}
        WHERE id = ${id} AND status = 'queued' AND (prochain_essai IS NULL OR prochain_essai <= ${iso(maintenant)})
        RETURNING attempts`,
  )
  return lignes.length === 1 ? Number(lignes[0]!.attempts) : null
}

async function enregistrer(payload: Payload, id: string | number, champs: Partial<Email>): Promise<void> {
  await payload.update({ collection: 'emails', id, overrideAccess: true, depth: 0, context: { audit: false }, data: champs })
}

function identifiantFournisseur(resultat: unknown): string | null {
  if (resultat && typeof resultat === 'object') {
    const r = resultat as { id?: unknown; messageId?: unknown }
    if (typeof r.id === 'string') return r.id
    if (typeof r.messageId === 'string') return r.messageId
  }
  return null
}

export async function envoyerEmail(payload: Payload, id: string | number, options: { maintenant?: Date; fournisseur?: Fournisseur | null } = {}): Promise<IssueEnvoi> {
  const config = env().emails
  const maintenant = options.maintenant ?? new Date()
  const fournisseur = options.fournisseur !== undefined ? options.fournisseur : await obtenirFournisseur(payload, config)
  if (!fournisseur) {
    const doc = await payload.findByID({ collection: 'emails', id, depth: 0, overrideAccess: true }).catch(() => null)
    if (doc?.status === 'queued' && doc.lastError !== MESSAGE_SANS_FOURNISSEUR) {
      await enregistrer(payload, id, { lastError: MESSAGE_SANS_FOURNISSEUR })
    }
    return 'sans_fournisseur'
  }
  const tentatives = await reclamer(payload, id, maintenant, config)
  if (tentatives === null) return 'non_du'
  const ligne = await payload.findByID({ collection: 'emails', id, depth: 0, overrideAccess: true })
  // Resend accepts keys of 256 characters at most: a long key (long address) is sent hashed.
  const cleLigne = ligne.cle || `email-${String(ligne.id)}`
  const cle = cleLigne.length <= 200 ? cleLigne : `sha256:${createHash('sha256').update(cleLigne).digest('hex')}`
  const ctx: ContexteEnvoi = { cleIdempotence: cle, statutHttp: null, retryAfter: null }
  let pieceJointeEnvoyee: string | null = null
  try {
    const message: SendEmailOptions = {
      from: { name: config.fromName, address: config.fromAddress },
      to: ligne.to,
      subject: ligne.subject,
      html: ligne.html ?? '',
      text: ligne.text ?? '',
      // SMTP has no idempotency key: a stable Message-ID at least lets receivers spot a duplicate.
      ...(fournisseur.type === 'smtp' ? { messageId: `<email-${String(ligne.id)}.${Buffer.from(cle).toString('hex').slice(0, 32)}@monopco>` } : {}),
    }
    const pieceId = idOf(ligne.pieceJointe)
    if (pieceId !== null) {
      const piece = await lirePieceJointe(payload, pieceId)
      if (piece) {
        // Base64 text: JSON-safe for Resend, understood by nodemailer with `encoding`.
        message.attachments = [{ filename: piece.filename, content: piece.content.toString('base64'), encoding: 'base64', contentType: 'application/pdf' }]
        pieceJointeEnvoyee = `${piece.filename}${piece.sha256 ? ` (sha256 ${piece.sha256})` : ''}`
      }
    }
    const resultat = await contexteEnvoi.run(ctx, () => fournisseur.envoyer(message))
    await enregistrer(payload, id, {
      status: 'sent',
      providerId: identifiantFournisseur(resultat),
      fournisseur: fournisseur.type,
      sentAt: iso(new Date()),
      lastError: null,
      prochainEssai: null,
      pieceJointeEnvoyee,
    })
    return 'envoye'
  } catch (err) {
    const e = err as { message?: string; responseCode?: number; status?: number }
    const statutHttp = fournisseur.type === 'resend' ? (ctx.statutHttp ?? null) : null
    const verdict = classerEchec({ statutHttp: statutHttp !== null && statutHttp < 400 ? null : statutHttp, codeSmtp: typeof e.responseCode === 'number' ? e.responseCode : null })
    const message = `${fournisseur.type === 'resend' ? 'Resend' : 'SMTP'}${statutHttp ? ` (HTTP ${statutHttp})` : e.responseCode ? ` (code ${e.responseCode})` : ''} : ${String(e.message ?? err).slice(0, 2000)}`
    const dernier = tentatives >= config.maxTentatives
    if (verdict === 'definitif' || dernier) {
      await enregistrer(payload, id, { status: 'failed', fournisseur: fournisseur.type, lastError: dernier && verdict !== 'definitif' ? `${message} — abandon après ${tentatives} tentatives.` : message, prochainEssai: null })
      return 'echec'
    }
    const delai = delaiAvantReessai(tentatives, config.delaiReessaiSecondes, lireRetryAfter(ctx.retryAfter, maintenant))
    await enregistrer(payload, id, { fournisseur: fournisseur.type, lastError: message, prochainEssai: iso(new Date(maintenant.getTime() + delai * 1000)) })
    return 'reessai'
  }
}

/** One pass of the sender: the given rows, or every due row (oldest first, `limite` at most). */
export async function envoyerEmailsDus(
  payload: Payload,
  options: { ids?: readonly (string | number)[]; maintenant?: Date; limite?: number } = {},
): Promise<Record<IssueEnvoi, number>> {
  const maintenant = options.maintenant ?? new Date()
  const bilan: Record<IssueEnvoi, number> = { envoye: 0, reessai: 0, echec: 0, non_du: 0, sans_fournisseur: 0 }
  const fournisseur = await obtenirFournisseur(payload, env().emails)
  let ids = options.ids
  if (!ids) {
    // Without a provider there is nothing to do: the rows keep waiting, unchanged.
    if (!fournisseur) return bilan
    const dus = await payload.find({
      collection: 'emails',
      where: { and: [{ status: { equals: 'queued' } }, { or: [{ prochainEssai: { exists: false } }, { prochainEssai: { less_than_equal: iso(maintenant) } }] }] },
      sort: 'createdAt',
      limit: options.limite ?? 50,
      depth: 0,
      select: { status: true },
      overrideAccess: true,
    })
    ids = dus.docs.map((d) => d.id)
  }
  for (const id of ids) bilan[await envoyerEmail(payload, id, { maintenant, fournisseur })]++
  return bilan
}

/**
 * The send job: queued with the ids of new rows (in the transaction that wrote them), and
 * scheduled every minute for retries and for rows left queued (worker killed, provider
 * configured later). It never throws for a provider error: the row carries the retry.
 */
export const tacheEnvoyerEmails: TaskConfig = {
  slug: TACHE_ENVOYER_EMAILS,
  label: 'Envoi des e-mails',
  inputSchema: [{ name: 'ids', type: 'json' }],
  schedule: [{ cron: '* * * * *', queue: 'default' }],
  handler: async ({ input, req }) => {
    const ids = (input as { ids?: unknown }).ids
    const liste = Array.isArray(ids) ? ids.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number') : undefined
    const bilan = await envoyerEmailsDus(req.payload, liste ? { ids: liste } : {})
    if (bilan.echec > 0 || bilan.reessai > 0) req.payload.logger.warn({ bilan }, 'Envoi des e-mails : échecs')
    return { output: {} }
  },
}
