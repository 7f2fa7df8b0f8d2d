/**
 * « Ce document imprime-t-il encore la vérité ? » Une empreinte des valeurs imprimées par un
 * document (son modèle de vue, src/domain/documents/modele), enregistrée sur la ligne de
 * génération ; après un changement du dossier, de l'entreprise, de l'organisme ou de l'OPCO, on
 * reconstruit le modèle avec les données du moment et on compare : une empreinte différente
 * veut dire qu'une valeur imprimée a changé, et qu'il faut une nouvelle version.
 *
 * La date d'édition (« Fait le … ») n'entre pas dans l'empreinte : elle change à chaque rendu
 * sans que rien de ce que le document affirme n'ait changé.
 */
import { createHash } from 'node:crypto'
import type { VueDocument } from './types'

/** Champs du modèle qui ne portent que la date du rendu. */
const DATES_DE_RENDU = new Set(['dateEdition', 'faitLe'])

/** JSON à clés triées, sans les dates de rendu : deux modèles égaux donnent le même texte. */
export function valeursImprimees(vue: VueDocument): string {
  const stable = (v: unknown, racine: boolean): string => {
    if (Array.isArray(v)) return `[${v.map((x) => stable(x, false)).join(',')}]`
    if (v !== null && typeof v === 'object') {
      return `{${Object.keys(v)
        .filter((k) => !(racine && DATES_DE_RENDU.has(k)))
        .sort()
        .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k], false)}`)
        .join(',')}}`
    }
    return JSON.stringify(v) ?? 'null'
  }
  return stable(vue, true)
}

/** SHA-256 (hexadécimal) des valeurs imprimées. */
export function empreinteDocument(vue: VueDocument): string {
  return createHash('sha256').update(valeursImprimees(vue), 'utf8').digest('hex')
}

/**
 * Vrai quand le document enregistré n'imprime plus les valeurs du moment. Sans empreinte
 * enregistrée (document produit avant qu'on les enregistre), on ne sait pas : pas de nouvelle
 * version automatique, « Régénérer » reste possible.
 */
export function valeursImprimeesChangees(empreinteEnregistree: string | null | undefined, vueActuelle: VueDocument): boolean {
  if (typeof empreinteEnregistree !== 'string' || empreinteEnregistree === '') return false
  return empreinteEnregistree !== empreinteDocument(vueActuelle)
}
