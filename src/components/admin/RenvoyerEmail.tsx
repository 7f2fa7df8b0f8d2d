'use client'
import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useState } from 'react'
import { MessageAction, STYLE_BOUTON_ACTION, useActionServeur } from './actionServeur'

/**
 * « Renvoyer » on an e-mail (POST /api/emails/:id/renvoyer). An e-mail the provider already
 * accepted asks for an explicit confirmation first: the server refuses it otherwise.
 */
export function RenvoyerEmail() {
  const { id } = useDocumentInfo()
  const statut = useFormFields(([champs]) => champs.status?.value as string | undefined)
  const { etat, appeler } = useActionServeur()
  const [confirmer, setConfirmer] = useState(false)
  if (!id) return null
  const dejaAccepte = statut === 'sent' || statut === 'delivered' || statut === 'complained'

  const renvoyer = () =>
    appeler(`/api/emails/${id}/renvoyer`, dejaAccepte ? { confirmer } : {}, (corps) => `${corps.message ?? 'Renvoi demandé.'} (nouvel e-mail n° ${String(corps.id)})`)

  return (
    <div style={{ marginBottom: 24 }} id="renvoyer-email">
      {statut === 'queued' ? (
        <p style={{ fontSize: 13 }}>En file d’attente : cet e-mail partira sans renvoi.</p>
      ) : (
        <>
          {dejaAccepte ? (
            <label style={{ display: 'flex', gap: 6, fontSize: 13, marginBottom: 8 }}>
              <input type="checkbox" checked={confirmer} onChange={(e) => setConfirmer(e.target.checked)} id="renvoyer-confirmer" />
              Déjà envoyé : j’en renvoie un second exemplaire
            </label>
          ) : null}
          <button type="button" style={{ ...STYLE_BOUTON_ACTION, opacity: etat.enCours || (dejaAccepte && !confirmer) ? 0.5 : 1 }} disabled={etat.enCours || (dejaAccepte && !confirmer)} onClick={renvoyer} id="renvoyer-bouton">
            Renvoyer
          </button>
        </>
      )}
      <MessageAction etat={etat} />
    </div>
  )
}
