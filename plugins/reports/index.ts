import type { Config, Endpoint, PayloadRequest, Plugin } from 'payload'
import { estAdmin } from '@/src/access/roles'
import { env } from '@/src/config/env'
import { formaterDateFr } from '@/src/domain/dates'
import { ErreurMetier } from '@/src/domain/erreurs'
import { depuisRecherche, lireFiltresRapport, type FiltresRapport } from '@/src/domain/reports/filtres'
import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { listesATraiter } from '@/src/services/rapports/aTraiter'
import { journaliserExport } from '@/src/services/rapports/exports'
import { paiementsParOpco } from '@/src/services/rapports/paiements'
import { calculerStatistiques, statistiquesDuRapport } from '@/src/services/rapports/statistiques'
import { rendrePdf } from '@/src/pdf/renderer'
import { rapportHtml } from '@/templates/pdf/rapport'
import { endpointTelechargement, Exports, tacheExport } from './exports'

/** Query strings are short: anything longer is not a filter set (400, before any parsing). */
const URL_MAX = 2000

/**
 * The report filters of the query string, for an admin: 403 for anyone else, 400 for an
 * over-long query string or a refused filter (FiltreInvalideError).
 */
function filtresDeRequete(req: PayloadRequest): FiltresRapport {
  if (!estAdmin(req.user)) throw new ErreurMetier('Les rapports sont réservés à l’équipe MonOPCO.', 403)
  const url = new URL(req.url ?? 'http://localhost/')
  if (url.search.length > URL_MAX) throw new ErreurMetier(`Paramètres trop longs (${URL_MAX} caractères au plus).`, 400)
  return lireFiltresRapport(depuisRecherche(url.searchParams))
}

const routeRapport = (path: string, calcul: (req: PayloadRequest, filtres: FiltresRapport) => Promise<unknown>): Endpoint =>
  endpoint({ path, method: 'get', handler: async ({ req }) => json(await calcul(req, filtresDeRequete(req))) })

/** GET /api/rapports/{statistiques,paiements,a-traiter,pdf}?du=&au=&opco= — admins only. */
export const endpointsRapports: Endpoint[] = [
  routeRapport('/rapports/statistiques', (req, f) => calculerStatistiques(req.payload, f)),
  routeRapport('/rapports/paiements', (req, f) => paiementsParOpco(req.payload, f)),
  routeRapport('/rapports/a-traiter', (req, f) => {
    const { relances } = env().emails
    return listesATraiter(req.payload, { opcoJours: relances.opcoJours, debutJours: relances.debutFormationJours, opco: f.opco })
  }),
  // The PDF report: aggregates only (a few hundred bytes of figures), so rendered in the
  // request rather than as a job; audit-logged like every export.
  endpoint({
    path: '/rapports/pdf',
    method: 'get',
    handler: async ({ req }) => {
      const filtres = filtresDeRequete(req)
      const { statistiques, opco } = await statistiquesDuRapport(req, filtres)
      const pdf = await rendrePdf(rapportHtml(statistiques, { titre: 'Rapport d’activité MonOPCO', opco, edition: formaterDateFr(new Date()) }))
      await journaliserExport(req, 'rapport-pdf', { format: 'pdf', filtres, etape: 'telechargement' })
      return new Response(Buffer.from(pdf), {
        status: 200,
        headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="rapport-${filtres.du ?? 'debut'}-${filtres.au ?? 'fin'}.pdf"`, 'Cache-Control': 'no-store' },
      })
    },
  }),
]

/**
 * Dashboard, reports and exports (README « Tableau de bord, rapports et exports »): the
 * `exports` collection and its job, the report endpoints, the admin home and report pages.
 * The figures are read by the services of src/services/rapports.
 */
export const reportsPlugin = (): Plugin => (config: Config): Config => ({
  ...config,
  // Hidden from OPCO users and checked strictly by payload.config.ts's wrappers, like every collection.
  collections: [...(config.collections ?? []), { ...Exports, endpoints: [endpointTelechargement] }],
  endpoints: [...(config.endpoints ?? []), ...endpointsRapports],
  jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), tacheExport] },
  admin: {
    ...config.admin,
    components: {
      ...config.admin?.components,
      beforeDashboard: [...(config.admin?.components?.beforeDashboard ?? []), '/src/components/admin/rapports/TableauDeBord#TableauDeBord'],
      views: {
        ...config.admin?.components?.views,
        rapports: { Component: '/src/components/admin/rapports/VueRapports#VueRapports', path: '/rapports', exact: true, meta: { title: 'Rapports' } },
        paiements: { Component: '/src/components/admin/rapports/VuePaiements#VuePaiements', path: '/paiements', exact: true, meta: { title: 'Paiements attendus et reçus' } },
      },
    },
  },
})
