import type { Endpoint, PayloadRequest } from 'payload'
import { estAdmin, idOf, roleOf } from '@/src/access/roles'
import { erreur, json, reponseErreur } from '@/src/endpoints/http'
import { ajouterEmails } from './boiteEnvoi'

/**
 * POST /api/emails/:id/renvoyer — admins only. A resend is a **new** outbox row (`renvoiDe`
 * points to the original), so the history of what was sent stays true. It never double-sends
 * silently: an e-mail still queued is refused (it will leave anyway), one already accepted by
 * the provider (sent, delivered, complained) needs `{"confirmer": true}`, and a resend already
 * waiting in the queue is refused. Body (optional): `confirmer` (boolean), `to` (another address,
 * e.g. after a bounce).
 */
const CHAMPS = ['confirmer', 'to']
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}$/

async function lireOptions(req: PayloadRequest): Promise<{ confirmer: boolean; to: string | null } | Response> {
  let texte = ''
  try {
    texte = req.text ? await req.text() : ''
  } catch {
    return erreur(400, 'Corps de requête illisible.')
  }
  if (texte.trim() === '') return { confirmer: false, to: null }
  let v: unknown
  try {
    v = JSON.parse(texte)
  } catch {
    return erreur(400, 'Corps de requête invalide : JSON mal formé.')
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return erreur(400, 'Corps de requête invalide : un objet JSON est attendu.')
  const o = v as Record<string, unknown>
  const inconnus = Object.keys(o).filter((k) => !CHAMPS.includes(k))
  if (inconnus.length > 0) return erreur(400, `Champs non autorisés : ${inconnus.join(', ')}.`)
  if (o.confirmer !== undefined && typeof o.confirmer !== 'boolean') return erreur(400, 'Le champ « confirmer » doit valoir true ou false.')
  if (o.to !== undefined && (typeof o.to !== 'string' || o.to.length > 254 || !EMAIL.test(o.to))) return erreur(400, 'Le champ « to » doit être une adresse e-mail valide.')
  return { confirmer: o.confirmer === true, to: (o.to as string | undefined) ?? null }
}

export const endpointRenvoyer: Endpoint = {
  path: '/:id/renvoyer',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    try {
      if (!req.user || roleOf(req.user) === null) return erreur(401, 'Authentification requise.')
      if (!estAdmin(req.user)) return erreur(403, 'Seule l’équipe MonOPCO peut renvoyer un e-mail.')
      const id = req.routeParams?.id
      if ((typeof id !== 'string' && typeof id !== 'number') || !/^\d{1,15}$/.test(String(id))) {
        return erreur(400, 'Identifiant d’e-mail invalide.')
      }
      const options = await lireOptions(req)
      if (options instanceof Response) return options
      const original = (await req.payload.findByID({ collection: 'emails', id, depth: 0, overrideAccess: true }).catch(() => null)) as
        | (Record<string, unknown> & { id: string | number; status?: string; to: string })
        | null
      if (!original) return erreur(404, 'E-mail introuvable.')
      if (original.status === 'queued') return erreur(409, 'Cet e-mail est encore dans la file d’attente : il partira sans renvoi.')
      if (['sent', 'delivered', 'complained'].includes(String(original.status)) && !options.confirmer) {
        return erreur(409, `Cet e-mail a déjà été accepté par le fournisseur (statut « ${original.status} ») : le renvoyer en enverra un second exemplaire. Confirmez avec « confirmer » : true.`, { confirmationRequise: true })
      }
      const renvois = await req.payload.find({ collection: 'emails', where: { renvoiDe: { equals: original.id } }, pagination: false, depth: 0, select: { status: true }, overrideAccess: true })
      if (renvois.docs.some((r) => r.status === 'queued')) return erreur(409, 'Un renvoi de cet e-mail est déjà dans la file d’attente.')
      const ids = await ajouterEmails(
        req.payload,
        req,
        [
          {
            to: options.to ?? original.to,
            // Numbered key: two clicks at once compete for the same key, one row only.
            cle: `renvoi:${String(original.id)}:${renvois.docs.length + 1}`,
            dossier: idOf(original.dossier),
            pieceJointe: idOf(original.pieceJointe),
            renvoiDe: original.id,
            rendu: { modele: String(original.template), sujet: String(original.subject), html: String(original.html ?? ''), texte: String(original.text ?? '') },
          },
        ],
        // Audited: who resent what, to whom.
        { audit: true },
      )
      if (ids.length === 0) return erreur(409, 'Un renvoi de cet e-mail vient d’être demandé.')
      return json({ message: 'Renvoi mis dans la file d’attente.', id: ids[0], renvoiDe: original.id }, 201)
    } catch (err) {
      return reponseErreur(req, err)
    }
  },
}
