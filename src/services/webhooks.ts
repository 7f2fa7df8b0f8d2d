import dns, { type LookupAddress } from 'node:dns'
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import type { Payload, PayloadRequest, TaskConfig } from 'payload'
import { estAdmin, idOf } from '@/src/access/roles'
import { env } from '@/src/config/env'
import { estBaseSql, requeteSql, sql } from '@/src/db/sql'
import { ErreurMetier } from '@/src/domain/erreurs'
import { classerEchec, delaiAvantReessai } from '@/src/domain/notifications/envoi'
import type { ObjetJson } from '@/src/domain/valeursChamps'
import {
  adresseInterdite,
  cleLivraison,
  corpsLivraison,
  ENTETE_SIGNATURE,
  signerLivraison,
  TENTATIVES_MAX_WEBHOOK,
  verifierUrlWebhook,
  type CorpsLivraison,
  type EvenementWebhook,
} from '@/src/domain/webhooks'
import type { LivraisonsWebhook } from '@/src/payload-types'
import { mettreEnFile } from '@/src/services/taches'

/**
 * Webhooks for integrators (issue 19, item 5; docs/guide-integration.md « Webhooks »).
 *
 * Emission: `emettreEvenementWebhook` writes one delivery row per active webhook subscribed to
 * the event, in the transaction of what caused it (a rolled-back transition leaves no delivery),
 * keyed (webhook, event id) so a replayed event never adds a second row, and queues the
 * `livrerWebhooks` job. Delivery: the row is the state of record, like the e-mail outbox —
 * claimed by a compare-and-set that counts the attempt, sent, then `livre` (2xx) or retried with
 * the outbox's backoff (`delaiAvantReessai`, `classerEchec`) until TENTATIVES_MAX_WEBHOOK, then
 * `echec`, visible in the admin list, where « Rejouer » puts it back in the queue.
 *
 * SSRF: in production the URL must be https and not name a local network, and the addresses the
 * host name resolves to are checked in the socket's own `lookup` — the address checked is the
 * one connected to, so a name that changes its answer between a check and the connection
 * (DNS rebinding) cannot slip through. Redirects are never followed (a 3xx is a failed attempt).
 */

export const TACHE_LIVRER_WEBHOOKS = 'livrerWebhooks'
/** Whole request, connection to last byte of the answer. */
export const DELAI_LIVRAISON_MS = 10_000
/** First retry after 30 s, then 1, 2, 4, 8 min: six attempts spread over about a quarter of an hour. */
export const DELAI_REESSAI_WEBHOOK_S = 30
const TAILLE_MAX_REPONSE = 2048

type Id = number | string
const iso = (d: Date): string => d.toISOString()

export interface EvenementAEmettre {
  /** Stable id of the event (same replayed event → same id → no second delivery). */
  id: string
  evenement: EvenementWebhook
  donnees: CorpsLivraison['donnees']
  cree_le?: string
}

/** Writes the delivery rows of an event — in the caller's transaction — and queues their delivery. */
export async function emettreEvenementWebhook(req: PayloadRequest, e: EvenementAEmettre): Promise<number[]> {
  const { payload } = req
  const abonnes = await payload.find({ collection: 'webhooks', where: { actif: { equals: true } }, pagination: false, depth: 0, overrideAccess: true, req, select: { evenements: true } })
  const cibles = abonnes.docs.filter((w) => (w.evenements ?? []).includes(e.evenement))
  if (cibles.length === 0) return []
  const cles = cibles.map((w) => cleLivraison(w.id, e.id))
  const existants = await payload.find({ collection: 'livraisons-webhooks', where: { cle: { in: cles } }, pagination: false, depth: 0, overrideAccess: true, req, select: { cle: true } })
  const deja = new Set(existants.docs.map((d) => d.cle))
  const corps = corpsLivraison({ id: e.id, evenement: e.evenement, cree_le: e.cree_le ?? iso(new Date()), donnees: e.donnees })
  const ids: number[] = []
  // `context` on a call merges into req.context: put the caller's audit flag back afterwards.
  const auditAvant: unknown = req.context ? req.context.audit : undefined
  try {
    for (const w of cibles) {
      const cle = cleLivraison(w.id, e.id)
      if (deja.has(cle)) continue
      try {
        const doc = await payload.create({
          collection: 'livraisons-webhooks',
          data: { webhook: w.id, evenement: e.evenement, idEvenement: e.id, cle, statut: 'en_attente', tentatives: 0, corps },
          overrideAccess: true,
          depth: 0,
          req,
          // The log of deliveries is its own journal: an audit entry per row would double it.
          context: { audit: false },
        })
        ids.push(doc.id)
      } catch (err) {
        // Without a transaction (SQLite), a concurrent replay may have written it first: fine.
        if (!req.transactionID && /unique|duplicate|invalid: cle/i.test(String((err as Error)?.message ?? err))) continue
        throw err
      }
    }
  } finally {
    if (req.context) {
      if (auditAvant === undefined) delete req.context.audit
      else req.context.audit = auditAvant
    }
  }
  if (ids.length > 0) await mettreEnFile(payload, req, { task: TACHE_LIVRER_WEBHOOKS as never, input: { ids } as never })
  return ids
}

// ---------------------------------------------------------------------------------------------
// Delivery

export class AdresseInterditeError extends Error {
  readonly code = 'EADRESSEINTERDITE'
}

/**
 * The socket's DNS lookup: every address of the name, refused if one is local or private
 * (production). Checking all of them, not only the one used, keeps a name with a public and a
 * private address out too.
 */
export function lookupVerifie(production: boolean): LookupFunction {
  return (hote, options, rappel) => {
    dns.lookup(hote, { ...options, all: true }, (err, adresses) => {
      if (err) return (rappel as (e: Error) => void)(err)
      const liste = adresses as unknown as LookupAddress[]
      const interdite = production ? liste.find((a) => adresseInterdite(a.address)) : undefined
      if (interdite || liste.length === 0) {
        const e = new AdresseInterditeError(
          liste.length === 0 ? `« ${hote} » ne se résout en aucune adresse.` : `« ${hote} » désigne une adresse locale ou privée (${interdite!.address}) : livraison refusée.`,
        )
        return (rappel as (e: Error) => void)(e)
      }
      if (options.all) return (rappel as (e: null, a: LookupAddress[]) => void)(null, liste)
      return (rappel as (e: null, a: string, f: number) => void)(null, liste[0]!.address, liste[0]!.family)
    })
  }
}

export interface ReponseLivraison {
  statut: number
  extrait: string
}

/** One POST, no redirect followed, 10 s for everything, the answer's first bytes kept for the log. */
export function posterWebhook(url: URL, corps: string, entetes: Record<string, string>, { production }: { production: boolean }): Promise<ReponseLivraison> {
  const module = url.protocol === 'https:' ? https : http
  return new Promise((resoudre, rejeter) => {
    const requete = module.request(
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(corps)), 'User-Agent': 'MonOPCO-Webhooks/1', ...entetes },
        lookup: lookupVerifie(production),
        // A fresh connection per delivery: a pooled socket would skip the address check.
        agent: false,
        signal: AbortSignal.timeout(DELAI_LIVRAISON_MS),
      },
      (reponse: IncomingMessage) => {
        const morceaux: Buffer[] = []
        let taille = 0
        reponse.on('data', (m: Buffer) => {
          if (taille < TAILLE_MAX_REPONSE) morceaux.push(m)
          taille += m.length
        })
        reponse.on('end', () => resoudre({ statut: reponse.statusCode ?? 0, extrait: Buffer.concat(morceaux).toString('utf8').slice(0, TAILLE_MAX_REPONSE) }))
        reponse.on('error', rejeter)
      },
    )
    requete.on('error', rejeter)
    requete.end(corps)
  })
}

export type IssueLivraison = 'livre' | 'reessai' | 'echec' | 'non_du'

async function reclamer(payload: Payload, id: Id, maintenant: Date): Promise<number | null> {
  // The lease is the backoff of this attempt: no other worker takes the row meanwhile, and a row
  // whose worker died is retried after it.
  const bail = iso(new Date(maintenant.getTime() + Math.max(60, DELAI_LIVRAISON_MS / 1000 + 5) * 1000))
  if (!estBaseSql(payload)) {
    const doc = await payload.findByID({ collection: 'livraisons-webhooks', id, depth: 0, overrideAccess: true })
    if (doc.statut !== 'en_attente' || (doc.prochainEssai && Date.parse(doc.prochainEssai) > maintenant.getTime())) return null
    const tentatives = (doc.tentatives ?? 0) + 1
    await payload.update({ collection: 'livraisons-webhooks', id, overrideAccess: true, context: { audit: false }, data: { tentatives, prochainEssai: bail } })
    return tentatives
  }
  const lignes = await requeteSql<{ tentatives: number | string }>(
    payload,
    undefined,
    sql`UPDATE livraisons_webhooks SET tentatives = COALESCE(tentatives, 0) + 1, prochain_essai = ${bail}, updated_at = ${iso(maintenant)}
        WHERE id = ${id} AND statut = 'en_attente' AND (prochain_essai IS NULL OR prochain_essai <= ${iso(maintenant)})
        RETURNING tentatives`,
  )
  return lignes.length === 1 ? Number(lignes[0]!.tentatives) : null
}

async function enregistrer(payload: Payload, id: Id, champs: Partial<LivraisonsWebhook>): Promise<void> {
  await payload.update({ collection: 'livraisons-webhooks', id, overrideAccess: true, depth: 0, context: { audit: false }, data: champs })
}

export interface OptionsLivraison {
  /** The clock of the backoff (tests jump forward instead of waiting). */
  maintenant?: Date
  /** Default: NODE_ENV=production. */
  production?: boolean
}

/** One attempt at delivery row `id`, if it is due. */
export async function livrerWebhook(payload: Payload, id: Id, options: OptionsLivraison = {}): Promise<IssueLivraison> {
  const maintenant = options.maintenant ?? new Date()
  const production = options.production ?? env().production
  const tentatives = await reclamer(payload, id, maintenant)
  if (tentatives === null) return 'non_du'
  const ligne = await payload.findByID({ collection: 'livraisons-webhooks', id, depth: 0, overrideAccess: true })
  const webhookId = idOf(ligne.webhook)
  const webhook = webhookId === null ? null : await payload.findByID({ collection: 'webhooks', id: webhookId, depth: 0, overrideAccess: true, disableErrors: true })
  if (!webhook || webhook.actif === false) {
    await enregistrer(payload, id, { statut: 'echec', prochainEssai: null, derniereErreur: webhook ? 'Webhook désactivé : livraison abandonnée.' : 'Webhook supprimé : livraison abandonnée.' })
    return 'echec'
  }
  let statutHttp: number | null = null
  let message: string
  let definitif = false
  const url = verifierUrlWebhook(webhook.url, { production })
  if (!url.ok) {
    message = url.erreur
    definitif = true
  } else {
    try {
      const r = await posterWebhook(
        url.url,
        ligne.corps,
        {
          [ENTETE_SIGNATURE]: signerLivraison(webhook.secret ?? '', Math.floor(Date.now() / 1000), ligne.corps),
          'X-MonOPCO-Evenement': ligne.evenement,
          'Idempotency-Key': ligne.cle,
        },
        { production },
      )
      statutHttp = r.statut
      if (r.statut >= 200 && r.statut < 300) {
        await enregistrer(payload, id, { statut: 'livre', dernierCodeHttp: r.statut, derniereErreur: null, prochainEssai: null, livreLe: iso(new Date()) })
        return 'livre'
      }
      message = `HTTP ${r.statut}${r.statut >= 300 && r.statut < 400 ? ' (redirection non suivie)' : ''}${r.extrait ? ` : ${r.extrait.slice(0, 500)}` : ''}`
    } catch (err) {
      const e = err as Error & { code?: string }
      definitif = err instanceof AdresseInterditeError
      message = e.name === 'TimeoutError' || e.name === 'AbortError' ? `Pas de réponse en ${DELAI_LIVRAISON_MS / 1000} s.` : `${e.code ? `${e.code} : ` : ''}${e.message}`
    }
  }
  const dernier = tentatives >= TENTATIVES_MAX_WEBHOOK
  if (definitif || dernier || classerEchec({ statutHttp }) === 'definitif') {
    await enregistrer(payload, id, {
      statut: 'echec',
      dernierCodeHttp: statutHttp,
      prochainEssai: null,
      derniereErreur: (dernier ? `${message} — abandon après ${tentatives} tentatives.` : message).slice(0, 2000),
    })
    return 'echec'
  }
  const delai = delaiAvantReessai(tentatives, DELAI_REESSAI_WEBHOOK_S)
  await enregistrer(payload, id, { dernierCodeHttp: statutHttp, derniereErreur: message.slice(0, 2000), prochainEssai: iso(new Date(maintenant.getTime() + delai * 1000)) })
  return 'reessai'
}

/** One pass: the given rows, or every due row (oldest first, `limite` at most). */
export async function livrerWebhooksDus(payload: Payload, options: OptionsLivraison & { ids?: readonly Id[]; limite?: number } = {}): Promise<Record<IssueLivraison, number>> {
  const maintenant = options.maintenant ?? new Date()
  const bilan: Record<IssueLivraison, number> = { livre: 0, reessai: 0, echec: 0, non_du: 0 }
  let ids = options.ids
  if (!ids) {
    const dus = await payload.find({
      collection: 'livraisons-webhooks',
      where: { and: [{ statut: { equals: 'en_attente' } }, { or: [{ prochainEssai: { exists: false } }, { prochainEssai: { less_than_equal: iso(maintenant) } }] }] },
      sort: 'createdAt',
      limit: options.limite ?? 50,
      depth: 0,
      select: { statut: true },
      overrideAccess: true,
    })
    ids = dus.docs.map((d) => d.id)
  }
  for (const id of ids) bilan[await livrerWebhook(payload, id, { ...options, maintenant })]++
  return bilan
}

/**
 * The delivery job: queued with the new rows' ids (in the transaction that wrote them) and
 * scheduled every minute for the retries. A receiver's error never makes it throw: the row
 * carries the retry.
 */
export const tacheLivrerWebhooks: TaskConfig = {
  slug: TACHE_LIVRER_WEBHOOKS,
  label: 'Livraison des webhooks',
  inputSchema: [{ name: 'ids', type: 'json' }],
  schedule: [{ cron: '* * * * *', queue: 'default' }],
  handler: async ({ input, req }) => {
    const ids = (input as { ids?: unknown }).ids
    const liste = Array.isArray(ids) ? ids.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number') : undefined
    const bilan = await livrerWebhooksDus(req.payload, liste ? { ids: liste } : {})
    if (bilan.echec > 0 || bilan.reessai > 0) req.payload.logger.warn({ bilan }, 'Livraison des webhooks : échecs')
    return { output: {} }
  },
}

// ---------------------------------------------------------------------------------------------
// « Rejouer »

const ID = /^\d{1,15}$/

/**
 * « Rejouer » — admins only: the same row (same event id, same body, same Idempotency-Key, so a
 * receiver that already has it can tell) goes back to the queue with its attempts reset, and is
 * delivered by the next job. Audited (the update is written with the admin's request). A row
 * still in the queue is refused: it will leave anyway.
 */
export async function rejouerLivraison(req: PayloadRequest, idBrut: unknown, corps: ObjetJson): Promise<{ id: number }> {
  if (!estAdmin(req.user)) throw new ErreurMetier('Seule l’équipe MonOPCO peut rejouer une livraison de webhook.', 403)
  if ((typeof idBrut !== 'string' && typeof idBrut !== 'number') || !ID.test(String(idBrut))) throw new ErreurMetier('Identifiant de livraison invalide.', 400)
  const inconnus = Object.keys(corps)
  if (inconnus.length > 0) throw new ErreurMetier(`Champs non autorisés : ${inconnus.join(', ')}.`, 400)
  const ligne = await req.payload.findByID({ collection: 'livraisons-webhooks', id: Number(idBrut), depth: 0, overrideAccess: true, disableErrors: true })
  if (!ligne) throw new ErreurMetier('Livraison introuvable.', 404)
  if (ligne.statut === 'en_attente') throw new ErreurMetier('Cette livraison est encore dans la file d’attente : elle partira sans être rejouée.', 409)
  await req.payload.update({
    collection: 'livraisons-webhooks',
    id: ligne.id,
    data: { statut: 'en_attente', tentatives: 0, prochainEssai: null, derniereErreur: null },
    overrideAccess: true,
    depth: 0,
    req,
  })
  await mettreEnFile(req.payload, req, { task: TACHE_LIVRER_WEBHOOKS as never, input: { ids: [ligne.id] } as never })
  return { id: ligne.id }
}
