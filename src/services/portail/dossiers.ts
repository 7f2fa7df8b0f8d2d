/** Reads for the portal pages, always as the signed-in user (`overrideAccess: false`). */
import { notFound, redirect } from 'next/navigation'
import { appeler } from './refus'
import type { Dossier } from '@/src/payload-types'
import { idDepuisUrl, payloadPortail, utilisateurCourant, type Utilisateur } from './serveur'

export type { Dossier } from '@/src/payload-types'

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
  // Refused (403/404, or 400 for an id that matches nothing): the not-found page, the same
  // answer for somebody else's dossier and a missing one. Other errors are real failures.
  const r = await appeler(() => payload.findByID({ collection: 'dossiers', id, depth, user, overrideAccess: false, disableErrors: false }))
  if (!r.ok) notFound()
  return r.valeur
}

/** A populated relation's name field (`rel` is any populated document, or an id when not populated). */
export const nomDe = (rel: unknown, champ = 'nom'): string =>
  rel && typeof rel === 'object' && typeof (rel as Record<string, unknown>)[champ] === 'string' ? String((rel as Record<string, unknown>)[champ]) : ''
