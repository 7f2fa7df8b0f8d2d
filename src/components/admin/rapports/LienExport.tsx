'use client'
import { useEffect, useState } from 'react'
import { useDocumentInfo } from '@payloadcms/ui'

interface EtatExport {
  statut?: string
  progression?: number | null
  lignes?: number | null
  total?: number | null
  erreur?: string | null
}

function Etat({ id, etat }: { id: number | string; etat: EtatExport }) {
  if (etat.statut === 'termine') {
    return (
      <a href={`/api/exports/${id}/telecharger`} data-telecharger>
        Télécharger ({etat.lignes ?? 0} lignes)
      </a>
    )
  }
  if (etat.statut === 'echec') return <span style={{ color: '#b00020' }}>Échec : {etat.erreur ?? 'erreur inconnue'}</span>
  return (
    <span>
      {etat.statut === 'en_cours' ? 'En cours' : 'En attente'} — {etat.progression ?? 0} %{etat.total ? ` (${etat.lignes ?? 0} / ${etat.total})` : ''}
    </span>
  )
}

/** List column: download link once ready, else the state and progress. */
export function LienExportCell({ rowData }: { rowData?: EtatExport & { id?: number | string } }) {
  if (!rowData?.id) return null
  return <Etat id={rowData.id} etat={rowData} />
}

/** Export page: polls the row every 2 s until the file is ready (or failed). */
export function LienExportField() {
  const { id } = useDocumentInfo()
  const [etat, setEtat] = useState<EtatExport>({})
  useEffect(() => {
    if (!id) return
    let arret = false
    const lire = async () => {
      const r = await fetch(`/api/exports/${id}?depth=0`, { credentials: 'include' }).catch(() => null)
      const e = (await r?.json().catch(() => null)) as EtatExport | null
      if (arret) return
      if (e) setEtat(e)
      if (!e || (e.statut !== 'termine' && e.statut !== 'echec')) setTimeout(() => void lire(), 2000)
    }
    void lire()
    return () => {
      arret = true
    }
  }, [id])
  if (!id) return null
  return (
    <div style={{ margin: '12px 0' }} id="etat-export">
      <Etat id={id} etat={etat} />
    </div>
  )
}
