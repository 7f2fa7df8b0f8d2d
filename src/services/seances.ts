import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import { ErreurMetier } from '@/src/domain/erreurs'
import { heuresDesSeances, planifierSeances, type SeancePourHeures } from '@/src/domain/seances'
import type { Dossier, Seance } from '@/src/payload-types'

/**
 * Training sessions of a dossier (issue 17): planning them from the training's dates and hours,
 * and the hours they prove. The signatures themselves are written by the signing route only.
 */

const systeme = (req: PayloadRequest) => ({ req, overrideAccess: true, depth: 0, pagination: false }) as const

/** The dossier's sessions, by date then half-day (morning first). */
export async function seancesDuDossier(req: PayloadRequest, dossier: number): Promise<Seance[]> {
  const r = await req.payload.find({ collection: 'seances', where: { dossier: { equals: dossier } }, sort: 'date', ...systeme(req) })
  return r.docs.sort((a, b) => a.date.localeCompare(b.date) || (a.demiJournee === b.demiJournee ? 0 : a.demiJournee === 'matin' ? -1 : 1))
}

/** A session someone already signed (or the trainer declared): it is evidence, never replaced. */
export const seanceEmargee = (s: Pick<Seance, 'signatures' | 'statut' | 'minutesDeclarees'>): boolean =>
  (s.signatures?.length ?? 0) > 0 || s.statut === 'signee' || s.statut === 'absence' || typeof s.minutesDeclarees === 'number'

/**
 * POST /api/dossiers/:id/seances/generer: the half-days between the training's dates summing to
 * its hours (src/domain/seances.ts), replacing the unsigned sessions. Refused (409) when a
 * session is already signed; all or nothing (one transaction).
 */
export async function genererSeances(req: PayloadRequest, dossier: Dossier): Promise<Seance[]> {
  const f = dossier.formation ?? {}
  const plan = planifierSeances(f.dateDebut, f.dateFin, f.dureeHeures)
  if (!plan.ok) throw new ErreurMetier(plan.erreur, 422, { manquants: ['formation.dateDebut', 'formation.dateFin', 'formation.dureeHeures'] })
  const transactionOuverte = await initTransaction(req)
  try {
    const existantes = await seancesDuDossier(req, dossier.id)
    const emargees = existantes.filter(seanceEmargee)
    if (emargees.length > 0) {
      throw new ErreurMetier(
        `${emargees.length} séance(s) de ce dossier sont déjà émargées : elles ne peuvent pas être remplacées. Modifiez les séances une à une depuis le calendrier.`,
        409,
      )
    }
    if (existantes.length > 0) await req.payload.delete({ collection: 'seances', where: { dossier: { equals: dossier.id } }, req, overrideAccess: true })
    const creees: Seance[] = []
    for (const s of plan.seances) {
      creees.push(await req.payload.create({ collection: 'seances', data: { dossier: dossier.id, ...s, statut: 'a_signer' }, req, overrideAccess: true, depth: 0 }))
    }
    if (transactionOuverte) await commitTransaction(req)
    return creees
  } catch (err) {
    if (transactionOuverte) await killTransaction(req)
    throw err
  }
}

/** What the sessions prove, as the workflow reads it (`null`: the dossier has no session). */
export async function heuresProuvees(req: PayloadRequest, dossier: number): Promise<ReturnType<typeof heuresDesSeances> | null> {
  const seances = await seancesDuDossier(req, dossier)
  const comptees: SeancePourHeures[] = seances.map((s) => ({ statut: s.statut ?? 'a_signer', dureeMinutes: s.dureeMinutes, minutesDeclarees: s.minutesDeclarees }))
  if (comptees.every((s) => s.statut === 'annulee')) return null
  return heuresDesSeances(comptees)
}
