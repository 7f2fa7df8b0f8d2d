import type { Metadata } from 'next'
import { SignatureEmargement } from '@/src/components/portal/SignatureEmargement'
import { lireLienEmargement, MESSAGES_LIEN } from '@/src/services/emargement'
import { payloadPortail } from '@/src/services/portail/serveur'

export const metadata: Metadata = { title: 'Émargement — MonOPCO', robots: { index: false, follow: false } }

/**
 * The personal attendance-signing page (issue 17): no account, the link is the credential. Shows
 * the half-day and lets the signer draw or type a signature; the trainer may also declare the
 * trainee absent or present for fewer minutes. Reading it writes nothing; every value is
 * rendered by React (text, never HTML).
 */
export default async function PageEmargement({ params }: { params: Promise<{ jeton: string }> }) {
  const { jeton } = await params
  const etat = await lireLienEmargement(await payloadPortail(), jeton)
  if (etat.etat === 'inconnu' || etat.etat === 'utilise' || etat.etat === 'annulee') {
    return (
      <>
        <h1>Émargement</h1>
        <p className="alerte alerte-erreur" role="alert" data-testid="emargement-etat" data-etat={etat.etat}>
          {MESSAGES_LIEN[etat.etat]}
        </p>
      </>
    )
  }
  const v = etat.vue
  return (
    <>
      <h1>Émargement</h1>
      <div className="carte" data-testid="emargement-seance">
        <p>
          <strong>{v.titreFormation || 'Formation'}</strong>
        </p>
        <p>
          {v.date} — {v.demiJournee} ({v.heureDebut} – {v.heureFin})
        </p>
        <p>
          {v.role === 'formateur' ? 'Formateur' : 'Stagiaire'} : <strong data-testid="emargement-signataire">{v.signataire || 'non renseigné'}</strong>
          {v.role === 'formateur' && v.stagiaire ? <> · Stagiaire : {v.stagiaire}</> : null}
        </p>
      </div>
      {etat.etat === 'valide' ? (
        <SignatureEmargement jeton={jeton} role={v.role} signataire={v.signataire} dureeMinutes={v.dureeMinutes} />
      ) : (
        <p className="alerte alerte-erreur" role="alert" data-testid="emargement-etat" data-etat={etat.etat}>
          {etat.etat === 'pas_encore' ? `${MESSAGES_LIEN.pas_encore} (à ${v.heureDebut}, le ${v.date})` : MESSAGES_LIEN.expire}
        </p>
      )}
    </>
  )
}
