/**
 * Les formulaires des actions du workflow, décrits sans interface graphique : quels champs
 * chaque action demande (réponse de l'OPCO, heures réalisées, commentaire d'annulation…), et
 * la conversion des valeurs saisies (texte) en paramètres de `POST /api/dossiers/:id/transition`.
 * Le serveur reste seul juge : ici on ne convertit que les formats (euros → centimes, heures),
 * les manques et les règles sont signalés par la machine à états.
 */
import { formaterEuros, parserEuros } from './money'
import { LIBELLES_STATUT, type StatutDossier } from './statuts'
import {
  actionsPossibles,
  DECISIONS_OPCO,
  LIBELLES_ACTION,
  LIBELLES_DECISION,
  montantDemande,
  MOTIFS_REFUS,
  type ActionDossier,
  type Acteur,
  type DossierWorkflow,
} from './workflow'
import { DECISIONS_ACCORD } from '@/src/domain/workflow/groupes'
import { heuresProposees } from './seances'

export type TypeChampAction = 'select' | 'texte' | 'textarea' | 'montant' | 'heures' | 'liste'

export interface ChampAction {
  /** Nom du paramètre envoyé au serveur. */
  nom: string
  libelle: string
  type: TypeChampAction
  obligatoire: boolean
  options?: { value: string; label: string }[]
  /** Le champ n'est montré (et envoyé) que si un autre champ a l'une de ces valeurs. */
  visibleSi?: { champ: string; valeurs: string[] }
  aide?: string
  /** Valeur proposée à l'ouverture du formulaire (texte saisi). */
  defaut?: string
}

export interface ActionDecrite {
  action: ActionDossier
  libelle: string
  /** `danger` : annulation ; `principale` : l'étape suivante attendue. */
  style: 'principale' | 'secondaire' | 'danger'
  champs: ChampAction[]
}


function heuresFr(h: number): string {
  return `${String(h).replace('.', ',')} h`
}

/** Les champs d'une action, pour ce dossier (montant demandé, heures prévues en aide). */
export function champsAction(action: ActionDossier, dossier: DossierWorkflow): ChampAction[] {
  switch (action) {
    case 'answer': {
      const demande = montantDemande(dossier)
      return [
        {
          nom: 'decision',
          libelle: "Décision de l'OPCO",
          type: 'select',
          obligatoire: true,
          options: DECISIONS_OPCO.map((value) => ({ value, label: LIBELLES_DECISION[value] })),
        },
        {
          nom: 'numeroDossierOpco',
          libelle: "N° de dossier chez l'OPCO",
          type: 'texte',
          obligatoire: true,
          visibleSi: { champ: 'decision', valeurs: [...DECISIONS_ACCORD] },
        },
        {
          nom: 'montantValide',
          libelle: 'Montant pris en charge (€)',
          type: 'montant',
          obligatoire: true,
          visibleSi: { champ: 'decision', valeurs: [...DECISIONS_ACCORD] },
          ...(demande !== null ? { aide: `Montant demandé : ${formaterEuros(demande)}` } : {}),
        },
        {
          nom: 'motif',
          libelle: 'Motif du refus',
          type: 'select',
          obligatoire: true,
          options: MOTIFS_REFUS.map(({ value, label }) => ({ value, label })),
          visibleSi: { champ: 'decision', valeurs: ['refuse'] },
        },
        {
          nom: 'commentaire',
          libelle: "Commentaire (formulation de l'OPCO)",
          type: 'textarea',
          obligatoire: true,
          visibleSi: { champ: 'decision', valeurs: ['refuse'] },
        },
        {
          nom: 'pieces',
          libelle: 'Pièces demandées (une par ligne)',
          type: 'liste',
          obligatoire: true,
          visibleSi: { champ: 'decision', valeurs: ['pieces_demandees'] },
        },
      ]
    }
    case 'complete': {
      const prevues = dossier.formation?.dureeHeures
      const s = dossier.heuresSeances
      if (s) {
        // Sessions: the signed hours are proposed; another value needs its written reason.
        const emargees = heuresProposees(s.heuresSignees)
        const nonSignees = s.nonSignees > 0 ? ` ; ${s.nonSignees} séance(s) encore à signer` : ''
        return [
          {
            nom: 'heuresRealisees',
            libelle: 'Heures réalisées',
            type: 'heures',
            obligatoire: true,
            aide: `Heures émargées : ${heuresFr(emargees)} sur ${heuresFr(s.heuresPrevues)} planifiées${nonSignees}.`,
            defaut: String(emargees).replace('.', ','),
          },
          {
            nom: 'motifHeures',
            libelle: 'Motif si les heures diffèrent des heures émargées',
            type: 'textarea',
            obligatoire: false,
            aide: 'Obligatoire pour toute autre valeur que les heures émargées (feuilles d’émargement papier déposées, par exemple). Conservé dans le journal.',
          },
        ]
      }
      return [
        {
          nom: 'heuresRealisees',
          libelle: 'Heures réalisées',
          type: 'heures',
          obligatoire: true,
          ...(typeof prevues === 'number' ? { aide: `Heures prévues : ${heuresFr(prevues)}`, defaut: String(prevues).replace('.', ',') } : {}),
        },
      ]
    }
    case 'cancel':
      return [{ nom: 'commentaire', libelle: "Motif de l'annulation", type: 'textarea', obligatoire: false }]
    case 'complete-documents':
      return [{ nom: 'commentaire', libelle: 'Commentaire', type: 'textarea', obligatoire: false }]
    default:
      return []
  }
}

/** Les actions que cet acteur peut déclencher maintenant, avec leurs formulaires. */
export function decrireActions(dossier: DossierWorkflow, acteur: Acteur): ActionDecrite[] {
  const possibles = actionsPossibles(dossier, acteur).filter((a) => a !== 'paiement-complet')
  const premiere = possibles.find((a) => a !== 'cancel')
  return possibles.map((action) => ({
    action,
    libelle: LIBELLES_ACTION[action],
    style: action === 'cancel' ? 'danger' : action === premiere ? 'principale' : 'secondaire',
    champs: champsAction(action, dossier),
  }))
}

export function libelleStatut(statut: unknown): string {
  return typeof statut === 'string' && statut in LIBELLES_STATUT ? LIBELLES_STATUT[statut as StatutDossier] : String(statut ?? '—')
}

export function champVisible(champ: ChampAction, valeurs: Record<string, string>): boolean {
  if (!champ.visibleSi) return true
  return champ.visibleSi.valeurs.includes(valeurs[champ.visibleSi.champ] ?? '')
}

export type ParametresConstruits =
  | { ok: true; parametres: Record<string, unknown> }
  | { ok: false; erreurs: Record<string, string> }

/**
 * Valeurs saisies → paramètres de la transition. Les champs masqués et vides ne sont pas
 * envoyés (le serveur dit ce qui manque) ; seules les saisies illisibles sont refusées ici.
 */
export function construireParametres(champs: readonly ChampAction[], valeurs: Record<string, string>): ParametresConstruits {
  const parametres: Record<string, unknown> = {}
  const erreurs: Record<string, string> = {}
  for (const champ of champs) {
    if (!champVisible(champ, valeurs)) continue
    const brut = (valeurs[champ.nom] ?? '').trim()
    if (brut === '') continue
    switch (champ.type) {
      case 'montant':
        try {
          parametres[champ.nom] = parserEuros(brut)
        } catch (err) {
          erreurs[champ.nom] = err instanceof Error ? err.message : 'Montant invalide.'
        }
        break
      case 'heures': {
        const n = Number(brut.replace(/\s*h$/i, '').replace(',', '.'))
        if (!/^\d+([.,]\d+)?(\s*h)?$/i.test(brut) || !Number.isFinite(n)) erreurs[champ.nom] = `« ${brut} » n'est pas un nombre d'heures (ex. : 14 ou 10,5).`
        else parametres[champ.nom] = n
        break
      }
      case 'liste':
        parametres[champ.nom] = brut
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter((l) => l !== '')
        break
      default:
        parametres[champ.nom] = brut
    }
  }
  return Object.keys(erreurs).length > 0 ? { ok: false, erreurs } : { ok: true, parametres }
}

/** Libellés des chemins que le serveur renvoie dans `manquants`. */
const LIBELLES_CHEMINS: Record<string, string> = {
  action: 'Action',
  'beneficiaire.nom': 'Nom du bénéficiaire',
  'beneficiaire.prenom': 'Prénom du bénéficiaire',
  'beneficiaire.email': 'E-mail du bénéficiaire',
  company: 'Entreprise',
  opco: 'OPCO',
  'formation.titre': 'Intitulé de la formation',
  'formation.organisme': 'Organisme de formation',
  'formation.dureeHeures': 'Durée (heures)',
  'formation.dateDebut': 'Date de début',
  'formation.dateFin': 'Date de fin',
  'formation.modalite': 'Modalité',
  coutTotalHT: 'Coût total HT',
  montantValide: 'Montant validé',
  montantPaye: 'Paiements reçus',
  'documents.convention': 'Convention de formation',
  'documents.convention_bilan': 'Convention de bilan de compétences',
  'documents.demande_prise_en_charge': 'Demande de prise en charge',
}

export function libelleChemin(chemin: string, champs: readonly ChampAction[] = []): string {
  if (chemin.startsWith('parametres.')) {
    const nom = chemin.slice('parametres.'.length)
    return champs.find((c) => c.nom === nom)?.libelle ?? nom
  }
  return LIBELLES_CHEMINS[chemin] ?? chemin
}
