/**
 * Attachment requests: a person asks to join a company already registered on MonOPCO; a person
 * already attached to it, or an admin, decides. Pure rules, no Payload.
 */

export const STATUTS_RATTACHEMENT = ['en_attente', 'accepte', 'refuse'] as const
export type StatutRattachement = (typeof STATUTS_RATTACHEMENT)[number]

export const LIBELLES_STATUT_RATTACHEMENT: Record<StatutRattachement, string> = {
  en_attente: 'En attente',
  accepte: 'Accepté',
  refuse: 'Refusé',
}

export type Decision = 'accepter' | 'refuser'

/**
 * Key unique among pending requests: two clicks, two tabs or two servers asking at once for the
 * same person and company make one row. Cleared once decided, so the person may ask again later.
 */
export const cleEnAttente = (demandeur: string | number, company: string | number): string => `${String(demandeur)}:${String(company)}`

/** May this caller decide on a request for `company`? Admins, and the people already attached to it. */
export function peutDecider(appelant: { role: string | null; company: string | number | null; id: string | number }, demande: { company: string | number; demandeur: string | number }): boolean {
  if (appelant.role === 'admin') return true
  if (appelant.role !== 'user' || appelant.company === null) return false
  return String(appelant.company) === String(demande.company) && String(appelant.id) !== String(demande.demandeur)
}
