'use client'
/**
 * A portal form bound to a server action (works without JavaScript too): errors next to each
 * field (aria-describedby), a general message in an alert region, and the typed values put back
 * after any error so nothing is lost.
 */
import React, { useActionState, useState } from 'react'
import { normaliserSiret, validerSiret } from '@/src/domain/siret'
import { RechercheSiret } from './RechercheSiret'
import type { ActionFormulaire, ChampDef, EtatFormulaire } from './etat'

function ChampSiret({ def, valeur, erreurServeur, idErreur }: { def: ChampDef; valeur: string; erreurServeur?: string; idErreur: string }) {
  const [saisie, setSaisie] = useState(valeur)
  const verdict = saisie.trim() === '' ? null : validerSiret(saisie)
  const erreur = erreurServeur ?? (verdict !== null && verdict !== true && saisie.replace(/\D/g, '').length >= 14 ? verdict : undefined)
  return (
    <>
      <input
        id={`champ-${def.nom}`}
        name={def.nom}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        required={def.requis}
        value={saisie}
        onChange={(e) => setSaisie(e.target.value)}
        aria-invalid={erreur ? true : undefined}
        aria-describedby={`${idErreur} aide-${def.nom}`}
      />
      <p id={`aide-${def.nom}`} className="aide" aria-live="polite">
        {verdict === true ? '✓ SIRET valide' : def.aide}
      </p>
      {erreur ? (
        <p id={idErreur} className="erreur-champ">
          {erreur}
        </p>
      ) : null}
      {def.rechercheRegistre ? <RechercheSiret siret={verdict === true ? normaliserSiret(saisie) : null} ancre={`champ-${def.nom}`} /> : null}
    </>
  )
}

export function Champ({ def, valeur, erreur }: { def: ChampDef; valeur: string; erreur?: string }) {
  const id = `champ-${def.nom}`
  const idErreur = `erreur-${def.nom}`
  const commun = {
    id,
    name: def.nom,
    required: def.requis,
    'aria-invalid': erreur ? true : undefined,
    'aria-describedby': erreur ? idErreur : def.aide ? `aide-${def.nom}` : undefined,
  } as const
  if (def.type === 'hidden') return <input type="hidden" name={def.nom} value={valeur} />
  if (def.type === 'checkbox') {
    return (
      <div className="champ champ-case">
        <input {...commun} type="checkbox" value="oui" defaultChecked={valeur === 'oui'} />
        <label htmlFor={id}>{def.libelle}</label>
        {def.aide ? <p id={`aide-${def.nom}`} className="aide">{def.aide}</p> : null}
        {erreur ? <p id={idErreur} className="erreur-champ">{erreur}</p> : null}
      </div>
    )
  }
  let controle: React.ReactNode
  if (def.type === 'siret') {
    return (
      <div className="champ">
        <label htmlFor={id}>
          {def.libelle}
          {def.requis ? <span aria-hidden="true"> *</span> : null}
        </label>
        <ChampSiret def={def} valeur={valeur} erreurServeur={erreur} idErreur={idErreur} />
      </div>
    )
  }
  if (def.type === 'textarea') controle = <textarea {...commun} defaultValue={valeur} rows={5} />
  else if (def.type === 'select')
    controle = (
      <select {...commun} defaultValue={valeur}>
        {!def.requis || !valeur ? <option value="">— Choisir —</option> : null}
        {(def.options ?? []).map((o) => (
          <option key={o.valeur} value={o.valeur}>
            {o.libelle}
          </option>
        ))}
      </select>
    )
  else
    controle = (
      <input
        {...commun}
        type={def.type === 'euros' ? 'text' : (def.type ?? 'text')}
        inputMode={def.type === 'euros' ? 'decimal' : def.type === 'number' ? 'decimal' : undefined}
        step={def.type === 'number' ? 'any' : undefined}
        autoComplete={def.autocomplete}
        defaultValue={valeur}
      />
    )
  return (
    <div className="champ">
      <label htmlFor={id}>
        {def.libelle}
        {def.requis ? <span aria-hidden="true"> *</span> : null}
      </label>
      {controle}
      {def.aide ? <p id={`aide-${def.nom}`} className="aide">{def.aide}</p> : null}
      {erreur ? <p id={idErreur} className="erreur-champ">{erreur}</p> : null}
    </div>
  )
}

export function Formulaire({
  action,
  champs,
  bouton,
  valeurs = {},
  nom,
}: {
  action: ActionFormulaire
  champs: ChampDef[]
  bouton: string
  valeurs?: Record<string, string>
  nom?: string
}) {
  const [etat, agir, enCours] = useActionState<EtatFormulaire, FormData>(action, { erreurs: {}, valeurs, version: 0 })
  const v = { ...valeurs, ...etat.valeurs }
  return (
    <form action={agir} key={etat.version} className="formulaire" noValidate data-formulaire={nom} aria-label={nom}>
      {etat.message ? (
        <div className="alerte alerte-erreur" role="alert">
          {etat.message}
        </div>
      ) : null}
      {etat.succes ? (
        <div className="alerte alerte-succes" role="status">
          {etat.succes}
        </div>
      ) : null}
      {champs.map((c) => (
        <Champ key={c.nom} def={c} valeur={v[c.nom] ?? ''} erreur={etat.erreurs[c.nom]} />
      ))}
      <button type="submit" className="bouton bouton-principal" disabled={enCours}>
        {enCours ? 'Envoi…' : bouton}
      </button>
    </form>
  )
}
