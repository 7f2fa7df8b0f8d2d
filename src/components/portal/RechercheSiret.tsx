'use client'
import { useEffect, useRef, useState } from 'react'
import { chercherEntrepriseParSiret, type ReponseEntrepriseSiret } from '@/src/components/rechercheSiret'

/**
 * Under the SIRET of the wizard's company step: as soon as a valid SIRET is typed, the State's
 * register fills the other fields of the same form (raison sociale, address, NAF code, IDCC) and
 * says whether the establishment is active, its headcount band and the OPCO suggested from its
 * IDCC. The fields stay editable; when the register is down or knows nothing, a message says to
 * type them by hand and nothing else changes. Texts from the API are set as input values or
 * rendered by React: never as HTML.
 */

type Etat = { type: 'attente' } | { type: 'recherche' } | { type: 'trouve'; fiche: ReponseEntrepriseSiret } | { type: 'manuel'; message: string }

function remplir(formulaire: HTMLFormElement, nom: string, valeur: string | null | undefined) {
  const champ = formulaire.elements.namedItem(nom)
  if (!(champ instanceof HTMLInputElement) || valeur == null || valeur === '') return
  champ.value = valeur
}

export function RechercheSiret({ siret, ancre }: { siret: string | null; ancre: string }) {
  const [etat, setEtat] = useState<Etat>({ type: 'attente' })
  const numero = useRef(0)
  const cherche = useRef<string | null>(null)

  const lancer = async (s: string) => {
    const n = ++numero.current
    cherche.current = s
    setEtat({ type: 'recherche' })
    const r = await chercherEntrepriseParSiret(s)
    if (n !== numero.current) return
    if (r.type === 'manuel') return setEtat(r)
    const f = r.fiche
    const formulaire = (document.getElementById(ancre) as HTMLInputElement | null)?.form
    if (formulaire) {
      remplir(formulaire, 'raisonSociale', f.raisonSociale)
      remplir(formulaire, 'adresse.rue', f.adresse.rue)
      remplir(formulaire, 'adresse.codePostal', f.adresse.codePostal)
      remplir(formulaire, 'adresse.ville', f.adresse.ville)
      remplir(formulaire, 'codeNaf', f.codeNaf)
      remplir(formulaire, 'idcc', f.idcc[0])
    }
    setEtat({ type: 'trouve', fiche: f })
  }

  useEffect(() => {
    if (siret === null) {
      numero.current++
      cherche.current = null
      setEtat({ type: 'attente' })
    } else if (siret !== cherche.current) {
      void lancer(siret)
    }
    // `lancer` only reads refs and the anchor: one lookup per distinct valid SIRET.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [siret])

  if (etat.type === 'attente') return null
  if (etat.type === 'recherche') {
    return (
      <p className="aide" role="status" data-recherche-siret="en-cours">
        Recherche de l’entreprise dans le registre…
      </p>
    )
  }
  if (etat.type === 'manuel') {
    return (
      <div className="alerte alerte-info" role="status" data-recherche-siret="manuel">
        <p>{etat.message}</p>
        {siret ? (
          <button type="button" className="bouton" onClick={() => void lancer(siret)}>
            Réessayer la recherche
          </button>
        ) : null}
      </div>
    )
  }
  const f = etat.fiche
  return (
    <div className={f.etatAdministratif === 'ferme' ? 'alerte alerte-erreur' : 'alerte alerte-succes'} role="status" data-recherche-siret="trouve" data-etat={f.etatAdministratif}>
      <p>
        <strong data-raison-sociale>{f.raisonSociale}</strong> — {f.etatAdministratifLibelle}
        {f.adresse.ville ? `, ${f.adresse.ville}` : ''}
      </p>
      {f.etatAdministratif === 'ferme' ? (
        <p>Cet établissement est fermé : l’OPCO refusera le dossier. Indiquez le SIRET de l’établissement actif qui emploie la personne formée.</p>
      ) : null}
      <p>
        {f.trancheEffectif?.libelle ? `Effectif déclaré : ${f.trancheEffectif.libelle}. ` : ''}
        {f.idcc.length > 1 ? `Conventions collectives : ${f.idcc.join(', ')} (gardez celle de la personne formée). ` : ''}
        {f.opcoSuggere ? `OPCO suggéré d’après la convention collective : ${f.opcoSuggere.nom}.` : ''}
      </p>
      <p className="aide">Champs remplis depuis le registre des entreprises : vérifiez-les, ils restent modifiables.</p>
    </div>
  )
}
