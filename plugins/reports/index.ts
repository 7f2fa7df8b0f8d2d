import type { Config, Endpoint, PayloadRequest, Plugin } from 'payload'
import { estAdmin } from '@/src/access/roles'
import { env } from '@/src/config/env'
import { erreur, json, reponseErreur } from '@/src/endpoints/http'
import { depuisRecherche, FiltreInvalideError, lireFiltresRapport } from '@/src/domain/reports/filtres'
import { calculerStatistiques, listesATraiter, paiementsParOpco } from './sql'
import { rapportHtml } from '@/src/domain/reports/rapportHtml'
import { formaterDateFr } from '@/src/domain/dates'
import { rendrePdf } from '@/plugins/documents/renderer'
import { journaliserExport } from './exports'
import { endpointTelechargement, Exports, tacheExport } from './exports'
import { masquerHorsAdmin } from '@/src/access/adminPanel'

export { calculerStatistiques, listesATraiter, paiementsParOpco } from './sql'
export { produireExport, TACHE_EXPORT } from './exports'

/** Query strings are short: anything longer is not a filter set (400, before any parsing). */
const URL_MAX = 2000

function lireRequete(req: PayloadRequest): { ok: true; params: URLSearchParams } | { ok: false; reponse: Response } {
  if (!req.user) return { ok: false, reponse: erreur(401, 'Authentification requise.') }
  if (!estAdmin(req.user)) return { ok: false, reponse: erreur(403, 'Les rapports sont réservés à l’équipe MonOPCO.') }
  const url = new URL(req.url ?? 'http://localhost/')
  if (url.search.length > URL_MAX) return { ok: false, reponse: erreur(400, `Paramètres trop longs (${URL_MAX} caractères au plus).`) }
  return { ok: true, params: url.searchParams }
}

const routeRapport = (path: string, calcul: (req: PayloadRequest, params: URLSearchParams) => Promise<unknown>): Endpoint => ({
  path,
  method: 'get',
  handler: async (req) => {
    try {
      const r = lireRequete(req)
      if (!r.ok) return r.reponse
      return json(await calcul(req, r.params))
    } catch (err) {
      if (err instanceof FiltreInvalideError) return erreur(400, err.message)
      return reponseErreur(req, err)
    }
  },
})

/** GET /api/rapports/{statistiques,paiements,a-traiter}?du=&au=&opco= — admins only, JSON. */
export const endpointsRapports: Endpoint[] = [
  routeRapport('/rapports/statistiques', (req, p) => calculerStatistiques(req.payload, lireFiltresRapport(depuisRecherche(p)))),
  routeRapport('/rapports/paiements', (req, p) => paiementsParOpco(req.payload, lireFiltresRapport(depuisRecherche(p)))),
  routeRapport('/rapports/a-traiter', (req, p) => {
    const f = lireFiltresRapport(depuisRecherche(p))
    const { relances } = env().emails
    return listesATraiter(req.payload, { opcoJours: relances.opcoJours, debutJours: relances.debutFormationJours, opco: f.opco })
  }),
  {
    // The PDF report: aggregates only (a few hundred bytes of figures), so rendered in the
    // request rather than as a job; audit-logged like every export.
    path: '/rapports/pdf',
    method: 'get',
    handler: async (req) => {
      try {
        const r = lireRequete(req)
        if (!r.ok) return r.reponse
        const filtres = lireFiltresRapport(depuisRecherche(r.params))
        const [s, opco] = await Promise.all([
          calculerStatistiques(req.payload, filtres),
          filtres.opco ? req.payload.findByID({ collection: 'opcos', id: filtres.opco, depth: 0, overrideAccess: true, req, disableErrors: true }) : null,
        ])
        if (filtres.opco && !opco) return erreur(404, 'OPCO introuvable.')
        const pdf = await rendrePdf(rapportHtml(s, { titre: 'Rapport d’activité MonOPCO', opco: opco ? String(opco.nom) : null, edition: formaterDateFr(new Date()) }))
        await journaliserExport(req, 'rapport-pdf', { format: 'pdf', filtres, etape: 'telechargement' })
        return new Response(Buffer.from(pdf), {
          status: 200,
          headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="rapport-${filtres.du ?? 'debut'}-${filtres.au ?? 'fin'}.pdf"`, 'Cache-Control': 'no-store' },
        })
      } catch (err) {
        if (err instanceof FiltreInvalideError) return erreur(400, err.message)
        return reponseErreur(req, err)
      }
    },
  },
]

/**
 * Dashboard, reports and exports (README « Tableau de bord, rapports et exports »): the
 * `exports` collection and its job, the report endpoints, the admin home and report pages.
 */
export const reportsPlugin = (): Plugin => (config: Config): Config => ({
  ...config,
  // Same wrappers as the config's own collections (group field checks, hidden from OPCO users).
  collections: [...(config.collections ?? []), masquerHorsAdmin({ ...Exports, endpoints: [endpointTelechargement] })],
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
