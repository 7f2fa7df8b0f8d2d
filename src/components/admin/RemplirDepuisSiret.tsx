'use client'
import { useForm, useFormFields } from '@payloadcms/ui'
import { useState, type CSSProperties } from 'react'
import { estSiretValide, normaliserSiret } from '@/src/domain/siret'
import { chercherEntrepriseParSiret, type ReponseEntrepriseSiret } from '@/src/components/rechercheSiret'

const bouton: CSSProperties = {
  padding: '7px 12px',
  borderRadius: 4,
  fontSize: 14,
  fontWeight: 600,
  cursor: 'pointer',
  background: 'var(--theme-elevation-900)',
  color: 'var(--theme-elevation-0)',
  border: '1px solid var(--theme-elevation-900)',
  fontFamily: 'inherit',
}

/**
 * « Remplir depuis le SIRET » on the company form: the State's register fills raison sociale,
 * address, NAF code, IDCC and the register block (state, headcount band, date read); the admin
 * checks and saves. Every text from the API is rendered by React (escaped) or set as a field value.
 */
export function RemplirDepuisSiret() {
  const siret = useFormFields(([champs]) => champs.siret?.value)
  const { dispatchFields, setModified } = useForm()
  const [etat, setEtat] = useState<{ enCours: boolean; fiche: ReponseEntrepriseSiret | null; message: string | null }>({ enCours: false, fiche: null, message: null })
  const saisi = typeof siret === 'string' ? normaliserSiret(siret) : ''
  const valide = estSiretValide(saisi)

  const remplir = async () => {
    setEtat({ enCours: true, fiche: null, message: null })
    const r = await chercherEntrepriseParSiret(saisi)
    if (r.type === 'manuel') return setEtat({ enCours: false, fiche: null, message: r.message })
    const f = r.fiche
    const valeurs: Record<string, unknown> = {
      raisonSociale: f.raisonSociale,
      'adresse.rue': f.adresse.rue ?? '',
      'adresse.codePostal': f.adresse.codePostal ?? '',
      'adresse.ville': f.adresse.ville ?? '',
      codeNaf: f.codeNaf ?? '',
      'registre.etatAdministratif': f.etatAdministratif,
      'registre.trancheEffectif': f.trancheEffectif?.code ?? '',
      'registre.consulteLe': f.consulteLe,
    }
    if (f.idcc[0]) valeurs.idcc = f.idcc[0]
    for (const [path, value] of Object.entries(valeurs)) dispatchFields({ type: 'UPDATE', path, value, initialValue: undefined })
    setModified(true)
    setEtat({ enCours: false, fiche: f, message: null })
  }

  const f = etat.fiche
  return (
    <div className="field-type" style={{ marginBottom: 'var(--base)' }} data-remplir-siret>
      <button type="button" style={{ ...bouton, opacity: valide && !etat.enCours ? 1 : 0.5 }} disabled={!valide || etat.enCours} onClick={remplir} id="remplir-depuis-siret">
        {etat.enCours ? 'Recherche…' : 'Remplir depuis le SIRET'}
      </button>
      <p style={{ fontSize: 13, margin: '0.25rem 0', color: 'var(--theme-elevation-650)' }}>
        Registre public « Recherche d’entreprises » de l’État ; les champs restent modifiables à la main.
      </p>
      {etat.message ? (
        <p role="status" data-saisie-manuelle style={{ color: 'var(--theme-warning-700, #8a5a00)' }}>
          {etat.message}
        </p>
      ) : null}
      {f ? (
        <div role="status" data-fiche-siret>
          <p style={{ margin: '0.25rem 0', fontWeight: 600, color: f.etatAdministratif === 'ferme' ? 'var(--theme-error-600, #b00020)' : undefined }} data-etat={f.etatAdministratif}>
            {f.etatAdministratifLibelle}
            {f.etatAdministratif === 'ferme' ? ' : les dossiers de cette entreprise ne pourront pas être validés avec ce SIRET.' : ''}
          </p>
          <p style={{ margin: '0.25rem 0' }}>
            {f.raisonSociale}
            {f.trancheEffectif?.libelle ? ` — ${f.trancheEffectif.libelle}` : ''}
            {f.idcc.length > 0 ? ` — IDCC ${f.idcc.join(', ')}` : ' — aucune convention collective publiée'}
            {f.opcoSuggere ? ` — OPCO suggéré : ${f.opcoSuggere.nom}` : ''}
          </p>
          <p style={{ fontSize: 13 }}>Vérifiez puis enregistrez la fiche.</p>
        </div>
      ) : null}
    </div>
  )
}
