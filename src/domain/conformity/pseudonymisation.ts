/**
 * Pseudonymisation de ce qui part vers un modèle d'IA (docs/domaine.md §8 : données minimisées) :
 * noms connus, e-mails, numéros de téléphone et SIRET/SIREN sont remplacés par des marqueurs
 * (`[PERSONNE_1]`, `[EMAIL_1]`, `[TELEPHONE_1]`, `[SIRET_1]`) avant l'envoi, et remis à leur place
 * dans la réponse. Pur : la table de correspondance ne quitte jamais le serveur.
 */

export type TypeDonnee = 'PERSONNE' | 'EMAIL' | 'TELEPHONE' | 'SIRET'

export interface Pseudonymiseur {
  /** Remplace les données personnelles d'un texte par des marqueurs (même valeur → même marqueur). */
  masquer: (texte: string) => string
  /** Remet les valeurs d'origine à la place des marqueurs. */
  restaurer: (texte: string) => string
  /** Restaure toutes les chaînes d'une valeur JSON (réponse structurée du modèle). */
  restaurerTout: <T>(valeur: T) => T
  /** Nombre de valeurs distinctes masquées jusqu'ici. */
  taille: () => number
}

const REGEX_EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g
// SIRET (14 chiffres) or SIREN (9), possibly grouped by spaces: « 123 456 789 00012 ».
const REGEX_SIRET = /(?<![\d])(?:\d{3}[ .]?\d{3}[ .]?\d{3}(?:[ .]?\d{5})?)(?![\d])/g
// French numbers: 0X XX XX XX XX, +33 X XX…, separators space . or -.
const REGEX_TELEPHONE = /(?<![\d+])(?:\+33[ .-]?|0033[ .-]?|0)[1-9](?:[ .-]?\d{2}){4}(?![\d])/g

const echapper = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * @param noms les noms et prénoms connus du dossier (bénéficiaire, titulaire…) : un nom ne se
 * reconnaît pas à sa forme, il faut le connaître. Les valeurs de moins de 2 lettres sont ignorées ;
 * le marqueur retrouve la valeur telle que fournie ici (casse comprise).
 */
export function creerPseudonymiseur(noms: readonly (string | null | undefined)[] = []): Pseudonymiseur {
  const versMarqueur = new Map<string, string>()
  const versValeur = new Map<string, string>()
  const compteurs: Record<TypeDonnee, number> = { PERSONNE: 0, EMAIL: 0, TELEPHONE: 0, SIRET: 0 }
  const marqueur = (type: TypeDonnee, valeur: string, cle = valeur): string => {
    const existant = versMarqueur.get(`${type}:${cle}`)
    if (existant) return existant
    compteurs[type] += 1
    const m = `[${type}_${compteurs[type]}]`
    versMarqueur.set(`${type}:${cle}`, m)
    versValeur.set(m, valeur)
    return m
  }
  // Longest names first, so « Marie-Claire » is replaced before « Marie ».
  const nomsConnus = [...new Set(noms.map((n) => (typeof n === 'string' ? n.trim() : '')).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length)
  // Known names get their markers up front, in the order given (« prénom, nom » → [PERSONNE_1]
  // [PERSONNE_2]): the model may name the person by marker even when the text sent does not.
  for (const n of noms) if (typeof n === 'string' && n.trim().length >= 2) marqueur('PERSONNE', n.trim(), n.trim().toLocaleLowerCase('fr'))
  const regexNoms = nomsConnus.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${nomsConnus.map(echapper).join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null

  const masquer = (texte: string): string => {
    let t = texte.replace(REGEX_EMAIL, (v) => marqueur('EMAIL', v, v.toLowerCase()))
    t = t.replace(REGEX_TELEPHONE, (v) => marqueur('TELEPHONE', v, v.replace(/\D/g, '').replace(/^(0033|33)/, '0')))
    t = t.replace(REGEX_SIRET, (v) => marqueur('SIRET', v, v.replace(/\D/g, '')))
    if (regexNoms) t = t.replace(regexNoms, (v) => marqueur('PERSONNE', v, v.toLocaleLowerCase('fr')))
    return t
  }
  const restaurer = (texte: string): string => texte.replace(/\[(PERSONNE|EMAIL|TELEPHONE|SIRET)_(\d+)\]/g, (m) => versValeur.get(m) ?? m)
  const restaurerTout = <T>(valeur: T): T => {
    if (typeof valeur === 'string') return restaurer(valeur) as T
    if (Array.isArray(valeur)) return valeur.map((v) => restaurerTout(v)) as T
    if (valeur !== null && typeof valeur === 'object') {
      return Object.fromEntries(Object.entries(valeur as Record<string, unknown>).map(([k, v]) => [k, restaurerTout(v)])) as T
    }
    return valeur
  }
  return { masquer, restaurer, restaurerTout, taille: () => versValeur.size }
}
