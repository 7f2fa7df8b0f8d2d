/**
 * The readable name of an account, « Prénom Nom », stored on the user (`nomComplet`) so that the
 * admin panel can show and search it as the account's title: a computed-on-read field could be
 * neither searched nor selected alone (the relationship picker selects only the title field).
 * `null` when neither part is filled: the title must never fall back to the e-mail, which OPCO
 * agents may not read.
 */
export function nomComplet(prenom: unknown, nom: unknown): string | null {
  const morceaux = [prenom, nom]
    .map((v) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : ''))
    .filter((v) => v !== '')
  return morceaux.length === 0 ? null : morceaux.join(' ')
}

/**
 * Fields of someone else's account an OPCO agent may read: the name of who filed or validated a
 * dossier sent to its OPCO, nothing that reaches the person (e-mail, phone) or describes the
 * account (role, company, OPCO, dates).
 */
export const CHAMPS_UTILISATEUR_LISIBLES_PAR_OPCO = ['id', 'nom', 'prenom', 'nomComplet'] as const
