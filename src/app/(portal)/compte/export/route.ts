import type { User } from '@/src/payload-types'
/**
 * RGPD: everything MonOPCO holds about the signed-in user, as JSON, read with the user's own
 * rights (`overrideAccess: false`: nothing another account owns can leak in).
 */
import type { CollectionSlug } from 'payload'
import { getPayload } from 'payload'
import config from '@payload-config'

export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: request.headers }).catch(() => ({ user: null }))
  if (!user) return Response.json({ errors: [{ message: 'Connectez-vous pour télécharger vos données.' }] }, { status: 401 })
  const lire = async <C extends CollectionSlug>(collection: C) => {
    try {
      const r = await payload.find({ collection, user, overrideAccess: false, depth: 0, limit: 10_000, pagination: false })
      return r.docs
    } catch {
      return []
    }
  }
  const moi: Partial<User> = await payload.findByID({ collection: 'users', id: user.id, user, overrideAccess: false, depth: 0 })
  for (const secret of ['salt', 'hash', 'resetPasswordToken', 'resetPasswordExpiration', 'apiKey', 'apiKeyIndex', 'sessions', 'loginAttempts', 'lockUntil'] as const) delete moi[secret]
  const donnees = {
    exporteLe: new Date().toISOString(),
    compte: moi,
    entreprises: await lire('companies'),
    dossiers: await lire('dossiers'),
    documents: (await lire('documents')).map((d) => {
      const { id, dossier, documentType, origin, filename, mimeType, filesize, sha256, version, createdAt } = d
      return { id, dossier, documentType, origin, filename, mimeType, filesize, sha256, version, createdAt }
    }),
    messages: await lire('messages'),
    paiements: await lire('payments'),
    factures: await lire('invoices'),
  }
  return new Response(JSON.stringify(donnees, null, 2), {
    status: 200,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="monopco-mes-donnees-${new Date().toISOString().slice(0, 10)}.json"`,
      'Cache-Control': 'no-store',
    },
  })
}
