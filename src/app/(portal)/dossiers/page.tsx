import Link from 'next/link'
import { formaterDateFr } from '@/src/domain/dates'
import { formaterEuros } from '@/src/domain/money'
import { BadgeStatut, prochaineEtape } from '@/src/components/portal/Badge'
import { exigerUtilisateur, type Dossier } from '@/src/services/portail/dossiers'
import { payloadPortail } from '@/src/services/portail/serveur'
import { appeler } from '@/src/services/portail/refus'
import { compterNonLus } from '@/src/domain/messagesNonLus'
import { reperesDe } from '@/src/services/messagerie'

export const metadata = { title: 'Mes dossiers — MonOPCO' }

export default async function MesDossiers() {
  const user = await exigerUtilisateur('/dossiers')
  const payload = await payloadPortail()
  const liste = await appeler(() => payload.find({ collection: 'dossiers', user, overrideAccess: false, depth: 0, limit: 100, sort: '-createdAt' }))
  if (!liste.ok) {
    return (
      <>
        <h1>Mes dossiers</h1>
        <p className="alerte alerte-erreur" role="alert">
          {liste.message}
        </p>
      </>
    )
  }
  const dossiers = liste.valeur.docs as unknown as Dossier[]
  const ids = dossiers.map((d) => d.id)
  // Unread = messages from the team after my read mark on that dossier (set when I open it) and
  // after my own last message there: the per-reader rule of src/domain/messagesNonLus.ts.
  const nonLus = new Map<string, number>()
  if (ids.length) {
    // Unread counts are a hint: a refused read shows the list without them.
    const msgs = await appeler(() => payload.find({ collection: 'messages', user, overrideAccess: false, depth: 0, limit: 1000, sort: 'createdAt', where: { dossier: { in: ids } }, select: { dossier: true, author: true, createdAt: true } }))
    const reperes = await reperesDe(payload, user, ids).catch(() => ({}))
    const comptes = compterNonLus(
      ((msgs.ok ? msgs.valeur.docs : []) as unknown as { dossier: unknown; author?: unknown; createdAt?: string }[]).map((m) => ({
        dossier: m.dossier as string | number,
        date: String(m.createdAt),
        auteur: (m.author ?? null) as string | number | null,
        parAdmin: false,
      })),
      { id: user.id, admin: false },
      reperes,
    )
    for (const [cle, n] of Object.entries(comptes)) nonLus.set(cle, n)
  }
  return (
    <>
      <div className="ligne">
        <h1>Mes dossiers</h1>
        <Link className="bouton bouton-principal" href="/dossiers/nouveau">
          Nouveau dossier
        </Link>
      </div>
      {dossiers.length === 0 ? (
        <p className="carte">Vous n’avez pas encore de dossier. Créez le premier en quelques minutes.</p>
      ) : (
        <ul className="liste-dossiers">
          {dossiers.map((d) => {
            const n = nonLus.get(String(d.id)) ?? 0
            return (
              <li key={String(d.id)} data-dossier={String(d.id)}>
                <div className="ligne">
                  <Link href={`/dossiers/${d.id}`}>
                    <strong>{d.reference ?? `Dossier ${d.id}`}</strong> — {String((d.formation as { titre?: string } | undefined)?.titre || 'Formation à préciser')}
                  </Link>
                  <BadgeStatut statut={d.status ?? 'brouillon'} />
                </div>
                <p className="aide">
                  {[d.beneficiaire?.prenom, d.beneficiaire?.nom].filter(Boolean).join(' ') || 'Bénéficiaire à préciser'}
                  {typeof d.montantEstime === 'number' ? <> · prise en charge estimée <span className="montant">{formaterEuros(d.montantEstime)}</span></> : null}
                  {d.updatedAt ? <> · mis à jour le {formaterDateFr(d.updatedAt)}</> : null}
                </p>
                <p>{prochaineEtape(d.status ?? 'brouillon')}</p>
                {n > 0 ? <p><strong>{n === 1 ? '1 nouveau message' : `${n} nouveaux messages`}</strong> de l’équipe MonOPCO</p> : null}
              </li>
            )
          })}
        </ul>
      )}
    </>
  )
}
