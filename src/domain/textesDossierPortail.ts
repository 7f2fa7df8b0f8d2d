import type { StatutDossier } from './statuts'

/**
 * What the portal's dossier page says in each of its boxes, for every status — one table, so a
 * new status or a new box cannot be forgotten in one place and stale in another (the conformity
 * box used to promise a check « avant de l'envoyer à l'OPCO » long after sending). The unit test
 * checks that every status has its own wording in every box.
 *
 * - `etape`: what the beneficiary is expected to do next (top of the page, and « Mes dossiers »);
 * - `suivi`: where the dossier stands, above the timeline;
 * - `verification`: the conformity box;
 * - `reponseOpco`: the OPCO's answer box (amounts are shown next to it, from the dossier);
 * - `documents`: the « Documents à télécharger » box.
 */
export const BOITES_DOSSIER_PORTAIL = ['etape', 'suivi', 'verification', 'reponseOpco', 'documents'] as const
export type BoiteDossierPortail = (typeof BOITES_DOSSIER_PORTAIL)[number]

export const TEXTES_DOSSIER_PORTAIL: Record<StatutDossier, Record<BoiteDossierPortail, string>> = {
  brouillon: {
    etape: 'Relisez votre dossier puis envoyez-le à l’équipe MonOPCO.',
    suivi: 'Brouillon : le dossier n’a pas encore été envoyé à l’équipe MonOPCO.',
    verification: 'Les contrôles automatiques ont lieu quand vous envoyez le dossier ; un conseiller le relit ensuite.',
    reponseOpco: 'Le dossier n’est pas encore parti à l’OPCO : il le sera une fois validé par l’équipe MonOPCO.',
    documents: 'La convention et la demande de prise en charge apparaîtront ici quand l’équipe aura validé le dossier.',
  },
  soumis: {
    etape: 'Rien à faire : l’équipe MonOPCO a bien reçu votre dossier et va le vérifier.',
    suivi: 'Dossier reçu par l’équipe MonOPCO, en attente de vérification.',
    verification: 'Contrôles automatiques faits à l’envoi ; un conseiller vérifie le dossier avant de l’envoyer à l’OPCO.',
    reponseOpco: 'Pas encore envoyé à l’OPCO : l’équipe MonOPCO vérifie d’abord le dossier.',
    documents: 'La convention et la demande de prise en charge seront générées quand l’équipe aura validé le dossier.',
  },
  en_revue: {
    etape: 'Rien à faire : un conseiller MonOPCO examine votre dossier et vous écrira s’il manque quelque chose.',
    suivi: 'Un conseiller MonOPCO examine le dossier.',
    verification: 'Un conseiller vérifie le dossier avant de l’envoyer à l’OPCO ; les points relevés ci-dessous l’y aident.',
    reponseOpco: 'Pas encore envoyé à l’OPCO : le conseiller termine sa vérification.',
    documents: 'Les documents seront générés dès que le conseiller aura validé le dossier.',
  },
  valide: {
    etape: 'Dossier validé : téléchargez la convention. Nous l’envoyons à votre OPCO.',
    suivi: 'Dossier validé par l’équipe MonOPCO, prêt à partir à l’OPCO.',
    verification: 'Vérification terminée : le dossier est validé par l’équipe MonOPCO.',
    reponseOpco: 'Le dossier va être envoyé à votre OPCO ; sa réponse s’affichera ici.',
    documents: 'Convention et demande de prise en charge générées à la validation : téléchargez-les ci-dessous.',
  },
  envoye_opco: {
    etape: 'Rien à faire : votre OPCO étudie la demande.',
    suivi: 'Dossier envoyé à votre OPCO, en attente de sa décision.',
    verification: 'Vérification terminée : le dossier validé a été envoyé à votre OPCO.',
    reponseOpco: 'En attente de la réponse de votre OPCO. Nous vous prévenons par e-mail dès qu’il répond.',
    documents: 'Ces documents ont été envoyés à votre OPCO avec la demande.',
  },
  pieces_demandees: {
    etape: 'Votre OPCO demande des pièces : déposez-les puis renvoyez le dossier.',
    suivi: 'Votre OPCO a demandé des pièces complémentaires.',
    verification: 'Le dossier a été vérifié et envoyé ; votre OPCO attend des pièces complémentaires.',
    reponseOpco: 'Votre OPCO demande des pièces complémentaires avant de décider.',
    documents: 'Déposez les pièces demandées dans « Pièces du dossier » ; les documents générés restent valables.',
  },
  accepte: {
    etape: 'Financement accordé : la formation peut commencer aux dates prévues.',
    suivi: 'Votre OPCO a accordé le financement demandé.',
    verification: 'Vérification terminée et dossier accepté par votre OPCO.',
    reponseOpco: 'Accord de votre OPCO : il prend en charge le montant indiqué.',
    documents: 'Conservez la convention : elle engage l’entreprise et l’organisme de formation.',
  },
  accepte_partiel: {
    etape:
      'Accord partiel : votre OPCO finance une partie du coût. Prévenez votre entreprise du reste à charge, qu’elle règle à l’organisme de formation ; la formation peut ensuite commencer. Si ce reste pose problème, écrivez-nous avant le début de la formation.',
    suivi: 'Votre OPCO a accordé une partie du financement demandé.',
    verification: 'Vérification terminée : votre OPCO a répondu par un accord partiel.',
    reponseOpco: 'Accord partiel de votre OPCO : il prend en charge une partie du coût, le reste est à la charge de l’entreprise.',
    documents: 'La convention reste valable ; le montant pris en charge est celui de la réponse de l’OPCO.',
  },
  refuse: {
    etape: 'Demande refusée : lisez le motif et écrivez-nous si besoin.',
    suivi: 'Votre OPCO a refusé la prise en charge.',
    verification: 'Le dossier avait été vérifié : le refus vient de votre OPCO, pas des contrôles.',
    reponseOpco: 'Refus de votre OPCO. Nous pouvons vous aider à chercher un autre financement.',
    documents: 'Les documents restent consultables mais ne donnent lieu à aucune prise en charge.',
  },
  en_formation: {
    etape: 'Formation en cours : l’organisme dépose les feuilles d’émargement.',
    suivi: 'La formation est en cours.',
    verification: 'Vérification terminée ; pendant la formation, seule la présence (émargement) est suivie.',
    reponseOpco: 'Financement accordé par votre OPCO ; la formation est en cours.',
    documents: 'Les feuilles d’émargement s’ajoutent au fil des séances.',
  },
  realise: {
    etape: 'Formation terminée : rien à faire, nous préparons la facturation.',
    suivi: 'La formation est terminée ; le certificat de réalisation est établi.',
    verification: 'Vérification terminée ; la réalisation est attestée par le certificat.',
    reponseOpco: 'Financement accordé par votre OPCO ; il sera versé après la facturation.',
    documents: 'Le certificat de réalisation est disponible ci-dessous.',
  },
  facture: {
    etape: 'Facture émise : rien à faire pour la part de l’OPCO ; l’entreprise règle son éventuel reste à charge à réception de sa facture.',
    suivi: 'La formation est facturée ; le paiement de l’OPCO est attendu.',
    verification: 'Vérification terminée ; le dossier en est à la facturation.',
    reponseOpco: 'Financement accordé par votre OPCO ; la facture lui a été adressée, son paiement est attendu.',
    documents: 'La facture est disponible ci-dessous.',
  },
  paye: {
    etape: 'Paiement reçu : rien à faire, le dossier va être clôturé.',
    suivi: 'Le paiement a été reçu.',
    verification: 'Vérification terminée ; le dossier est payé.',
    reponseOpco: 'Votre OPCO a versé le financement accordé.',
    documents: 'Tous les documents du dossier restent disponibles ci-dessous.',
  },
  cloture: {
    etape: 'Dossier clôturé : il n’y a plus rien à faire.',
    suivi: 'Dossier clôturé.',
    verification: 'Dossier clôturé : plus aucune vérification.',
    reponseOpco: 'Votre OPCO a répondu et payé ; le dossier est clôturé.',
    documents: 'Dossier clôturé : conservez ces documents, ils justifient la formation.',
  },
  annule: {
    etape: 'Dossier annulé : rien à faire. Pour une nouvelle demande, créez un nouveau dossier.',
    suivi: 'Dossier annulé.',
    verification: 'Dossier annulé : plus aucune vérification.',
    reponseOpco: 'Dossier annulé : aucune réponse de l’OPCO n’est plus attendue.',
    documents: 'Dossier annulé : ces documents ne sont plus valables.',
  },
}

const INCONNU: Record<BoiteDossierPortail, string> = {
  etape: 'Rien à faire pour le moment.',
  suivi: 'État du dossier en cours de mise à jour.',
  verification: 'Vérification en cours.',
  reponseOpco: 'Pas de réponse de l’OPCO à afficher.',
  documents: 'Aucun document pour le moment.',
}

/** The wording of one box for a status (a status this table does not know gets a neutral text, never an error page). */
export function texteDossierPortail(statut: unknown, boite: BoiteDossierPortail): string {
  const ligne = typeof statut === 'string' ? (TEXTES_DOSSIER_PORTAIL as Record<string, Record<BoiteDossierPortail, string>>)[statut] : undefined
  return (ligne ?? INCONNU)[boite]
}

/** « Prochaine étape », with the number of pieces still to upload while the dossier is a draft. */
export function prochaineEtapeDossier(statut: unknown, manquantes = 0): string {
  if (statut === 'brouillon' && manquantes > 0) return `Complétez votre dossier : ${manquantes} pièce(s) à déposer, puis envoyez-le.`
  return texteDossierPortail(statut, 'etape')
}

/** A document's origin as the beneficiary reads it: produced by MonOPCO, or uploaded by someone. */
export function libelleOrigineDocument(origin: unknown): 'Généré' | 'Déposé' {
  return origin === 'generated' ? 'Généré' : 'Déposé'
}

/** State of a required piece: a present piece MonOPCO generates is « Généré », one a person uploads « Déposé ». */
export function libelleEtatPiece(etat: 'present' | 'manquant' | 'a_venir' | 'non_requis', fournisseur: unknown): string {
  switch (etat) {
    case 'present':
      return fournisseur === 'genere' ? '✓ Généré' : '✓ Déposé'
    case 'manquant':
      return '✗ Manquant'
    case 'a_venir':
      return 'À venir'
    default:
      return 'Non requis'
  }
}
