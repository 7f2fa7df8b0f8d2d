import { APIError, commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import { lireDossierAccessible } from '@/src/access/dossier'
import { idOf, roleOf } from '@/src/access/roles'
import { evaluerTransition, lireCertification, type Acteur, type ChampsTransition, type DossierWorkflow } from '@/src/domain/workflow'
import { requeteSql, sql, type SQL } from '@/src/db/sql'
import { publierEvenement } from '@/src/jobs/evenements'
import { adresseIp } from '@/src/security/ip'
import { montantAttenduOpco, totalRecuOpco, type FactureRapprochee, type PaiementRapproche } from '@/src/domain/paiements'
import { typesDocumentsGeneres } from '@/collections/documents/index'
import { affectationRapport, calculerRapportConformite, enregistrerRapport } from '@/src/services/conformite'
import { constatsBloquants } from '@/src/domain/conformity'

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
}

export interface ResultatHttp {
  status: number
  body: Record<string, unknown>
}

const refus = (status: number, message: string, extra: Record<string, unknown> = {}): ResultatHttp => ({
  status,
  body: { errors: [{ message, ...extra }] },
})

async function montantPaye(req: PayloadRequest, dossier: number | string): Promise<number> {
  const res = await req.payload.find({ collection: 'payments', where: { dossier: { equals: dossier }, statut: { equals: 'recu' } }, pagination: false, depth: 0, req, overrideAccess: true })
  // Same rule as the dossier's paymentStatus: the OPCO's payments cover the validated amount.
  return totalRecuOpco(res.docs as PaiementRapproche[])
}

/**
 * The one way a dossier changes status, for HTTP and GraphQL callers: checks the request,
 * reads the dossier with the caller's access (404 when not visible), then `transitionner`.
 */
export async function appliquerTransition(req: PayloadRequest, id: string | number, action: unknown, parametres: unknown): Promise<ResultatHttp> {
  const role = roleOf(req.user)
  if (!req.user || role === null) return refus(401, 'Authentification requise.')
  if (typeof action !== 'string') return refus(400, 'Le champ « action » est obligatoire.')
  if (parametres !== undefined && parametres !== null && (typeof parametres !== 'object' || Array.isArray(parametres))) {
    return refus(400, 'Les paramètres doivent être un objet.')
  }
  const acteur: Acteur = { role, id: req.user.id, opco: idOf((req.user as { opco?: unknown }).opco) }
  return transitionner(req, acteur, id, action, (parametres ?? {}) as Record<string, unknown>)
}

/**
 * Same service for server code: an action fired by the system itself (`paiement-complet` when
 * the payments cover the validated amount), with the 'systeme' actor, on any dossier.
 */
export async function appliquerTransitionSysteme(req: PayloadRequest, id: string | number, action: string, parametres: Record<string, unknown> = {}): Promise<ResultatHttp> {
  return transitionner(req, { role: 'systeme', id: 'systeme' }, id, action, parametres)
}

/**
 * Evaluate with the pure state machine, then a compare-and-set UPDATE (… WHERE id = ? AND
 * status = <the status evaluated>) so that of two racing transitions exactly one wins and the
 * other gets a 409; the audit entry and the event job are written in the same transaction on
 * PostgreSQL (the caller's, when it already has one). A human actor reads the dossier with
 * their own access; the system reads it with full access.
 */
async function transitionner(req: PayloadRequest, acteur: Acteur, id: string | number, action: string, parametres: Record<string, unknown>): Promise<ResultatHttp> {
  const systeme = acteur.role === 'systeme'
  const dossier = await lireDossierAccessible(req, id, { systeme })
  if (!dossier) return refus(404, "Dossier introuvable ou vous n'y avez pas accès.")

  const snapshot = {
    ...dossier,
    montantPaye: await montantPaye(req, dossier.id),
    montantAttenduOpco: montantAttenduOpco(
      dossier.montantValide as number | null,
      (await req.payload.find({ collection: 'invoices', where: { dossier: { equals: dossier.id } }, pagination: false, depth: 0, req, overrideAccess: true })).docs as FactureRapprochee[],
    ),
    // The convention and the demande de prise en charge must exist before `send`.
    exigerDocumentsGeneres: true,
    documentsGeneres: await typesDocumentsGeneres(req, dossier.id),
  } as unknown as DossierWorkflow
  // Conformity checks on submit and validate (DESIGN.md): the snapshot carries the report, and the
  // pure state machine refuses `validate` on a blocking finding.
  const rapport = action === 'submit' || action === 'validate' ? await calculerRapportConformite(req, dossier) : null
  if (rapport) snapshot.conformite = rapport
  const evalue = evaluerTransition(snapshot, acteur, action, parametres, new Date())
  // The beneficiary's « je certifie » (src/domain/workflow/certification.ts), checked once the
  // status and the actor are known good: a refused 409/403 keeps its code and message.
  const certification = lireCertification(acteur, action, parametres, new Date())
  const resultat: typeof evalue =
    certification.ok || (!evalue.ok && evalue.code !== 422)
      ? evalue
      : evalue.ok
        ? { ok: false, code: 422, message: certification.message, manquants: ['certification'] }
        : { ...evalue, message: `${evalue.message} ${certification.message}`, manquants: [...(evalue.manquants ?? []), 'certification'] }
  if (!resultat.ok) {
    const bloquants = rapport && resultat.code === 422 ? constatsBloquants(rapport) : []
    // A validation stopped by the checks keeps its report on the dossier: the admin sees why.
    if (bloquants.length > 0 && rapport) await enregistrerRapport(req, dossier.id, rapport)
    return refus(resultat.code, resultat.message, {
      ...(resultat.manquants ? { manquants: resultat.manquants } : {}),
      ...(resultat.actionsPossibles ? { actionsPossibles: resultat.actionsPossibles } : {}),
      ...(bloquants.length > 0 ? { constats: bloquants } : {}),
    })
  }

  const maintenant = new Date().toISOString()
  const affectations: SQL[] = [sql`status = ${resultat.statutCible}`, sql`updated_at = ${maintenant}`]
  // The report is stored with the transition itself (same UPDATE, so never one without the other).
  if (rapport) affectations.push(affectationRapport(rapport))
  for (const [champ, valeur] of Object.entries(resultat.champs) as [keyof ChampsTransition, unknown][]) {
    affectations.push(sql`${sql.raw(COLONNES[champ])} = ${valeur as string | number}`)
  }
  const transactionOuverte = await initTransaction(req)
  try {
    const gagne = await requeteSql<{ id: unknown }>(
      req.payload,
      req,
      sql`UPDATE dossiers SET ${sql.join(affectations, sql`, `)} WHERE id = ${dossier.id} AND status = ${resultat.statutPrecedent} RETURNING id`,
    )
    if (gagne.length !== 1) {
      if (transactionOuverte) await killTransaction(req)
      const actuel = await req.payload.findByID({ collection: 'dossiers', id: dossier.id, depth: 0, overrideAccess: true })
      return refus(409, `Le dossier a changé de statut pendant l'opération (il est maintenant « ${actuel.status} ») : action « ${action} » non appliquée.`)
    }
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
          ...Object.fromEntries(Object.entries(resultat.champs).map(([k, v]) => [k, { avant: (dossier as Record<string, unknown>)[k] ?? null, apres: v }])),
          ...(certification.ok && certification.certification ? { certification: certification.certification } : {}),
        },
      },
    })
    await publierEvenement(req, resultat.evenement)
    if (transactionOuverte) await commitTransaction(req)
  } catch (err) {
    if (transactionOuverte) await killTransaction(req)
    throw err
  }
  const doc = await req.payload
    .findByID({ collection: 'dossiers', id: dossier.id, depth: 0, req, ...(systeme ? { overrideAccess: true } : { user: req.user, overrideAccess: false }) })
    .catch(() => null)
  return { status: 200, body: { message: `Action « ${action} » effectuée : le dossier est maintenant « ${resultat.statutCible} ».`, doc, evenement: resultat.evenement.type } }
}

export const lireCorpsTransition = (body: unknown): { action: unknown; parametres: unknown } => {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new APIError('Corps invalide : un objet JSON est attendu.', 400, undefined, true)
  const { action, ...parametres } = body as Record<string, unknown>
  return { action, parametres }
}
