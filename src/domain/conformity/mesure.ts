import { verifierConformite } from './regles'
import type { EntreeConformite, IdRegle } from './types'

export interface ResultatMesure {
  /** Défauts étiquetés trouvés / défauts étiquetés. */
  rappel: number
  /** Constats (bloquants et avertissements) attendus / constats levés. */
  precision: number
  attendus: number
  trouves: number
  leves: number
  /** Défauts étiquetés non trouvés et constats levés sans étiquette, pour le diagnostic. */
  manques: { cas: string; regle: IdRegle }[]
  enTrop: { cas: string; regle: IdRegle }[]
  /** Dossiers conformes qui reçoivent un constat bloquant (doit rester vide). */
  conformesBloques: string[]
}

/**
 * Rappel et précision du moteur sur un jeu étiqueté (tests et `npm run bench`). Une paire
 * (dossier, règle) compte une fois, quel que soit le nombre de constats de la règle ; les
 * constats `info` ne comptent pas (ils ne signalent pas de défaut).
 */
export function mesurerJeu(cas: readonly { nom: string; defauts: readonly IdRegle[]; entree: EntreeConformite }[], maintenant: Date): ResultatMesure {
  let attendus = 0
  let trouves = 0
  let leves = 0
  const manques: ResultatMesure['manques'] = []
  const enTrop: ResultatMesure['enTrop'] = []
  const conformesBloques: string[] = []
  for (const c of cas) {
    const constats = verifierConformite(c.entree, maintenant)
    const levees = new Set(constats.filter((k) => k.severite !== 'info').map((k) => k.regle))
    const attendues = new Set(c.defauts)
    attendus += attendues.size
    leves += levees.size
    for (const r of attendues) (levees.has(r) ? (trouves += 1) : manques.push({ cas: c.nom, regle: r }))
    for (const r of levees) if (!attendues.has(r)) enTrop.push({ cas: c.nom, regle: r })
    if (c.defauts.length === 0 && constats.some((k) => k.severite === 'bloquant')) conformesBloques.push(c.nom)
  }
  const justes = leves - enTrop.length
  return { rappel: attendus === 0 ? 1 : trouves / attendus, precision: leves === 0 ? 1 : justes / leves, attendus, trouves, leves, manques, enTrop, conformesBloques }
}
