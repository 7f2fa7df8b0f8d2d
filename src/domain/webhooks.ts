/**
 * Webhooks for integrators (issue 19, item 5): the rules that do not need the network.
 * - what URL an admin may register (SSRF: never loopback, private, link-local or reserved
 *   ranges; `https` only in production; no credentials in the URL);
 * - the signature of a delivery: HMAC-SHA256 over `<timestamp>.<body>`, sent as
 *   `X-MonOPCO-Signature: t=<unix seconds>,v1=<hex>`, so that a receiver can refuse a replay
 *   (old timestamp) and a forgery (wrong HMAC) with the secret it shares with us.
 * The delivery itself must check the ADDRESSES the host name resolves to with
 * {@link adresseInterdite} at connection time: a public name can point at 127.0.0.1.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { BlockList, isIP } from 'node:net'

export const EVENEMENTS_WEBHOOK = ['dossier.transition', 'document.generated', 'invoice.issued', 'payment.recorded'] as const
export type EvenementWebhook = (typeof EVENEMENTS_WEBHOOK)[number]

export const ENTETE_SIGNATURE = 'X-MonOPCO-Signature'
/** A receiver should refuse a signature older than this (seconds). */
export const TOLERANCE_SIGNATURE_S = 300

const INTERDITES = new BlockList()
for (const [reseau, prefixe] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) INTERDITES.addSubnet(reseau, prefixe, 'ipv4')
for (const [reseau, prefixe] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['2001:db8::', 32], ['100::', 64],
] as const) INTERDITES.addSubnet(reseau, prefixe, 'ipv6')

/** An IPv4 address carried inside an IPv6 one (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`), else null. */
function ipv4Embarquee(ipv6: string): string | null {
  const reste = /^(?:::ffff:(?:0:)?|64:ff9b::)(.+)$/i.exec(ipv6)?.[1]
  if (reste === undefined) return null
  if (isIP(reste) === 4) return reste
  const [, haut, bas] = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(reste) ?? []
  if (haut === undefined || bas === undefined) return null
  const n = (parseInt(haut, 16) << 16) | parseInt(bas, 16)
  return [24, 16, 8, 0].map((d) => (n >>> d) & 255).join('.')
}

/** True for an address a webhook must never reach (also for anything that is not an IP address). */
export function adresseInterdite(ip: string): boolean {
  const sansCrochets = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  const version = isIP(sansCrochets)
  if (version === 4) return INTERDITES.check(sansCrochets, 'ipv4')
  if (version === 6) {
    const v4 = ipv4Embarquee(sansCrochets.toLowerCase())
    if (v4 !== null) return INTERDITES.check(v4, 'ipv4')
    return INTERDITES.check(sansCrochets, 'ipv6')
  }
  return true
}

export type ResultatUrl = { ok: true; url: URL } | { ok: false; erreur: string }

/** Whether an admin may register this URL. `production`: only https. */
export function verifierUrlWebhook(brute: unknown, { production }: { production: boolean }): ResultatUrl {
  if (typeof brute !== 'string' || brute.trim() === '') return { ok: false, erreur: 'L’adresse du webhook est obligatoire.' }
  if (brute.length > 2000) return { ok: false, erreur: 'L’adresse du webhook est trop longue (2 000 caractères au plus).' }
  let url: URL
  try {
    url = new URL(brute.trim())
  } catch {
    return { ok: false, erreur: 'L’adresse du webhook n’est pas une URL valide.' }
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !production)) {
    return { ok: false, erreur: production ? 'Seules les adresses https:// sont acceptées.' : 'Seules les adresses http:// ou https:// sont acceptées.' }
  }
  if (url.username || url.password) return { ok: false, erreur: 'L’adresse du webhook ne doit pas contenir d’identifiants : utilisez le secret.' }
  const hote = url.hostname.toLowerCase().replace(/\.$/, '')
  const estIp = isIP(hote.replace(/^\[|\]$/g, '')) !== 0
  if (production) {
    if (estIp ? adresseInterdite(hote) : hote === 'localhost' || hote.endsWith('.localhost') || hote.endsWith('.local') || hote.endsWith('.internal') || !hote.includes('.')) {
      return { ok: false, erreur: 'Cette adresse désigne un réseau local ou privé : un webhook doit viser un serveur public.' }
    }
  }
  return { ok: true, url }
}

/** `t=<seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` */
export function signerLivraison(secret: string, horodatageS: number, corps: string): string {
  const hmac = createHmac('sha256', secret).update(`${horodatageS}.${corps}`).digest('hex')
  return `t=${horodatageS},v1=${hmac}`
}

/** What a receiver does (and our tests): a valid, recent signature of exactly this body. */
export function verifierSignature(secret: string, entete: string, corps: string, maintenantS: number, toleranceS = TOLERANCE_SIGNATURE_S): boolean {
  const [, horodatage, hmac] = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(entete.trim()) ?? []
  if (horodatage === undefined || hmac === undefined) return false
  const t = Number(horodatage)
  if (Math.abs(maintenantS - t) > toleranceS) return false
  const attendu = Buffer.from(signerLivraison(secret, t, corps).slice(`t=${t},v1=`.length), 'hex')
  return timingSafeEqual(attendu, Buffer.from(hmac, 'hex'))
}

/**
 * Attempts before a delivery is marked « échec » (then « Rejouer » in the admin). The delays
 * between attempts and which answers are worth retrying are the outbox's
 * (`delaiAvantReessai`, `classerEchec` in ./notifications/envoi): one policy for both.
 */
export const TENTATIVES_MAX_WEBHOOK = 6

/** Statuses of a delivery (collection `livraisons-webhooks`). */
export const STATUTS_LIVRAISON_WEBHOOK = [
  { value: 'en_attente', label: 'En attente' },
  { value: 'livre', label: 'Livré' },
  { value: 'echec', label: 'Échec' },
] as const
export type StatutLivraisonWebhook = (typeof STATUTS_LIVRAISON_WEBHOOK)[number]['value']

export const LIBELLES_EVENEMENT_WEBHOOK: Record<EvenementWebhook, string> = {
  'dossier.transition': 'Dossier : changement de statut',
  'document.generated': 'Document généré',
  'invoice.issued': 'Facture ou avoir émis',
  'payment.recorded': 'Paiement enregistré',
}

/** What a receiver gets: the same JSON for every attempt (the signature is over these bytes). */
export interface CorpsLivraison {
  /** The event's id: the same for every webhook and every attempt (idempotency on the receiver's side). */
  id: string
  evenement: EvenementWebhook
  /** ISO 8601. */
  cree_le: string
  donnees: Record<string, string | number | boolean | null>
}

export function corpsLivraison(c: CorpsLivraison): string {
  return JSON.stringify({ id: c.id, evenement: c.evenement, cree_le: c.cree_le, donnees: c.donnees })
}

/** Idempotency key of one delivery: one row per (webhook, event), whatever replays the event. */
export const cleLivraison = (webhook: string | number, idEvenement: string): string => `${String(webhook)}:${idEvenement}`
