/** The OPCO's answer: accord, accord partiel, refus (with motif), pièces demandées — to the beneficiary and to the team. */
import type { EvenementReponse } from '@/src/domain/workflow'
import { libelleMotifRefus } from '@/src/domain/workflow'
import type { Bloc, MessageEmail } from './layout'
import { euros, lienDossierAdmin, lignesDossier, type DossierEmail, type Liens } from './donnees'

type Reponse = Pick<EvenementReponse, 'decision'> & Partial<Omit<EvenementReponse, 'decision'>> & Record<string, unknown>

const SUJETS: Record<string, string> = {
  accepte: 'accord de prise en charge',
  accepte_partiel: 'accord partiel de prise en charge',
  refuse: 'refus de prise en charge',
  pieces_demandees: 'pièces complémentaires demandées',
}

function detail(r: Reponse): Bloc[] {
  switch (r.decision) {
    case 'accepte':
    case 'accepte_partiel':
      return [
        {
          lignes: [
            ['Décision', r.decision === 'accepte' ? 'Accord' : 'Accord partiel'],
            ['N° de dossier OPCO', String(r.numeroDossierOpco ?? '')],
            ['Montant accordé', euros(typeof r.montantValide === 'number' ? r.montantValide : null)],
            ['Montant demandé', euros(typeof r.montantDemande === 'number' ? r.montantDemande : null)],
          ],
        },
      ]
    case 'refuse':
      return [
        { lignes: [['Décision', 'Refus'], ['Motif', typeof r.motif === 'string' ? libelleMotifRefus(r.motif as never) : 'non précisé']] },
        ...(typeof r.commentaire === 'string' && r.commentaire !== '' ? [{ paragraphe: 'Commentaire de l’OPCO :' }, { citation: r.commentaire }] : []),
      ]
    case 'pieces_demandees':
      return [
        { paragraphe: 'L’OPCO demande les pièces suivantes :' },
        { liste: Array.isArray(r.pieces) && r.pieces.length > 0 ? r.pieces.map(String) : ['(liste non précisée)'] },
      ]
    default:
      return []
  }
}

export function reponseOpco(d: DossierEmail, liens: Liens, r: Reponse): MessageEmail {
  const suite: Record<string, string> = {
    accepte: 'La formation peut se dérouler comme prévu : nous vous accompagnons jusqu’au paiement.',
    accepte_partiel: 'Une partie du coût reste à la charge de l’entreprise ; nous vous accompagnons jusqu’au paiement.',
    refuse: 'Nous pouvons vous aider à comprendre ce refus et à préparer une nouvelle demande : écrivez-nous depuis votre espace.',
    pieces_demandees: 'Déposez ces pièces depuis votre espace : le dossier repartira vers l’OPCO dès que vous les aurez transmises.',
  }
  return {
    modele: 'reponse_opco',
    sujet: `Dossier ${d.reference} : ${SUJETS[r.decision] ?? 'réponse de l’OPCO'}`,
    titre: `Réponse de ${d.opco ?? 'l’OPCO'} : ${SUJETS[r.decision] ?? 'réponse'}`,
    blocs: [
      { lignes: lignesDossier(d) },
      ...detail(r),
      { paragraphe: suite[r.decision] ?? '' },
      { bouton: { libelle: r.decision === 'pieces_demandees' ? 'Déposer les pièces' : 'Voir mon dossier', url: liens.portail } },
    ],
  }
}

export function reponseOpcoEquipe(d: DossierEmail, liens: Liens, r: Reponse): MessageEmail {
  return {
    modele: 'reponse_opco_equipe',
    sujet: `Réponse OPCO — ${d.reference} : ${SUJETS[r.decision] ?? 'réponse'}`,
    titre: `Réponse de ${d.opco ?? 'l’OPCO'} enregistrée`,
    blocs: [{ lignes: lignesDossier(d) }, ...detail(r), { bouton: { libelle: 'Ouvrir le dossier', url: lienDossierAdmin(liens, d) } }],
  }
}
