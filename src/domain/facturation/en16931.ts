/**
 * La facture électronique (réforme de la facturation électronique, DOMAIN.md §12) : la pièce
 * enregistrée vue selon le modèle sémantique EN 16931, et les règles de gestion de la norme qui
 * s'appliquent à nos factures. Pur : ne lit que ses arguments ; la syntaxe (CII, UBL, Factur-X)
 * est l'affaire de src/services/factureElectronique.ts.
 *
 * Montants en centimes entiers, comme partout ; les totaux de la norme (BT-106 à BT-115) sont
 * ceux de la pièce enregistrée, jamais recalculés ici : c'est justement ce que les règles
 * BR-CO-10/13/15 vérifient.
 */
import type { ConfigurationDocuments, RegimeTva } from '@/src/domain/documents/configuration'
import type { EntreesDocument } from '@/src/domain/documents/types'
import { REGIMES_TVA } from './regles'

/** Catégories de TVA (UNTDID 5305) utilisées par nos factures : S taux normal, E exonéré. */
export type CategorieTva = 'S' | 'E'

/** Codes de type de document (UNTDID 1001) : 380 facture, 381 avoir. */
export type TypeDocumentEn16931 = '380' | '381'

export interface AdresseEn16931 {
  ligne: string | null
  codePostal: string | null
  ville: string | null
  /** BT-40 / BT-55 : ISO 3166-1 alpha-2 ; nos parties sont françaises. */
  pays: string | null
}

export interface PartieEn16931 {
  nom: string | null
  /** BT-30 / BT-47 : SIREN (ICD 0002), mention obligatoire de la réforme. */
  siren: string | null
  /** BT-29 / BT-46 : SIRET de l'établissement (ICD 0009). */
  siret: string | null
  /** BT-31 / BT-48 : numéro de TVA intracommunautaire. */
  numeroTva: string | null
  adresse: AdresseEn16931
  email: string | null
}

export interface LigneEn16931 {
  /** BT-126 */
  id: string
  /** BT-153 */
  libelle: string
  /** BT-129, en heures (unité HUR). */
  quantite: number | null
  /** BT-146 : prix net d'une heure, centimes. */
  prixUnitaire: number | null
  /** BT-131 : montant net de la ligne, centimes. */
  montantNet: number | null
  /** BT-151 / BT-152 */
  categorie: CategorieTva
  taux: number
}

/** BG-23 : une ligne de la ventilation de la TVA par catégorie et taux. */
export interface VentilationTva {
  categorie: CategorieTva
  taux: number
  /** BT-116 */
  baseImposable: number
  /** BT-117 */
  montantTva: number
  /** BT-120 */
  motifExoneration: string | null
  /** BT-121 (VATEX) */
  codeExoneration: string | null
}

export interface FactureEn16931 {
  /** BT-1 */
  numero: string | null
  /** BT-2, AAAA-MM-JJ. */
  dateEmission: string | null
  /** BT-3 */
  type: TypeDocumentEn16931
  /** BT-5 */
  devise: 'EUR'
  /** BT-9, AAAA-MM-JJ ; absente d'un avoir (il ne se paie pas). */
  dateEcheance: string | null
  /** BT-20 */
  conditionsPaiement: string | null
  /** BT-10 : le n° de dossier OPCO quand l'OPCO est le client, sinon la référence MonOPCO. */
  referenceAcheteur: string | null
  /** BT-25 / BT-26 : la facture qu'un avoir annule. */
  factureOrigine: { numero: string; date: string | null } | null
  /** BG-14 : période de la prestation (dates de la formation), et BT-72 : date de fin, la date de livraison. */
  periode: { debut: string | null; fin: string | null }
  /** BT-22 : mentions (catégorie d'opération, régime de TVA, mandat de facturation, pénalités…). */
  notes: string[]
  /** Catégorie de l'opération (réforme) : toujours une prestation de services. */
  categorieOperation: 'prestation_de_services'
  vendeur: PartieEn16931
  acheteur: PartieEn16931
  /** BG-10 : qui reçoit le paiement (le titulaire du compte configuré). */
  beneficiaire: { nom: string; siren: string | null } | null
  /** BG-16 / BG-17 : virement (code 58, SEPA) sur l'IBAN configuré. */
  paiement: { codeMoyen: '58'; iban: string | null; bic: string | null; titulaire: string | null } | null
  lignes: LigneEn16931[]
  ventilation: VentilationTva[]
  totaux: {
    /** BT-106 */
    sommeLignes: number | null
    /** BT-109 */
    totalHT: number | null
    /** BT-110 */
    totalTva: number | null
    /** BT-112 */
    totalTTC: number | null
    /** BT-113 */
    dejaPaye: number
    /** BT-115 */
    montantDu: number | null
  }
}

/** Une règle non respectée : son identifiant dans la norme et ce qui ne va pas, en français. */
export interface ViolationRegle {
  regle: string
  message: string
}

/** Mention imprimée et codes EN 16931 de chaque régime de TVA d'un organisme. */
export interface TvaDuRegime {
  categorie: CategorieTva
  /** VATEX : exonération de l'enseignement et de la formation professionnelle (directive 2006/112/CE art. 132-1-i, CGI 261-4-4°-a) ; franchise en base française (CGI 293 B). */
  codeExoneration: string | null
}

export const TVA_DES_REGIMES: Readonly<Record<RegimeTva, TvaDuRegime>> = {
  exoneration_261: { categorie: 'E', codeExoneration: 'VATEX-EU-132-1I' },
  franchise_293B: { categorie: 'E', codeExoneration: 'VATEX-FR-FRANCHISE' },
  assujetti: { categorie: 'S', codeExoneration: null },
}

export const MENTION_CATEGORIE_OPERATION = 'Catégorie de l’opération : prestation de services'

const texteOuNull = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)
const nombreOuNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

/** AAAA-MM-JJ d'une date ISO (le jour UTC, celui que la base enregistre), ou null. */
export function jourIso(v: unknown): string | null {
  if (typeof v !== 'string' && !(v instanceof Date)) return null
  const d = new Date(v)
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10)
}

/** SIREN d'un SIRET (14 chiffres) ou d'un SIREN (9 chiffres), espaces ôtés ; sinon null. */
export function sirenDe(siret: unknown, siren?: unknown): string | null {
  const s = typeof siren === 'string' ? siren.replace(/\s/g, '') : ''
  if (/^\d{9}$/.test(s)) return s
  const t = typeof siret === 'string' ? siret.replace(/[\s.-]/g, '') : ''
  return /^\d{14}$/.test(t) ? t.slice(0, 9) : null
}

const siretDe = (v: unknown): string | null => {
  const t = typeof v === 'string' ? v.replace(/[\s.-]/g, '') : ''
  return /^\d{14}$/.test(t) ? t : null
}

/**
 * Le régime de TVA d'une pièce : la mention enregistrée à l'émission fait foi (l'organisme a pu
 * changer de régime depuis) ; à défaut, une pièce avec de la TVA est au taux normal, sinon le
 * régime de l'organisme.
 */
export function regimeDeLaPiece(mentionEnregistree: unknown, totalTva: unknown, regimeOrganisme: unknown, config: ConfigurationDocuments): RegimeTva {
  const mention = texteOuNull(mentionEnregistree)
  if (mention) {
    for (const r of REGIMES_TVA) {
      const modele = config.mentions.tva[r].replaceAll('{taux}', String(config.facturation.tauxTvaPourcent).replace('.', ','))
      if (modele === mention) return r
    }
  }
  if (typeof totalTva === 'number' && totalTva > 0) return 'assujetti'
  return REGIMES_TVA.includes(regimeOrganisme as RegimeTva) ? (regimeOrganisme as RegimeTva) : 'assujetti'
}

export interface OptionsModele {
  /** Numéro et date à porter quand la pièce n'est pas encore émise (contrôle avant émission). */
  numeroProvisoire?: string
  dateProvisoire?: string
  /** Date d'émission de la facture qu'un avoir annule (BT-26). */
  dateFactureOrigine?: string | null
}

function partie(nom: unknown, siret: unknown, siren: unknown, numeroTva: unknown, adresse: { rue?: unknown; codePostal?: unknown; ville?: unknown } | null | undefined, email: unknown): PartieEn16931 {
  return {
    nom: texteOuNull(nom),
    siren: sirenDe(siret, siren),
    siret: siretDe(siret),
    numeroTva: texteOuNull(numeroTva),
    // Nos parties sont établies en France (SIRET) : le pays est connu même sans adresse saisie.
    adresse: { ligne: texteOuNull(adresse?.rue), codePostal: texteOuNull(adresse?.codePostal), ville: texteOuNull(adresse?.ville), pays: 'FR' },
    email: texteOuNull(email),
  }
}

/**
 * La pièce enregistrée (facture ou avoir) selon EN 16931 : vendeur = l'organisme de formation
 * (facture émise sous mandat), acheteur = l'OPCO (subrogation) ou l'entreprise, bénéficiaire et
 * IBAN = la configuration, une ventilation de TVA par catégorie et taux des lignes.
 */
export function factureEn16931(e: EntreesDocument, config: ConfigurationDocuments, options: OptionsModele = {}): FactureEn16931 {
  const f = e.facture ?? {}
  const d = e.dossier
  const avoir = f.type === 'avoir'
  const regime = regimeDeLaPiece(f.mentionTva, f.totalTVA, e.organisme?.regimeTva, config)
  const tva = TVA_DES_REGIMES[regime]
  const taux = tva.categorie === 'S' ? config.facturation.tauxTvaPourcent : 0
  const mention = texteOuNull(f.mentionTva) ?? config.mentions.tva[regime].replaceAll('{taux}', String(config.facturation.tauxTvaPourcent).replace('.', ','))

  const lignes: LigneEn16931[] = (Array.isArray(f.lignes) ? f.lignes : []).map((l, i) => ({
    id: String(i + 1),
    libelle: texteOuNull(l.libelle) ?? '',
    quantite: nombreOuNull(l.quantite),
    prixUnitaire: nombreOuNull(l.prixUnitaireHT),
    montantNet: nombreOuNull(l.montantHT),
    categorie: tva.categorie,
    taux,
  }))

  // BG-23 : une entrée par (catégorie, taux) présents dans les lignes. La base est la somme des
  // lignes de la catégorie ; la TVA est celle de la pièce (calculée une fois sur le total,
  // src/domain/facturation/montants.ts), pour une seule catégorie — le cas de toutes nos pièces.
  const groupes = new Map<string, LigneEn16931[]>()
  for (const l of lignes) groupes.set(`${l.categorie}:${l.taux}`, [...(groupes.get(`${l.categorie}:${l.taux}`) ?? []), l])
  const totalTva = nombreOuNull(f.totalTVA)
  const ventilation: VentilationTva[] = [...groupes.values()].map((ls) => ({
    categorie: ls[0]!.categorie,
    taux: ls[0]!.taux,
    baseImposable: ls.reduce((s, l) => s + (l.montantNet ?? 0), 0),
    montantTva: groupes.size === 1 ? (totalTva ?? 0) : 0,
    motifExoneration: ls[0]!.categorie === 'E' ? mention : null,
    codeExoneration: ls[0]!.categorie === 'E' ? tva.codeExoneration : null,
  }))

  const versOpco = f.destinataire === 'opco'
  const acheteur = versOpco
    ? partie(e.opco?.nom, e.opco?.siret, null, null, e.opco?.adresse, e.opco?.contactEmail)
    : partie(e.entreprise?.raisonSociale, e.entreprise?.siret, e.entreprise?.siren, e.entreprise?.numeroTva, e.entreprise?.adresse, null)
  const vendeur = partie(e.organisme?.nom, e.organisme?.siret, null, e.organisme?.numeroTva, e.organisme?.adresse, null)

  const fac = config.facturation
  const echeance = avoir ? null : (jourIso(f.dateEcheance) ?? null)
  const origine = typeof f.factureOrigine === 'object' && f.factureOrigine !== null ? texteOuNull(f.factureOrigine.numero) : texteOuNull(f.factureOrigine)
  const mandat = config.mentions.mandatFacturation
    .replaceAll('{operateur}', config.operateur.nom)
    .replaceAll('{organisme}', texteOuNull(e.organisme?.nom) ?? 'l’organisme de formation')
    .replaceAll('{reference}', config.references.mandatFacturation)

  const totalTTC = nombreOuNull(f.totalTTC)
  return {
    numero: texteOuNull(f.numero) ?? options.numeroProvisoire ?? null,
    dateEmission: jourIso(f.dateEmission) ?? jourIso(options.dateProvisoire) ?? null,
    type: avoir ? '381' : '380',
    devise: 'EUR',
    dateEcheance: echeance ?? (avoir || !options.dateProvisoire ? null : jourIso(new Date(new Date(options.dateProvisoire).getTime() + fac.delaiPaiementJours * 86_400_000).toISOString())),
    conditionsPaiement: avoir
      ? null
      : `Paiement à ${fac.delaiPaiementJours} jours à compter de la date d’émission, par virement. ${fac.escompte}. ${fac.penalitesRetard}. Indemnité forfaitaire pour frais de recouvrement : ${(fac.indemniteRecouvrementCentimes / 100).toFixed(2).replace('.', ',')} € (${fac.indemniteRecouvrementReference}).`,
    referenceAcheteur: texteOuNull(versOpco ? d.numeroDossierOpco : null) ?? texteOuNull(d.reference),
    periode: { debut: jourIso(d.formation?.dateDebut), fin: jourIso(d.formation?.dateFin) },
    factureOrigine: avoir && origine ? { numero: origine, date: jourIso(options.dateFactureOrigine) } : null,
    notes: [MENTION_CATEGORIE_OPERATION, mention, `${mandat}.`, ...(avoir && texteOuNull(f.motif) ? [`Motif de l’avoir : ${texteOuNull(f.motif)!}`] : [])],
    categorieOperation: 'prestation_de_services',
    vendeur,
    acheteur,
    beneficiaire: { nom: fac.paiement.titulaire, siren: fac.paiement.titulaire === config.operateur.nom ? sirenDe(config.operateur.siret) : null },
    paiement: avoir ? null : { codeMoyen: '58', iban: fac.paiement.iban, bic: fac.paiement.bic, titulaire: fac.paiement.titulaire },
    lignes,
    ventilation,
    totaux: {
      sommeLignes: lignes.every((l) => l.montantNet !== null) ? lignes.reduce((s, l) => s + l.montantNet!, 0) : null,
      totalHT: nombreOuNull(f.totalHT),
      totalTva,
      totalTTC,
      dejaPaye: 0,
      montantDu: totalTTC,
    },
  }
}
