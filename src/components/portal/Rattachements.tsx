/** Attachment requests in the portal: the requester's pending state, and the decisions of the company's people. */
import { formaterDateFr } from '@/src/domain/dates'
import { demandesAMaCompagnie, type DemandeRattachement } from '@/src/services/portail/rattachements'
import type { Utilisateur } from '@/src/services/portail/serveur'
import { BoutonAction } from './BoutonAction'
import type { EtatFormulaire } from './etat'

/** The server action that accepts or refuses a request (the page passes it: src/app → src/components). */
export type DeciderRattachement = (id: number, decision: 'accepter' | 'refuser', etat: EtatFormulaire) => Promise<EtatFormulaire>

export function DemandeEnAttente({ demande }: { demande: DemandeRattachement }) {
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
export async function DemandesAMaCompagnie({ user, decider }: { user: Utilisateur; decider: DeciderRattachement }) {
  const demandes = await demandesAMaCompagnie(user)
  if (demandes.length === 0) return null
  return (
    <section className="carte" aria-labelledby="titre-rattachements" data-rattachements-a-decider>
      <h2 id="titre-rattachements">Demandes de rattachement à votre entreprise</h2>
      <p>Acceptez seulement les personnes que vous connaissez et qui font partie de l’entreprise : elles pourront déposer des dossiers en son nom.</p>
      <ul className="liste-simple">
        {demandes.map((d) => (
          <li key={String(d.id)} data-rattachement={String(d.id)}>
            <p>
              {d.qui} — demandé le {d.demandeLe ? formaterDateFr(d.demandeLe) : '—'}
            </p>
            <BoutonAction action={decider.bind(null, d.id, 'accepter')} libelle="Accepter" />
            <BoutonAction action={decider.bind(null, d.id, 'refuser')} libelle="Refuser" danger />
          </li>
        ))}
      </ul>
    </section>
  )
}
