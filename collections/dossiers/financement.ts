import type { CollectionBeforeChangeHook, JSONField, PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import { dansGroupe, STATUTS_ACCORD, STATUTS_ENVOYES_OPCO } from '@/src/domain/workflow/groupes'
import { formaterEuros } from '@/src/domain/money'
import type { RegleFinancement } from '@/src/domain/funding'
import { anneeDeReference, estimerDossier, memeEstimation } from '@/src/domain/funding/dossier'
import type { TypeFormation } from '@/src/domain/statuts'


type Doc = Record<string, unknown>

async function lireRegles(req: PayloadRequest, opco: number | string): Promise<RegleFinancement[] | null> {
  const o = await req.payload.findByID({ collection: 'opcos', id: opco, depth: 0, req, overrideAccess: true, disableErrors: true })
  return o ? ((o as { reglesFinancement?: RegleFinancement[] | null }).reglesFinancement ?? []) : null
}

async function lireEffectif(req: PayloadRequest, company: number | string | null): Promise<number | null> {
  if (company === null) return null
  const c = await req.payload.findByID({ collection: 'companies', id: company, depth: 0, req, overrideAccess: true, disableErrors: true })
  const effectif = (c as { effectif?: unknown } | null)?.effectif
  return typeof effectif === 'number' ? effectif : null
}

/** What the OPCO already committed to this company for trainings starting the same year (other dossiers). */
async function consommeAnnuel(req: PayloadRequest, company: number | string, opco: number | string, annee: number, sauf: unknown): Promise<number> {
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
  return res.docs.reduce((t, d) => t + (Number((d as { montantValide?: unknown }).montantValide) || 0), 0)
}

/** The estimate of a dossier from its stored values overridden by `data` (a save, or what is being typed). */
export async function estimerValeurs(req: PayloadRequest, data: Doc, avant: Doc) {
  // Partial updates (REST PATCH): the missing fields keep their stored value.
  const val = <T>(cle: string): T => (cle in data ? data[cle] : avant[cle]) as T
  const formation = { ...((avant.formation as Doc | undefined) ?? {}), ...((data.formation as Doc | undefined) ?? {}) }
  const opco = idOf(val('opco'))
  const company = idOf(val('company'))
  const regles = opco === null ? null : await lireRegles(req, opco)
  const maintenant = new Date()
  const dateDebut = (formation.dateDebut as string | null | undefined) ?? null
  const annee = anneeDeReference(dateDebut, maintenant)
  return estimerDossier(
    {
      regles,
      opcoRenseigne: regles !== null,
      typeFormation: val<TypeFormation | null>('typeFormation') ?? 'formation',
      effectif: await lireEffectif(req, company),
      dureeHeures: formation.dureeHeures as number | null | undefined,
      coutTotalHT: val<number | null>('coutTotalHT'),
      dateDebut,
      consommeAnnuel: company !== null && opco !== null ? await consommeAnnuel(req, company, opco, annee, avant.id) : 0,
    },
    maintenant,
  )
}

/**
 * Funding estimate on every save (create/update, any API): `montantEstime` and its readable
 * breakdown, from the dossier's OPCO rules, the company's headcount, the type, hours, cost and
 * year of the training. The calculation itself is `estimerDossier` (src/domain/funding).
 * Runs after the reserved-fields check, so nobody writes these two fields by hand.
 */
export const calculerEstimation: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const avant = (originalDoc ?? {}) as Doc
  const val = <T>(cle: string): T => (cle in data ? data[cle] : avant[cle]) as T
  const r = await estimerValeurs(req, data, avant)
  // Once the dossier is with the OPCO, the amount requested is the one filed: it no longer moves
  // (the OPCO answers on it). Server code creating an already-sent dossier (seed, import) brings it.
  const envoye = dansGroupe(STATUTS_ENVOYES_OPCO, val('status'))
  const fige = !envoye
    ? null
    : typeof avant.montantEstime === 'number'
      ? avant.montantEstime
      : req.payloadAPI === 'local' && typeof data.montantEstime === 'number'
        ? data.montantEstime
        : null
  let estimation = r.estimationFinancement
  if (fige !== null && fige !== r.montantEstime) {
    estimation = { ...estimation, detail: [...estimation.detail, `Montant demandé à l'OPCO lors de l'envoi (figé) : ${formaterEuros(fige)}`] }
  }
  data.montantEstime = fige ?? r.montantEstime
  // An unchanged result keeps its date: no spurious change in the audit log.
  data.estimationFinancement = memeEstimation(avant.estimationFinancement, estimation) ? avant.estimationFinancement : estimation
  return data
}

export const champEstimationFinancement: JSONField = {
  name: 'estimationFinancement',
  label: 'Estimation du financement (détail)',
  type: 'json',
  admin: {
    readOnly: true,
    components: { Field: '/src/components/admin/EstimationFinancement#EstimationFinancement' },
    description: "Calculée à chaque enregistrement à partir des règles de l'OPCO, de l'effectif de l'entreprise, du type, de la durée, du coût et de l'année de la formation.",
  },
}
