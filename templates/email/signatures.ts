import type { MessageEmail } from './layout'

/** The e-mails of the convention's electronic signature (issue 17, item 5). */

export interface InfosSignature {
  prenom: string
  reference: string
  titreFormation: string
  role: string
}

export function lienSignatureConvention(s: InfosSignature, lien: string, bilan: boolean, dernierJour: string | null): MessageEmail {
  return {
    modele: 'signature_convention_lien',
    sujet: `Convention à signer — dossier ${s.reference}`,
    titre: `${s.prenom}, une convention attend votre signature`,
    blocs: [
      { paragraphe: `La convention du dossier ${s.reference} (« ${s.titreFormation} ») est prête. Vous la signez en tant que : ${s.role}.` },
      { paragraphe: 'Le lien ci-dessous vous est personnel : il affiche la convention, vous envoie un code à 6 chiffres par e-mail, puis vous la signez en dessinant votre signature ou en tapant votre nom.' },
      { bouton: { libelle: 'Lire et signer la convention', url: lien } },
      ...(bilan && dernierJour
        ? [{ paragraphe: `Pour un bilan de compétences, votre signature est votre décision : vous disposez de 10 jours, jusqu’au ${dernierJour} inclus. Sans signature dans ce délai, la demande devient caduque (article R6313-8 du code du travail).` }]
        : []),
      { paragraphe: 'Si vous n’êtes pas la bonne personne, ne signez pas : répondez à l’équipe MonOPCO.' },
    ],
  }
}

export function codeSignatureConvention(prenom: string, reference: string, code: string): MessageEmail {
  return {
    modele: 'signature_convention_code',
    // Not in the subject: the outbox shows subjects to the team, never this code (src/domain/notifications/confidentiel.ts).
    sujet: `Votre code de signature — dossier ${reference}`,
    titre: `${prenom}, voici votre code`,
    blocs: [
      { paragraphe: `Pour signer la convention du dossier ${reference}, saisissez ce code sur la page de signature :` },
      { citation: code },
      { paragraphe: 'Il est valable 10 minutes. Ne le communiquez à personne : l’équipe MonOPCO ne vous le demandera jamais.' },
    ],
  }
}

export function relanceSignatureConvention(s: InfosSignature, lien: string): MessageEmail {
  return {
    modele: 'signature_convention_relance',
    sujet: `Rappel : convention à signer — dossier ${s.reference}`,
    titre: `${s.prenom}, la convention attend toujours votre signature`,
    blocs: [
      { paragraphe: `La convention du dossier ${s.reference} (« ${s.titreFormation} ») n’est pas encore signée par vous (${s.role}).` },
      { bouton: { libelle: 'Lire et signer la convention', url: lien } },
    ],
  }
}

export function conventionSigneeEquipe(reference: string, lienAdmin: string): MessageEmail {
  return {
    modele: 'signature_convention_signee',
    sujet: `Convention signée — dossier ${reference}`,
    titre: 'Toutes les parties ont signé',
    blocs: [
      { paragraphe: `La convention du dossier ${reference} est signée par toutes les parties : la convention signée et son fichier de preuve sont enregistrés. Le dossier peut partir à l’OPCO.` },
      { bouton: { libelle: 'Ouvrir le dossier', url: lienAdmin } },
    ],
  }
}

export function signatureCaduqueEquipe(reference: string, dernierJour: string, lienAdmin: string): MessageEmail {
  return {
    modele: 'signature_convention_caduque',
    sujet: `Convention de bilan non signée par le salarié — dossier ${reference}`,
    titre: 'Demande de signature caduque',
    blocs: [
      { paragraphe: `Le salarié n’a pas signé la convention de bilan de compétences du dossier ${reference} dans les 10 jours (dernier jour : ${dernierJour}). Son silence vaut refus (article R6313-8 du code du travail) : la demande de signature est caduque.` },
      { paragraphe: 'Le dossier ne peut pas partir à l’OPCO. Si le salarié souhaite toujours son bilan, faites une nouvelle demande de signature.' },
      { bouton: { libelle: 'Ouvrir le dossier', url: lienAdmin } },
    ],
  }
}
