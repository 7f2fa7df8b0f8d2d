'use server'
/**
 * Attachment requests from the portal, through the REST API with the visitor's session: asking
 * to join a company already registered (new-dossier wizard), and deciding as a person already
 * attached to it (Mon compte). Every rule is the API's (src/services/rattachements.ts).
 */
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { api, lireErreurs } from '@/src/services/portail/serveur'
import type { EtatFormulaire } from '@/src/components/portal/etat'

const idSur = (id: unknown): number | null => (typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null)

/** From the wizard's company step of dossier `dossierId`: ask to join the company registered under `siret`. */
export async function demanderRattachementPortail(dossierId: number, siret: string, etat: EtatFormulaire): Promise<EtatFormulaire> {
  const version = etat.version + 1
  if (idSur(dossierId) === null || typeof siret !== 'string' || !/^\d{14}$/.test(siret)) return { erreurs: {}, valeurs: {}, version, message: 'Demande invalide.' }
  const r = await api('/api/companies/rattachements', { method: 'POST', body: JSON.stringify({ siret }) })
  if (!r.ok) return { erreurs: {}, valeurs: {}, version, message: lireErreurs(r.data, r.status).message }
  redirect(`/dossiers/${dossierId}/modifier/entreprise`)
}

/** From Mon compte: accept or refuse a request to join the visitor's company. */
export async function deciderRattachementPortail(id: number, decision: 'accepter' | 'refuser', etat: EtatFormulaire): Promise<EtatFormulaire> {
  const version = etat.version + 1
  if (idSur(id) === null || (decision !== 'accepter' && decision !== 'refuser')) return { erreurs: {}, valeurs: {}, version, message: 'Demande introuvable.' }
  const r = await api<{ message?: string }>(`/api/companies/rattachements/${id}/${decision}`, { method: 'POST' })
  if (!r.ok) return { erreurs: {}, valeurs: {}, version, message: lireErreurs(r.data, r.status).message }
  revalidatePath('/compte')
  return { erreurs: {}, valeurs: {}, version, succes: r.data.message ?? 'Décision enregistrée.' }
}
