/**
 * The statuses of an outbox row (collections `emails`), named once: the collection's options,
 * the Resend webhook's ordering, the resend rules, the admin's filters and the dossier's timeline
 * all read them from here.
 */
export const STATUTS_EMAIL = [
  { value: 'queued', label: 'En file d’attente' },
  { value: 'sent', label: 'Envoyé' },
  { value: 'delivered', label: 'Délivré' },
  { value: 'bounced', label: 'Rejeté' },
  { value: 'complained', label: 'Signalé comme spam' },
  { value: 'failed', label: 'Échec' },
] as const

export type StatutEmail = (typeof STATUTS_EMAIL)[number]['value']

/** The label of a status, or the value itself when it is not one of ours. */
export const libelleStatutEmail = (statut: string | null | undefined): string => STATUTS_EMAIL.find((s) => s.value === statut)?.label ?? String(statut ?? '')

/**
 * Order of the provider's follow-up: a late « delivered » never overwrites a « bounced » or
 * « complained » (the webhook only moves a row up this order).
 */
export const RANG_STATUT_EMAIL: Record<StatutEmail, number> = { queued: 0, sent: 1, delivered: 2, failed: 3, bounced: 3, complained: 4 }

/** Accepted by the provider: resending one sends a second copy, so it needs a confirmation. */
export const STATUTS_EMAIL_ACCEPTES: readonly StatutEmail[] = ['sent', 'delivered', 'complained']

/** Final statuses that carry the provider's reason in `lastError`. */
export const STATUTS_EMAIL_EN_ERREUR: readonly StatutEmail[] = ['bounced', 'failed', 'complained']
