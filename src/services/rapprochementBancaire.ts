import { APIError, ValidationError, type PayloadRequest } from 'payload'
import { estAdmin, idOf } from '@/src/access/roles'
import { ErreurMetier } from '@/src/domain/erreurs'
import { STATUT_FACTURE, TYPE_PIECE } from '@/src/domain/facturation'
import { comparerPaiement, STATUT_PAIEMENT } from '@/src/domain/paiements'
import {
  paiementsDuCandidat,
  rapprocherOperations,
  soldesDesFactures,
  type Candidat,
  type FactureOuverte,
  type PaiementARegistrer,
} from '@/src/domain/rapprochement/appariement'
import { lireReleve, type OperationLue } from '@/src/domain/rapprochement/releve'
import type { StatutOperation } from '@/src/domain/rapprochement/statuts'
import type { Company, Dossier, Invoice, OperationsBancaire, Opco, Payment, RelevesBancaire } from '@/src/payload-types'
import { paiementParReference } from '@/src/services/paiements'

/**
 * Bank statement reconciliation (docs/guide-equipe.md « Rapprochement bancaire »): import a statement, match
 * its credits to the issued invoices (src/domain/rapprochement), record the sure matches as
 * payments — the existing idempotent payments, reference = the bank's transaction id, which move
 * the dossier to `paye` as any payment does — and keep the rest for the team to confirm or reject.
 */

export function exigerAdmin(req: PayloadRequest): void {
  if (!estAdmin(req.user)) throw new ErreurMetier('Réservé à l’équipe MonOPCO (administrateurs).', 403)
}

const nombre = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

/** Every issued invoice (open or settled) with its balance and what identifies it in a transfer. */
export async function facturesARapprocher(req: PayloadRequest): Promise<FactureOuverte[]> {
  const lire = <T>(collection: 'invoices' | 'dossiers' | 'opcos' | 'companies' | 'payments', where: Record<string, unknown>) =>
    req.payload.find({ collection, where: where as never, depth: 0, pagination: false, req, overrideAccess: true }).then((r) => r.docs as T[])
  const factures = await lire<Invoice>('invoices', { and: [{ statut: { in: [STATUT_FACTURE.emise, STATUT_FACTURE.payee] } }, { type: { equals: TYPE_PIECE.facture } }] })
  if (factures.length === 0) return []
  const idsDossiers = [...new Set(factures.map((f) => idOf(f.dossier)).filter((d): d is number => d !== null))]
  const [dossiers, paiements] = await Promise.all([
    lire<Dossier>('dossiers', { id: { in: idsDossiers } }),
    lire<Payment>('payments', { and: [{ dossier: { in: idsDossiers } }, { statut: { equals: STATUT_PAIEMENT.recu } }] }),
  ])
  const parDossier = new Map(dossiers.map((d) => [d.id, d]))
  const idsOpcos = [...new Set(dossiers.map((d) => idOf(d.opco)).filter((d): d is number => d !== null))]
  const idsEntreprises = [...new Set(dossiers.map((d) => idOf(d.company)).filter((d): d is number => d !== null))]
  const [opcos, entreprises] = await Promise.all([
    idsOpcos.length ? lire<Opco>('opcos', { id: { in: idsOpcos } }) : Promise.resolve([]),
    idsEntreprises.length ? lire<Company>('companies', { id: { in: idsEntreprises } }) : Promise.resolve([]),
  ])
  const parOpco = new Map(opcos.map((o) => [o.id, o]))
  const parEntreprise = new Map(entreprises.map((c) => [c.id, c]))
  const emises = factures
    .map((f) => ({ f, dossier: idOf(f.dossier) }))
    .filter((x): x is { f: Invoice; dossier: number } => x.dossier !== null && (x.f.destinataire === 'opco' || x.f.destinataire === 'entreprise'))
  const soldes = soldesDesFactures(
    emises.map(({ f, dossier }) => ({ id: f.id, dossier, payeur: f.destinataire, totalTTC: nombre(f.totalTTC), ordre: `${f.dateEmission ?? ''}|${f.numero ?? ''}` })),
    paiements.map((p) => ({ dossier: idOf(p.dossier) ?? 0, payeur: p.payeur, montant: nombre(p.montant) })),
  )
  return emises.map(({ f, dossier }) => {
    const d = parDossier.get(dossier)
    const opco = d ? parOpco.get(idOf(d.opco) ?? 0) : undefined
    const entreprise = d ? parEntreprise.get(idOf(d.company) ?? 0) : undefined
    const noms = f.destinataire === 'opco' ? [opco?.nom, opco?.code] : [entreprise?.raisonSociale]
    return {
      id: f.id,
      numero: f.numero ?? '',
      dossier,
      referenceDossier: d?.reference ?? null,
      numeroDossierOpco: d?.numeroDossierOpco ?? null,
      payeur: f.destinataire,
      nomsPayeur: noms.filter((n): n is string => typeof n === 'string' && n !== ''),
      solde: soldes.get(f.id) ?? 0,
    }
  })
}

const estViolationUnicite = (err: unknown, table: string): boolean =>
  err instanceof ValidationError && (err.data?.errors ?? []).some((e) => (e as { tableName?: string }).tableName === table || /unique|existe déjà|already/i.test(String((e as { message?: unknown }).message ?? '')))

/**
 * Records one payment, idempotently: the same payer + reference already recorded with the same
 * dossier and amount is that payment (double click, concurrent confirm, import replayed); with
 * other data it is a 409, never a second row.
 */
async function enregistrerPaiement(req: PayloadRequest, p: PaiementARegistrer, date: string): Promise<Payment> {
  const data = { dossier: p.dossier, montant: p.montant, date, payeur: p.payeur, reference: p.reference, statut: STATUT_PAIEMENT.recu }
  try {
    return await req.payload.create({ collection: 'payments', data, req, overrideAccess: true, depth: 0 })
  } catch (err) {
    let existant: Payment | null = null
    // The payments collection answers a known payer + reference with a 409 naming the existing payment.
    if (err instanceof APIError && err.status === 409 && (err.data as { paiementExistant?: unknown } | undefined)?.paiementExistant !== undefined) {
      existant = await paiementParReference(req, p.payeur, p.reference, true)
    } else if (estViolationUnicite(err, 'payments')) existant = await paiementParReference(req, p.payeur, p.reference, false)
    else throw err
    if (!existant) throw err
    const c = comparerPaiement(existant, data)
    if (!c.identique) throw new ErreurMetier(c.message, 409)
    return existant
  }
}

async function enregistrerPaiements(req: PayloadRequest, candidat: Candidat, factures: readonly FactureOuverte[], op: Pick<OperationLue, 'montant' | 'idTransaction' | 'date'>): Promise<Payment[]> {
  const aEnregistrer = paiementsDuCandidat(candidat, factures, op.montant, op.idTransaction)
  const res: Payment[] = []
  for (const p of aEnregistrer) res.push(await enregistrerPaiement(req, p, op.date))
  return res
}

export interface ResumeImport {
  releve: number | null
  dejaImporte: boolean
  /** The statement was already there with part of its operations (an import cut short): the missing ones were added to it. */
  reprise: boolean
  operationsLues: number
  nouvelles: number
  dejaConnues: number
  automatiques: number
  aConfirmer: number
  sansCorrespondance: number
  debits: number
  paiements: number
}

/**
 * Imports a statement. Nothing is written before the whole file is read and checked (a refusal
 * is a 400 with the reason). The statement already imported, or operations already known (by the
 * bank's transaction id), add nothing. An import cut short (process stopped, request timed out:
 * SQLite has no transaction around it) left its statement with only part of its operations:
 * sending the same file again adds the missing ones to that statement (`reprise`), so nothing of
 * a statement is ever lost behind « déjà importé ».
 */
export async function importerReleve(req: PayloadRequest, contenu: Uint8Array, nomFichier: string): Promise<ResumeImport> {
  exigerAdmin(req)
  const lu = lireReleve(contenu)
  const resume: ResumeImport = { releve: null, dejaImporte: false, reprise: false, operationsLues: lu.operations.length, nouvelles: 0, dejaConnues: 0, automatiques: 0, aConfirmer: 0, sansCorrespondance: 0, debits: 0, paiements: 0 }
  const existant = (await req.payload.find({ collection: 'releves-bancaires', where: { cle: { equals: lu.cle } }, limit: 1, depth: 0, req, overrideAccess: true })).docs[0]

  const connues = new Set<string>()
  for (let i = 0; i < lu.operations.length; i += 500) {
    const tranche = lu.operations.slice(i, i + 500).map((o) => o.idTransaction)
    const r = await req.payload.find({ collection: 'operations-bancaires', where: { idTransaction: { in: tranche } }, depth: 0, pagination: false, req, overrideAccess: true, select: { idTransaction: true } })
    for (const d of r.docs) connues.add(d.idTransaction)
  }
  const nouvelles = lu.operations.filter((o) => !connues.has(o.idTransaction))
  resume.dejaConnues = lu.operations.length - nouvelles.length
  resume.nouvelles = nouvelles.length

  if (existant && nouvelles.length === 0) return { ...resume, releve: existant.id, dejaImporte: true }

  let releve: RelevesBancaire
  if (existant) {
    releve = existant
    resume.reprise = true
  } else {
    try {
      releve = await req.payload.create({
        collection: 'releves-bancaires',
        data: { cle: lu.cle, identifiant: lu.identifiant, format: lu.format, compte: lu.compte, nomFichier: nomFichier.slice(0, 200), nombreOperations: lu.operations.length, nouvellesOperations: nouvelles.length, importePar: req.user?.id as number },
        req,
        overrideAccess: true,
        depth: 0,
      })
    } catch (err) {
      // The same statement imported at the same moment by another request: it is that one.
      if (!estViolationUnicite(err, 'releves_bancaires')) throw err
      const gagnant = await req.payload.find({ collection: 'releves-bancaires', where: { cle: { equals: lu.cle } }, limit: 1, depth: 0, overrideAccess: true })
      return { ...resume, releve: gagnant.docs[0]?.id ?? null, dejaImporte: true, nouvelles: 0, dejaConnues: lu.operations.length }
    }
  }
  resume.releve = releve.id

  const factures = await facturesARapprocher(req)
  const resultats = rapprocherOperations(nouvelles, factures)
  for (const [i, op] of nouvelles.entries()) {
    const r = resultats[i]!
    let statut: StatutOperation = r.decision
    let paiements: Payment[] = []
    if (r.decision === 'automatique') {
      // `factures` holds the balances as the pure function saw them before this credit (settled ones zeroed below).
      const candidat = r.candidats[0]!
      try {
        paiements = await enregistrerPaiements(req, candidat, factures, op)
      } catch (err) {
        // A reference already used for other data: shown to the team instead of recorded.
        if (!(err instanceof ErreurMetier)) throw err
        statut = 'a_confirmer'
      }
      if (statut === 'automatique') for (const f of factures) if (candidat.factures.includes(f.id)) f.solde = 0
    }
    try {
      await req.payload.create({
        collection: 'operations-bancaires',
        data: {
          releve: releve.id,
          idTransaction: op.idTransaction,
          date: op.date,
          montant: op.montant,
          sens: op.sens,
          libelle: op.libelle,
          nomContrepartie: op.nomContrepartie,
          reference: op.reference,
          statut,
          candidats: r.candidats as unknown as OperationsBancaire['candidats'],
          ...(statut === 'automatique' ? { candidatRetenu: 0, situation: r.candidats[0]!.situation, paiements: paiements.map((p) => p.id) } : {}),
        },
        req,
        overrideAccess: true,
        depth: 0,
      })
    } catch (err) {
      // Imported meanwhile by another request (the bank id is unique): nothing to add.
      if (estViolationUnicite(err, 'operations_bancaires')) {
        resume.nouvelles--
        resume.dejaConnues++
        continue
      }
      throw err
    }
    resume.paiements += paiements.length
    if (statut === 'automatique') resume.automatiques++
    else if (statut === 'a_confirmer') resume.aConfirmer++
    else if (statut === 'sans_correspondance') resume.sansCorrespondance++
    else resume.debits++
  }
  return resume
}

async function lireOperation(req: PayloadRequest, id: unknown): Promise<OperationsBancaire> {
  const n = typeof id === 'string' && /^\d{1,15}$/.test(id) ? Number(id) : typeof id === 'number' ? id : NaN
  if (!Number.isSafeInteger(n) || n <= 0) throw new ErreurMetier('Identifiant d’opération invalide.', 400)
  const op = await req.payload.findByID({ collection: 'operations-bancaires', id: n, depth: 0, req, overrideAccess: true, disableErrors: true })
  if (!op) throw new ErreurMetier('Opération bancaire introuvable.', 404)
  return op
}

const candidatsDe = (op: OperationsBancaire): Candidat[] => (Array.isArray(op.candidats) ? (op.candidats as unknown as Candidat[]) : [])

/**
 * Confirms one candidate of a credit: records its payments (idempotent: a double click or two
 * admins at once record them once), then marks the operation confirmed (audited).
 */
export async function confirmerCandidat(req: PayloadRequest, id: unknown, indexCandidat: unknown): Promise<OperationsBancaire> {
  exigerAdmin(req)
  const op = await lireOperation(req, id)
  if (typeof indexCandidat !== 'number' || !Number.isInteger(indexCandidat) || indexCandidat < 0) {
    throw new ErreurMetier('Le champ « candidat » doit être le numéro (0, 1, …) du candidat à confirmer.', 400)
  }
  const candidats = candidatsDe(op)
  const candidat = candidats[indexCandidat]
  if (!candidat) throw new ErreurMetier(`Cette opération n’a pas de candidat n° ${indexCandidat}.`, 400)
  if (op.statut === 'confirmee' && op.candidatRetenu === indexCandidat) return op
  if (op.statut !== 'a_confirmer') throw new ErreurMetier(`Cette opération n’est plus à confirmer (${op.statut === 'confirmee' ? 'un autre candidat a été confirmé' : op.statut === 'rejetee' ? 'elle a été rejetée' : 'elle est déjà rapprochée'}).`, 409)
  // The balances of now: the amounts recorded are those still due on these invoices.
  const factures = (await facturesARapprocher(req)).filter((f) => candidat.factures.includes(f.id))
  if (factures.length !== candidat.factures.length) throw new ErreurMetier('Une facture de ce candidat n’est plus émise (annulée par un avoir ?) : rejetez l’opération et enregistrez le paiement à la main.', 409)
  const paiements = await enregistrerPaiements(req, candidat, candidat.factures.map((fid) => factures.find((f) => f.id === fid)!), { montant: op.montant, idTransaction: op.idTransaction, date: String(op.date).slice(0, 10) })
  const relu = await lireOperation(req, op.id)
  if (relu.statut === 'confirmee') return relu
  return req.payload.update({
    collection: 'operations-bancaires',
    id: op.id,
    data: { statut: 'confirmee', candidatRetenu: indexCandidat, situation: candidat.situation, paiements: paiements.map((p) => p.id), decidePar: req.user?.id as number, decideLe: new Date().toISOString() },
    req,
    overrideAccess: true,
    depth: 0,
  })
}

/** Rejects a credit's candidates: nothing is recorded, the operation stays unmatched (audited). */
export async function rejeterOperation(req: PayloadRequest, id: unknown): Promise<OperationsBancaire> {
  exigerAdmin(req)
  const op = await lireOperation(req, id)
  if (op.statut === 'rejetee') return op
  if (op.statut !== 'a_confirmer' && op.statut !== 'sans_correspondance') {
    throw new ErreurMetier(op.statut === 'debit' ? 'Un débit n’est pas rapproché : rien à rejeter.' : 'Le paiement de cette opération est déjà enregistré : supprimez-le dans « Paiements » s’il est faux.', 409)
  }
  return req.payload.update({
    collection: 'operations-bancaires',
    id: op.id,
    data: { statut: 'rejetee', decidePar: req.user?.id as number, decideLe: new Date().toISOString() },
    req,
    overrideAccess: true,
    depth: 0,
  })
}

/** The credits waiting for the team, most recent first, for the « Rapprochement bancaire » view. */
export async function operationsAConfirmer(req: PayloadRequest, limite = 200): Promise<{ operations: OperationsBancaire[]; total: number }> {
  exigerAdmin(req)
  const r = await req.payload.find({ collection: 'operations-bancaires', where: { statut: { equals: 'a_confirmer' } }, sort: '-date', limit: limite, depth: 0, req, overrideAccess: true })
  return { operations: r.docs, total: r.totalDocs }
}

export async function derniersReleves(req: PayloadRequest, limite = 10): Promise<RelevesBancaire[]> {
  exigerAdmin(req)
  return (await req.payload.find({ collection: 'releves-bancaires', sort: '-createdAt', limit: limite, depth: 0, req, overrideAccess: true })).docs
}
