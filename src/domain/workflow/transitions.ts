import { STATUTS_DOSSIER, type StatutDossier } from '@/src/domain/statuts'
import { ACTIONS_DOSSIER, type ActionDossier } from './actions'
import type { Acteur, DossierWorkflow, Relation } from './types'

/**
 * Un rôle ne suffit pas à décider : un `user` n'agit que sur ses propres dossiers et un
 * compte `opco` que sur ceux de son OPCO. Le profil combine rôle et lien au dossier.
 */
export const PROFILS_ACTEUR = ['admin', 'proprietaire', 'utilisateur', 'opco_du_dossier', 'autre_opco', 'systeme'] as const
export type ProfilActeur = (typeof PROFILS_ACTEUR)[number]

/**
 * Statuts depuis lesquels on peut annuler.
 * Exclus, et pourquoi :
 * - `refuse` : la décision de l'OPCO est définitive ; l'annuler après coup fausserait les
 *   statistiques d'acceptation. Une nouvelle demande fait l'objet d'un nouveau dossier.
 * - `realise`, `facture`, `paye` : le service est fait (l'OPCO paie les heures réalisées) et
 *   une facture émise est immuable ; on corrige par avoir, pas par annulation.
 * - `cloture`, `annule` : finaux.
 * `en_formation` reste annulable (formation interrompue avant toute heure réalisée) ;
 * s'il y a des heures, le bon chemin est `complete` avec les heures réellement faites.
 */
export const STATUTS_ANNULABLES = [
  'brouillon',
  'soumis',
  'en_revue',
  'valide',
  'envoye_opco',
  'pieces_demandees',
  'accepte',
  'accepte_partiel',
  'en_formation',
] as const satisfies readonly StatutDossier[]

/** Le bénéficiaire peut retirer sa demande tant que l'équipe n'a pas commencé à l'instruire. */
export const STATUTS_ANNULABLES_PAR_PROPRIETAIRE = ['brouillon', 'soumis'] as const satisfies readonly StatutDossier[]

export interface DefinitionTransition {
  depuis: readonly StatutDossier[]
  /** Plusieurs cibles seulement pour `answer`, selon la décision de l'OPCO. */
  vers: readonly StatutDossier[]
  profils: readonly ProfilActeur[]
  /** Un profil n'y a droit que depuis ces statuts (sous-ensemble de `depuis`). */
  restrictions?: Partial<Record<ProfilActeur, readonly StatutDossier[]>>
}

/** La table de docs/architecture.md, seule source de vérité des transitions et de qui peut les déclencher. */
export const TRANSITIONS: Readonly<Record<ActionDossier, DefinitionTransition>> = {
  submit: { depuis: ['brouillon'], vers: ['soumis'], profils: ['proprietaire', 'admin'] },
  review: { depuis: ['soumis'], vers: ['en_revue'], profils: ['admin'] },
  validate: { depuis: ['en_revue'], vers: ['valide'], profils: ['admin'] },
  send: { depuis: ['valide'], vers: ['envoye_opco'], profils: ['admin'] },
  answer: {
    depuis: ['envoye_opco'],
    vers: ['accepte', 'accepte_partiel', 'refuse', 'pieces_demandees'],
    profils: ['opco_du_dossier', 'admin'],
  },
  'complete-documents': { depuis: ['pieces_demandees'], vers: ['envoye_opco'], profils: ['proprietaire', 'admin'] },
  start: { depuis: ['accepte', 'accepte_partiel'], vers: ['en_formation'], profils: ['admin'] },
  complete: { depuis: ['en_formation'], vers: ['realise'], profils: ['admin'] },
  invoice: { depuis: ['realise'], vers: ['facture'], profils: ['admin'] },
  'paiement-complet': { depuis: ['facture'], vers: ['paye'], profils: ['systeme'] },
  close: { depuis: ['paye'], vers: ['cloture'], profils: ['admin'] },
  cancel: {
    depuis: STATUTS_ANNULABLES,
    vers: ['annule'],
    profils: ['admin', 'proprietaire'],
    restrictions: { proprietaire: STATUTS_ANNULABLES_PAR_PROPRIETAIRE },
  },
}

/** Statuts sans aucune action possible, pour personne. */
export const STATUTS_FINAUX: readonly StatutDossier[] = STATUTS_DOSSIER.filter(
  (s) => !ACTIONS_DOSSIER.some((a) => TRANSITIONS[a].depuis.includes(s)),
)

export function idRelation(valeur: Relation): string | null {
  if (valeur === null || valeur === undefined) return null
  if (typeof valeur === 'object') return idRelation(valeur.id)
  // Les identifiants SQL (nombres) et Mongo (chaînes) se comparent sous forme de texte.
  return String(valeur)
}

export function profilActeur(dossier: Pick<DossierWorkflow, 'owner' | 'opco'>, acteur: Acteur): ProfilActeur | null {
  switch (acteur.role) {
    case 'admin':
      return 'admin'
    case 'systeme':
      return 'systeme'
    case 'user': {
      const proprietaire = idRelation(dossier.owner)
      return proprietaire !== null && proprietaire === idRelation(acteur.id) ? 'proprietaire' : 'utilisateur'
    }
    case 'opco': {
      const opco = idRelation(dossier.opco)
      return opco !== null && opco === idRelation(acteur.opco) ? 'opco_du_dossier' : 'autre_opco'
    }
    default:
      return null
  }
}

export function actionPossibleDepuis(action: ActionDossier, statut: StatutDossier): boolean {
  return TRANSITIONS[action].depuis.includes(statut)
}

export function profilAutorise(action: ActionDossier, statut: StatutDossier, profil: ProfilActeur | null): boolean {
  if (profil === null) return false
  const def = TRANSITIONS[action]
  if (!def.profils.includes(profil)) return false
  const restriction = def.restrictions?.[profil]
  return restriction === undefined || restriction.includes(statut)
}

/**
 * Réponse attendue hors préconditions : 200 si l'action est permise, sinon 409 (statut)
 * avant 403 (acteur), dans l'ordre où `evaluerTransition` contrôle.
 */
export function codeAttendu(statut: StatutDossier, action: ActionDossier, profil: ProfilActeur): 200 | 403 | 409 {
  if (!actionPossibleDepuis(action, statut)) return 409
  return profilAutorise(action, statut, profil) ? 200 : 403
}

/** Actions qu'un profil peut déclencher depuis un statut, dans l'ordre du cycle de vie. */
export function actionsDuProfil(statut: StatutDossier, profil: ProfilActeur | null): ActionDossier[] {
  return ACTIONS_DOSSIER.filter((a) => actionPossibleDepuis(a, statut) && profilAutorise(a, statut, profil))
}

/** Toutes les actions qu'un statut permet, quel que soit l'acteur. */
export function actionsDuStatut(statut: StatutDossier): ActionDossier[] {
  return ACTIONS_DOSSIER.filter((a) => actionPossibleDepuis(a, statut))
}
