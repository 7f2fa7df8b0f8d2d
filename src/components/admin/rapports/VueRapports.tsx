import type { AdminViewServerProps } from 'payload'
import { AdminPage } from '@/src/components/admin/AdminPage'
import { calculerStatistiques } from '@/src/services/rapports/statistiques'
import { roleOf } from '@/src/access/roles'
import { lireFiltresRapport } from '@/src/domain/reports/filtres'
import { libelleMois } from '@/src/domain/reports/graphiques'
import { Graphiques, TableauOpco, Tuiles } from './blocs'
import { BoutonsExport } from './BoutonsExport'

const entier = (v: unknown, min: number, max: number): number | null => {
  if (typeof v !== 'string' || !/^\d{1,4}$/.test(v)) return null
  const n = Number(v)
  return n >= min && n <= max ? n : null
}

/** `annee` (+ `mois`) of the query string → the report period; bad values fall back to today. */
export function periodeRapport(sp: Record<string, unknown> | undefined, maintenant = new Date()): { annee: number; mois: number | null; du: string; au: string; opco?: number } {
  const annee = entier(sp?.annee, 2000, 2100) ?? maintenant.getUTCFullYear()
  const mois = entier(sp?.mois, 1, 12)
  const du = mois ? `${annee}-${String(mois).padStart(2, '0')}-01` : `${annee}-01-01`
  const au = mois ? new Date(Date.UTC(annee, mois, 0)).toISOString().slice(0, 10) : `${annee}-12-31`
  let opco: number | undefined
  try {
    opco = lireFiltresRapport({ opco: sp?.opco }).opco
  } catch {
    opco = undefined
  }
  return { annee, mois, du, au, opco }
}

/** /admin/rapports — monthly and annual reports, overall or for one OPCO, with their exports. */
export async function VueRapports(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const admin = roleOf(req.user) === 'admin'
  const p = periodeRapport(props.searchParams as Record<string, unknown>)
  const [s, opcos] = admin
    ? await Promise.all([
        calculerStatistiques(req.payload, { du: p.du, au: p.au, ...(p.opco ? { opco: p.opco } : {}) }),
        req.payload.find({ collection: 'opcos', limit: 50, depth: 0, sort: 'nom', pagination: false, overrideAccess: true }),
      ])
    : [null, null]
  const lien = (m: number | null, opco = p.opco) => `/admin/rapports?annee=${p.annee}${m ? `&mois=${m}` : ''}${opco ? `&opco=${opco}` : ''}`
  const nomOpco = opcos?.docs.find((o) => Number(o.id) === p.opco)?.nom
  const titre = `${p.mois ? `Rapport mensuel — ${libelleMois(`${p.annee}-${String(p.mois).padStart(2, '0')}`)}` : `Rapport annuel — ${p.annee}`}${nomOpco ? ` — ${String(nomOpco)}` : ''}`
  const requete = new URLSearchParams({ du: p.du, au: p.au, ...(p.opco ? { opco: String(p.opco) } : {}) }).toString()
  return (
    <AdminPage {...props}>
      {!s ? (
        <p>Cette page est réservée à l’équipe MonOPCO.</p>
      ) : (
        <>
          <h1 style={{ marginBottom: 8 }} id="titre-rapport">
            {titre}
          </h1>
          <nav style={{ display: 'flex', flexWrap: 'wrap', gap: 10, fontSize: 14, marginBottom: 8 }}>
            <a href={`/admin/rapports?annee=${p.annee - 1}${p.opco ? `&opco=${p.opco}` : ''}`}>← {p.annee - 1}</a>
            <a href={lien(null)} style={{ fontWeight: p.mois ? 400 : 700 }}>
              Année {p.annee}
            </a>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <a key={m} href={lien(m)} style={{ fontWeight: p.mois === m ? 700 : 400 }}>
                {libelleMois(`${p.annee}-${String(m).padStart(2, '0')}`).split(' ')[0]}
              </a>
            ))}
            <a href={`/admin/rapports?annee=${p.annee + 1}${p.opco ? `&opco=${p.opco}` : ''}`}>{p.annee + 1} →</a>
          </nav>
          <nav style={{ display: 'flex', flexWrap: 'wrap', gap: 10, fontSize: 14, marginBottom: 16 }}>
            <span>OPCO :</span>
            <a href={lien(p.mois, undefined).replace(/&opco=\d+/, '')} style={{ fontWeight: p.opco ? 400 : 700 }}>
              Tous
            </a>
            {opcos!.docs.map((o) => (
              <a key={String(o.id)} href={lien(p.mois, Number(o.id))} style={{ fontWeight: p.opco === Number(o.id) ? 700 : 400 }}>
                {String(o.nom)}
              </a>
            ))}
          </nav>
          <BoutonsExport filtres={{ du: p.du, au: p.au, ...(p.opco ? { opco: p.opco } : {}) }} pdf={`/api/rapports/pdf?${requete}`} />
          <Tuiles s={s} />
          <h3 style={{ margin: '20px 0 8px' }}>Par OPCO</h3>
          <TableauOpco s={s} />
          <Graphiques s={s} />
        </>
      )}
    </AdminPage>
  )
}
