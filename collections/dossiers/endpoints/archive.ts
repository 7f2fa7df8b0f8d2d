import { Readable } from 'node:stream'
import { roleOf } from '@/src/access/roles'
import { ErreurMetier } from '@/src/domain/erreurs'
import { endpoint, MESSAGE_DOSSIER_INACCESSIBLE } from '@/src/endpoints/endpoint'
import { archiverDossier } from '@/src/services/archiveDossier'

/**
 * GET /api/dossiers/:id/archive — the dossier's archive for a control (ZIP, streamed): admins, and
 * OPCO users for the dossiers they read. Anyone else who signed in — a beneficiary, even for their
 * own dossier — gets the 404 of a dossier they cannot see; anonymous 401, malformed id 400.
 */
export const endpointArchive = endpoint({
  path: '/:id/archive',
  method: 'get',
  dossier: true,
  handler: async ({ req, user, dossier }) => {
    const role = roleOf(user)
    if (role !== 'admin' && role !== 'opco') throw new ErreurMetier(MESSAGE_DOSSIER_INACCESSIBLE, 404)
    const { nom, flux } = await archiverDossier(req, user, dossier)
    return new Response(Readable.toWeb(flux) as ReadableStream<Uint8Array>, {
      status: 200,
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${nom}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  },
})
