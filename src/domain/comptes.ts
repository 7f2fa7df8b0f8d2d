/**
 * Who may set which field of an account. One rule for every route that writes a user (REST,
 * GraphQL, /api/auth/register, the portal, the admin panel): the users collection applies it in
 * a hook that all of them go through.
 *
 * A person gets a company by creating it (then it is attached to their account by the server)
 * or through an approved attachment request — never by naming its id: company ids are
 * sequential, naming one would be joining someone else's company.
 */

export type Appelant = 'anonyme' | 'admin' | 'user' | 'opco'

/** What an anonymous visitor fills in to open an account; nothing else. */
export const CHAMPS_INSCRIPTION = ['email', 'password', 'nom', 'prenom', 'telephone'] as const

/** Settable by admins only (and by server code). */
export const CHAMPS_UTILISATEUR_ADMIN = ['role', 'company', 'opco', 'enableAPIKey', 'apiKey', 'suppressionDemandeeLe'] as const

/**
 * Payload's own authentication state: written by login, lockout, reset and key hashing. An API
 * caller who could write them would set their own lock counter, reset token or hash.
 */
export const CHAMPS_AUTH_INTERNES = [
  'hash',
  'salt',
  'apiKeyIndex',
  'loginAttempts',
  'lockUntil',
  'resetPasswordToken',
  'resetPasswordExpiration',
  '_verified',
  '_verificationToken',
  'sessions',
] as const

const dans = (liste: readonly string[], champ: string): boolean => liste.includes(champ)

/**
 * The fields of `data` this caller may not write, in the order given (empty: allowed).
 * Anonymous creation is a whitelist: anything beyond the registration form is refused, so a field
 * added to users later is closed to strangers until someone decides otherwise. `role: 'user'` is
 * tolerated there because it is what the account gets anyway.
 */
export function champsUtilisateurRefuses(appelant: Appelant, operation: 'create' | 'update', data: Record<string, unknown>): string[] {
  const champs = Object.keys(data)
  // Payload's own authentication state is nobody's to write over the API, admins included: a
  // forged `sessions` row (no expiry) reached the database as a 500.
  if (appelant === 'admin') return champs.filter((c) => dans(CHAMPS_AUTH_INTERNES, c))
  if (appelant === 'anonyme' && operation === 'create') {
    return champs.filter((c) => !dans(CHAMPS_INSCRIPTION, c) && !(c === 'role' && data[c] === 'user'))
  }
  return champs.filter((c) => dans(CHAMPS_UTILISATEUR_ADMIN, c) || dans(CHAMPS_AUTH_INTERNES, c))
}
