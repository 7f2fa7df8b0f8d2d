/**
 * Estimation de la prise en charge OPCO (docs/domaine.md §7).
 *
 * Les règles sont des données (lignes `reglesFinancement` de la collection `opcos`,
 * modifiables par un admin) car elles changent chaque année et par branche ; ce module
 * ne contient que le calcul. Tout est en centimes entiers : un écart d'un centime entre
 * l'estimation et l'accord de l'OPCO se voit au rapprochement.
 *
 * Non modélisé faute de champ dans les règles : la prise en charge des salaires et des
 * frais annexes ; l'estimation porte sur les coûts pédagogiques.
 */
import type { TypeFormation } from '@/src/domain/statuts'
import { estMontantCentimesValide, formaterEuros } from '@/src/domain/money'

/** Mêmes noms que les lignes `reglesFinancement` de collections/opcos ; montants en centimes. */
export interface RegleFinancement {
  libelle: string
  annee: number
  /** Absent : la règle vaut pour les formations comme pour les bilans. */
  typeFormation?: TypeFormation | null
  effectifMin?: number | null
  effectifMax?: number | null
  plafondHoraireHT?: number | null
  plafondActionHT?: number | null
  plafondAnnuelHT?: number | null
  heuresMin?: number | null
  heuresMax?: number | null
  exemple?: boolean | null
}

export type PlafondDeterminant = 'cout' | 'horaire' | 'action' | 'annuel' | 'aucune_regle'

export interface DemandeEstimation {
  regles: readonly RegleFinancement[] | null | undefined
  typeFormation: TypeFormation | null | undefined
  effectif: number | null | undefined
  dureeHeures: number | null | undefined
  /** Centimes HT. */
  coutTotalHT: number | null | undefined
  /** Année de la formation (début), qui détermine les règles en vigueur. */
  annee: number
  stagiaires?: number
  /** Centimes déjà consommés par l'entreprise sur le plafond annuel de l'année. */
  consommeAnnuel?: number
}

export interface Estimation {
  montantEstime: number
  resteACharge: number
  regleAppliquee: string | null
  plafondDeterminant: PlafondDeterminant
  heuresRetenues: number
  detail: string[]
  avertissements: string[]
}

/** Au-delà, pas de fonds mutualisés pour le plan de développement des compétences (docs/domaine.md §3). */
export const SEUIL_EFFECTIF_COFINANCEMENT = 50

const estDefini = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v)

function heuresFr(demiHeures: number): string {
  const entier = Math.floor(demiHeures / 2)
  return demiHeures % 2 === 0 ? `${entier} h` : `${entier},5 h`
}

function correspond(r: RegleFinancement, type: TypeFormation | null | undefined, effectif: number | null | undefined): boolean {
  // Un select vidé dans l'admin peut revenir en chaîne vide : c'est « tous types ».
  if (r.typeFormation && r.typeFormation !== type) return false
  const borne = estDefini(r.effectifMin) || estDefini(r.effectifMax)
  if (!borne) return true
  // Effectif inconnu : une règle par tranche ne peut pas être choisie à l'aveugle.
  if (!estDefini(effectif)) return false
  if (estDefini(r.effectifMin) && effectif < r.effectifMin) return false
  if (estDefini(r.effectifMax) && effectif > r.effectifMax) return false
  return true
}

function largeurTranche(r: RegleFinancement): number {
  if (!estDefini(r.effectifMin) && !estDefini(r.effectifMax)) return Number.POSITIVE_INFINITY
  if (!estDefini(r.effectifMax)) return Number.MAX_SAFE_INTEGER
  return r.effectifMax - (r.effectifMin ?? 0)
}

/**
 * Règle applicable : la plus récente dont l'année ne dépasse pas celle de la formation
 * (une règle future n'est pas encore en vigueur), parmi celles qui visent ce type et cet
 * effectif ; à année égale, une règle typée l'emporte sur une règle générale, puis la
 * tranche d'effectif la plus étroite ; à égalité, l'ordre saisi par l'admin.
 */
export function choisirRegle(
  regles: readonly RegleFinancement[],
  typeFormation: TypeFormation | null | undefined,
  effectif: number | null | undefined,
  annee: number,
): RegleFinancement | null {
  let meilleure: RegleFinancement | null = null
  const plusPrecise = (a: RegleFinancement, b: RegleFinancement): boolean => {
    if (a.annee !== b.annee) return a.annee > b.annee
    const ta = a.typeFormation ? 1 : 0
    const tb = b.typeFormation ? 1 : 0
    if (ta !== tb) return ta > tb
    return largeurTranche(a) < largeurTranche(b)
  }
  for (const r of regles) {
    if (!estDefini(r.annee) || r.annee > annee) continue
    if (!correspond(r, typeFormation, effectif)) continue
    if (meilleure === null || plusPrecise(r, meilleure)) meilleure = r
  }
  return meilleure
}

/** L'avertissement du repli sur une année antérieure (le même texte partout où il s'affiche). */
export function messageRepliAnnee(anneeRegle: number, anneeFormation: number): string {
  return `Aucune règle de ${anneeFormation} pour ce cas : la règle de ${anneeRegle}, l'année antérieure la plus proche, est appliquée (à vérifier auprès de l'OPCO).`
}

function exigerCentimes(nom: string, v: number): void {
  if (!estMontantCentimesValide(v)) throw new RangeError(`${nom} invalide : ${String(v)} (centimes entiers positifs attendus).`)
}

export function estimerFinancement(demande: DemandeEstimation): Estimation {
  const { typeFormation, effectif, annee } = demande
  const stagiaires = demande.stagiaires ?? 1
  const consommeAnnuel = demande.consommeAnnuel ?? 0
  const cout = demande.coutTotalHT ?? 0
  exigerCentimes('Coût total HT', cout)
  exigerCentimes('Montant consommé sur le plafond annuel', consommeAnnuel)
  if (!Number.isSafeInteger(stagiaires) || stagiaires < 1) {
    throw new RangeError(`Nombre de stagiaires invalide : ${String(stagiaires)}.`)
  }
  const duree = demande.dureeHeures
  if (duree !== null && duree !== undefined && (!Number.isFinite(duree) || duree < 0)) {
    throw new RangeError(`Durée invalide : ${String(duree)}.`)
  }

  const detail: string[] = []
  const avertissements: string[] = []

  if (estDefini(effectif) && effectif >= SEUIL_EFFECTIF_COFINANCEMENT) {
    avertissements.push(
      `Entreprise de ${effectif} salariés : à partir de ${SEUIL_EFFECTIF_COFINANCEMENT}, l'OPCO ne finance le plan de développement des compétences qu'en cofinancement (pas de fonds mutualisés).`,
    )
  }
  if (!estDefini(effectif)) avertissements.push("Effectif de l'entreprise inconnu : seules les règles sans tranche d'effectif peuvent s'appliquer.")

  // Les durées se saisissent à la demi-heure : en demi-heures entières, tout le calcul reste exact.
  const demiHeuresDemandees = estDefini(duree) ? Math.floor(duree * 2) : 0
  if (estDefini(duree) && demiHeuresDemandees !== duree * 2) {
    avertissements.push(`Durée de ${String(duree).replace('.', ',')} h arrondie à la demi-heure inférieure.`)
  }

  const regle = choisirRegle(demande.regles ?? [], typeFormation, effectif, annee)
  if (regle === null) {
    detail.push(`Coût pédagogique HT : ${formaterEuros(cout)}`)
    // No « reste à charge » line: without a rule the whole cost is requested and the OPCO decides;
    // printing the whole cost as the company's share would say the opposite.
    detail.push(`Aucune règle de financement de l'OPCO ne correspond (année ${annee}, ${typeFormation ?? 'type inconnu'}, effectif ${estDefini(effectif) ? effectif : 'inconnu'}).`)
    avertissements.push(
      "Aucune règle de l'OPCO ne couvre cette demande : pas d'estimation ; le montant demandé est le coût total HT et l'OPCO fixera sa prise en charge.",
    )
    return {
      montantEstime: 0,
      resteACharge: cout,
      regleAppliquee: null,
      plafondDeterminant: 'aucune_regle',
      heuresRetenues: demiHeuresDemandees / 2,
      detail,
      avertissements,
    }
  }

  detail.push(`Règle appliquée : ${regle.libelle} (${regle.annee})`)
  // Repli sur l'année antérieure la plus proche : une estimation plutôt que rien, mais dite comme telle.
  if (regle.annee < annee) avertissements.push(messageRepliAnnee(regle.annee, annee))
  if (regle.exemple) avertissements.push("Règle d'exemple, à vérifier auprès de l'OPCO.")
  detail.push(`Coût pédagogique HT : ${formaterEuros(cout)}`)

  let demiHeures = demiHeuresDemandees
  if (estDefini(regle.heuresMax) && demiHeures > regle.heuresMax * 2) {
    demiHeures = Math.floor(regle.heuresMax * 2)
    detail.push(`Heures retenues : ${heuresFr(demiHeures)} (plafond de la règle ; ${heuresFr(demiHeuresDemandees)} demandées)`)
  } else {
    detail.push(`Heures retenues : ${heuresFr(demiHeures)}`)
  }
  if (estDefini(regle.heuresMin) && demiHeuresDemandees < regle.heuresMin * 2) {
    avertissements.push(
      `Durée (${heuresFr(demiHeuresDemandees)}) inférieure au minimum de ${heuresFr(Math.ceil(regle.heuresMin * 2))} de la règle : l'OPCO peut refuser la prise en charge.`,
    )
  }

  // Candidats dans l'ordre où ils départagent une égalité : si le coût est déjà sous
  // les plafonds, c'est lui qui détermine (aucun plafond n'a réduit la prise en charge).
  const candidats: { plafond: Exclude<PlafondDeterminant, 'aucune_regle'>; montant: number }[] = [{ plafond: 'cout', montant: cout }]

  if (estDefini(regle.plafondHoraireHT)) {
    exigerCentimes('Plafond horaire', regle.plafondHoraireHT)
    if (!estDefini(duree)) avertissements.push('Durée non renseignée : le plafond horaire ne peut pas être calculé.')
    // demi-heures × taux × stagiaires est entier ; une seule division par 2, arrondie au centime inférieur.
    const montant = Math.floor((demiHeures * regle.plafondHoraireHT * stagiaires) / 2)
    candidats.push({ plafond: 'horaire', montant })
    const parStagiaire = stagiaires > 1 ? ` × ${stagiaires} stagiaires` : ''
    detail.push(`Plafond horaire : ${formaterEuros(regle.plafondHoraireHT)} × ${heuresFr(demiHeures)}${parStagiaire} = ${formaterEuros(montant)}`)
  }
  if (estDefini(regle.plafondActionHT)) {
    exigerCentimes('Plafond par action', regle.plafondActionHT)
    candidats.push({ plafond: 'action', montant: regle.plafondActionHT })
    detail.push(`Plafond par action : ${formaterEuros(regle.plafondActionHT)}`)
  }
  if (estDefini(regle.plafondAnnuelHT)) {
    exigerCentimes('Plafond annuel', regle.plafondAnnuelHT)
    const restant = Math.max(0, regle.plafondAnnuelHT - consommeAnnuel)
    candidats.push({ plafond: 'annuel', montant: restant })
    detail.push(
      consommeAnnuel > 0
        ? `Plafond annuel restant : ${formaterEuros(regle.plafondAnnuelHT)} − ${formaterEuros(consommeAnnuel)} déjà consommés = ${formaterEuros(restant)}`
        : `Plafond annuel de l'entreprise : ${formaterEuros(regle.plafondAnnuelHT)}`,
    )
    if (restant === 0) avertissements.push("Plafond annuel de l'entreprise épuisé pour cette année.")
  }

  let retenu = candidats[0]!
  for (const c of candidats) if (c.montant < retenu.montant) retenu = c

  const libelles: Record<Exclude<PlafondDeterminant, 'aucune_regle'>, string> = {
    cout: 'coût total, sous les plafonds',
    horaire: 'plafond horaire',
    action: 'plafond par action',
    annuel: 'plafond annuel',
  }
  const montantEstime = retenu.montant
  const resteACharge = cout - montantEstime
  detail.push(`Prise en charge estimée : ${formaterEuros(montantEstime)} (${libelles[retenu.plafond]})`)
  detail.push(`Reste à charge de l'entreprise : ${formaterEuros(resteACharge)}`)

  return {
    montantEstime,
    resteACharge,
    regleAppliquee: regle.libelle,
    plafondDeterminant: retenu.plafond,
    heuresRetenues: demiHeures / 2,
    detail,
    avertissements,
  }
}
