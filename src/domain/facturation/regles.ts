/**
 * Les factures d'un dossier au moment de l'action « invoice » (DOMAIN.md §3 étape 7, §4 Facture).
 *
 * Règles, dans l'ordre :
 *
 * 1. Service fait. L'organisme ne facture que les heures réalisées (certificat de réalisation),
 *    plafonnées aux heures prévues. Quand moins d'heures ont été faites, le coût facturé est le
 *    coût total au prorata : coût × heures réalisées / heures prévues, arrondi au centime
 *    inférieur — on ne facture jamais plus que la part exacte des heures faites. Heures
 *    complètes : le coût total, sans calcul.
 *
 * 2. Subrogation (l'OPCO paie l'organisme) : une facture à l'OPCO pour sa prise en charge, elle
 *    aussi au prorata des heures faites — montant validé × heures réalisées / heures prévues,
 *    arrondi au centime inférieur (l'OPCO ne paie que le service fait et jamais plus que son
 *    engagement) — sans dépasser le coût facturé ; puis, s'il en reste, une facture à
 *    l'entreprise pour le reste à charge = coût facturé − part OPCO. L'entreprise paie donc
 *    la part des heures faites que l'OPCO ne couvre pas, et rien pour les heures non faites :
 *    les deux factures ensemble valent exactement le coût au prorata, au centime près.
 *
 * 3. Sans subrogation (remboursement) : une seule facture à l'entreprise pour le coût facturé ;
 *    c'est elle qui se fait rembourser par l'OPCO.
 *
 * 4. TVA selon le régime de l'organisme (exonération 261-4-4°-a, franchise 293 B : 0 et une
 *    mention ; assujetti : taux configuré, arrondi au demi-centime supérieur sur le total).
 *
 * 5. Échéance = date d'émission + délai de paiement configuré (templates/pdf/configuration.json,
 *    `facturation.delaiPaiementJours`, 30 jours par défaut, 60 au plus : L441-10 C. com.).
 */
import { formaterDateFr } from '@/src/domain/dates'
import { estMontantCentimesValide } from '@/src/domain/money'
import { calculerTva, heuresEnCentiemes, lignesHoraires, produitDivisionPlancher, type LigneFacture } from './montants'
import type { Destinataire } from './statuts'

export type RegimeTva = 'exoneration_261' | 'franchise_293B' | 'assujetti'
export const REGIMES_TVA: readonly RegimeTva[] = ['exoneration_261', 'franchise_293B', 'assujetti']

/** Valeurs venues de la configuration des documents (src/config/documents.ts). */
export interface ParametresFacturation {
  delaiPaiementJours: number
  tauxTvaPourcent: number
  /** Mention imprimée selon le régime ; `{taux}` est remplacé par le taux de TVA. */
  mentionsTva: Readonly<Record<RegimeTva, string>>
}

export interface DossierAFacturer {
  typeFormation?: string | null
  coutTotalHT?: number | null
  montantValide?: number | null
  /** null / absent : la valeur par défaut du dossier, la subrogation. */
  subrogation?: boolean | null
  numeroDossierOpco?: string | null
  heuresRealisees?: number | null
  formation?: { titre?: string | null; dureeHeures?: number | null; dateDebut?: string | null; dateFin?: string | null } | null
}

export interface FacturePrevue {
  destinataire: Destinataire
  lignes: LigneFacture[]
  totalHT: number
  totalTVA: number
  totalTTC: number
  mentionTva: string
}

export interface Repartition {
  heuresPrevues: number
  heuresRetenues: number
  /** Coût au prorata des heures faites (= coût total quand tout a été fait). */
  coutFacture: number
  partOpco: number
  resteEntreprise: number
  subrogation: boolean
}

export interface Probleme {
  champ: string
  message: string
}

export type ResultatFacturation = { ok: true; factures: FacturePrevue[]; repartition: Repartition } | { ok: false; problemes: Probleme[] }

const estDemiHeures = (h: unknown): h is number => {
  const c = heuresEnCentiemes(h)
  return c !== null && c % 50 === 0
}

/**
 * Ce qui manque pour facturer un dossier (vide : facturable). La même liste sert de précondition
 * à l'action « invoice » si l'on veut la refuser en amont (422 avec `manquants`).
 */
export function verifierFacturable(d: DossierAFacturer, regimeTva?: string | null): Probleme[] {
  const p: Probleme[] = []
  if (!estMontantCentimesValide(d.coutTotalHT) || d.coutTotalHT === 0) p.push({ champ: 'coutTotalHT', message: 'coût total HT manquant' })
  const prevues = d.formation?.dureeHeures
  if (!estDemiHeures(prevues) || prevues === 0) p.push({ champ: 'formation.dureeHeures', message: 'durée prévue de la formation manquante ou invalide' })
  const faites = d.heuresRealisees
  if (faites === null || faites === undefined) p.push({ champ: 'heuresRealisees', message: 'heures réalisées manquantes (certificat de réalisation)' })
  else if (!estDemiHeures(faites)) p.push({ champ: 'heuresRealisees', message: 'heures réalisées invalides (par demi-heure)' })
  else if (faites === 0) p.push({ champ: 'heuresRealisees', message: 'aucune heure réalisée : rien à facturer' })
  if (d.subrogation !== false && (!estMontantCentimesValide(d.montantValide) || d.montantValide === null || d.montantValide === undefined)) {
    p.push({ champ: 'montantValide', message: 'montant validé par l’OPCO manquant (subrogation)' })
  }
  if (regimeTva !== undefined && !REGIMES_TVA.includes(regimeTva as RegimeTva)) {
    p.push({ champ: 'formation.organisme', message: 'organisme de formation (et son régime de TVA) manquant' })
  }
  return p
}

/** Mention de TVA imprimée, selon le régime de l'organisme. */
export function mentionTva(regime: RegimeTva, parametres: ParametresFacturation): string {
  const taux = String(parametres.tauxTvaPourcent).replace('.', ',')
  return parametres.mentionsTva[regime].replaceAll('{taux}', taux)
}

/** Taux appliqué selon le régime : seul un organisme assujetti facture de la TVA. */
export const tauxTva = (regime: RegimeTva, parametres: ParametresFacturation): number => (regime === 'assujetti' ? parametres.tauxTvaPourcent : 0)

/** Date d'échéance (ISO) : date d'émission + délai de paiement en jours. */
export function dateEcheance(dateEmission: Date | string, delaiPaiementJours: number): string {
  const debut = new Date(dateEmission)
  if (Number.isNaN(debut.getTime())) throw new RangeError(`Date d'émission invalide : ${String(dateEmission)}.`)
  if (!Number.isInteger(delaiPaiementJours) || delaiPaiementJours < 0) throw new RangeError(`Délai de paiement invalide : ${String(delaiPaiementJours)} jours.`)
  return new Date(debut.getTime() + delaiPaiementJours * 86_400_000).toISOString()
}

const heuresFr = (h: number): string => `${String(h).replace('.', ',')} h`

/** Désignation commune des lignes : nature, intitulé, période. */
export function libellePrestation(d: DossierAFacturer): string {
  const nature = d.typeFormation === 'bilan' ? 'Bilan de compétences' : 'Formation'
  const titre = d.formation?.titre?.trim() || 'sans intitulé'
  let periode = ''
  try {
    if (d.formation?.dateDebut && d.formation?.dateFin) periode = ` du ${formaterDateFr(d.formation.dateDebut)} au ${formaterDateFr(d.formation.dateFin)}`
    else if (d.formation?.dateDebut) periode = ` à partir du ${formaterDateFr(d.formation.dateDebut)}`
  } catch {
    // Une date illisible ne doit pas empêcher de facturer : la désignation s'en passe.
    periode = ''
  }
  return `${nature} « ${titre} »${periode}`
}

function facture(destinataire: Destinataire, libelle: string, heures: number, montant: number, regime: RegimeTva, parametres: ParametresFacturation): FacturePrevue {
  const lignes = lignesHoraires(libelle, heures, montant)
  const totalHT = lignes.reduce((s, l) => s + l.montantHT, 0)
  const totalTVA = calculerTva(totalHT, tauxTva(regime, parametres))
  return { destinataire, lignes, totalHT, totalTVA, totalTTC: totalHT + totalTVA, mentionTva: mentionTva(regime, parametres) }
}

/** Les factures à émettre pour un dossier réalisé (pure : ne lit que ses arguments). */
export function facturesDuDossier(d: DossierAFacturer, regimeTva: string | null | undefined, parametres: ParametresFacturation): ResultatFacturation {
  const problemes = verifierFacturable(d, regimeTva ?? null)
  if (problemes.length > 0) return { ok: false, problemes }
  const regime = regimeTva as RegimeTva
  const cout = d.coutTotalHT as number
  const prevues = d.formation!.dureeHeures as number
  const retenues = Math.min(d.heuresRealisees as number, prevues)
  const [cPrevues, cRetenues] = [heuresEnCentiemes(prevues)!, heuresEnCentiemes(retenues)!]
  const complet = cRetenues === cPrevues
  const subrogation = d.subrogation !== false

  const coutFacture = complet ? cout : produitDivisionPlancher(cout, cRetenues, cPrevues)
  const valide = subrogation ? (d.montantValide as number) : 0
  const partOpco = Math.min(complet ? valide : produitDivisionPlancher(valide, cRetenues, cPrevues), coutFacture)
  const resteEntreprise = coutFacture - partOpco
  const repartition: Repartition = { heuresPrevues: prevues, heuresRetenues: retenues, coutFacture, partOpco, resteEntreprise, subrogation }

  const base = libellePrestation(d)
  const prorata = complet ? '' : ` — ${heuresFr(retenues)} réalisées sur ${heuresFr(prevues)} prévues`
  const factures: FacturePrevue[] = []
  if (partOpco > 0) {
    const dossierOpco = d.numeroDossierOpco ? ` (dossier OPCO n° ${d.numeroDossierOpco})` : ''
    factures.push(facture('opco', `${base} — prise en charge OPCO${dossierOpco}${prorata}`, retenues, partOpco, regime, parametres))
  }
  if (resteEntreprise > 0) {
    const reste = subrogation && partOpco > 0 ? ' — reste à charge de l’entreprise' : ''
    factures.push(facture('entreprise', `${base}${reste}${prorata}`, retenues, resteEntreprise, regime, parametres))
  }
  if (factures.length === 0) return { ok: false, problemes: [{ champ: 'coutTotalHT', message: 'montant à facturer nul' }] }
  return { ok: true, factures, repartition }
}
