import type { PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import { STATUTS_ACCORD } from '@/src/domain/workflow/groupes'
import type { RegleFinancement } from '@/src/domain/funding'
import { anneeDeReference, estimerDossier, type ResultatEstimationDossier } from '@/src/domain/funding/dossier'
import type { Dossier } from '@/src/payload-types'

/**
 * The funding estimate of a dossier (the use case behind `montantEstime`): loads what the pure
 * rules of src/domain/funding read — the OPCO's rules, the company's headcount, what the OPCO
 * already committed to that company this year — and computes the estimate.
 */

/** A dossier's values as a save or a form sends them: any subset, the training's sub-fields too. */
export type ValeursDossier = Partial<Omit<Dossier, 'formation'>> & { formation?: Partial<NonNullable<Dossier['formation']>> | null }

async function lireRegles(req: PayloadRequest, opco: number): Promise<RegleFinancement[] | null> {
  const o = await req.payload.findByID({ collection: 'opcos', id: opco, depth: 0, req, overrideAccess: true, disableErrors: true })
  return o ? (o.reglesFinancement ?? []) : null
}

async function lireEffectif(req: PayloadRequest, company: number | null): Promise<number | null> {
  if (company === null) return null
  const c = await req.payload.findByID({ collection: 'companies', id: company, depth: 0, req, overrideAccess: true, disableErrors: true })
  return typeof c?.effectif === 'number' ? c.effectif : null
}

/**
 * The annual ceiling's consumption: what the OPCO already committed to this company for
 * trainings starting the same year (other dossiers than `sauf`).
 */
export async function consommeAnnuel(req: PayloadRequest, company: number, opco: number, annee: number, sauf: number | null | undefined): Promise<number> {
  const res = await req.payload.find({
    collection: 'dossiers',
    where: {
      and: [
        { company: { equals: company } },
        { opco: { equals: opco } },
        // The OPCO's committed `montantValide` counts against the company's annual ceiling.
        { status: { in: [...STATUTS_ACCORD] } },
        { 'formation.dateDebut': { greater_than_equal: new Date(Date.UTC(annee, 0, 1)).toISOString() } },
        { 'formation.dateDebut': { less_than: new Date(Date.UTC(annee + 1, 0, 1)).toISOString() } },
        ...(sauf != null ? [{ id: { not_equals: sauf } }] : []),
      ],
    },
    depth: 0,
    pagination: false,
    req,
    overrideAccess: true,
    select: { montantValide: true },
  })
  return res.docs.reduce((t, d) => t + (Number(d.montantValide) || 0), 0)
}

/** The estimate of a dossier from its stored values overridden by `data` (a save, or what is being typed). */
export async function estimerValeurs(req: PayloadRequest, data: ValeursDossier, avant: ValeursDossier): Promise<ResultatEstimationDossier> {
  // Partial updates (REST PATCH): the missing fields keep their stored value.
  const val = <K extends keyof ValeursDossier>(cle: K): ValeursDossier[K] => (cle in data ? data[cle] : avant[cle])
  const formation = { ...(avant.formation ?? {}), ...(data.formation ?? {}) }
  const opco = idOf(val('opco'))
  const company = idOf(val('company'))
  const regles = opco === null ? null : await lireRegles(req, opco)
  const maintenant = new Date()
  const dateDebut = formation.dateDebut ?? null
  const annee = anneeDeReference(dateDebut, maintenant)
  return estimerDossier(
    {
      regles,
      opcoRenseigne: regles !== null,
      typeFormation: val('typeFormation') ?? 'formation',
      effectif: await lireEffectif(req, company),
      dureeHeures: formation.dureeHeures,
      coutTotalHT: val('coutTotalHT'),
      dateDebut,
      consommeAnnuel: company !== null && opco !== null ? await consommeAnnuel(req, company, opco, annee, avant.id) : 0,
    },
    maintenant,
  )
}
