import type { PayloadRequest } from 'payload'
import { estAdmin, idOf } from '@/src/access/roles'
import { ErreurMetier } from '@/src/domain/erreurs'
import { STATUTS_EMAIL_ACCEPTES, type StatutEmail } from '@/src/domain/notifications'
import type { Email } from '@/src/payload-types'
import { ajouterEmails } from './boiteEnvoi'
import type { ObjetJson } from '@/src/domain/valeursChamps'

/**
 * « Renvoyer » an e-mail — admins only. A resend is a **new** outbox row (`renvoiDe` points to
 * the original), so the history of what was sent stays true. It never double-sends silently: an
 * e-mail still queued is refused (it will leave anyway), one already accepted by the provider
 * (sent, delivered, complained) needs `confirmer: true`, and a resend already waiting in the
 * queue is refused. Options: `confirmer` (boolean), `to` (another address, e.g. after a bounce).
 */
export interface OptionsRenvoi {
  confirmer: boolean
  to: string | null
}

export interface ResultatRenvoi {
  id: number
  renvoiDe: number
}

const CHAMPS = ['confirmer', 'to']
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}$/
const ID = /^\d{1,15}$/

/** The options of a request body (already a JSON object); 400 on anything else. */
export function lireOptionsRenvoi(o: ObjetJson): OptionsRenvoi {
  const inconnus = Object.keys(o).filter((k) => !CHAMPS.includes(k))
  if (inconnus.length > 0) throw new ErreurMetier(`Champs non autorisés : ${inconnus.join(', ')}.`, 400)
  if (o.confirmer !== undefined && typeof o.confirmer !== 'boolean') throw new ErreurMetier('Le champ « confirmer » doit valoir true ou false.', 400)
  if (o.to !== undefined && (typeof o.to !== 'string' || o.to.length > 254 || !EMAIL.test(o.to))) throw new ErreurMetier('Le champ « to » doit être une adresse e-mail valide.', 400)
  return { confirmer: o.confirmer === true, to: typeof o.to === 'string' ? o.to : null }
}

const estAccepte = (statut: Email['status']): boolean => (STATUTS_EMAIL_ACCEPTES as readonly (StatutEmail | null | undefined)[]).includes(statut)

/** Queues the resend of e-mail `idBrut` (the route's `:id`) with the options of the body. */
export async function renvoyerEmail(req: PayloadRequest, idBrut: unknown, corps: ObjetJson): Promise<ResultatRenvoi> {
  if (!estAdmin(req.user)) throw new ErreurMetier('Seule l’équipe MonOPCO peut renvoyer un e-mail.', 403)
  if ((typeof idBrut !== 'string' && typeof idBrut !== 'number') || !ID.test(String(idBrut))) throw new ErreurMetier('Identifiant d’e-mail invalide.', 400)
  const options = lireOptionsRenvoi(corps)
  const original = await req.payload.findByID({ collection: 'emails', id: Number(idBrut), depth: 0, overrideAccess: true }).catch(() => null)
  if (!original) throw new ErreurMetier('E-mail introuvable.', 404)
  if (original.status === 'queued') throw new ErreurMetier('Cet e-mail est encore dans la file d’attente : il partira sans renvoi.', 409)
  if (estAccepte(original.status) && !options.confirmer) {
    throw new ErreurMetier(
      `Cet e-mail a déjà été accepté par le fournisseur (statut « ${original.status} ») : le renvoyer en enverra un second exemplaire. Confirmez avec « confirmer » : true.`,
      409,
      { confirmationRequise: true },
    )
  }
  const renvois = await req.payload.find({ collection: 'emails', where: { renvoiDe: { equals: original.id } }, pagination: false, depth: 0, select: { status: true }, overrideAccess: true })
  if (renvois.docs.some((r) => r.status === 'queued')) throw new ErreurMetier('Un renvoi de cet e-mail est déjà dans la file d’attente.', 409)
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
        rendu: { modele: original.template, sujet: original.subject, html: original.html ?? '', texte: original.text ?? '' },
      },
    ],
    // Audited: who resent what, to whom.
    { audit: true },
  )
  if (ids.length === 0) throw new ErreurMetier('Un renvoi de cet e-mail vient d’être demandé.', 409)
  return { id: ids[0]!, renvoiDe: original.id }
}
