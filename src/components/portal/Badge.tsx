import { LIBELLES_STATUT, type StatutDossier } from '@/src/domain/statuts'
import { prochaineEtapeDossier } from '@/src/domain/textesDossierPortail'

export function BadgeStatut({ statut }: { statut: string }) {
  const libelle = LIBELLES_STATUT[statut as StatutDossier] ?? statut
  return <span className={`badge badge-${statut.replace(/[^a-z_]/g, '')}`} data-statut={statut}>{libelle}</span>
}

/** What the beneficiary is expected to do next, in plain words (one table for every box: src/domain/textesDossierPortail.ts). */
export function prochaineEtape(statut: string, manquantes = 0): string {
  return prochaineEtapeDossier(statut, manquantes)
}
