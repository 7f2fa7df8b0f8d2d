import type { Payload, PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import { formaterDateHeureParis, nouveauRepere } from '@/src/domain/messagesNonLus'
import { texteBrut } from '@/src/domain/texteRiche'

/**
 * The conversation of one dossier (messages) as a thread, and the reader's read marks
 * (collections/lectures). Used by the admin panel (GET /api/dossiers/:id/fil, POST …/fil/lu)
 * and by the portal's dossier page (Local API, same functions). The caller has already
 * checked that `user` may read the dossier; messages are still read with the user's rights.
 */
export interface Lecteur {
  id: number | string
  role?: unknown
}

export interface MessageDuFil {
  id: number | string
  auteur: string
  /** Written by the reader. */
  moi: boolean
  /** Written by the MonOPCO team (an admin). */
  equipe: boolean
  /** ISO 8601. */
  date: string
  /** `jj/mm/aaaa HH:MM`, Paris time. */
  dateAffichee: string
  texte: string
}

const LIBELLE_EQUIPE = 'équipe MonOPCO'

/** The thread, oldest first, with each author's display name. */
export async function lireFil(payload: Payload, user: Lecteur, dossier: number | string, req?: PayloadRequest): Promise<MessageDuFil[]> {
  const res = await payload.find({
    collection: 'messages',
    where: { dossier: { equals: dossier } },
    sort: 'createdAt',
    pagination: false,
    depth: 0,
    user: user as never,
    overrideAccess: false,
    ...(req ? { req } : {}),
    select: { author: true, body: true, createdAt: true },
  })
  const ids = [...new Set(res.docs.map((m) => idOf(m.author)).filter((v): v is number => v !== null).map(String))]
  // Names only (never e-mails), read with the server's rights: a beneficiary sees who answered.
  const auteurs = ids.length
    ? await payload.find({ collection: 'users', where: { id: { in: ids } }, pagination: false, depth: 0, overrideAccess: true, ...(req ? { req } : {}), select: { nom: true, prenom: true, role: true } })
    : { docs: [] }
  const parId = new Map<string, { nom?: string | null; prenom?: string | null; role?: string | null }>(auteurs.docs.map((u) => [String(u.id), u]))
  return res.docs.map((m) => {
    const auteurId = idOf(m.author)
    const a = auteurId === null ? undefined : parId.get(String(auteurId))
    const equipe = a?.role === 'admin'
    const moi = auteurId !== null && String(auteurId) === String(user.id)
    const nom = [a?.prenom, a?.nom].filter(Boolean).join(' ')
    const date = String(m.createdAt)
    return {
      id: m.id,
      auteur: moi ? 'Vous' : equipe ? (nom ? `${nom} (${LIBELLE_EQUIPE})` : `L’${LIBELLE_EQUIPE}`) : nom || (a ? 'Bénéficiaire' : 'Auteur inconnu'),
      moi,
      equipe,
      date,
      dateAffichee: formaterDateHeureParis(date),
      texte: texteBrut(m.body),
    }
  })
}

/**
 * Marks the thread read by `user` up to the message dated `jusqua` (the last one shown), never
 * backwards nor past now. Idempotent; two tabs racing on the unique (lecteur, dossier) index
 * end with one row holding the later mark.
 */
export async function marquerLu(payload: Payload, user: Lecteur, dossier: number | string, jusqua: string, maintenant = new Date(), req?: PayloadRequest): Promise<string | null> {
  const systeme = { overrideAccess: true, depth: 0, ...(req ? { req } : {}) } as const
  const trouver = async () =>
    (await payload.find({ collection: 'lectures', where: { and: [{ lecteur: { equals: user.id } }, { dossier: { equals: dossier } }] }, limit: 1, pagination: false, ...systeme })).docs[0]
  for (let essai = 0; essai < 2; essai++) {
    const existante = await trouver()
    const repere = nouveauRepere(existante?.luJusqua ?? null, jusqua, maintenant)
    if (repere === null) return existante?.luJusqua ?? null
    if (existante) {
      await payload.update({ collection: 'lectures', id: existante.id, data: { luJusqua: repere }, ...systeme })
      return repere
    }
    try {
      await payload.create({ collection: 'lectures', data: { lecteur: user.id, dossier, luJusqua: repere } as never, ...systeme })
      return repere
    } catch (err) {
      // Another tab created the row between our read and our insert: read it again once.
      if (essai > 0) throw err
    }
  }
  return null
}

/** The reader's read marks, per dossier (id as text → ISO date). */
export async function reperesDe(payload: Payload, user: Lecteur, dossiers: (number | string)[]): Promise<Record<string, string>> {
  if (dossiers.length === 0) return {}
  const res = await payload.find({
    collection: 'lectures',
    where: { and: [{ lecteur: { equals: user.id } }, { dossier: { in: dossiers } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const r: Record<string, string> = {}
  for (const l of res.docs) {
    const d = idOf(l.dossier)
    if (d !== null && l.luJusqua) r[String(d)] = l.luJusqua
  }
  return r
}
