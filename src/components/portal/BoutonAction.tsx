'use client'
import { useActionState, useId, useRef, type MouseEvent } from 'react'
import type { Confirmation } from '@/src/domain/workflow/confirmations'
import type { ActionFormulaire, EtatFormulaire } from './etat'

/**
 * One workflow button (submit, cancel…) with the API's refusal shown next to it.
 * `confirmation`: an irreversible action asks first in a modal <dialog> (keyboard and screen
 * readers handle it natively); without JavaScript the button posts directly, the server still decides.
 * `certification`: the « je certifie » box the server requires of a beneficiary at submit.
 */
export function BoutonAction({
  action,
  libelle,
  danger,
  confirmation,
  certification,
}: {
  action: ActionFormulaire
  libelle: string
  danger?: boolean
  confirmation?: Confirmation | null
  certification?: string
}) {
  const [etat, agir, enCours] = useActionState<EtatFormulaire, FormData>(action, { erreurs: {}, valeurs: {}, version: 0 })
  const dialogue = useRef<HTMLDialogElement>(null)
  const formulaire = useRef<HTMLFormElement>(null)
  const id = useId()
  const classe = `bouton ${danger ? 'bouton-danger' : 'bouton-principal'}`

  const demander = (e: MouseEvent<HTMLButtonElement>) => {
    const d = dialogue.current
    if (!confirmation || !d || typeof d.showModal !== 'function') return
    e.preventDefault()
    // The box must be ticked before the question is even asked.
    if (formulaire.current && !formulaire.current.reportValidity()) return
    d.showModal()
  }

  return (
    <form action={agir} ref={formulaire} style={{ margin: '.5rem 0' }} data-action-dossier>
      {etat.message ? (
        <div className="alerte alerte-erreur" role="alert">
          {etat.message}
        </div>
      ) : null}
      {certification ? (
        <div className="champ champ-case">
          <input id={`${id}-certification`} name="certification" type="checkbox" value="oui" required />
          <label htmlFor={`${id}-certification`}>{certification}</label>
        </div>
      ) : null}
      <button type="submit" className={classe} disabled={enCours} onClick={demander}>
        {enCours ? 'Envoi…' : libelle}
      </button>
      {confirmation ? (
        <dialog ref={dialogue} className="dialogue" aria-labelledby={`${id}-titre`} aria-describedby={`${id}-texte`} data-confirmation>
          <h2 id={`${id}-titre`}>{confirmation.titre}</h2>
          <p id={`${id}-texte`}>{confirmation.texte}</p>
          <div className="dialogue-boutons">
            <button type="submit" className={classe} data-confirmer onClick={() => dialogue.current?.close()}>
              {confirmation.bouton}
            </button>
            <button type="button" className="bouton" autoFocus onClick={() => dialogue.current?.close()}>
              Ne rien faire
            </button>
          </div>
        </dialog>
      ) : null}
    </form>
  )
}
