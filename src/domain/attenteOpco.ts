/**
 * How long a dossier has been waiting for its OPCO's answer, as the OPCO agent's waiting list
 * shows it. Whole days since sending, never negative (clocks drift; a date in the future reads
 * « aujourd'hui », not « -1 jour »).
 */
const MS_JOUR = 86_400_000

export function joursAttente(envoi: unknown, maintenant = new Date()): number | null {
  if (typeof envoi !== 'string' && !(envoi instanceof Date)) return null
  const t = envoi instanceof Date ? envoi.getTime() : Date.parse(envoi)
  return Number.isNaN(t) ? null : Math.max(0, Math.floor((maintenant.getTime() - t) / MS_JOUR))
}

/** « en attente depuis 3 jours », « … depuis 1 jour », « … depuis aujourd'hui » ; « — » without a sending date. */
export function libelleAttente(jours: number | null): string {
  if (jours === null) return '—'
  if (jours === 0) return "en attente depuis aujourd'hui"
  return `en attente depuis ${jours} jour${jours > 1 ? 's' : ''}`
}
