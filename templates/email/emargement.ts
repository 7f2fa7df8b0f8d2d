/** Attendance signing (issue 17): the personal link of the day, reminders of an unsigned half-day. */
import type { MessageEmail } from './layout'
import { dateFr } from './donnees'

export interface SeanceEmail {
  id: number | string
  reference: string
  titreFormation: string
  /** ISO day `aaaa-mm-jj`. */
  date: string
  /** « Matin » / « Après-midi ». */
  demiJournee: string
  heureDebut: string
  heureFin: string
  /** « Prénom Nom » of the trainee. */
  stagiaire: string
  /** « Prénom Nom » of the trainer. */
  formateur: string
}

const lignes = (s: SeanceEmail): [string, string][] => [
  ['Formation', s.titreFormation || 'sans intitulé'],
  ['Date', dateFr(s.date)],
  ['Demi-journée', `${s.demiJournee} (${s.heureDebut} – ${s.heureFin})`],
  ['Stagiaire', s.stagiaire || 'non renseigné'],
  ['Formateur', s.formateur || 'non renseigné'],
  ['Dossier', s.reference],
]

export function lienEmargement(s: SeanceEmail, role: 'stagiaire' | 'formateur', lien: string): MessageEmail {
  const formateur = role === 'formateur'
  return {
    modele: 'emargement_lien',
    sujet: `Émargement du ${dateFr(s.date)} (${s.demiJournee.toLowerCase()}) — ${s.titreFormation || s.reference}`,
    titre: 'Signez votre feuille d’émargement',
    blocs: [
      {
        paragraphe: formateur
          ? 'Voici votre lien personnel pour signer l’émargement de cette demi-journée. Vous pouvez aussi y déclarer le stagiaire absent ou présent moins longtemps que prévu.'
          : 'Voici votre lien personnel pour signer votre présence à cette demi-journée de formation. L’OPCO ne finance que les heures signées.',
      },
      { lignes: lignes(s) },
      { bouton: { libelle: 'Signer l’émargement', url: lien } },
      { paragraphe: `Ce lien ne sert qu’une fois et uniquement à vous. Il est valable de ${s.heureDebut} jusqu’à 23 h 59 le ${dateFr(s.date)} (heure de Paris).` },
    ],
  }
}

export function relanceEmargementSignataire(s: SeanceEmail, role: 'stagiaire' | 'formateur'): MessageEmail {
  return {
    modele: 'emargement_relance',
    sujet: `Émargement non signé : ${dateFr(s.date)} (${s.demiJournee.toLowerCase()})`,
    titre: 'Une demi-journée n’est pas signée',
    blocs: [
      {
        paragraphe:
          role === 'formateur'
            ? 'Vous n’avez pas signé l’émargement de cette demi-journée. Le lien n’est plus valable : prévenez l’équipe MonOPCO, qui joindra la feuille papier signée ou votre déclaration.'
            : 'Votre présence à cette demi-journée n’est pas signée. Le lien n’est plus valable : prévenez votre organisme de formation ou l’équipe MonOPCO, sans quoi ces heures risquent de ne pas être financées.',
      },
      { lignes: lignes(s) },
    ],
  }
}

export function relanceEmargementEquipe(s: SeanceEmail, manquants: readonly string[], lienAdmin: string): MessageEmail {
  return {
    modele: 'emargement_relance_equipe',
    sujet: `Émargement manquant depuis 2 jours : ${s.reference}, ${dateFr(s.date)} (${s.demiJournee.toLowerCase()})`,
    titre: 'Demi-journée toujours non signée',
    blocs: [
      { paragraphe: `Cette demi-journée n’est toujours pas signée deux jours après (manque : ${manquants.join(', ') || 'aucune signature'}). L’OPCO ne paie que les heures prouvées : faites signer une feuille papier ou corrigez la séance.` },
      { lignes: lignes(s) },
      { bouton: { libelle: 'Ouvrir la séance', url: lienAdmin } },
    ],
  }
}
