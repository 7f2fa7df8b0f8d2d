import { estStatutDossier, LIBELLES_STATUT, type StatutDossier } from '@/src/domain/statuts'
import { ACTIONS_DOSSIER, estActionDossier, LIBELLES_ACTION, type ActionDossier } from './actions'
import { libelleMotifRefus } from './motifs'
import { verifierFacturable, type DossierAFacturer } from '@/src/domain/facturation/regles'
import {
  lireCommentaireFacultatif,
  lireHeuresRealisees,
  lireReponseOpco,
  verifierConformiteBloquante,
  verifierContenu,
  verifierDebutFutur,
  verifierDocumentsEnvoi,
  verifierPaiementComplet,
  type Probleme,
} from './preconditions'
import { actionPossibleDepuis, actionsDuProfil, profilActeur, profilAutorise, type ProfilActeur } from './transitions'
import type {
  Acteur,
  ChampsTransition,
  DossierWorkflow,
  EvenementDossier,
  Identifiant,
  ParametresTransition,
  ResultatTransition,
  TransitionRefusee,
} from './types'

/** Les actions que cet acteur peut déclencher maintenant (statut et droits ; les préconditions dépendent des paramètres). */
export function actionsPossibles(dossier: DossierWorkflow, acteur: Acteur): ActionDossier[] {
  if (!estStatutDossier(dossier.status)) return []
  return actionsDuProfil(dossier.status, profilActeur(dossier, acteur))
}

function listeActions(actions: readonly ActionDossier[]): string {
  return actions.map((a) => `${a} (${LIBELLES_ACTION[a]})`).join(', ')
}

function refusStatut(action: ActionDossier, statut: StatutDossier, possibles: ActionDossier[]): TransitionRefusee {
  const suite =
    possibles.length > 0
      ? `Actions possibles depuis ce statut : ${listeActions(possibles)}.`
      : 'Aucune action ne vous est possible depuis ce statut.'
  return {
    ok: false,
    code: 409,
    message: `L'action « ${LIBELLES_ACTION[action]} » (${action}) n'est pas possible depuis le statut « ${LIBELLES_STATUT[statut]} ». ${suite}`,
    actionsPossibles: possibles,
  }
}

const RAISONS_403: Record<ProfilActeur, string> = {
  admin: 'cette action est réservée à un autre rôle',
  proprietaire: 'cette action est réservée aux administrateurs à ce stade',
  utilisateur: "ce dossier n'est pas le vôtre",
  opco_du_dossier: 'cette action est réservée aux administrateurs',
  autre_opco: "ce dossier ne relève pas de votre OPCO",
  systeme: 'cette action est réservée à un utilisateur',
}

function refusActeur(action: ActionDossier, profil: ProfilActeur | null): TransitionRefusee {
  const raison =
    action === 'paiement-complet'
      ? "elle est déclenchée automatiquement quand les paiements couvrent le montant validé"
      : profil === null
        ? 'rôle inconnu'
        : RAISONS_403[profil]
  return {
    ok: false,
    code: 403,
    message: `Vous ne pouvez pas déclencher l'action « ${LIBELLES_ACTION[action]} » (${action}) : ${raison}.`,
  }
}

function refusPreconditions(action: ActionDossier, problemes: Probleme[]): TransitionRefusee {
  const manquants = [...new Set(problemes.map((p) => p.champ))]
  return {
    ok: false,
    code: 422,
    message: `Impossible de « ${LIBELLES_ACTION[action]} » : ${problemes.map((p) => p.message).filter((m) => m !== '').join(' ; ')}.`,
    manquants,
  }
}

type Preparation =
  | { ok: true; statutCible: StatutDossier; champs: ChampsTransition; extra: Record<string, unknown> }
  | { ok: false; problemes: Probleme[] }

function preparer(
  action: ActionDossier,
  d: DossierWorkflow,
  acteur: Acteur,
  params: ParametresTransition,
  maintenant: Date,
): Preparation {
  const date = maintenant.toISOString()
  const sans = (statutCible: StatutDossier, champs: ChampsTransition = {}, extra: Record<string, unknown> = {}): Preparation => ({
    ok: true,
    statutCible,
    champs,
    extra,
  })
  const siAucun = (problemes: Probleme[], suite: () => Preparation): Preparation =>
    problemes.length > 0 ? { ok: false, problemes } : suite()

  switch (action) {
    case 'submit':
      return siAucun(verifierContenu(d, maintenant), () => sans('soumis', { soumissionDate: date }))
    case 'review':
      return sans('en_revue')
    case 'validate':
      return siAucun([...verifierContenu(d, maintenant), ...verifierConformiteBloquante(d)], () =>
        sans('valide', { validationAdminDate: date, validationAdminBy: acteur.id }),
      )
    case 'send':
      return siAucun([...verifierDebutFutur(d, maintenant), ...verifierDocumentsEnvoi(d)], () =>
        sans('envoye_opco', { envoiOpcoDate: date }),
      )
    case 'answer': {
      const lecture = lireReponseOpco(d, params)
      if (!lecture.ok) return lecture
      const r = lecture.reponse
      const champs: ChampsTransition = { reponseOpcoDate: date }
      if (r.decision === 'accepte' || r.decision === 'accepte_partiel') {
        champs.numeroDossierOpco = r.numeroDossierOpco
        champs.montantValide = r.montantValide
      } else if (r.decision === 'refuse') {
        champs.motifRefus = `${libelleMotifRefus(r.motif)} : ${r.commentaire}`
      }
      return sans(r.decision, champs, { ...r })
    }
    case 'complete-documents': {
      const c = lireCommentaireFacultatif(params)
      if (!c.ok) return c
      return sans('envoye_opco', {}, c.commentaire === undefined ? {} : { commentaire: c.commentaire })
    }
    case 'start':
      return sans('en_formation')
    case 'complete': {
      const h = lireHeuresRealisees(d, params)
      if (!h.ok) return h
      const { heuresEmargees, motifHeures } = h
      return sans(
        'realise',
        { heuresRealisees: h.heuresRealisees, ...(motifHeures !== undefined ? { motifHeures } : {}) },
        { heuresRealisees: h.heuresRealisees, heuresPrevues: h.heuresPrevues, ...(heuresEmargees !== undefined ? { heuresEmargees } : {}), ...(motifHeures !== undefined ? { motifHeures } : {}) },
      )
    }
    case 'invoice':
      // The invoices are issued by the event's job: what they need must be there now.
      return siAucun(verifierFacturable(d as DossierAFacturer), () => sans('facture'))
    case 'paiement-complet': {
      const p = verifierPaiementComplet(d)
      if (!p.ok) return p
      return sans('paye', {}, { montantValide: p.montantValide, montantPaye: p.montantPaye })
    }
    case 'close':
      return sans('cloture')
    case 'cancel': {
      const c = lireCommentaireFacultatif(params)
      if (!c.ok) return c
      return sans('annule', {}, c.commentaire === undefined ? {} : { commentaire: c.commentaire })
    }
  }
}

function idDossier(d: DossierWorkflow): Identifiant | null {
  const id = d.id
  return id === null || id === undefined ? null : id
}

/**
 * Décide si `acteur` peut faire `action` sur `dossier` maintenant, et ce qu'il faut écrire.
 * Contrôles dans cet ordre, le premier qui échoue répond :
 * action inconnue (422) → statut (409) → acteur (403) → préconditions (422, toutes listées).
 * Pure : ne lit que ses arguments (l'heure comprise), n'écrit rien.
 */
export function evaluerTransition(
  dossier: DossierWorkflow,
  acteur: Acteur,
  action: string,
  parametres: ParametresTransition | null | undefined,
  maintenant: Date,
): ResultatTransition {
  if (!estActionDossier(action)) {
    return {
      ok: false,
      code: 422,
      message: `Action inconnue « ${String(action)} ». Actions reconnues : ${ACTIONS_DOSSIER.join(', ')}.`,
      manquants: ['action'],
    }
  }
  const statut = dossier.status
  if (!estStatutDossier(statut)) {
    return { ok: false, code: 409, message: `Statut du dossier inconnu « ${String(statut)} » : aucune action possible.`, actionsPossibles: [] }
  }
  if (!actionPossibleDepuis(action, statut)) {
    return refusStatut(action, statut, actionsPossibles(dossier, acteur))
  }
  const profil = profilActeur(dossier, acteur)
  if (!profilAutorise(action, statut, profil)) return refusActeur(action, profil)

  const params: ParametresTransition = parametres !== null && typeof parametres === 'object' ? parametres : {}
  const prep = preparer(action, dossier, acteur, params, maintenant)
  if (!prep.ok) return refusPreconditions(action, prep.problemes)

  const evenement = {
    type: `dossier.${action}`,
    dossier: idDossier(dossier),
    statutPrecedent: statut,
    statutCible: prep.statutCible,
    acteur: { role: acteur.role, id: acteur.id },
    date: maintenant.toISOString(),
    ...prep.extra,
  } as EvenementDossier
  return { ok: true, action, statutPrecedent: statut, statutCible: prep.statutCible, champs: prep.champs, evenement }
}
