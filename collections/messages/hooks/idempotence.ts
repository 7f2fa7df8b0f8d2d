import crypto from 'node:crypto'
import { APIError, ValidationError, type CollectionAfterErrorHook, type CollectionBeforeOperationHook, type PayloadRequest } from 'payload'
import { estAdmin, idOf } from '@/src/access/roles'
import { ERREUR_TRAITEE } from '@/hooks/erreurs'
import { RequeteInvalideError } from '@/src/endpoints/http'
import type { Message } from '@/src/payload-types'

/**
 * `Idempotency-Key` on POST /api/messages: a retried or doubled request makes one message. The
 * key belongs to the message's author (unique index author + key); the request's fingerprint
 * (dossier + body) tells a retry (200 with the first message) from a reuse of the key for another
 * message (422, as in the IETF Idempotency-Key draft). Same two lines as payments: a check
 * before the create, then the unique index for requests racing past it, answered in afterError.
 */
export const CHAMPS_IDEMPOTENCE = ['cleIdempotence', 'empreinteRequete'] as const

const CLE_VALIDE = /^[\x21-\x7e]{1,200}$/

/** What a create request sends (the body as Payload received it). */
type Donnees = Partial<Message>

export class MessageDejaEnregistre extends APIError {
  constructor(public readonly message_: Message) {
    super('Message déjà enregistré avec cette clé d’idempotence : aucun second message.', 409, { messageExistant: message_.id }, true)
    this.name = 'MessageDejaEnregistre'
  }
}

const MESSAGE_CLE_REUTILISEE = 'Cette clé d’idempotence a déjà servi pour un autre message : choisissez une nouvelle clé pour un nouveau message.'

const trier = (v: unknown): unknown =>
  // Any JSON value (a message body as sent): keys sorted at every depth.
  Array.isArray(v) ? v.map(trier) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, trier((v as Record<string, unknown>)[k])])) : v

const empreinte = (data: Donnees): string =>
  crypto.createHash('sha256').update(JSON.stringify(trier({ dossier: String(idOf(data.dossier) ?? ''), body: data.body ?? null }))).digest('hex')

/** The author the message will have (messages' beforeValidate sets it the same way). */
const auteur = (req: PayloadRequest, data: Donnees): number | null =>
  estAdmin(req.user) && idOf(data.author) !== null ? idOf(data.author) : (req.user?.id ?? null)

async function existant(req: PayloadRequest, author: number, cle: string, transaction: boolean): Promise<Message | null> {
  const r = await req.payload.find({
    collection: 'messages',
    where: { and: [{ author: { equals: author } }, { cleIdempotence: { equals: cle } }] },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    ...(transaction ? { req } : {}),
  })
  return r.docs[0] ?? null
}

export const verifierIdempotence: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update' && operation !== 'updateByID') return args
  const a = args as { data?: Donnees; overrideAccess?: boolean }
  // Written by the server from the header only.
  const fournis = CHAMPS_IDEMPOTENCE.filter((c) => a.data && c in a.data)
  if (fournis.length > 0 && a.overrideAccess !== true) {
    throw new APIError(`Vous n'avez pas le droit de modifier : ${fournis.join(', ')} (utilisez l'en-tête Idempotency-Key).`, 403, { champs: fournis }, true)
  }
  if (operation !== 'create' || req.payloadAPI !== 'REST' || !a.data) return args
  const cle = req.headers.get('idempotency-key')
  if (cle === null) return args
  if (!CLE_VALIDE.test(cle)) throw new RequeteInvalideError('En-tête Idempotency-Key invalide : de 1 à 200 caractères ASCII visibles, sans espace.')
  const author = auteur(req, a.data)
  if (author === null) return args
  const empreinteRequete = empreinte(a.data)
  const deja = await existant(req, author, cle, true)
  if (deja) {
    if (deja.empreinteRequete === empreinteRequete) throw new MessageDejaEnregistre(deja)
    throw new APIError(MESSAGE_CLE_REUTILISEE, 422, { messageExistant: deja.id }, true)
  }
  a.data = { ...a.data, cleIdempotence: cle, empreinteRequete }
  return args
}

const estViolationUnicite = (err: unknown): boolean =>
  err instanceof ValidationError && (err.data?.errors ?? []).some((e) => (e as { tableName?: string }).tableName === 'messages')

/** The retry's answer: the first message (200), read with the caller's own access. */
export const repondreRejeu: CollectionAfterErrorHook = async ({ error, req }) => {
  let deja: Message | null = null
  if (error instanceof MessageDejaEnregistre) deja = error.message_
  else if (estViolationUnicite(error) && req.method === 'POST') {
    const cle = req.headers.get('idempotency-key')
    const data = (req.data ?? {}) as Donnees
    const author = auteur(req, data)
    if (cle === null || author === null) return undefined
    // The failed transaction is gone: read what the winner committed.
    deja = await existant(req, author, cle, false)
    if (!deja) return undefined
    if (deja.empreinteRequete !== empreinte(data)) {
      req.context[ERREUR_TRAITEE] = true
      return { status: 422, response: { errors: [{ message: MESSAGE_CLE_REUTILISEE, data: { messageExistant: deja.id } }] } }
    }
  } else return undefined
  req.context[ERREUR_TRAITEE] = true
  const doc = await req.payload.findByID({ collection: 'messages', id: deja.id, user: req.user, overrideAccess: false, disableErrors: true })
  return { status: 200, response: { doc: doc ?? deja, message: `Message déjà enregistré (n° ${String(deja.id)}) : aucun second message.`, dejaEnregistre: true } }
}
