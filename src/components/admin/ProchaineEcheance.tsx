import type { UIFieldServerProps } from 'payload'
import { texteProchaineEcheance } from '@/src/domain/echeances'
import { echeancesDuDossier } from '@/src/services/echeances'

/**
 * Dossier edit view: « Prochaine échéance : … » from the OPCO's deadlines (src/domain/echeances.ts),
 * computed on the server when the view renders. The dossier is read again under the viewer's own
 * rights: nothing is shown of a dossier they may not read.
 */
export async function ProchaineEcheance({ id, payload, req }: UIFieldServerProps) {
  if (id === undefined || id === null) return null
  const dossier = await payload.findByID({ collection: 'dossiers', id, depth: 0, req, user: req.user, overrideAccess: false, disableErrors: true }).catch(() => null)
  if (!dossier) return null
  const { prochaine, opco } = await echeancesDuDossier(payload, req, dossier)
  const retard = prochaine?.etat === 'depassee' || prochaine?.etat === 'aujourdhui'
  return (
    <div className="field-type" style={{ marginBottom: 'var(--base)' }} data-prochaine-echeance={prochaine?.type ?? 'aucune'}>
      <p style={{ margin: 0, fontWeight: 600, ...(retard ? { color: '#b00020' } : {}) }}>Prochaine échéance : {texteProchaineEcheance(prochaine)}</p>
      {opco?.aVerifier && prochaine ? (
        <p style={{ margin: 0, color: 'var(--theme-elevation-650)' }}>Délais de {opco.nom} indicatifs (« à vérifier ») : à confirmer auprès de l’OPCO.</p>
      ) : null}
    </div>
  )
}
