'use client'
import { useActionState } from 'react'
import type { ActionFormulaire, EtatFormulaire } from './etat'

/** One workflow button (submit, cancel…) with the API's refusal shown next to it. */
export function BoutonAction({ action, libelle, danger }: { action: ActionFormulaire; libelle: string; danger?: boolean }) {
  const [etat, agir, enCours] = useActionState<EtatFormulaire, FormData>(action, { erreurs: {}, valeurs: {}, version: 0 })
  return (
    <form action={agir} style={{ margin: '.5rem 0' }}>
      {etat.message ? (
        <div className="alerte alerte-erreur" role="alert">
          {etat.message}
        </div>
      ) : null}
      <button type="submit" className={`bouton ${danger ? 'bouton-danger' : 'bouton-principal'}`} disabled={enCours}>
        {enCours ? 'Envoi…' : libelle}
      </button>
    </form>
  )
}
