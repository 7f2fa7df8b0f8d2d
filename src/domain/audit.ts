/**
 * Field-level differences for the audit log. Secrets never enter the log; bookkeeping fields
 * that change on every write are left out so an entry shows what a person changed.
 */
const CHAMPS_EXCLUS = new Set([
  'updatedAt',
  'createdAt',
  'password',
  'hash',
  'salt',
  'apiKey',
  'apiKeyIndex',
  'resetPasswordToken',
  'resetPasswordExpiration',
  'loginAttempts',
  'lockUntil',
  'sessions',
  '_verificationToken',
  // Webhooks' signing secret (collections/webhooks).
  'secret',
])

export type Difference = { avant: unknown; apres: unknown }

/**
 * Relationships are compared by id, whether the document was populated or not, at any depth
 * (groups and arrays too); object keys are sorted so key order is never a change.
 */
function normaliser(value: unknown): unknown {
  if (value === undefined || value === null) return null
  if (Array.isArray(value)) return value.map(normaliser)
  if (typeof value === 'object') {
    if ('id' in value && 'createdAt' in value) return (value as { id: unknown }).id
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value).sort()) out[k] = normaliser((value as Record<string, unknown>)[k])
    return out
  }
  return value
}

/** `exclus`: fields the collection keeps out of the log as well (hooks/audit.ts, `custom.journal`). */
export function differencesAudit(avant: Record<string, unknown>, apres: Record<string, unknown>, exclus: ReadonlySet<string> = new Set()): Record<string, Difference> {
  const result: Record<string, Difference> = {}
  const cles = new Set([...Object.keys(avant), ...Object.keys(apres)])
  for (const cle of cles) {
    if (CHAMPS_EXCLUS.has(cle) || exclus.has(cle) || cle === 'id') continue
    const a = normaliser(avant[cle])
    const b = normaliser(apres[cle])
    if (JSON.stringify(a) !== JSON.stringify(b)) result[cle] = { avant: a, apres: b }
  }
  return result
}
