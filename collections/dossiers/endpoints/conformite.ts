import { ErreurMetier } from '@/src/domain/erreurs'
import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { recalculerConformite } from '@/src/services/conformite'

/**
 * Only the listed keys in an optional JSON body: anything else is a 400 naming them (a typo in a
 * field name is not silently ignored). Shared by the conformity and AI endpoints.
 */
export function refuserChampsInconnus(corps: Record<string, unknown>, cles: readonly string[]): void {
  const inconnues = Object.keys(corps).filter((k) => !cles.includes(k))
  if (inconnues.length > 0) {
    const s = inconnues.length > 1 ? 's' : ''
    throw new ErreurMetier(`Champ${s} inconnu${s} : ${inconnues.join(', ')}${cles.length > 0 ? ` (attendus : ${cles.join(', ')})` : ' (aucun champ attendu)'}.`, 400)
  }
}

/**
 * POST /api/dossiers/:id/conformite — recomputes and stores the dossier's conformity report
 * (src/services/conformite.ts) for whoever may read the dossier: 401 anonymous, 400 malformed id,
 * 404 dossier not visible; the body, optional, has no field.
 */
export const endpointConformite = endpoint({
  path: '/:id/conformite',
  method: 'post',
  dossier: true,
  corps: 'json-facultatif',
  handler: async ({ req, dossier, corps }) => {
    refuserChampsInconnus(corps, [])
    return json({ conformite: await recalculerConformite(req, dossier) })
  },
})
