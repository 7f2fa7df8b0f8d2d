import crypto from 'node:crypto'
import { APIError, incrementLoginAttempts, type PayloadRequest, type SanitizedCollectionConfig } from 'payload'

/**
 * Login checks and password changes that need the database but no HTTP: the same answer and the
 * same hashing work whether the account exists, is locked or not; the lockout of Payload
 * (maxLoginAttempts / lockTime) still counts failures; the owner is told once per lock.
 */

export const MESSAGE_CONNEXION_REFUSEE = 'E-mail ou mot de passe incorrect.'

/** The one refusal of a login, whatever the reason (unknown e-mail, wrong password, locked). */
export class ConnexionRefuseeError extends APIError {
  constructor() {
    super(MESSAGE_CONNEXION_REFUSEE, 401, undefined, true)
  }
}

export class AuthentificationRequiseError extends APIError {
  constructor() {
    super('Authentification requise.', 401, undefined, true)
  }
}

export class MotDePasseActuelIncorrectError extends APIError {
  constructor() {
    super('Mot de passe actuel incorrect.', 403, undefined, true)
  }
}

// Payload 3.90's stored-hash format (auth/strategies/local/generatePasswordSaltHash.js, not
// exported): current hashes are prefixed, legacy ones are 25 000 rounds × 512 bytes.
const PREFIXE = 'pbkdf2-sha256-v1:'
const parametres = (hash: string) =>
  hash.startsWith(PREFIXE) ? { attendu: hash.slice(PREFIXE.length), iterations: 600_000, longueur: 32 } : { attendu: hash, iterations: 25_000, longueur: 512 }

// An unknown e-mail is checked against this hash: the same PBKDF2 work as a real account.
const HASH_FACTICE = `${PREFIXE}${'0'.repeat(64)}`
const SEL_FACTICE = crypto.randomBytes(32).toString('hex')

const pbkdf2 = (password: string, sel: string, iterations: number, longueur: number) =>
  new Promise<Buffer>((resolve, reject) => crypto.pbkdf2(password, sel, iterations, longueur, 'sha256', (e, b) => (e ? reject(e) : resolve(b))))

/** Checks a password against a stored hash; without one, does the same work and says no. */
export async function verifierMotDePasse(hash: unknown, sel: unknown, password: string): Promise<boolean> {
  const reel = typeof hash === 'string' && typeof sel === 'string'
  const { attendu, iterations, longueur } = parametres(reel ? hash : HASH_FACTICE)
  const calcule = await pbkdf2(password, reel ? sel : SEL_FACTICE, iterations, longueur)
  const stocke = Buffer.from(attendu, 'hex')
  return reel && calcule.length === stocke.length && crypto.timingSafeEqual(calcule, stocke)
}

export const estVerrouille = (lockUntil: unknown): boolean => typeof lockUntil === 'string' || lockUntil instanceof Date ? new Date(lockUntil).getTime() > Date.now() : false

interface CompteBrut {
  id: number | string
  email: string
  prenom?: string | null
  hash?: string
  salt?: string
  lockUntil?: string | null
  loginAttempts?: number | null
}

const configUsers = (req: PayloadRequest): SanitizedCollectionConfig => req.payload.collections.users!.config

async function lireCompte(req: PayloadRequest, email: string): Promise<CompteBrut | null> {
  return (await req.payload.db.findOne<CompteBrut>({ collection: 'users', where: { email: { equals: email.toLowerCase().trim() } }, req })) ?? null
}

export type PrevenirVerrouillage = (req: PayloadRequest, compte: { id: number | string; email: string; prenom: string | null }, lockUntil: string) => Promise<void>

/**
 * Counts a failed password with Payload's own counter (atomic increment, lock at
 * maxLoginAttempts). The one attempt that reaches the limit — exactly one, the increment is
 * atomic — tells the owner; later attempts are refused before counting while the lock lasts.
 */
export async function compterEchec(req: PayloadRequest, compte: CompteBrut, prevenir: PrevenirVerrouillage): Promise<void> {
  const config = configUsers(req)
  const max = config.auth.maxLoginAttempts ?? 0
  if (!(max > 0)) return
  const suivi = { ...compte }
  await incrementLoginAttempts({ collection: config, payload: req.payload, user: suivi as never })
  if (typeof suivi.loginAttempts === 'number' && suivi.loginAttempts + 1 === max) {
    const apres = await req.payload.db.findOne<CompteBrut>({ collection: 'users', where: { id: { equals: compte.id } } })
    if (apres && estVerrouille(apres.lockUntil)) {
      await prevenir(req, { id: compte.id, email: compte.email, prenom: compte.prenom ?? null }, new Date(apres.lockUntil!).toISOString())
    }
  }
}

/**
 * Runs before Payload's login (every route: REST, the /api/auth alias, GraphQL, the portal).
 * Every refusal is decided here, after one password hash, with one message; only a correct
 * password on an unlocked account goes on to Payload, which checks it again and opens the
 * session (a second hash, on success only: it tells an attacker nothing).
 */
export async function controlerConnexion(req: PayloadRequest, email: unknown, password: unknown, prevenir: PrevenirVerrouillage): Promise<void> {
  // Missing fields: Payload's own validation errors (400), which say nothing about accounts.
  if (typeof email !== 'string' || email.trim() === '' || typeof password !== 'string' || password.trim() === '') return
  const compte = await lireCompte(req, email)
  const ok = await verifierMotDePasse(compte?.hash, compte?.salt, password)
  if (!compte) throw new ConnexionRefuseeError()
  if (estVerrouille(compte.lockUntil)) throw new ConnexionRefuseeError()
  if (!ok) {
    await compterEchec(req, compte, prevenir)
    throw new ConnexionRefuseeError()
  }
}

/**
 * Password change by the signed-in person: the current password is required (a stolen session
 * alone cannot take the account over) and a wrong one counts towards the lockout like a failed
 * login. Payload's update then keeps the session that made the change and ends every other one.
 */
export async function changerMotDePasse(
  req: PayloadRequest,
  { motDePasseActuel, nouveauMotDePasse }: { motDePasseActuel: string; nouveauMotDePasse: string },
  prevenir: PrevenirVerrouillage,
): Promise<void> {
  if (!req.user || req.user.collection !== 'users') throw new AuthentificationRequiseError()
  const compte = await req.payload.db.findOne<CompteBrut>({ collection: 'users', where: { id: { equals: req.user.id } }, req })
  if (!compte) throw new AuthentificationRequiseError()
  const ok = await verifierMotDePasse(compte.hash, compte.salt, motDePasseActuel)
  if (estVerrouille(compte.lockUntil)) throw new MotDePasseActuelIncorrectError()
  if (!ok) {
    await compterEchec(req, compte, prevenir)
    throw new MotDePasseActuelIncorrectError()
  }
  await req.payload.update({ collection: 'users', id: compte.id, data: { password: nouveauMotDePasse }, req, overrideAccess: true })
}
