/**
 * Attachment requests as the portal shows them, read through the Local API as the visitor
 * (`overrideAccess: false`): the visitor's own latest request, and the pending requests to join
 * the visitor's company with who asked.
 */
import { payloadPortail, type Utilisateur } from './serveur'

export type DemandeRattachement = { id: number | string; siret?: string | null; statut?: string | null; demandeLe?: string | null; motif?: string | null; demandeur?: unknown }

/** A pending request to join the visitor's company, with the requester as the portal names them. */
export interface DemandeADecider {
  id: number
  /** « Prénom Nom (e-mail) », or « Une personne » when the account is gone. */
  qui: string
  demandeLe: string | null
}

/** The visitor's own latest request (read as the visitor: the API only shows their own). */
export async function derniereDemande(user: Utilisateur): Promise<DemandeRattachement | null> {
  const payload = await payloadPortail()
  const r = await payload.find({ collection: 'rattachements', where: { demandeur: { equals: user.id } }, sort: '-demandeLe', limit: 1, depth: 0, user, overrideAccess: false })
  return (r.docs[0] as DemandeRattachement | undefined) ?? null
}

/** Pending requests to join the visitor's company (none when the visitor has no company). */
export async function demandesAMaCompagnie(user: Utilisateur): Promise<DemandeADecider[]> {
  const company = user.company && typeof user.company === 'object' ? (user.company as { id: number }).id : (user.company as number | null | undefined)
  if (company == null) return []
  const payload = await payloadPortail()
  const r = await payload.find({
    collection: 'rattachements',
    where: { and: [{ company: { equals: company } }, { statut: { equals: 'en_attente' } }] },
    sort: 'demandeLe',
    limit: 50,
    depth: 0,
    user,
    overrideAccess: false,
  })
  if (r.docs.length === 0) return []
  // Users read only their own account: the requesters' names are looked up for exactly the rows
  // the visitor was allowed to read above.
  const ids = r.docs.map((d) => (d as DemandeRattachement).demandeur as number)
  const personnes = await payload.find({ collection: 'users', where: { id: { in: ids } }, pagination: false, depth: 0, overrideAccess: true, select: { email: true, nom: true, prenom: true } })
  const parId = new Map(personnes.docs.map((p) => [String(p.id), p as { email?: string; prenom?: string | null; nom?: string | null }]))
  return r.docs.map((d) => {
    const demandeur = parId.get(String((d as DemandeRattachement).demandeur)) ?? null
    const qui = demandeur && typeof demandeur === 'object' ? `${[demandeur.prenom, demandeur.nom].filter(Boolean).join(' ')} (${demandeur.email ?? ''})` : 'Une personne'
    const demandeLe = (d as DemandeRattachement).demandeLe
    return { id: Number(d.id), qui, demandeLe: demandeLe ? String(demandeLe) : null }
  })
}
