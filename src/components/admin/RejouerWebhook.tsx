'use client'
import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { MessageAction, STYLE_BOUTON_ACTION, useActionServeur } from './actionServeur'

/** « Rejouer » on a webhook delivery (POST /api/livraisons-webhooks/:id/rejouer): back to the queue, same body and key. */
export function RejouerWebhook() {
  const { id } = useDocumentInfo()
  const statut = useFormFields(([champs]) => champs.statut?.value as string | undefined)
  const { etat, appeler } = useActionServeur()
  if (!id) return null

  const rejouer = () => appeler(`/api/livraisons-webhooks/${id}/rejouer`, {}, (corps) => corps.message ?? 'Livraison remise dans la file d’attente.')

  return (
    <div style={{ marginBottom: 24 }} id="rejouer-webhook">
      {statut === 'en_attente' ? (
        <p style={{ fontSize: 13 }}>En file d’attente : cette livraison partira sans être rejouée.</p>
      ) : (
        <button type="button" style={{ ...STYLE_BOUTON_ACTION, opacity: etat.enCours ? 0.5 : 1 }} disabled={etat.enCours} onClick={rejouer} id="rejouer-bouton">
          Rejouer
        </button>
      )}
      <MessageAction etat={etat} />
    </div>
  )
}
