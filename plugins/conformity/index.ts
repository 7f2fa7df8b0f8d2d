import type { Config } from 'payload'
import { estIdentifiantDossier, lireDossierAccessible } from '@/src/access/dossier'
import { LIBELLES_ANOMALIE, type TypeAnomalie } from '@/src/domain/conformity/anomalies'
import { ErreurMetier } from '@/src/domain/erreurs'
import { endpoint } from '@/src/endpoints/endpoint'
import { json, lireCorpsJson } from '@/src/endpoints/http'
import { listerAnomalies } from '@/src/services/anomalies'
import { configIa, exigerAdminIa, expliquerAnomalie, MESSAGE_IA_NON_CONFIGUREE } from '@/src/services/ia'
import { AppelsIa } from '@/collections/appels-ia/index'
import { refuserChampsInconnus } from '@/collections/dossiers/endpoints/conformite'
import { reponseIaNonConfiguree } from '@/collections/dossiers/endpoints/ia'

/**
 * Conformity and AI assistance (README « Conformité et IA »), the parts that are not a dossier's:
 * - the `appels-ia` collection (usage and what was sent, pseudonymised);
 * - GET /api/conformite/ia says whether the AI suggestions are on;
 * - GET /api/conformite/anomalies (the admin view /admin/anomalies reads the same service) and
 *   POST /api/conformite/anomalies/expliquer, admins only.
 * The dossier's report field, its write guard and its endpoints (POST /api/dossiers/:id/conformite,
 * POST /api/dossiers/:id/ia/<fonction>) are the dossiers collection's; the checks at submit and
 * validate are in src/services/transition.ts; the use cases in src/services/conformite.ts and ia.ts.
 */

const endpointStatutIa = endpoint({
  path: '/conformite/ia',
  method: 'get',
  handler: async ({ user }) => {
    exigerAdminIa(user)
    const c = configIa()
    return json(c ? { iaConfiguree: true, modele: c.model } : { iaConfiguree: false, message: MESSAGE_IA_NON_CONFIGUREE })
  },
})

const endpointAnomalies = endpoint({
  path: '/conformite/anomalies',
  method: 'get',
  handler: async ({ req, user }) => {
    exigerAdminIa(user)
    const anomalies = await listerAnomalies(req)
    const parType = Object.fromEntries((Object.keys(LIBELLES_ANOMALIE) as TypeAnomalie[]).map((t) => [t, anomalies.filter((a) => a.type === t).length]))
    return json({ total: anomalies.length, parType, anomalies })
  },
})

const estTypeAnomalie = (t: unknown): t is TypeAnomalie => typeof t === 'string' && t in LIBELLES_ANOMALIE

/** Checked in this order: 401, 403 not an admin, 503 AI not configured, 400 body, 404 dossier or anomaly. */
const endpointExpliquer = endpoint({
  path: '/conformite/anomalies/expliquer',
  method: 'post',
  handler: async ({ req, user }) => {
    exigerAdminIa(user)
    if (!configIa()) return reponseIaNonConfiguree()
    const corps = await lireCorpsJson(req, { facultatif: true })
    refuserChampsInconnus(corps, ['dossier', 'type'])
    const { dossier, type } = corps
    if (dossier === undefined || type === undefined) throw new ErreurMetier('Les champs « dossier » et « type » sont obligatoires.', 400)
    if (!estTypeAnomalie(type)) throw new ErreurMetier(`Type d'anomalie inconnu (attendus : ${Object.keys(LIBELLES_ANOMALIE).join(', ')}).`, 400)
    if (!estIdentifiantDossier(req, dossier)) throw new ErreurMetier('Identifiant de dossier invalide.', 400)
    const d = await lireDossierAccessible(req, dossier)
    if (!d) throw new ErreurMetier('Dossier introuvable.', 404)
    const rep = await expliquerAnomalie(req, d, type)
    return json({ anomalie: rep.anomalie, suggestion: rep.suggestion, modele: rep.modele, usage: rep.usage })
  },
})

export const conformityPlugin =
  () =>
  (config: Config): Config => ({
    ...config,
    collections: [...(config.collections ?? []), AppelsIa],
    endpoints: [...(config.endpoints ?? []), endpointStatutIa, endpointAnomalies, endpointExpliquer],
  })
