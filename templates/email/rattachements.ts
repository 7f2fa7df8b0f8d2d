/** Attachment requests: to the requester, to the people of the company and to the team. */
import type { MessageEmail } from './layout'

export interface RattachementEmail {
  demandeur: { email: string; prenom: string | null; nom: string | null }
  entreprise: { raisonSociale: string; siret: string }
  demandeLe: string
  motif?: string | null
}

const nomDe = (p: RattachementEmail['demandeur']): string => [p.prenom, p.nom].filter(Boolean).join(' ') || p.email

/** To the requester: the request is recorded. Only the SIRET they typed is named, nothing of the company. */
export function rattachementDemande(r: RattachementEmail, lienPortail: string): MessageEmail {
  return {
    modele: 'rattachement_demande',
    sujet: 'Votre demande de rattachement est enregistrée',
    titre: 'Demande de rattachement enregistrée',
    blocs: [
      { paragraphe: `Vous avez demandé à être rattaché à l’entreprise de SIRET ${r.entreprise.siret} pour déposer des dossiers en son nom.` },
      { paragraphe: 'Une personne déjà rattachée à l’entreprise ou l’équipe MonOPCO va examiner votre demande ; vous recevrez un e-mail dès qu’elle sera traitée.' },
      { bouton: { libelle: 'Suivre ma demande', url: lienPortail } },
    ],
  }
}

/** To the people attached to the company (portal link) and to admins (admin link): a request to decide. */
export function rattachementATraiter(r: RattachementEmail, lien: string, pourEquipe: boolean): MessageEmail {
  return {
    modele: pourEquipe ? 'rattachement_a_traiter_equipe' : 'rattachement_a_traiter',
    sujet: `Demande de rattachement à ${r.entreprise.raisonSociale}`,
    titre: 'Une personne demande à rejoindre l’entreprise',
    blocs: [
      { paragraphe: `${nomDe(r.demandeur)} (${r.demandeur.email}) demande à être rattaché à ${r.entreprise.raisonSociale} pour déposer des demandes de financement en son nom.` },
      { lignes: [['Entreprise', `${r.entreprise.raisonSociale} (SIRET ${r.entreprise.siret})`], ['Demande reçue le', r.demandeLe]] },
      { paragraphe: 'Acceptez seulement si vous connaissez cette personne et qu’elle fait partie de l’entreprise : elle pourra alors consulter la fiche de l’entreprise et déposer des dossiers pour elle.' },
      { bouton: { libelle: 'Accepter ou refuser', url: lien } },
    ],
  }
}

/** To the requester: the decision. */
export function rattachementDecide(r: RattachementEmail, accepte: boolean, lienPortail: string): MessageEmail {
  return accepte
    ? {
        modele: 'rattachement_accepte',
        sujet: `Vous êtes rattaché à ${r.entreprise.raisonSociale}`,
        titre: 'Demande de rattachement acceptée',
        blocs: [
          { paragraphe: `Votre demande a été acceptée : vous pouvez maintenant déposer des dossiers pour ${r.entreprise.raisonSociale} (SIRET ${r.entreprise.siret}).` },
          { bouton: { libelle: 'Déposer un dossier', url: lienPortail } },
        ],
      }
    : {
        modele: 'rattachement_refuse',
        sujet: 'Votre demande de rattachement a été refusée',
        titre: 'Demande de rattachement refusée',
        blocs: [
          { paragraphe: `Votre demande de rattachement à l’entreprise de SIRET ${r.entreprise.siret} a été refusée.` },
          ...(r.motif ? [{ citation: r.motif }] : []),
          { paragraphe: 'Si vous pensez qu’il s’agit d’une erreur, rapprochez-vous de votre entreprise ou écrivez à l’équipe MonOPCO.' },
        ],
      }
}

/** To the other people of the company: who joined. */
export function rattachementAccepteEntreprise(r: RattachementEmail, lienPortail: string): MessageEmail {
  return {
    modele: 'rattachement_accepte_entreprise',
    sujet: `${nomDe(r.demandeur)} est rattaché à ${r.entreprise.raisonSociale}`,
    titre: 'Nouvelle personne rattachée',
    blocs: [
      { paragraphe: `${nomDe(r.demandeur)} (${r.demandeur.email}) est désormais rattaché à ${r.entreprise.raisonSociale} et peut déposer des dossiers en son nom.` },
      { bouton: { libelle: 'Ouvrir MonOPCO', url: lienPortail } },
    ],
  }
}
