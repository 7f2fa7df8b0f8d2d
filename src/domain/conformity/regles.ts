/**
 * Contrôles de conformité d'un dossier (docs/domaine.md §5 et §6), purs : ils ne lisent que leur entrée
 * (l'heure comprise) et rendent des constats. Ce sont des conseils pour une personne : seul un
 * constat `bloquant` arrête l'action `validate`, rien n'est jamais refusé automatiquement
 * (RGPD art. 22). Chaque message dit quoi corriger.
 */
import { choisirRegle } from '@/src/domain/funding'
import { estMontantCentimesValide, formaterEuros } from '@/src/domain/money'
import { estNdaValide } from '@/src/domain/nda'
import { listerPieces } from '@/src/domain/piecesRequises'
import { estSiretValide } from '@/src/domain/siret'
import { formaterDateFr } from '@/src/domain/dates'
import { estStatutDossier } from '@/src/domain/statuts'
import { texteBrut } from '@/src/domain/texteRiche'
import { echeancesDossier, jourFr, libelleJoursRestants, type TypeEcheance } from '@/src/domain/echeances'
import { totalRecuOpco } from '@/src/domain/paiements'
import { PLAFOND_HEURES_BILAN_DEFAUT, verifierContenu } from '@/src/domain/workflow/preconditions'
import type { DossierWorkflow } from '@/src/domain/workflow'
import { coherencePieces } from './coherence'
import { datesImprobables, heuresContreJours, montantsPlausibles, opcoContreBranche } from './plausibilite'
import type { Constat, DossierConformite, EntreeConformite, IdRegle, Severite } from './types'
import { dansGroupe, STATUTS_ENVOYES_OPCO } from '@/src/domain/workflow/groupes'
import { STATUTS_FACTURE_EMISES, TYPE_PIECE } from '@/src/domain/facturation/statuts'
import { DEMI_JOURNEES, heuresDesSeances, heuresProposees, STATUTS_SEANCE } from '@/src/domain/seances'

const MS_JOUR = 86_400_000

/** Les dates de formation sont des jours : on compare des jours UTC (comme src/domain/workflow). */
function jour(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null
  const d = v instanceof Date ? v : new Date(String(v))
  return Number.isNaN(d.getTime()) ? null : Math.floor(d.getTime() / MS_JOUR)
}

const nombre = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const heuresFr = (h: number): string => `${String(h).replace('.', ',')} h`
const dateFr = (j: number): string => new Date(j * MS_JOUR).toISOString().slice(0, 10).split('-').reverse().join('/')

/** Texte d'un champ d'objectifs : texte riche Lexical ou déjà du texte. */
export function texteObjectifs(v: unknown): string {
  if (typeof v === 'string') return v.trim()
  return texteBrut(v).trim()
}

function normaliser(s: unknown): string {
  return typeof s === 'string'
    ? s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim()
    : ''
}


/**
 * Verbes d'action d'un objectif évaluable (Qualiopi indicateur 5 : des objectifs opérationnels et
 * évaluables). Heuristique volontairement simple : un objectif sans aucun verbe observable
 * (« découvrir Excel ») est signalé pour relecture, jamais bloqué.
 */
const VERBES_EVALUABLES = [
  'etre capable', 'savoir', 'maitriser', 'realiser', 'construire', 'identifier', 'appliquer', 'utiliser', 'rediger', 'concevoir',
  'mettre en oeuvre', 'analyser', 'evaluer', 'elaborer', 'definir', 'creer', 'produire', 'animer', 'gerer', 'piloter', 'calculer',
  'configurer', 'developper', 'expliquer', 'presenter', 'organiser', 'planifier', 'conduire', 'diagnostiquer', 'formaliser', 'negocier',
  'preparer', 'programmer', 'resoudre', 'securiser', 'installer', 'deployer', 'communiquer', 'accueillir', 'vendre', 'former', 'mesurer',
]

type Ajout = (regle: IdRegle, severite: Severite, message: string, champs: string[]) => void

function champsObligatoires(e: EntreeConformite, maintenant: Date, ajouter: Ajout): void {
  // The workflow's own content check, minus what other rules say better (dates, bilan cap, DPC).
  const problemes = verifierContenu(e.dossier as unknown as DossierWorkflow, new Date(0)).filter(
    (p) => /manquant|invalide/.test(p.message) && !/début de la formation/.test(p.message),
  )
  void maintenant
  if (problemes.length === 0) return
  ajouter(
    'champs-obligatoires',
    'bloquant',
    `Informations obligatoires à compléter : ${problemes.map((p) => p.message).join(' ; ')}. Renseignez-les sur la fiche du dossier.`,
    [...new Set(problemes.map((p) => p.champ))],
  )
}

function entreprise(e: EntreeConformite, ajouter: Ajout): void {
  const ent = e.entreprise
  if (!ent) return
  if (typeof ent.siret !== 'string' || !estSiretValide(ent.siret)) {
    ajouter('siret-entreprise', 'bloquant', "Le SIRET de l'entreprise est invalide : corrigez-le sur la fiche de l'entreprise (14 chiffres, clé de contrôle).", ['company.siret'])
  }
  if (ent.registre?.etatAdministratif === 'ferme') {
    // Un OPCO ne finance pas l'action d'un établissement fermé : le SIRET est périmé ou erroné.
    let le = ''
    try {
      if (ent.registre.consulteLe) le = ` (consulté le ${formaterDateFr(ent.registre.consulteLe)})`
    } catch {
      // Une date illisible ne doit pas cacher le constat : il reste, sans sa date.
    }
    ajouter(
      'etablissement-ferme',
      'bloquant',
      `L'établissement de SIRET ${ent.siret ?? '—'} est fermé d'après le registre des entreprises${le} : l'OPCO refusera le dossier. Indiquez sur la fiche de l'entreprise le SIRET de l'établissement actif qui emploie la personne formée.`,
      ['company.registre.etatAdministratif', 'company.siret'],
    )
  }
  if (!nombre(ent.effectif)) {
    ajouter('effectif-plan', 'info', "Effectif de l'entreprise inconnu : renseignez-le pour savoir si le plan de développement des compétences est finançable.", ['company.effectif'])
  } else if (ent.effectif >= 50 && (e.dossier.typeFormation ?? 'formation') === 'formation') {
    ajouter(
      'effectif-plan',
      'avertissement',
      `Entreprise de ${ent.effectif} salariés : à partir de 50, l'OPCO ne finance le plan de développement des compétences qu'en cofinancement. Prévoyez le reste à charge ou un autre dispositif.`,
      ['company.effectif'],
    )
  }
}

function organisme(e: EntreeConformite, ajouter: Ajout): void {
  const o = e.organisme
  const f = e.dossier.formation ?? {}
  if (!o || f.organisme === null || f.organisme === undefined) return
  if (typeof o.nda !== 'string' || !estNdaValide(o.nda)) {
    ajouter('organisme-nda', 'bloquant', `L'organisme « ${o.nom ?? '?'} » n'a pas de numéro de déclaration d'activité valide (11 chiffres) : demandez-le à l'organisme et saisissez-le sur sa fiche.`, ['formation.organisme'])
  }
  const bilan = e.dossier.typeFormation === 'bilan'
  const q = o.qualiopi ?? {}
  const categorie = bilan ? q.bilansCompetences : q.actionsFormation
  const libelle = bilan ? 'bilans de compétences' : 'actions de formation'
  if (!categorie) {
    ajouter('organisme-qualiopi', 'bloquant', `L'organisme « ${o.nom ?? '?'} » n'est pas certifié Qualiopi pour les ${libelle} : l'OPCO ne finance pas. Choisissez un organisme certifié ou faites mettre à jour sa certification.`, ['formation.organisme'])
    return
  }
  const debut = jour(f.dateDebut)
  const vDebut = jour(q.validiteDebut)
  const vFin = jour(q.validiteFin)
  if (vDebut === null || vFin === null) {
    ajouter('organisme-qualiopi', 'bloquant', `Les dates de validité du certificat Qualiopi de « ${o.nom ?? '?'} » ne sont pas renseignées : saisissez-les sur la fiche de l'organisme (certificat à demander à l'organisme).`, ['formation.organisme'])
    return
  }
  const fin = jour(f.dateFin)
  if (debut !== null && debut >= vDebut && debut <= vFin && fin !== null && fin > vFin) {
    ajouter(
      'organisme-qualiopi',
      'avertissement',
      `Le certificat Qualiopi de « ${o.nom ?? '?'} » expire le ${dateFr(vFin)}, avant la fin de la formation (${dateFr(fin)}) : demandez à l'organisme son certificat renouvelé, l'OPCO le réclamera pour payer.`,
      ['formation.organisme', 'formation.dateFin'],
    )
  }
  if (debut !== null && (debut < vDebut || debut > vFin)) {
    ajouter(
      'organisme-qualiopi',
      'bloquant',
      `Le certificat Qualiopi de « ${o.nom ?? '?'} » (valide du ${dateFr(vDebut)} au ${dateFr(vFin)}) ne couvre pas le début de la formation (${dateFr(debut)}) : décalez la formation ou obtenez le certificat renouvelé.`,
      ['formation.organisme', 'formation.dateDebut'],
    )
  }
}

function dates(e: EntreeConformite, maintenant: Date, ajouter: Ajout): void {
  const d = e.dossier
  const debut = jour(d.formation?.dateDebut)
  const fin = jour(d.formation?.dateFin)
  if (debut !== null && fin !== null && fin < debut) {
    ajouter('dates-incoherentes', 'bloquant', 'La date de fin précède la date de début : corrigez les dates de la formation.', ['formation.dateDebut', 'formation.dateFin'])
  }
  if (debut === null) return
  // Before sending, the request would leave today; once sent, the date it actually left.
  // Already at the OPCO: the request's filing date is the sending date.
  const envoye = dansGroupe(STATUTS_ENVOYES_OPCO, d.status)
  // The OPCO's own filing delay, by the deadlines' pure function (the one the dossier page, the
  // dashboard and the reminders use): passed is as fatal as filing after the start.
  const depotOpco = echeancesDuDossierConformite(e, maintenant).find((x) => x.type === 'depot_demande')
  if (depotOpco?.etat === 'depassee') {
    const n = e.echeances?.regles.delaiDepotAvantDebutJours ?? 0
    const avant = n > 1 ? `${n} jours avant le début de la formation` : 'au plus tard la veille du début de la formation'
    ajouter(
      'dpc-avant-debut',
      'bloquant',
      envoye
        ? `La demande de prise en charge est partie après le ${jourFr(depotOpco.date)}, dernier jour pour l'envoyer à l'OPCO (${avant}, le ${dateFr(debut)}) : l'OPCO risque de la refuser. Reportez la formation ou obtenez l'accord écrit de l'OPCO.`
        : `La demande de prise en charge devait partir au plus tard le ${jourFr(depotOpco.date)} (${avant}, le ${dateFr(debut)}, d'après les délais de l'OPCO) : décalez la date de début.`,
      envoye ? ['formation.dateDebut', 'envoiOpcoDate'] : ['formation.dateDebut'],
    )
    return
  }
  const depot = envoye ? jour(d.envoiOpcoDate) : Math.floor(maintenant.getTime() / MS_JOUR)
  if (depot === null || debut > depot) return
  ajouter(
    'dpc-avant-debut',
    'bloquant',
    envoye
      ? `La demande de prise en charge est partie le ${dateFr(depot)}, le jour du début de la formation ou après (${dateFr(debut)}) : l'OPCO la refuse. Reportez la formation et refaites une demande.`
      : `La formation commence le ${dateFr(debut)} : la demande de prise en charge doit parvenir à l'OPCO avant le début. Décalez la date de début.`,
    ['formation.dateDebut'],
  )
}

/** The dossier's deadlines by the OPCO's rules (none without them). */
function echeancesDuDossierConformite(e: EntreeConformite, maintenant: Date) {
  if (!e.echeances) return []
  const d = e.dossier
  const iso = (v: string | Date | null | undefined): string | null => (v instanceof Date ? (Number.isNaN(v.getTime()) ? null : v.toISOString()) : (v ?? null))
  return echeancesDossier(
    {
      status: d.status ?? null,
      formation: { dateDebut: iso(d.formation?.dateDebut), dateFin: iso(d.formation?.dateFin) },
      envoiOpcoDate: iso(d.envoiOpcoDate),
      reponseOpcoDate: e.echeances.reponseOpcoDate ?? null,
      dateFacture: e.echeances.dateFacture ?? null,
      datePaiementComplet: e.echeances.datePaiementComplet ?? null,
    },
    e.echeances.regles,
    maintenant,
  )
}

/** The field each deadline depends on, for highlighting. */
const CHAMPS_ECHEANCE: Record<TypeEcheance, string[]> = {
  depot_demande: ['formation.dateDebut'],
  validite_accord: ['reponseOpcoDate', 'formation.dateDebut'],
  justificatifs: ['formation.dateFin'],
  paiement: ['paymentStatus'],
}

/** A deadline of the OPCO today or within 7 days: to watch, not blocking. */
function echeancesProches(e: EntreeConformite, maintenant: Date, ajouter: Ajout): void {
  for (const x of echeancesDuDossierConformite(e, maintenant)) {
    if (x.etat !== 'proche' && x.etat !== 'aujourdhui') continue
    ajouter(
      'echeance-proche',
      'avertissement',
      `${x.libelle} : dernier jour le ${jourFr(x.date)} (${libelleJoursRestants(x)}), d'après les délais de l'OPCO. Faites-le avant cette date.`,
      CHAMPS_ECHEANCE[x.type],
    )
  }
}

function heuresEtCouts(e: EntreeConformite, ajouter: Ajout): void {
  const d = e.dossier
  const bilan = d.typeFormation === 'bilan'
  const heures = d.formation?.dureeHeures
  const cout = d.coutTotalHT
  const plafondBilan = nombre(e.plafondHeuresBilan) && e.plafondHeuresBilan > 0 ? e.plafondHeuresBilan : PLAFOND_HEURES_BILAN_DEFAUT
  if (bilan && nombre(heures) && heures > plafondBilan) {
    ajouter('heures-plafond', 'bloquant', `Un bilan de compétences ne dépasse pas ${heuresFr(plafondBilan)} (durée saisie : ${heuresFr(heures)}) : réduisez la durée.`, ['formation.dureeHeures'])
  }
  if (nombre(cout) && estMontantCentimesValide(cout) && nombre(d.montantValide) && d.montantValide > cout) {
    ajouter('montants-incoherents', 'bloquant', `Le montant validé (${formaterEuros(d.montantValide)}) dépasse le coût total (${formaterEuros(cout)}) : vérifiez le coût saisi et la réponse de l'OPCO.`, ['montantValide', 'coutTotalHT'])
  }
  if (e.reglesOpco === null || e.reglesOpco === undefined) return
  const annee = (() => {
    const j = jour(d.formation?.dateDebut)
    return j === null ? new Date().getUTCFullYear() : new Date(j * MS_JOUR).getUTCFullYear()
  })()
  const regle = choisirRegle(e.reglesOpco, d.typeFormation ?? 'formation', e.entreprise?.effectif ?? null, annee)
  if (regle === null) {
    ajouter('regles-opco-absentes', 'info', "Aucune règle de financement de l'OPCO ne correspond à ce dossier (type, effectif, année) : les plafonds n'ont pas pu être vérifiés. Complétez les règles de l'OPCO si elles sont connues.", ['opco'])
    return
  }
  if (nombre(heures) && nombre(regle.heuresMax) && heures > regle.heuresMax) {
    ajouter('heures-plafond', 'avertissement', `${heuresFr(heures)} dépassent le maximum de ${heuresFr(regle.heuresMax)} de la règle « ${regle.libelle} » : seules ${heuresFr(regle.heuresMax)} seront financées. Réduisez la durée ou prévoyez le reste à charge.`, ['formation.dureeHeures'])
  }
  if (nombre(heures) && nombre(regle.heuresMin) && heures > 0 && heures < regle.heuresMin) {
    ajouter('heures-plafond', 'avertissement', `${heuresFr(heures)} sont sous le minimum de ${heuresFr(regle.heuresMin)} de la règle « ${regle.libelle} » : l'OPCO risque de refuser. Allongez la formation.`, ['formation.dureeHeures'])
  }
  if (nombre(cout) && nombre(heures) && heures > 0 && nombre(regle.plafondHoraireHT) && regle.plafondHoraireHT > 0) {
    const horaire = Math.round(cout / heures)
    if (horaire > regle.plafondHoraireHT) {
      ajouter(
        'cout-horaire-plafond',
        'avertissement',
        `Coût horaire de ${formaterEuros(horaire)} HT au-dessus du plafond de l'OPCO (${formaterEuros(regle.plafondHoraireHT)} HT/h, règle « ${regle.libelle} ») : la différence restera à la charge de l'entreprise. Négociez le devis ou informez l'entreprise.`,
        ['coutTotalHT', 'formation.dureeHeures'],
      )
    }
  }
  if (nombre(cout) && nombre(regle.plafondActionHT) && regle.plafondActionHT > 0 && cout > regle.plafondActionHT) {
    ajouter(
      'cout-plafond-action',
      'avertissement',
      `Coût de ${formaterEuros(cout)} HT au-dessus du plafond par action (${formaterEuros(regle.plafondActionHT)} HT, règle « ${regle.libelle} ») : l'entreprise paiera la différence.`,
      ['coutTotalHT'],
    )
  }
}

function contenuPedagogique(e: EntreeConformite, ajouter: Ajout): void {
  const d = e.dossier
  const f = d.formation ?? {}
  const bilan = d.typeFormation === 'bilan'
  const programmeTexte = typeof f.programme === 'string' && f.programme.trim().length > 0
  const programmeDepose = (e.documents ?? []).some((doc) => doc.documentType === 'programme')
  // The bilan's tripartite convention carries its content (R6313-8): no separate programme.
  if (!bilan && !programmeTexte && !programmeDepose) {
    ajouter('programme-present', 'bloquant', "Programme de la formation absent : saisissez le contenu et le déroulé (champ « Programme ») ou déposez le programme de l'organisme. L'OPCO refuse un dossier sans programme.", ['formation.programme'])
  }
  const objectifs = texteObjectifs(f.objectifs)
  if (objectifs === '') {
    ajouter('objectifs-evaluables', 'avertissement', 'Objectifs absents : décrivez ce que le stagiaire saura faire à la fin, avec des verbes observables (« être capable de… »), comme le demande Qualiopi (indicateur 5).', ['formation.objectifs'])
  } else {
    const n = normaliser(objectifs)
    if (!VERBES_EVALUABLES.some((v) => n.includes(v))) {
      ajouter('objectifs-evaluables', 'avertissement', 'Objectifs peu évaluables : reformulez-les avec des verbes d’action observables (« être capable de réaliser… », « savoir construire… ») pour que leur atteinte puisse être évaluée (Qualiopi indicateur 5).', ['formation.objectifs'])
    }
  }
}

function pieces(e: EntreeConformite, ajouter: Ajout): void {
  const d = e.dossier
  const status = d.status
  if (!estStatutDossier(status)) return
  const liste = listerPieces({ typeFormation: d.typeFormation ?? 'formation', status }, e.documents ?? [])
  // Generated pieces are the platform's job (a failed generation shows in « Documents générés »);
  // the programme has its own rule (programme-present: typed in the dossier or uploaded).
  const manquantes = liste.pieces.filter((p) => p.etat === 'manquant' && p.fournisseur !== 'genere' && p.type !== 'programme')
  if (manquantes.length === 0) return
  ajouter(
    'pieces-requises',
    'avertissement',
    `Pièces à joindre : ${manquantes.map((p) => p.libelle.toLowerCase()).join(', ')}. Déposez-les dans les documents du dossier.`,
    manquantes.map((p) => `documents.${p.type}`),
  )
}

function realisationEtPaiements(e: EntreeConformite, ajouter: Ajout): void {
  const d = e.dossier
  const prevues = d.formation?.dureeHeures
  if (nombre(d.heuresRealisees) && nombre(prevues) && d.heuresRealisees > prevues) {
    ajouter('heures-certificat', 'bloquant', `Heures réalisées (${heuresFr(d.heuresRealisees)}) supérieures aux heures de la convention (${heuresFr(prevues)}) : l'OPCO ne paie que le service fait. Corrigez le certificat de réalisation.`, ['heuresRealisees', 'formation.dureeHeures'])
  }
  const recu = totalRecuOpco(e.paiements ?? [])
  if (recu > 0) {
    const valide = nombre(d.montantValide) ? d.montantValide : 0
    if (recu > valide) {
      ajouter('paiements-depassent', 'bloquant', `L'OPCO a versé ${formaterEuros(recu)}, plus que le montant validé (${formaterEuros(valide)}) : vérifiez les paiements enregistrés et signalez le trop-perçu à l'OPCO.`, ['montantValide', 'paiements'])
    }
    const factureEmise = (e.factures ?? []).some((f) => (f.type ?? TYPE_PIECE.facture) === TYPE_PIECE.facture && (STATUTS_FACTURE_EMISES as readonly unknown[]).includes(f.statut))
    if (!factureEmise) {
      ajouter('facture-avant-paiement', 'avertissement', "Un paiement de l'OPCO est enregistré sans facture émise : émettez la facture (action « Facturer ») ou vérifiez le paiement.", ['paiements', 'factures'])
    }
  }
}

/**
 * Heures et émargement (issue 17) : des heures réalisées au-delà des heures émargées sans motif
 * écrit bloquent ; des séances encore à signer après la fin de la formation sont signalées.
 */
function emargement(e: EntreeConformite, maintenant: Date, ajouter: Ajout): void {
  const seances = (e.seances ?? []).filter((s) => STATUTS_SEANCE.some((x) => x.value === s.statut) && s.statut !== 'annulee')
  if (seances.length === 0) return
  const d = e.dossier
  const { heuresSignees } = heuresDesSeances(seances.map((s) => ({ statut: s.statut as 'a_signer', dureeMinutes: s.dureeMinutes, minutesDeclarees: s.minutesDeclarees })))
  const emargees = heuresProposees(heuresSignees)
  const motif = typeof d.motifHeures === 'string' && d.motifHeures.trim() !== ''
  if (nombre(d.heuresRealisees) && d.heuresRealisees > emargees && !motif) {
    ajouter(
      'heures-emargement',
      'bloquant',
      `Heures réalisées (${heuresFr(d.heuresRealisees)}) supérieures aux heures émargées (${heuresFr(emargees)}) sans motif : l'OPCO ne paie que les heures prouvées. Faites signer les séances ou indiquez le motif (feuilles d'émargement papier déposées, par exemple).`,
      ['heuresRealisees', 'motifHeures', 'seances'],
    )
  }
  const fin = jour(d.formation?.dateFin)
  const aujourdHui = Math.floor(maintenant.getTime() / MS_JOUR)
  if (fin === null || aujourdHui <= fin) return
  const aSigner = seances.filter((s) => s.statut === 'a_signer')
  if (aSigner.length === 0) return
  const libelle = (s: (typeof aSigner)[number]) => {
    const j = jour(String(s.date).slice(0, 10))
    return `${j === null ? String(s.date) : dateFr(j)} ${(DEMI_JOURNEES.find((x) => x.value === s.demiJournee)?.label ?? s.demiJournee).toLowerCase()}`
  }
  ajouter(
    'seances-non-signees',
    'avertissement',
    `${aSigner.length} séance(s) non émargée(s) après la fin de la formation : ${aSigner.map(libelle).join(', ')}. Faites-les signer ou déposez les feuilles d'émargement papier.`,
    ['seances'],
  )
}

function chevauche(a1: number | null, a2: number | null, b1: number | null, b2: number | null): boolean {
  if (a1 === null || b1 === null) return false
  return a1 <= (b2 ?? b1) && b1 <= (a2 ?? a1)
}

function doublons(e: EntreeConformite, ajouter: Ajout): void {
  const d = e.dossier
  const b = d.beneficiaire ?? {}
  const cleNom = normaliser(`${b.nom ?? ''} ${b.prenom ?? ''}`)
  const email = normaliser(b.email)
  const titre = normaliser(d.formation?.titre)
  if (titre === '' || (cleNom === '' && email === '')) return
  const debut = jour(d.formation?.dateDebut)
  const fin = jour(d.formation?.dateFin)
  const trouves = (e.autresDossiers ?? []).filter((o) => {
    if (d.id !== null && d.id !== undefined && String(o.id) === String(d.id)) return false
    if (o.status === 'annule') return false
    const ob = o.beneficiaire ?? {}
    const memePersonne = (cleNom !== '' && normaliser(`${ob.nom ?? ''} ${ob.prenom ?? ''}`) === cleNom) || (email !== '' && normaliser(ob.email) === email)
    return memePersonne && normaliser(o.formation?.titre) === titre && chevauche(debut, fin, jour(o.formation?.dateDebut), jour(o.formation?.dateFin))
  })
  if (trouves.length === 0) return
  ajouter(
    'doublon',
    'avertissement',
    `Doublon probable : ${trouves.map((o) => o.reference ?? `dossier ${o.id}`).join(', ')} (même bénéficiaire, même formation, dates qui se chevauchent). Annulez l'un des deux s'il s'agit de la même demande.`,
    ['beneficiaire', 'formation.titre', 'formation.dateDebut'],
  )
}

/** Tous les constats, dans l'ordre des règles. */
export function verifierConformite(e: EntreeConformite, maintenant: Date): Constat[] {
  const constats: Constat[] = []
  const ajouter: Ajout = (regle, severite, message, champs) => void constats.push({ regle, severite, message, champs })
  champsObligatoires(e, maintenant, ajouter)
  entreprise(e, ajouter)
  organisme(e, ajouter)
  dates(e, maintenant, ajouter)
  echeancesProches(e, maintenant, ajouter)
  heuresEtCouts(e, ajouter)
  contenuPedagogique(e, ajouter)
  pieces(e, ajouter)
  realisationEtPaiements(e, ajouter)
  emargement(e, maintenant, ajouter)
  doublons(e, ajouter)
  // Plausibility (what an OPCO instructor would question) and the uploaded pieces' text.
  constats.push(...heuresContreJours(e.dossier), ...datesImprobables(e.dossier, maintenant), ...opcoContreBranche(e), ...montantsPlausibles(e.dossier), ...coherencePieces(e))
  return constats
}

export type { DossierConformite }
