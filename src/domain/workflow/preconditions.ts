import { estDateIsoValide } from '@/src/domain/dates'
import { estMontantCentimesValide, formaterEuros } from '@/src/domain/money'
import type { DateMetier, DossierWorkflow, ParametresTransition, ReponseOpco } from './types'
import { idRelation } from './transitions'
import { heuresProposees } from '@/src/domain/seances'
import { montantDemande as montantDemandeUnique } from '@/src/domain/funding/demande'
import { estDecisionOpco, estMotifRefus, DECISIONS_OPCO, MOTIFS_REFUS } from './motifs'

/** Un manquement : le chemin (pour l'interface) et la phrase (pour l'humain). */
export interface Probleme {
  champ: string
  message: string
}

/** ⚠ Plafond courant d'un bilan de compétences (docs/domaine.md §3) ; le dossier peut en porter un autre. */
export const PLAFOND_HEURES_BILAN_DEFAUT = 24

/** Longueur du champ `numeroDossierOpco` de la collection. */
const NUMERO_OPCO_MAX = 50
/** `motifRefus` fait 2 000 caractères au plus ; on garde la place du libellé du motif. */
const COMMENTAIRE_REFUS_MAX = 1800
const PIECE_MAX = 300
const PIECES_MAX = 50

const REGEX_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MS_PAR_JOUR = 86_400_000

function texteRenseigne(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== ''
}

function lireDate(v: DateMetier): Date | 'absente' | 'invalide' {
  if (v === null || v === undefined || v === '') return 'absente'
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'invalide' : v
  return estDateIsoValide(v) ? new Date(v) : 'invalide'
}

// Les dates de formation sont des jours (stockés à minuit ou midi UTC selon la saisie) :
// on compare des jours UTC, comme src/domain/dates, pour que l'heure de stockage n'importe pas.
function jourUtc(d: Date): number {
  return Math.floor(d.getTime() / MS_PAR_JOUR)
}

/** Demi-heures entières : les durées se saisissent à la demi-heure près. */
function estDureeValide(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 && Number.isInteger(v * 2)
}

function plafondBilan(d: DossierWorkflow): number {
  const p = d.plafondHeuresBilan
  return typeof p === 'number' && Number.isFinite(p) && p > 0 ? p : PLAFOND_HEURES_BILAN_DEFAUT
}

function heuresFr(h: number): string {
  return `${String(h).replace('.', ',')} h`
}

/**
 * Une demande de prise en charge déposée le jour même du début ou après est refusée par
 * l'OPCO (docs/domaine.md §3, étape 4) : le début doit être strictement postérieur à aujourd'hui.
 */
export function verifierDebutFutur(d: DossierWorkflow, maintenant: Date): Probleme[] {
  const debut = lireDate(d.formation?.dateDebut)
  if (!(debut instanceof Date)) return []
  if (jourUtc(debut) <= jourUtc(maintenant)) {
    return [
      {
        champ: 'formation.dateDebut',
        message:
          "la formation a déjà commencé ou commence aujourd'hui : l'OPCO refuse une demande de prise en charge déposée après le début de la formation",
      },
    ]
  }
  return []
}

/** Contenu exigé pour déposer (et pour valider : l'admin a pu modifier le dossier entre-temps). */
export function verifierContenu(d: DossierWorkflow, maintenant: Date): Probleme[] {
  const p: Probleme[] = []
  const b = d.beneficiaire ?? {}
  const f = d.formation ?? {}

  if (!texteRenseigne(b.nom)) p.push({ champ: 'beneficiaire.nom', message: 'nom du bénéficiaire manquant' })
  if (!texteRenseigne(b.prenom)) p.push({ champ: 'beneficiaire.prenom', message: 'prénom du bénéficiaire manquant' })
  if (!texteRenseigne(b.email)) p.push({ champ: 'beneficiaire.email', message: 'e-mail du bénéficiaire manquant' })
  else if (!REGEX_EMAIL.test(b.email.trim())) p.push({ champ: 'beneficiaire.email', message: 'e-mail du bénéficiaire invalide' })
  if (idRelation(d.company) === null) p.push({ champ: 'company', message: 'entreprise manquante' })
  if (idRelation(d.opco) === null) p.push({ champ: 'opco', message: 'OPCO manquant' })
  if (!texteRenseigne(f.titre)) p.push({ champ: 'formation.titre', message: 'intitulé de la formation manquant' })
  if (idRelation(f.organisme) === null) p.push({ champ: 'formation.organisme', message: 'organisme de formation manquant' })

  if (f.dureeHeures === null || f.dureeHeures === undefined) {
    p.push({ champ: 'formation.dureeHeures', message: 'durée de la formation manquante' })
  } else if (!estDureeValide(f.dureeHeures)) {
    p.push({ champ: 'formation.dureeHeures', message: "durée invalide : un nombre d'heures positif, par demi-heure" })
  } else if (d.typeFormation === 'bilan' && f.dureeHeures > plafondBilan(d)) {
    p.push({
      champ: 'formation.dureeHeures',
      message: `un bilan de compétences ne peut pas dépasser ${heuresFr(plafondBilan(d))} (durée saisie : ${heuresFr(f.dureeHeures)})`,
    })
  }

  const debut = lireDate(f.dateDebut)
  const fin = lireDate(f.dateFin)
  if (debut === 'absente') p.push({ champ: 'formation.dateDebut', message: 'date de début manquante' })
  if (debut === 'invalide') p.push({ champ: 'formation.dateDebut', message: 'date de début invalide' })
  if (fin === 'absente') p.push({ champ: 'formation.dateFin', message: 'date de fin manquante' })
  if (fin === 'invalide') p.push({ champ: 'formation.dateFin', message: 'date de fin invalide' })
  if (debut instanceof Date && fin instanceof Date && jourUtc(fin) < jourUtc(debut)) {
    p.push({ champ: 'formation.dateFin', message: 'la date de fin précède la date de début' })
  }
  p.push(...verifierDebutFutur(d, maintenant))

  const cout = d.coutTotalHT
  if (cout === null || cout === undefined || cout === 0) {
    p.push({ champ: 'coutTotalHT', message: 'coût total HT manquant' })
  } else if (!estMontantCentimesValide(cout)) {
    p.push({ champ: 'coutTotalHT', message: 'coût total HT invalide (centimes entiers attendus)' })
  }
  return p
}

/**
 * Les documents qui partent à l'OPCO : une convention (formation ou bilan) signée par toutes les
 * parties et la demande de prise en charge.
 */
export function verifierDocumentsEnvoi(d: DossierWorkflow): Probleme[] {
  if (!d.exigerDocumentsGeneres) return []
  const presents = new Set(d.documentsGeneres ?? [])
  const p: Probleme[] = []
  if (!presents.has('convention') && !presents.has('convention_bilan')) {
    p.push({
      champ: d.typeFormation === 'bilan' ? 'documents.convention_bilan' : 'documents.convention',
      message: d.typeFormation === 'bilan' ? 'convention de bilan non générée' : 'convention de formation non générée',
    })
  }
  else if (d.conventionSignee === false) {
    p.push({ champ: 'documents.convention_signee', message: 'convention non signée par toutes les parties (signature électronique)' })
  }
  if (!presents.has('demande_prise_en_charge')) {
    p.push({ champ: 'documents.demande_prise_en_charge', message: 'demande de prise en charge non générée' })
  }
  return p
}

/** Montant demandé à l'OPCO : la définition unique est dans src/domain/funding/demande. */
export function montantDemande(d: DossierWorkflow): number | null {
  return montantDemandeUnique(d)
}

export type LectureReponse = { ok: true; reponse: ReponseOpco } | { ok: false; problemes: Probleme[] }

export function lireReponseOpco(d: DossierWorkflow, params: ParametresTransition): LectureReponse {
  const decision = params.decision
  if (!estDecisionOpco(decision)) {
    return {
      ok: false,
      problemes: [
        {
          champ: 'parametres.decision',
          message: `décision de l'OPCO manquante ou inconnue (attendue : ${DECISIONS_OPCO.join(', ')})`,
        },
      ],
    }
  }
  const p: Probleme[] = []

  if (decision === 'accepte' || decision === 'accepte_partiel') {
    const numero = params.numeroDossierOpco
    if (!texteRenseigne(numero)) {
      p.push({ champ: 'parametres.numeroDossierOpco', message: "numéro de dossier de l'OPCO manquant" })
    } else if (numero.trim().length > NUMERO_OPCO_MAX) {
      p.push({ champ: 'parametres.numeroDossierOpco', message: `numéro de dossier de l'OPCO trop long (${NUMERO_OPCO_MAX} caractères au plus)` })
    }
    const demande = montantDemande(d)
    if (demande === null) p.push({ champ: 'coutTotalHT', message: 'montant demandé inconnu : coût total HT manquant' })
    const montant = params.montantValide
    if (montant === null || montant === undefined) {
      p.push({ champ: 'parametres.montantValide', message: 'montant validé manquant' })
    } else if (!estMontantCentimesValide(montant) || montant === 0) {
      p.push({ champ: 'parametres.montantValide', message: 'montant validé invalide : un nombre entier de centimes, supérieur à zéro' })
    } else if (demande !== null) {
      const m = montant as number
      if (m > demande) {
        p.push({
          champ: 'parametres.montantValide',
          message: `montant validé (${formaterEuros(m)}) supérieur au montant demandé (${formaterEuros(demande)})`,
        })
      } else if (decision === 'accepte_partiel' && m === demande) {
        p.push({
          champ: 'parametres.montantValide',
          message: `un accord partiel porte sur moins que le montant demandé (${formaterEuros(demande)}) : c'est un accord total`,
        })
      }
    }
    if (p.length > 0 || demande === null) return { ok: false, problemes: p }
    return {
      ok: true,
      reponse: { decision, numeroDossierOpco: (numero as string).trim(), montantValide: montant as number, montantDemande: demande },
    }
  }

  if (decision === 'refuse') {
    const motif = params.motif
    const commentaire = params.commentaire
    if (!estMotifRefus(motif)) {
      p.push({
        champ: 'parametres.motif',
        message: `motif de refus manquant ou inconnu (attendu : ${MOTIFS_REFUS.map((m) => m.value).join(', ')})`,
      })
    }
    if (!texteRenseigne(commentaire)) {
      p.push({ champ: 'parametres.commentaire', message: "commentaire manquant : la formulation de l'OPCO doit être conservée" })
    } else if (commentaire.trim().length > COMMENTAIRE_REFUS_MAX) {
      p.push({ champ: 'parametres.commentaire', message: `commentaire trop long (${COMMENTAIRE_REFUS_MAX} caractères au plus)` })
    }
    if (p.length > 0 || !estMotifRefus(motif)) return { ok: false, problemes: p }
    return { ok: true, reponse: { decision, motif, commentaire: (commentaire as string).trim() } }
  }

  const pieces = params.pieces
  const liste = Array.isArray(pieces) ? pieces : []
  if (liste.length === 0) {
    p.push({ champ: 'parametres.pieces', message: 'liste des pièces demandées manquante' })
  } else if (liste.length > PIECES_MAX) {
    p.push({ champ: 'parametres.pieces', message: `trop de pièces demandées (${PIECES_MAX} au plus)` })
  } else if (!liste.every((x) => texteRenseigne(x) && x.trim().length <= PIECE_MAX)) {
    p.push({ champ: 'parametres.pieces', message: `chaque pièce demandée doit être un texte non vide de ${PIECE_MAX} caractères au plus` })
  }
  if (p.length > 0) return { ok: false, problemes: p }
  return { ok: true, reponse: { decision: 'pieces_demandees', pieces: (liste as string[]).map((x) => x.trim()) } }
}

export type LectureHeures =
  | { ok: true; heuresRealisees: number; heuresPrevues: number; heuresEmargees?: number; motifHeures?: string }
  | { ok: false; problemes: Probleme[] }

/** Longueur maximale du motif d'heures différentes des heures émargées. */
export const MOTIF_HEURES_MAX = 2000

/**
 * L'OPCO ne paie que le service fait : les heures réalisées ne dépassent jamais celles de la
 * convention. Un dossier avec des séances : les heures proposées sont celles des émargements
 * (arrondies à la demi-heure inférieure) ; une autre valeur exige un motif écrit. Sans séance :
 * les heures saisies par l'admin, comme avant.
 */
export function lireHeuresRealisees(d: DossierWorkflow, params: ParametresTransition): LectureHeures {
  const prevues = d.formation?.dureeHeures
  const emargees = d.heuresSeances ? heuresProposees(d.heuresSeances.heuresSignees) : undefined
  const saisie = params.heuresRealisees
  const h = (saisie === null || saisie === undefined || saisie === '') && emargees !== undefined ? emargees : saisie
  const motifBrut = params.motifHeures
  const p: Probleme[] = []
  let motifHeures: string | undefined
  if (motifBrut !== undefined && motifBrut !== null && motifBrut !== '') {
    if (typeof motifBrut !== 'string') p.push({ champ: 'parametres.motifHeures', message: 'motif des heures invalide : un texte est attendu' })
    else if (motifBrut.trim().length > MOTIF_HEURES_MAX) p.push({ champ: 'parametres.motifHeures', message: `motif des heures trop long (${MOTIF_HEURES_MAX} caractères au plus)` })
    else if (motifBrut.trim() !== '') motifHeures = motifBrut.trim()
  }
  if (emargees !== undefined && estDureeValide(h) && h !== emargees && motifHeures === undefined && p.length === 0) {
    p.push({
      champ: 'parametres.motifHeures',
      message: `heures réalisées (${heuresFr(h)}) différentes des heures émargées (${heuresFr(emargees)}) : indiquez le motif (feuilles d'émargement papier déposées, par exemple)`,
    })
  }
  if (emargees === 0 && h === 0) {
    p.push({ champ: 'parametres.heuresRealisees', message: "aucune heure émargée : saisissez les heures réalisées avec leur motif (feuilles d'émargement papier déposées, par exemple)" })
  }
  if (!estDureeValide(prevues)) p.push({ champ: 'formation.dureeHeures', message: 'durée prévue de la formation manquante ou invalide' })
  if (h === null || h === undefined) {
    p.push({ champ: 'parametres.heuresRealisees', message: 'heures réalisées manquantes' })
  } else if (!estDureeValide(h)) {
    if (h !== 0 || emargees !== 0) p.push({ champ: 'parametres.heuresRealisees', message: "heures réalisées invalides : un nombre d'heures supérieur à zéro, par demi-heure" })
  } else if (estDureeValide(prevues) && h > prevues) {
    p.push({
      champ: 'parametres.heuresRealisees',
      message: `heures réalisées (${heuresFr(h)}) supérieures aux heures prévues (${heuresFr(prevues)})`,
    })
  }
  if (p.length > 0 || !estDureeValide(h) || !estDureeValide(prevues)) return { ok: false, problemes: p }
  return {
    ok: true,
    heuresRealisees: h,
    heuresPrevues: prevues,
    ...(emargees !== undefined ? { heuresEmargees: emargees } : {}),
    ...(motifHeures !== undefined && (emargees === undefined || h !== emargees) ? { motifHeures } : {}),
  }
}

export type LecturePaiement = { ok: true; montantValide: number; montantPaye: number } | { ok: false; problemes: Probleme[] }

export function verifierPaiementComplet(d: DossierWorkflow): LecturePaiement {
  // Once invoiced, the OPCO owes its invoices (prorated to the hours done), not the validated amount.
  const valide = d.montantAttenduOpco ?? d.montantValide
  const paye = d.montantPaye ?? 0
  if (!estMontantCentimesValide(valide) || valide === 0) {
    return { ok: false, problemes: [{ champ: 'montantValide', message: 'montant validé par l’OPCO manquant' }] }
  }
  if (!estMontantCentimesValide(paye) || (paye as number) < (valide as number)) {
    return {
      ok: false,
      problemes: [
        {
          champ: 'montantPaye',
          message: `paiements reçus (${estMontantCentimesValide(paye) ? formaterEuros(paye as number) : 'invalides'}) inférieurs au montant dû par l’OPCO (${formaterEuros(valide as number)})`,
        },
      ],
    }
  }
  return { ok: true, montantValide: valide as number, montantPaye: paye as number }
}

/** Commentaire libre facultatif (annulation, pièces transmises). */
export function lireCommentaireFacultatif(params: ParametresTransition): { ok: true; commentaire?: string } | { ok: false; problemes: Probleme[] } {
  const c = params.commentaire
  if (c === undefined || c === null || (typeof c === 'string' && c.trim() === '')) return { ok: true }
  if (typeof c !== 'string' || c.trim().length > COMMENTAIRE_REFUS_MAX) {
    return { ok: false, problemes: [{ champ: 'parametres.commentaire', message: `commentaire invalide (texte de ${COMMENTAIRE_REFUS_MAX} caractères au plus)` }] }
  }
  return { ok: true, commentaire: c.trim() }
}

/**
 * La seule décision automatique des contrôles de conformité (issue « Conformité et IA ») : un
 * constat `bloquant` arrête la validation, avec son message qui dit comment corriger. Les autres
 * constats restent des conseils (RGPD art. 22 : une personne décide).
 */
export function verifierConformiteBloquante(d: DossierWorkflow): Probleme[] {
  // One problem per field concerned (for highlighting); the finding's sentence once, on its first field.
  // `champs-obligatoires` repeats verifierContenu, which validate already runs: said once.
  return (d.conformite?.constats ?? [])
    .filter((c) => c.severite === 'bloquant' && c.regle !== 'champs-obligatoires')
    .flatMap((c) => {
      const champs = c.champs && c.champs.length > 0 ? c.champs : [`conformite.${c.regle}`]
      return champs.map((champ, i) => ({ champ, message: i === 0 ? `${c.message} [${c.regle}]` : '' }))
    })
}
