import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import { lireDossierAccessible } from '@/src/access/dossier'
import { idOf, roleOf } from '@/src/access/roles'
import { ErreurMetier, type StatutRefus } from '@/src/domain/erreurs'
import {
  evaluerTransition,
  lireCertification,
  type Acteur,
  type ActionDossier,
  type ChampsTransition,
  type DossierWorkflow,
  type ParametresTransition,
  type TypeEvenementDossier,
} from '@/src/domain/workflow'
import type { StatutDossier } from '@/src/domain/statuts'
import { requeteSql, sql, type SQL } from '@/src/db/sql'
import { publierEvenement } from '@/src/jobs/evenements'
import { adresseIp } from '@/src/security/ip'
import { montantAttenduOpco, totalRecuOpco } from '@/src/domain/paiements'
import { affectationRapport, calculerRapportConformite, enregistrerRapport } from '@/src/services/conformite'
import { problemesFacturationElectronique } from '@/src/services/facturation'
import { constatsBloquants } from '@/src/domain/conformity'
import type { Constat } from '@/src/domain/conformity/types'
import type { Dossier } from '@/src/payload-types'
import { STATUT_PAIEMENT } from '@/src/domain/paiements'
import { heuresProuvees } from '@/src/services/seances'
import { conventionSignee } from '@/src/services/signatureConvention'

/**
 * The one way a dossier changes status (REST POST /api/dossiers/:id/transition, the GraphQL
 * mutation `transitionDossier`, and the system's own actions): loads the dossier, evaluates the
 * action with the pure state machine (src/domain/workflow), writes the status and the stamped
 * fields, logs the step and publishes its event. A refusal is thrown as an `ErreurTransition`.
 */

/** What a refused transition tells the caller besides its message (the fields are put next to it, in `errors[0]`). */
export interface ComplementsRefus {
  /** Fields or parameters at fault (`formation.dateDebut`, `parametres.motif`, `certification`…). */
  manquants?: string[]
  /** On a 409: the actions this actor may fire from the current status. */
  actionsPossibles?: ActionDossier[]
  /** The blocking conformity findings that stopped a `validate`. */
  constats?: Constat[]
}

/**
 * A refused transition: 400 (request), 401, 403, 404, 409 (status) or 422 (preconditions).
 * Its complements are answered next to the message, as `errors[0].manquants` etc.
 */
export class ErreurTransition extends ErreurMetier {
  constructor(
    message: string,
    status: StatutRefus,
    readonly complements: ComplementsRefus = {},
  ) {
    super(message, status)
    this.name = 'ErreurTransition'
  }
}

export interface TransitionEffectuee {
  message: string
  /** The dossier after the step, as the caller may read it (`null` if they no longer can). */
  doc: Dossier | null
  evenement: TypeEvenementDossier
  statut: StatutDossier
}

/** Dossier columns written by transitions (SQL names of the fields they stamp). */
const COLONNES: Record<keyof ChampsTransition, string> = {
  soumissionDate: 'soumission_date',
  validationAdminDate: 'validation_admin_date',
  validationAdminBy: 'validation_admin_by_id',
  envoiOpcoDate: 'envoi_opco_date',
  reponseOpcoDate: 'reponse_opco_date',
  motifRefus: 'motif_refus',
  numeroDossierOpco: 'numero_dossier_opco',
  montantValide: 'montant_valide',
  heuresRealisees: 'heures_realisees',
  motifHeures: 'motif_heures',
}

async function montantPaye(req: PayloadRequest, dossier: number): Promise<number> {
  const res = await req.payload.find({ collection: 'payments', where: { dossier: { equals: dossier }, statut: { equals: STATUT_PAIEMENT.recu } }, pagination: false, depth: 0, req, overrideAccess: true })
  // Same rule as the dossier's paymentStatus: the OPCO's payments cover the validated amount.
  return totalRecuOpco(res.docs)
}

/**
 * For a human caller: checks the request, reads the dossier with the caller's access (404 when
 * not visible), then `transitionner`.
 */
export async function transitionnerDossier(req: PayloadRequest, id: string | number, action: unknown, parametres: unknown): Promise<TransitionEffectuee> {
  const role = roleOf(req.user)
  if (!req.user || role === null) throw new ErreurTransition('Authentification requise.', 401)
  if (typeof action !== 'string') throw new ErreurTransition('Le champ « action » est obligatoire.', 400)
  if (parametres !== undefined && parametres !== null && (typeof parametres !== 'object' || Array.isArray(parametres))) {
    throw new ErreurTransition('Les paramètres doivent être un objet.', 400)
  }
  const acteur: Acteur = { role, id: req.user.id, opco: idOf(req.user.opco) }
  // An object, checked above: the state machine reads each parameter defensively.
  return transitionner(req, acteur, id, action, (parametres ?? {}) as ParametresTransition)
}

/**
 * Same service for server code: an action fired by the system itself (`paiement-complet` when
 * the payments cover the validated amount), with the 'systeme' actor, on any dossier. A refusal
 * (another request moved the dossier first: 409) is returned, not thrown: there is nothing left
 * for the system to do then.
 */
export async function appliquerTransitionSysteme(
  req: PayloadRequest,
  id: string | number,
  action: string,
  parametres: ParametresTransition = {},
): Promise<TransitionEffectuee | ErreurTransition> {
  try {
    return await transitionner(req, { role: 'systeme', id: 'systeme' }, id, action, parametres)
  } catch (err) {
    if (err instanceof ErreurTransition) return err
    throw err
  }
}

/** Conformity rules that stop `complete` (the hours claimed: the OPCO pays the service proved). */
const REGLES_BLOQUANT_REALISATION: readonly string[] = ['heures-emargement', 'heures-certificat']

/** Kinds of the generated documents present on the dossier (the `send` precondition reads them). */
async function typesDocumentsGeneres(req: PayloadRequest, dossier: number): Promise<string[]> {
  const r = await req.payload.find({
    collection: 'documents',
    where: { and: [{ dossier: { equals: dossier } }, { origin: { equals: 'generated' } }] },
    pagination: false,
    depth: 0,
    select: { documentType: true },
    overrideAccess: true,
    req,
  })
  return [...new Set(r.docs.map((d) => String(d.documentType)))]
}

/** A stored dossier as the pure state machine reads it. */
export const dossierWorkflow = (dossier: Dossier): DossierWorkflow => ({
  ...dossier,
  // A stored dossier always has one (NOT NULL, `brouillon` by default).
  status: dossier.status ?? 'brouillon',
  // The stored JSON is the report src/services/conformite.ts wrote (submit and validate compute a fresh one).
  conformite: dossier.conformite as DossierWorkflow['conformite'],
})

/** What the state machine reads of a dossier, with what the transition loads beside it. */
export async function etatPourLeWorkflow(req: PayloadRequest, dossier: Dossier): Promise<DossierWorkflow> {
  const factures = await req.payload.find({ collection: 'invoices', where: { dossier: { equals: dossier.id } }, pagination: false, depth: 0, req, overrideAccess: true })
  return {
    ...dossierWorkflow(dossier),
    montantPaye: await montantPaye(req, dossier.id),
    montantAttenduOpco: montantAttenduOpco(dossier.montantValide, factures.docs),
    // The convention and the demande de prise en charge must exist before `send`.
    exigerDocumentsGeneres: true,
    documentsGeneres: await typesDocumentsGeneres(req, dossier.id),
    // `complete` proposes the hours the signed sessions prove (none: the admin types them).
    heuresSeances: await heuresProuvees(req, dossier.id),
    // …and the latest convention signed by every party (src/services/signatureConvention.ts).
    conventionSignee: await conventionSignee(req, dossier.id),
  }
}

/**
 * Evaluate with the pure state machine, then a compare-and-set UPDATE (… WHERE id = ? AND
 * status = <the status evaluated>) so that of two racing transitions exactly one wins and the
 * other gets a 409; the audit entry and the event job are written in the same transaction on
 * PostgreSQL (the caller's, when it already has one). A human actor reads the dossier with
 * their own access; the system reads it with full access.
 */
async function transitionner(req: PayloadRequest, acteur: Acteur, id: string | number, action: string, parametres: ParametresTransition): Promise<TransitionEffectuee> {
  const systeme = acteur.role === 'systeme'
  const dossier = await lireDossierAccessible(req, id, { systeme })
  if (!dossier) throw new ErreurTransition("Dossier introuvable ou vous n'y avez pas accès.", 404)

  const snapshot = await etatPourLeWorkflow(req, dossier)
  // Conformity checks on submit and validate (DESIGN.md): the snapshot carries the report, and the
  // pure state machine refuses `validate` on a blocking finding.
  const rapport = action === 'submit' || action === 'validate' ? await calculerRapportConformite(req, dossier) : null
  if (rapport) snapshot.conformite = rapport
  const evalue = evaluerTransition(snapshot, acteur, action, parametres, new Date())
  // The beneficiary's « je certifie » (src/domain/workflow/certification.ts), checked once the
  // status and the actor are known good: a refused 409/403 keeps its code and message.
  const certification = lireCertification(acteur, action, parametres, new Date())
  const certifie: typeof evalue =
    certification.ok || (!evalue.ok && evalue.code !== 422)
      ? evalue
      : evalue.ok
        ? { ok: false, code: 422, message: certification.message, manquants: ['certification'] }
        : { ...evalue, message: `${evalue.message} ${certification.message}`, manquants: [...(evalue.manquants ?? []), 'certification'] }
  // `invoice`: the invoices it will issue must be valid e-invoices, checked now rather than in
  // the job that issues them after the dossier has moved (src/services/facturation.ts).
  const problemesFacture = certifie.ok && action === 'invoice' ? await problemesFacturationElectronique(req, dossier) : []
  // `complete`: the conformity engine reads the hours claimed against the signed sessions (rule
  // « heures-emargement ») on the dossier as the step would leave it; its report is stored with it.
  const rapportRealisation =
    certifie.ok && action === 'complete'
      ? await calculerRapportConformite(req, { ...dossier, ...(certifie.champs as Partial<Dossier>), status: certifie.statutCible })
      : null
  const bloquantsRealisation = (rapportRealisation?.constats ?? []).filter((c) => c.severite === 'bloquant' && REGLES_BLOQUANT_REALISATION.includes(c.regle))
  const resultat: typeof evalue =
    bloquantsRealisation.length > 0
      ? {
          ok: false,
          code: 422,
          message: `Impossible de « Déclarer la formation réalisée » : ${bloquantsRealisation.map((c) => c.message).join(' ; ')}`,
          manquants: [...new Set(bloquantsRealisation.flatMap((c) => c.champs))],
        }
      : problemesFacture.length === 0
        ? certifie
        : {
            ok: false,
            code: 422,
            message: `Impossible de « Facturer » : ${problemesFacture.map((p) => p.message).join(' ; ')}.`,
            manquants: problemesFacture.map((p) => p.champ),
          }
  if (!resultat.ok) {
    const bloquants = bloquantsRealisation.length > 0 ? bloquantsRealisation : rapport && resultat.code === 422 ? constatsBloquants(rapport) : []
    // A validation stopped by the checks keeps its report on the dossier: the admin sees why.
    if (bloquants.length > 0 && rapport) await enregistrerRapport(req, dossier.id, rapport)
    throw new ErreurTransition(resultat.message, resultat.code, {
      ...(resultat.manquants ? { manquants: resultat.manquants } : {}),
      ...(resultat.actionsPossibles ? { actionsPossibles: resultat.actionsPossibles } : {}),
      ...(bloquants.length > 0 ? { constats: bloquants } : {}),
    })
  }

  const maintenant = new Date().toISOString()
  const champs = Object.keys(resultat.champs) as (keyof ChampsTransition)[]
  const affectations: SQL[] = [sql`status = ${resultat.statutCible}`, sql`updated_at = ${maintenant}`]
  // The report is stored with the transition itself (same UPDATE, so never one without the other).
  if (rapport ?? rapportRealisation) affectations.push(affectationRapport((rapport ?? rapportRealisation)!))
  for (const champ of champs) affectations.push(sql`${sql.raw(COLONNES[champ])} = ${resultat.champs[champ]!}`)
  const transactionOuverte = await initTransaction(req)
  let gagne: boolean
  try {
    const lignes = await requeteSql<{ id: unknown }>(
      req.payload,
      req,
      sql`UPDATE dossiers SET ${sql.join(affectations, sql`, `)} WHERE id = ${dossier.id} AND status = ${resultat.statutPrecedent} RETURNING id`,
    )
    gagne = lignes.length === 1
    if (gagne) {
      await req.payload.create({
        collection: 'logs',
        req,
        overrideAccess: true,
        data: {
          action: 'transition',
          collectionSlug: 'dossiers',
          documentId: String(dossier.id),
          actor: systeme || !req.user ? null : req.user.id,
          actorLabel: systeme ? 'systeme' : `users:${req.user?.id}`,
          ip: adresseIp(req.headers),
          changes: {
            action,
            status: { avant: resultat.statutPrecedent, apres: resultat.statutCible },
            ...Object.fromEntries(champs.map((k) => [k, { avant: dossier[k] ?? null, apres: resultat.champs[k] }])),
            ...(certification.ok && certification.certification ? { certification: certification.certification } : {}),
            // What the signed sessions proved when the hours were declared (the reason, if any, is `motifHeures`).
            ...(action === 'complete' && snapshot.heuresSeances ? { heuresEmargees: snapshot.heuresSeances } : {}),
          },
        },
      })
      await publierEvenement(req, resultat.evenement)
      if (transactionOuverte) await commitTransaction(req)
    } else if (transactionOuverte) await killTransaction(req)
  } catch (err) {
    if (transactionOuverte) await killTransaction(req)
    throw err
  }
  if (!gagne) {
    const actuel = await req.payload.findByID({ collection: 'dossiers', id: dossier.id, depth: 0, overrideAccess: true })
    throw new ErreurTransition(`Le dossier a changé de statut pendant l'opération (il est maintenant « ${actuel.status} ») : action « ${action} » non appliquée.`, 409)
  }
  const doc = await req.payload
    .findByID({ collection: 'dossiers', id: dossier.id, depth: 0, req, ...(systeme ? { overrideAccess: true } : { user: req.user, overrideAccess: false }) })
    .catch(() => null)
  return {
    message: `Action « ${action} » effectuée : le dossier est maintenant « ${resultat.statutCible} ».`,
    doc,
    evenement: resultat.evenement.type,
    statut: resultat.statutCible,
  }
}
