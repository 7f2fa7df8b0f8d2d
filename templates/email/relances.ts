/** The daily reminders (the rules are in src/domain/notifications/relances.ts). */
import type { MessageEmail } from './layout'
import { dateFr, lienDossierAdmin, lignesDossier, type DossierEmail, type Liens } from './donnees'

const DESABONNEMENT = 'Vous pouvez désactiver ces rappels dans votre compte (« Recevoir les rappels »).'

export function relancePieces(d: DossierEmail, liens: Liens, jours: number, pieces: readonly string[]): MessageEmail {
  return {
    modele: 'relance_pieces',
    sujet: `Rappel : pièces attendues pour le dossier ${d.reference}`,
    titre: 'Des pièces sont toujours attendues',
    blocs: [
      { paragraphe: `L’OPCO a demandé des pièces complémentaires il y a ${jours} jours et le dossier ne lui est pas encore revenu. Sans elles, il ne peut pas répondre.` },
      ...(pieces.length > 0 ? [{ liste: pieces }] : []),
      { lignes: lignesDossier(d) },
      { bouton: { libelle: 'Déposer les pièces', url: liens.portail } },
      { paragraphe: DESABONNEMENT },
    ],
  }
}

export function relanceOpco(d: DossierEmail, liens: Liens, jours: number, pourOpco: boolean): MessageEmail {
  return {
    modele: 'relance_opco',
    sujet: `Relance : dossier ${d.reference} sans réponse depuis ${jours} jours`,
    titre: 'Dossier en attente de réponse de l’OPCO',
    blocs: [
      { paragraphe: `Ce dossier a été transmis à ${d.opco ?? 'l’OPCO'} il y a ${jours} jours et n’a pas encore de réponse.` },
      { lignes: lignesDossier(d) },
      pourOpco ? { bouton: { libelle: 'Répondre sur MonOPCO', url: `${liens.admin}/opco` } } : { bouton: { libelle: 'Ouvrir le dossier', url: lienDossierAdmin(liens, d) } },
      { paragraphe: DESABONNEMENT },
    ],
  }
}

export function relanceDebutFormation(d: DossierEmail, liens: Liens, joursRestants: number, pourEquipe: boolean): MessageEmail {
  return {
    modele: 'relance_debut_formation',
    sujet: `Urgent : ${d.reference} commence le ${dateFr(d.dateDebut)} et n’est pas envoyé à l’OPCO`,
    titre: 'La formation commence bientôt',
    blocs: [
      {
        paragraphe: `La formation commence dans ${joursRestants} jour${joursRestants > 1 ? 's' : ''} (le ${dateFr(d.dateDebut)}) et la demande de prise en charge n’est pas encore chez l’OPCO. Une demande déposée après le début de la formation est refusée.`,
      },
      { lignes: lignesDossier(d) },
      pourEquipe ? { bouton: { libelle: 'Ouvrir le dossier', url: lienDossierAdmin(liens, d) } } : { bouton: { libelle: 'Compléter mon dossier', url: liens.portail } },
      { paragraphe: 'Ce rappel est essentiel : il est envoyé même si les rappels sont désactivés.' },
    ],
  }
}

export function relancePaiement(d: DossierEmail, liens: Liens, joursRetard: number): MessageEmail {
  return {
    modele: 'relance_paiement',
    sujet: `Paiement en retard : ${d.reference}`,
    titre: 'Paiement de l’OPCO en retard',
    blocs: [
      { paragraphe: `La facture de ce dossier est échue depuis ${joursRetard} jour${joursRetard > 1 ? 's' : ''} et l’OPCO n’a pas tout versé.` },
      { lignes: lignesDossier(d) },
      { bouton: { libelle: 'Ouvrir le dossier', url: lienDossierAdmin(liens, d) } },
      { paragraphe: DESABONNEMENT },
    ],
  }
}

/** A deadline of the OPCO (src/domain/echeances.ts) at 7 days or on its day, to the team. */
export function relanceEcheance(
  d: DossierEmail,
  liens: Liens,
  e: { libelle: string; date: string; joursRestants: number },
  regleAVerifier: boolean,
): MessageEmail {
  const quand = e.joursRestants <= 0 ? 'aujourd’hui' : `dans ${e.joursRestants} jour${e.joursRestants > 1 ? 's' : ''}`
  return {
    modele: 'relance_echeance',
    sujet: `Échéance ${e.joursRestants <= 0 ? 'aujourd’hui' : `le ${dateFr(e.date)}`} : ${e.libelle} — ${d.reference}`,
    titre: 'Échéance de l’OPCO',
    blocs: [
      { paragraphe: `${e.libelle} : dernier jour le ${dateFr(e.date)} (${quand}), d’après les délais de ${d.opco ?? 'l’OPCO'}.` },
      ...(regleAVerifier ? [{ paragraphe: 'Ce délai est indicatif (« à vérifier ») : confirmez-le auprès de l’OPCO.' }] : []),
      { lignes: lignesDossier(d) },
      { bouton: { libelle: 'Ouvrir le dossier', url: lienDossierAdmin(liens, d) } },
      { paragraphe: DESABONNEMENT },
    ],
  }
}
