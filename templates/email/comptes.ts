/** Account e-mails: welcome, password reset, message received. */
import type { MessageEmail } from './layout'
import { lienDossierAdmin, type DossierEmail, type Liens } from './donnees'

export function bienvenue(prenom: string | null, espace: { libelle: string; url: string }): MessageEmail {
  return {
    modele: 'bienvenue',
    sujet: 'Bienvenue sur MonOPCO',
    titre: prenom ? `Bienvenue, ${prenom}` : 'Bienvenue sur MonOPCO',
    blocs: [
      { paragraphe: 'Votre compte MonOPCO est créé. Vous pouvez y déposer vos demandes de financement, suivre chaque étape et échanger avec notre équipe.' },
      { bouton: espace },
      { paragraphe: 'Si vous n’êtes pas à l’origine de cette inscription, ignorez cet e-mail.' },
    ],
  }
}

export function motDePasse(lien: string, validiteMinutes: number): MessageEmail {
  return {
    modele: 'mot_de_passe',
    sujet: 'Réinitialisation de votre mot de passe MonOPCO',
    titre: 'Réinitialiser votre mot de passe',
    blocs: [
      { paragraphe: `Une réinitialisation du mot de passe de votre compte MonOPCO a été demandée. Ce lien est valable ${validiteMinutes} minutes et ne sert qu’une fois.` },
      { bouton: { libelle: 'Choisir un nouveau mot de passe', url: lien } },
      { paragraphe: 'Si vous n’avez rien demandé, ignorez cet e-mail : votre mot de passe reste inchangé.' },
    ],
  }
}

/** `pourEquipe`: the team gets a link to the admin, the beneficiary a link to the portal. */
export function messageRecu(d: DossierEmail, liens: Liens, auteur: string, extrait: string, pourEquipe: boolean): MessageEmail {
  return {
    modele: pourEquipe ? 'message_recu_equipe' : 'message_recu',
    sujet: pourEquipe ? `Nouveau message sur ${d.reference}` : `Nouveau message de l’équipe MonOPCO (${d.reference})`,
    titre: 'Vous avez reçu un message',
    blocs: [
      { paragraphe: `${auteur} vous a écrit au sujet du dossier ${d.reference} :` },
      { citation: extrait || '(message sans texte)' },
      { bouton: pourEquipe ? { libelle: 'Répondre', url: lienDossierAdmin(liens, d) } : { libelle: 'Lire et répondre', url: liens.portail } },
    ],
  }
}

/** RGPD erasure request (art. 17), to the team: answer within a month. */
export function demandeSuppressionEquipe(personne: { email: string; prenom: string | null; nom: string | null }, lienCompte: string, dateDemande: string): MessageEmail {
  const nom = [personne.prenom, personne.nom].filter(Boolean).join(' ') || personne.email
  return {
    modele: 'demande_suppression',
    sujet: `Demande de suppression de données (RGPD) — ${nom}`,
    titre: 'Demande de suppression de données personnelles',
    blocs: [
      { paragraphe: `${nom} (${personne.email}) demande la suppression de ses données personnelles.` },
      { lignes: [['Demande reçue le', dateDemande], ['Délai de réponse', 'un mois (RGPD, art. 12)']] },
      { paragraphe: 'Effacez ou anonymisez ce qui n’est plus soumis à une obligation de conservation (pièces des dossiers financés, factures), répondez à la personne, puis videz le champ « Suppression des données demandée le » de son compte.' },
      { bouton: { libelle: 'Ouvrir le compte', url: lienCompte } },
    ],
  }
}

/**
 * To the account's owner when repeated failed logins lock it: once per lock. It names no IP or
 * attempt detail an attacker could read in a forwarded mail, and gives the way back in.
 */
export function compteVerrouille(prenom: string | null, minutes: number, lienMotDePasseOublie: string): MessageEmail {
  return {
    modele: 'compte_verrouille',
    sujet: 'Votre compte MonOPCO est temporairement verrouillé',
    titre: prenom ? `${prenom}, votre compte est verrouillé` : 'Votre compte est verrouillé',
    blocs: [
      { paragraphe: `Plusieurs tentatives de connexion à votre compte MonOPCO ont échoué : par sécurité, il est verrouillé pendant ${minutes} minutes. Aucune connexion n’est possible pendant ce délai, même avec le bon mot de passe.` },
      { paragraphe: 'Si c’était vous, patientez puis réessayez. Sinon, quelqu’un essaie peut-être de deviner votre mot de passe : choisissez-en un nouveau dès que possible.' },
      { bouton: { libelle: 'Choisir un nouveau mot de passe', url: lienMotDePasseOublie } },
    ],
  }
}
