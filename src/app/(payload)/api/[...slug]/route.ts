import config from '@payload-config'
import '@payloadcms/next/css'
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'
import { controlerParametresJson, controlerRequete } from '@/src/security/controleRequete'
import { controlerCorps, limiterAuth, limiterCorps } from '@/src/security/requete'
import { refuserRoutesInexistantes } from '@/src/security/routesInexistantes'

type Handler = ReturnType<typeof REST_POST>
type Args = Parameters<Handler>[1]

// Register and login, whatever the route: Payload's own and the seed's documented aliases.
const ROUTES_LIMITEES = new Set(['users/login', 'users', 'auth/login', 'auth/register'])

const garde =
  (handler: Handler): Handler =>
  async (request: Request, args: Args) => {
    const lu = await limiterCorps(request)
    if (lu instanceof Response) return lu
    if (request.method === 'POST') {
      const { slug } = await (args as { params: Promise<{ slug: string[] }> }).params
      if (ROUTES_LIMITEES.has(slug.join('/'))) {
        const refus = await limiterAuth(request)
        if (refus) return refus
      }
    }
    const controle = await controlerCorps(lu.request, lu.body)
    if (controle instanceof Response) return controle
    return handler(controle, args)
  }

// Query strings of collection routes are checked before Payload runs them (src/security/requeteListe.ts);
// on every route, `where` and `data` as JSON strings, which Payload parses whatever the method.
export const GET = refuserRoutesInexistantes(controlerRequete(REST_GET(config)))
export const POST = garde(refuserRoutesInexistantes(controlerParametresJson(REST_POST(config))))
export const DELETE = garde(refuserRoutesInexistantes(controlerRequete(REST_DELETE(config))))
export const PATCH = garde(refuserRoutesInexistantes(controlerRequete(REST_PATCH(config))))
export const PUT = garde(refuserRoutesInexistantes(controlerParametresJson(REST_PUT(config))))
export const OPTIONS = REST_OPTIONS(config)
