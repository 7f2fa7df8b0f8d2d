/**
 * Workflow e-mails: accusé de réception (submit), alert to the team, validation, sending to the
 * OPCO (with the demande de prise en charge attached) and the notice to the beneficiary, pieces
 * sent back, cancellation.
 */
import type { MessageEmail } from './layout'
import { euros, lienDossierAdmin, lignesDossier, natureFormation, type DossierEmail, type Liens } from './donnees'

export function accuseReception(d: DossierEmail, liens: Liens): MessageEmail {
  return {
    modele: 'accuse_reception',
    sujet: `Dossier ${d.reference} reçu`,
    titre: 'Nous avons bien reçu votre dossier',
    blocs: [
      { paragraphe: `Votre demande de financement pour la ${natureFormation(d)} « ${d.titreFormation} » est enregistrée. L’équipe MonOPCO la vérifie et revient vers vous si une pièce manque.` },
      { lignes: lignesDossier(d) },
      { paragraphe: 'Vous pouvez suivre chaque étape de votre dossier sur MonOPCO.' },
      { bouton: { libelle: 'Suivre mon dossier', url: liens.portail } },
    ],
  }
}

export function nouveauDossierEquipe(d: DossierEmail, liens: Liens): MessageEmail {
  return {
    modele: 'nouveau_dossier_equipe',
    sujet: `Nouveau dossier soumis : ${d.reference}`,
    titre: 'Un dossier vient d’être soumis',
    blocs: [
      { paragraphe: 'Un nouveau dossier attend votre revue.' },
      { lignes: [...lignesDossier(d), ['Montant demandé', euros(d.montantDemande)]] },
      { bouton: { libelle: 'Ouvrir le dossier', url: lienDossierAdmin(liens, d) } },
    ],
  }
}

export function dossierValide(d: DossierEmail, liens: Liens): MessageEmail {
  return {
    modele: 'dossier_valide',
    sujet: `Dossier ${d.reference} validé`,
    titre: 'Votre dossier est validé',
    blocs: [
      { paragraphe: `L’équipe MonOPCO a vérifié votre dossier : il est complet. La convention et la demande de prise en charge sont préparées, puis le dossier sera transmis à ${d.opco ?? 'votre OPCO'}.` },
      { lignes: lignesDossier(d) },
      { bouton: { libelle: 'Suivre mon dossier', url: liens.portail } },
    ],
  }
}

export function dossierOpco(d: DossierEmail, liens: Liens, pieceJointe: string | null): MessageEmail {
  return {
    modele: 'dossier_opco',
    sujet: `Demande de prise en charge — ${d.reference} — ${d.beneficiaire}`,
    titre: 'Demande de prise en charge',
    blocs: [
      { paragraphe: `Madame, Monsieur, veuillez trouver la demande de prise en charge du dossier ${d.reference} pour la ${natureFormation(d)} ci-dessous.` },
      { lignes: [...lignesDossier(d), ['Montant demandé', euros(d.montantDemande)]] },
      {
        paragraphe: pieceJointe
          ? `La demande de prise en charge est jointe à cet e-mail (${pieceJointe}).`
          : 'La demande de prise en charge sera transmise séparément : elle n’était pas encore disponible à l’envoi.',
      },
      { paragraphe: 'Vous pouvez enregistrer votre réponse (accord, accord partiel, refus motivé ou pièces demandées) directement sur MonOPCO.' },
      { bouton: { libelle: 'Répondre sur MonOPCO', url: `${liens.admin}/opco` } },
    ],
  }
}

export function dossierEnvoye(d: DossierEmail, liens: Liens): MessageEmail {
  return {
    modele: 'dossier_envoye',
    sujet: `Dossier ${d.reference} transmis à ${d.opco ?? 'votre OPCO'}`,
    titre: 'Votre dossier est chez l’OPCO',
    blocs: [
      { paragraphe: `Votre demande de prise en charge a été transmise à ${d.opco ?? 'votre OPCO'}. Sa réponse arrive en général sous deux à quatre semaines ; nous vous prévenons dès qu’elle est enregistrée.` },
      { lignes: lignesDossier(d) },
      { bouton: { libelle: 'Suivre mon dossier', url: liens.portail } },
    ],
  }
}

export function envoiOpcoSansContact(d: DossierEmail, liens: Liens): MessageEmail {
  return {
    modele: 'envoi_opco_sans_contact',
    sujet: `À faire : transmettre ${d.reference} à ${d.opco ?? 'l’OPCO'} (pas d’adresse de contact)`,
    titre: 'Transmission à l’OPCO à faire à la main',
    blocs: [
      { paragraphe: 'Le dossier est marqué « envoyé à l’OPCO », mais la fiche de cet OPCO n’a pas d’e-mail de contact : aucun e-mail ne lui est parti.' },
      { lignes: lignesDossier(d) },
      { paragraphe: 'Renseignez l’e-mail de contact de l’OPCO, puis transmettez-lui le dossier.' },
      { bouton: { libelle: 'Ouvrir le dossier', url: lienDossierAdmin(liens, d) } },
    ],
  }
}

export function piecesTransmisesEquipe(d: DossierEmail, liens: Liens, commentaire: string | null): MessageEmail {
  return {
    modele: 'pieces_transmises_equipe',
    sujet: `Pièces complémentaires transmises : ${d.reference}`,
    titre: 'Pièces complémentaires transmises',
    blocs: [
      { paragraphe: 'Le bénéficiaire a transmis les pièces demandées par l’OPCO : le dossier est de nouveau en attente de sa réponse.' },
      { lignes: lignesDossier(d) },
      ...(commentaire ? [{ citation: commentaire }] : []),
      { bouton: { libelle: 'Ouvrir le dossier', url: lienDossierAdmin(liens, d) } },
    ],
  }
}

export function dossierAnnule(d: DossierEmail, liens: Liens, commentaire: string | null): MessageEmail {
  return {
    modele: 'dossier_annule',
    sujet: `Dossier ${d.reference} annulé`,
    titre: 'Votre dossier a été annulé',
    blocs: [
      { paragraphe: 'L’équipe MonOPCO a annulé ce dossier.' },
      { lignes: lignesDossier(d) },
      ...(commentaire ? [{ paragraphe: 'Motif indiqué :' }, { citation: commentaire }] : []),
      { paragraphe: 'Une question ? Écrivez-nous depuis votre espace.' },
      { bouton: { libelle: 'Mon espace MonOPCO', url: liens.portail } },
    ],
  }
}
