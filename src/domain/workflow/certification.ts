import type { Acteur } from './types'

/** The sentence the beneficiary ticks before submitting, shown as is and kept in the audit log. */
export const TEXTE_CERTIFICATION = "Je certifie l'exactitude des informations de ce dossier."

export const MESSAGE_CERTIFICATION_MANQUANTE =
  "Impossible de « Soumettre » : cochez « Je certifie l'exactitude des informations de ce dossier » avant d'envoyer le dossier."

/**
 * A beneficiary (role `user`) submits a dossier only with `certification: true`: the OPCO funds on
 * the faith of what they declared. The team submitting on someone's behalf (admin) is not asked.
 * Only `true` counts: `"true"`, `1` or `"on"` are an API client's mistake, not a commitment.
 * Returns what to record with the transition, or null when no certification is required.
 */
export function lireCertification(
  acteur: Pick<Acteur, 'role'>,
  action: string,
  parametres: Record<string, unknown>,
  maintenant: Date,
): { ok: true; certification: { texte: string; date: string } | null } | { ok: false; message: string } {
  if (action !== 'submit' || acteur.role !== 'user') return { ok: true, certification: null }
  if (parametres.certification !== true) return { ok: false, message: MESSAGE_CERTIFICATION_MANQUANTE }
  return { ok: true, certification: { texte: TEXTE_CERTIFICATION, date: maintenant.toISOString() } }
}
