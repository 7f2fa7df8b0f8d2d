/**
 * Messages « non lus », **par lecteur** : chaque personne a son propre repère de lecture par
 * dossier (collection `lectures` : lecteur, dossier, lu jusqu'à), posé quand elle ouvre le fil
 * du dossier. Pour un lecteur, un message est non lu s'il vient de l'autre côté de la
 * conversation et qu'il est postérieur à son repère — et à son propre dernier message sur ce
 * dossier (répondre, c'est avoir lu ce qui précède).
 *
 * « L'autre côté » : pour un admin (équipe MonOPCO), tout message écrit par un non-admin ; pour
 * un bénéficiaire ou une entreprise, tout message écrit par quelqu'un d'autre que lui. Un admin
 * qui lit ne marque rien pour ses collègues : chacun a son compteur.
 *
 * Pur : la couche API fournit les messages, qui est admin et les repères du lecteur. Le même
 * calcul existe en un agrégat SQL (src/services/workflow.ts) pour le menu de l'admin.
 */
export interface MessagePourLecture {
  dossier: string | number | null | undefined
  /** ISO 8601. */
  date: string
  auteur: string | number | null | undefined
  /** Écrit par un admin (l'équipe MonOPCO). */
  parAdmin: boolean
}

export interface Lecteur {
  id: string | number
  admin: boolean
}

/** Le message vient-il de l'autre côté de la conversation, pour ce lecteur ? */
export function estPourLecteur(m: MessagePourLecture, lecteur: Lecteur): boolean {
  if (lecteur.admin) return !m.parAdmin
  return m.auteur == null || String(m.auteur) !== String(lecteur.id)
}

/**
 * Nombre de messages non lus par dossier (clé : id du dossier en texte) pour un lecteur ; les
 * dossiers à 0 sont omis. `lectures` : repère « lu jusqu'à » (ISO) du lecteur, par dossier.
 */
export function compterNonLus(messages: readonly MessagePourLecture[], lecteur: Lecteur, lectures: Readonly<Record<string, string | null | undefined>> = {}): Record<string, number> {
  const repere = new Map<string, number>()
  const avancer = (cle: string, t: number) => {
    if (!Number.isNaN(t) && t > (repere.get(cle) ?? Number.NEGATIVE_INFINITY)) repere.set(cle, t)
  }
  for (const [cle, date] of Object.entries(lectures)) if (date) avancer(cle, Date.parse(date))
  for (const m of messages) if (m.dossier != null && m.auteur != null && String(m.auteur) === String(lecteur.id)) avancer(String(m.dossier), Date.parse(m.date))
  const comptes: Record<string, number> = {}
  for (const m of messages) {
    if (m.dossier == null || !estPourLecteur(m, lecteur)) continue
    const cle = String(m.dossier)
    const t = Date.parse(m.date)
    const r = repere.get(cle)
    // Une date illisible ne doit pas faire disparaître un message : il compte comme non lu.
    if (r === undefined || Number.isNaN(t) || t > r) comptes[cle] = (comptes[cle] ?? 0) + 1
  }
  return comptes
}

export function totalNonLus(comptes: Readonly<Record<string, number>>): number {
  return Object.values(comptes).reduce((a, b) => a + b, 0)
}

/**
 * Le repère à enregistrer quand le lecteur a vu le fil jusqu'au message daté `vu` : jamais en
 * arrière (un onglet ancien ne fait pas réapparaître des messages lus), jamais dans le futur
 * (une horloge de navigateur en avance ne masquerait pas les messages à venir).
 */
export function nouveauRepere(actuel: string | null | undefined, vu: string, maintenant: Date): string | null {
  const t = Date.parse(vu)
  if (Number.isNaN(t)) return null
  const borne = Math.min(t, maintenant.getTime())
  const a = actuel ? Date.parse(actuel) : Number.NaN
  if (!Number.isNaN(a) && a >= borne) return null
  return new Date(borne).toISOString()
}

/** `jj/mm/aaaa HH:MM` à l'heure de Paris (les messages se lisent à l'heure française, quel que soit le serveur). */
export function formaterDateHeureParis(iso: string | Date): string {
  const d = iso instanceof Date ? iso : new Date(iso)
  if (Number.isNaN(d.getTime())) return '—'
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  )
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`
}
