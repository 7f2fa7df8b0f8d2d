/** Reads for the portal pages, always as the signed-in user (`overrideAccess: false`). */
import { notFound, redirect } from 'next/navigation'
import { idDepuisUrl, payloadPortail, utilisateurCourant, type Utilisateur } from './serveur'

export type Dossier = Record<string, unknown> & {
  id: number | string
  reference?: string
  status: string
  typeFormation?: string
  beneficiaire?: { nom?: string | null; prenom?: string | null; email?: string | null; telephone?: string | null }
  formation?: Record<string, unknown>
  company?: unknown
  opco?: unknown
  coutTotalHT?: number | null
  montantEstime?: number | null
  montantValide?: number | null
  updatedAt?: string
}

export async function exigerUtilisateur(suite: string): Promise<Utilisateur> {
  const user = await utilisateurCourant()
  if (!user) redirect(`/connexion?suite=${encodeURIComponent(suite)}`)
  return user
}

/** The dossier if this user may read it; otherwise a 404 page (same answer whether it exists or not). */
export async function chargerDossier(brut: string, user: Utilisateur, depth = 1): Promise<Dossier> {
  const id = idDepuisUrl(brut)
  if (id === null) notFound()
  const payload = await payloadPortail()
  try {
    return (await payload.findByID({ collection: 'dossiers', id, depth, user, overrideAccess: false, disableErrors: false })) as unknown as Dossier
  } catch {
    notFound()
  }
}

export const nomDe = (rel: unknown, champ = 'nom'): string =>
  rel && typeof rel === 'object' && typeof (rel as Record<string, unknown>)[champ] === 'string' ? String((rel as Record<string, unknown>)[champ]) : ''
