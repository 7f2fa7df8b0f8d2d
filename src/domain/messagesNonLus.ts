/**
 * Messages « non lus par l'équipe », sans colonne de lecture : sur un dossier, les messages
 * écrits par un non-admin après le dernier message d'un admin (la réponse de l'équipe vaut
 * lecture de ce qui précède). Pur : la couche API fournit les messages et qui est admin.
 */
export interface MessagePourLecture {
  dossier: string | number | null | undefined
  /** ISO 8601. */
  date: string
  parAdmin: boolean
}

/** Nombre de messages non lus par dossier (clé : id du dossier en texte) ; les dossiers à 0 sont omis. */
export function compterNonLus(messages: readonly MessagePourLecture[]): Record<string, number> {
  const dernierAdmin = new Map<string, number>()
  for (const m of messages) {
    if (!m.parAdmin || m.dossier == null) continue
    const t = Date.parse(m.date)
    const cle = String(m.dossier)
    if (!Number.isNaN(t) && t > (dernierAdmin.get(cle) ?? Number.NEGATIVE_INFINITY)) dernierAdmin.set(cle, t)
  }
  const comptes: Record<string, number> = {}
  for (const m of messages) {
    if (m.parAdmin || m.dossier == null) continue
    const cle = String(m.dossier)
    const t = Date.parse(m.date)
    const repere = dernierAdmin.get(cle)
    // Une date illisible ne doit pas faire disparaître un message : il compte comme non lu.
    if (repere === undefined || Number.isNaN(t) || t > repere) comptes[cle] = (comptes[cle] ?? 0) + 1
  }
  return comptes
}

export function totalNonLus(comptes: Readonly<Record<string, number>>): number {
  return Object.values(comptes).reduce((a, b) => a + b, 0)
}
