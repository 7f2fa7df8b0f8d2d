'use client'
import { useAuth, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

/**
 * The convention's electronic signature on the admin's dossier (issue 17, item 5): the latest
 * request with each signer's state, « Renvoyer le lien » for those who have not signed, and the
 * form that sends the latest generated convention to be signed.
 */

interface Signataire {
  id: string
  role: string
  nom?: string | null
  prenom?: string | null
  fonction?: string | null
  email?: string | null
  signeLe?: string | null
  ip?: string | null
  lienEnvoyeLe?: string | null
}
interface Demande {
  id: number
  statut: string
  envoyeeLe?: string | null
  finaliseeLe?: string | null
  caduqueLe?: string | null
  sha256Signe?: string | null
  documentSigne?: { url?: string | null; filename?: string | null } | number | null
  signataires?: Signataire[]
}

const LIBELLES: Record<string, string> = { entreprise: 'Entreprise', organisme: 'Organisme', salarie: 'Salarié(e)' }
const STATUTS: Record<string, string> = { en_cours: 'En cours de signature', signee: 'Signée par toutes les parties', caduque: 'Caduque (délai dépassé)', annulee: 'Annulée' }
const quand = (iso?: string | null) => (iso ? new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }) : '—')

type Saisie = Record<string, { nom: string; prenom: string; fonction: string; email: string }>

export function SignatureConvention() {
  const { id } = useDocumentInfo()
  const { user } = useAuth()
  const admin = (user as { role?: string } | null)?.role === 'admin'
  const typeFormation = useFormFields(([champs]) => champs.typeFormation?.value) as string | undefined
  const benef = useFormFields(([champs]) => ({ nom: champs['beneficiaire.nom']?.value, prenom: champs['beneficiaire.prenom']?.value, email: champs['beneficiaire.email']?.value }))
  const roles = typeFormation === 'bilan' ? ['entreprise', 'salarie', 'organisme'] : ['entreprise', 'organisme']
  const [demande, setDemande] = useState<Demande | null>(null)
  const [erreur, setErreur] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [ouvert, setOuvert] = useState(false)
  const [saisie, setSaisie] = useState<Saisie>({})

  const charger = useCallback(async () => {
    if (id === undefined || id === null || !admin) return
    const r = await fetch(`/api/signatures-convention?where[dossier][equals]=${encodeURIComponent(String(id))}&sort=-createdAt&limit=1&depth=1`, { credentials: 'include' })
    const b = (await r.json().catch(() => ({}))) as { docs?: Demande[] }
    setDemande(b.docs?.[0] ?? null)
  }, [id, admin])
  useEffect(() => {
    void charger().catch(() => setErreur('Impossible de charger l’état de la signature.'))
  }, [charger])

  const valeur = (role: string, champ: 'nom' | 'prenom' | 'fonction' | 'email'): string => {
    const v = saisie[role]?.[champ]
    if (v !== undefined) return v
    if (role === 'salarie' && champ !== 'fonction') return String(benef[champ] ?? '')
    return ''
  }
  const changer = (role: string, champ: 'nom' | 'prenom' | 'fonction' | 'email', v: string) =>
    setSaisie((s) => ({ ...s, [role]: { nom: valeur(role, 'nom'), prenom: valeur(role, 'prenom'), fonction: valeur(role, 'fonction'), email: valeur(role, 'email'), ...s[role], [champ]: v } }))

  async function envoyer(remplacer: boolean) {
    setErreur(null)
    setNote(null)
    const signataires = roles.map((role) => ({ role, nom: valeur(role, 'nom'), prenom: valeur(role, 'prenom'), fonction: valeur(role, 'fonction'), email: valeur(role, 'email') }))
    const r = await fetch(`/api/dossiers/${encodeURIComponent(String(id))}/signature-convention`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ signataires, ...(remplacer ? { remplacer: true } : {}) }) })
    const b = (await r.json().catch(() => ({}))) as { message?: string; errors?: { message?: string }[] }
    if (!r.ok) return setErreur(b.errors?.[0]?.message ?? `Erreur ${r.status}.`)
    setNote(b.message ?? 'Envoyée.')
    setOuvert(false)
    await charger()
  }

  async function renvoyer(s: Signataire) {
    setErreur(null)
    setNote(null)
    const r = await fetch(`/api/signatures-convention/${demande!.id}/renvoyer`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ signataire: s.id }) })
    const b = (await r.json().catch(() => ({}))) as { message?: string; errors?: { message?: string }[] }
    if (!r.ok) return setErreur(b.errors?.[0]?.message ?? `Erreur ${r.status}.`)
    setNote(b.message ?? 'Lien renvoyé.')
    await charger()
  }

  if (id === undefined || id === null || !admin) return null
  const signe = demande?.documentSigne && typeof demande.documentSigne === 'object' ? demande.documentSigne : null
  return (
    <div data-testid="signature-convention-admin" style={{ margin: '32px 0' }}>
      <h3 style={{ margin: '0 0 12px' }}>Signature de la convention</h3>
      {erreur ? <p role="alert" style={{ color: '#b42318' }}>{erreur}</p> : null}
      {note ? <p role="status" style={{ color: '#116b3a' }}>{note}</p> : null}
      {demande ? (
        <>
          <p data-statut-signature={demande.statut}>
            <strong>{STATUTS[demande.statut] ?? demande.statut}</strong> — envoyée le {quand(demande.envoyeeLe)}
            {demande.finaliseeLe ? `, signée par tous le ${quand(demande.finaliseeLe)}` : ''}
            {demande.caduqueLe ? `, caduque le ${quand(demande.caduqueLe)} (salarié sans signature après 10 jours, R6313-8)` : ''}
          </p>
          {signe?.url ? (
            <p>
              <a href={signe.url} download={signe.filename ?? undefined}>
                Télécharger la convention signée
              </a>
            </p>
          ) : null}
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead>
              <tr style={{ textAlign: 'left', fontSize: 12 }}>
                <th style={{ padding: '4px 8px' }}>Signataire</th>
                <th style={{ padding: '4px 8px' }}>E-mail</th>
                <th style={{ padding: '4px 8px' }}>État</th>
                <th style={{ padding: '4px 8px' }} />
              </tr>
            </thead>
            <tbody>
              {(demande.signataires ?? []).map((s) => (
                <tr key={s.id} style={{ borderTop: '1px solid var(--theme-elevation-150)' }}>
                  <td style={{ padding: '6px 8px' }}>
                    {LIBELLES[s.role] ?? s.role} : {s.prenom} {s.nom}, {s.fonction}
                  </td>
                  <td style={{ padding: '6px 8px' }}>{s.email}</td>
                  <td style={{ padding: '6px 8px' }}>{s.signeLe ? `Signé le ${quand(s.signeLe)} (IP ${s.ip ?? '—'})` : `Lien envoyé le ${quand(s.lienEnvoyeLe)}`}</td>
                  <td style={{ padding: '6px 8px' }}>
                    {!s.signeLe && demande.statut === 'en_cours' ? (
                      <button type="button" className="btn btn--style-secondary btn--size-small" style={{ margin: 0 }} onClick={() => void renvoyer(s)}>
                        Renvoyer le lien
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>Aucune demande de signature : la convention générée à la validation doit être signée avant l’envoi à l’OPCO.</p>
      )}
      <button type="button" className="btn btn--style-secondary btn--size-small" onClick={() => setOuvert(!ouvert)}>
        {ouvert ? 'Fermer' : demande?.statut === 'en_cours' ? 'Refaire la demande' : 'Envoyer la convention à signer'}
      </button>
      {ouvert ? (
        <div style={{ display: 'grid', gap: 12 }}>
          {roles.map((role) => (
            <fieldset key={role} style={{ border: '1px solid var(--theme-elevation-150)', padding: 8 }}>
              <legend>{LIBELLES[role]}</legend>
              {(['prenom', 'nom', 'fonction', 'email'] as const).map((champ) => (
                <label key={champ} style={{ display: 'inline-block', marginRight: 12 }}>
                  {{ prenom: 'Prénom', nom: 'Nom', fonction: 'Fonction', email: 'E-mail' }[champ]}{' '}
                  <input value={valeur(role, champ)} onChange={(e) => changer(role, champ, e.target.value)} name={`${role}-${champ}`} />
                </label>
              ))}
            </fieldset>
          ))}
          <button type="button" className="btn btn--style-primary btn--size-small" onClick={() => void envoyer(demande?.statut === 'en_cours')}>
            Envoyer les liens de signature
          </button>
        </div>
      ) : null}
    </div>
  )
}
