import { LIBELLES_STATUT, type StatutDossier } from '../../domain/statuts'

export function BadgeStatut({ statut }: { statut: string }) {
  const libelle = LIBELLES_STATUT[statut as StatutDossier] ?? statut
  return <span className={`badge badge-${statut.replace(/[^a-z_]/g, '')}`} data-statut={statut}>{libelle}</span>
}

/** What the beneficiary is expected to do next, in plain words. */
export function prochaineEtape(statut: string, manquantes = 0): string {
  switch (statut) {
    case 'brouillon':
      return manquantes > 0 ? `Complétez votre dossier : ${manquantes} pièce(s) à déposer, puis envoyez-le.` : 'Relisez votre dossier puis envoyez-le à l’équipe MonOPCO.'
    case 'soumis':
    case 'en_revue':
      return 'Rien à faire : l’équipe MonOPCO vérifie votre dossier.'
    case 'valide':
      return 'Dossier validé : téléchargez la convention. Nous l’envoyons à votre OPCO.'
    case 'envoye_opco':
      return 'Rien à faire : votre OPCO étudie la demande.'
    case 'pieces_demandees':
      return 'Votre OPCO demande des pièces : déposez-les puis renvoyez le dossier.'
    case 'accepte':
    case 'accepte_partiel':
      return 'Financement accordé : la formation peut commencer.'
    case 'refuse':
      return 'Demande refusée : lisez le motif et écrivez-nous si besoin.'
    case 'en_formation':
      return 'Formation en cours : l’organisme dépose les feuilles d’émargement.'
    default:
      return 'Rien à faire pour le moment.'
  }
}
