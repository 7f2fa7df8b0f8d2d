/** Attachment requests in the portal: the requester's pending state, and the decisions of the company's people. */
import { formaterDateFr } from '@/src/domain/dates'
import { BoutonAction } from './BoutonAction'
import { payloadPortail, type Utilisateur } from './serveur'
import { deciderRattachementPortail } from '@/src/app/(portal)/rattachements'

type Ligne = { id: number | string; siret?: string | null; statut?: string | null; demandeLe?: string | null; motif?: string | null; demandeur?: unknown }

/** The visitor's own latest request (read as the visitor: the API only shows their own). */
export async function derniereDemande(user: Utilisateur): Promise<Ligne | null> {
  const payload = await payloadPortail()
  const r = await payload.find({ collection: 'rattachements', where: { demandeur: { equals: user.id } }, sort: '-demandeLe', limit: 1, depth: 0, user, overrideAccess: false })
  return (r.docs[0] as Ligne | undefined) ?? null
}

export function DemandeEnAttente({ demande }: { demande: Ligne }) {
  return (
    <div className="alerte alerte-info" role="status" data-rattachement-en-attente>
      <p>
        <strong>Demande de rattachement en attente.</strong> Vous avez demandé le {demande.demandeLe ? formaterDateFr(demande.demandeLe) : '—'} à être rattaché à
        l’entreprise de SIRET {demande.siret ?? '—'}.
      </p>
      <p>Une personne déjà rattachée à l’entreprise ou l’équipe MonOPCO va l’examiner ; vous recevrez un e-mail dès qu’elle sera traitée. Ce dossier vous attend ici.</p>
    </div>
  )
}

/** Mon compte: pending requests to join the visitor's company, with Accepter / Refuser. */
export async function DemandesAMaCompagnie({ user }: { user: Utilisateur }) {
  const company = user.company && typeof user.company === 'object' ? (user.company as { id: number }).id : (user.company as number | null | undefined)
  if (company == null) return null
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
  if (r.docs.length === 0) return null
  // Users read only their own account: the requesters' names are looked up for exactly the rows
  // the visitor was allowed to read above.
  const ids = r.docs.map((d) => (d as Ligne).demandeur as number)
  const personnes = await payload.find({ collection: 'users', where: { id: { in: ids } }, pagination: false, depth: 0, overrideAccess: true, select: { email: true, nom: true, prenom: true } })
  const parId = new Map(personnes.docs.map((p) => [String(p.id), p as { email?: string; prenom?: string | null; nom?: string | null }]))
  return (
    <section className="carte" aria-labelledby="titre-rattachements" data-rattachements-a-decider>
      <h2 id="titre-rattachements">Demandes de rattachement à votre entreprise</h2>
      <p>Acceptez seulement les personnes que vous connaissez et qui font partie de l’entreprise : elles pourront déposer des dossiers en son nom.</p>
      <ul className="liste-simple">
        {r.docs.map((d) => {
          const demandeur = parId.get(String((d as Ligne).demandeur)) ?? null
          const qui = demandeur && typeof demandeur === 'object' ? `${[demandeur.prenom, demandeur.nom].filter(Boolean).join(' ')} (${demandeur.email ?? ''})` : 'Une personne'
          const id = Number(d.id)
          return (
            <li key={String(d.id)} data-rattachement={String(d.id)}>
              <p>
                {qui} — demandé le {(d as Ligne).demandeLe ? formaterDateFr(String((d as Ligne).demandeLe)) : '—'}
              </p>
              <BoutonAction action={deciderRattachementPortail.bind(null, id, 'accepter')} libelle="Accepter" />
              <BoutonAction action={deciderRattachementPortail.bind(null, id, 'refuser')} libelle="Refuser" danger />
            </li>
          )
        })}
      </ul>
    </section>
  )
}
