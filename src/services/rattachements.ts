import type { PayloadRequest } from 'payload'
import { estIdentifiantDossier } from '@/src/access/dossier'
import { idOf, roleOf } from '@/src/access/roles'
import { ErreurMetier, type StatutRefus } from '@/src/domain/erreurs'
import { cleEnAttente, peutDecider, type Decision } from '@/src/domain/rattachements'
import { normaliserSiret, validerSiret } from '@/src/domain/siret'
import type { Rattachement } from '@/src/payload-types'

/**
 * Attachment requests (collections/rattachements): the only way, besides creating it, for a person
 * to be attached to a company. E-mails follow from the rows themselves (the collection's
 * afterChange hook, src/services/emails/rattachements.ts), in the same request.
 */

export interface ResultatRattachement {
  status: 200 | 201
  message: string
  rattachement: Rattachement
}

const refus = (message: string, status: StatutRefus): never => {
  throw new ErreurMetier(message, status)
}

const systeme = (req: PayloadRequest) => ({ req, overrideAccess: true, depth: 0 }) as const

async function companyDuDemandeur(req: PayloadRequest): Promise<number | null> {
  const moi = await req.payload.findByID({ collection: 'users', id: req.user!.id, ...systeme(req) })
  return idOf(moi.company)
}

async function enAttente(req: PayloadRequest, demandeur: number, company: number): Promise<Rattachement | null> {
  const r = await req.payload.find({
    collection: 'rattachements',
    where: { and: [{ demandeur: { equals: demandeur } }, { company: { equals: company } }, { statut: { equals: 'en_attente' } }] },
    limit: 1,
    ...systeme(req),
  })
  return r.docs[0] ?? null
}

/** A signed-in beneficiary asks to join the company registered under `siretBrut`. */
export async function demanderRattachement(req: PayloadRequest, siretBrut: unknown): Promise<ResultatRattachement> {
  if (!req.user) refus('Connectez-vous pour demander un rattachement.', 401)
  if (roleOf(req.user) !== 'user') refus('Seul un compte bénéficiaire / entreprise peut demander à être rattaché à une entreprise.', 403)
  if (typeof siretBrut !== 'string' || siretBrut.trim() === '') refus('Le champ « siret » est obligatoire.', 400)
  const siret = normaliserSiret(siretBrut as string)
  const verdict = validerSiret(siret)
  if (verdict !== true) refus(verdict, 400)
  const trouvees = await req.payload.find({ collection: 'companies', where: { siret: { equals: siret } }, limit: 1, ...systeme(req) })
  const company = trouvees.docs[0]
  if (!company) refus(`Aucune entreprise n’est inscrite sur MonOPCO avec le SIRET ${siret} : créez-la depuis l’assistant de nouveau dossier.`, 404)
  const actuelle = await companyDuDemandeur(req)
  if (actuelle !== null) {
    refus(
      String(actuelle) === String(company!.id)
        ? 'Vous êtes déjà rattaché à cette entreprise.'
        : 'Votre compte est déjà rattaché à une autre entreprise : écrivez à l’équipe MonOPCO pour en changer.',
      409,
    )
  }
  const deja = await enAttente(req, req.user!.id, company!.id)
  if (deja) return { status: 200, message: 'Votre demande de rattachement est déjà en attente de validation.', rattachement: deja }
  try {
    const cree = await req.payload.create({
      collection: 'rattachements',
      data: {
        demandeur: req.user!.id,
        company: company!.id,
        siret,
        statut: 'en_attente',
        demandeLe: new Date().toISOString(),
        cleEnAttente: cleEnAttente(req.user!.id, company!.id),
      },
      ...systeme(req),
    })
    return {
      status: 201,
      message: 'Demande de rattachement enregistrée : une personne déjà rattachée à l’entreprise ou l’équipe MonOPCO va l’examiner. Vous serez prévenu par e-mail.',
      rattachement: cree,
    }
  } catch (err) {
    // Two requests at the same instant: the unique pending key let one through, answer with it.
    const gagnante = req.transactionID ? null : await enAttente(req, req.user!.id, company!.id)
    if (gagnante) return { status: 200, message: 'Votre demande de rattachement est déjà en attente de validation.', rattachement: gagnante }
    throw err
  }
}

/**
 * Accept or refuse. Only admins and people attached to the company decide; anyone else gets the
 * same 404 as for a request that does not exist (nothing learnt about other companies).
 */
export async function deciderRattachement(req: PayloadRequest, idBrut: unknown, decision: Decision, motif?: string | null): Promise<ResultatRattachement> {
  if (!req.user) refus('Authentification requise.', 401)
  const introuvable = 'Demande de rattachement introuvable.'
  if (!estIdentifiantDossier(req, idBrut)) refus(introuvable, 404)
  const demande = await req.payload.findByID({ collection: 'rattachements', id: idBrut as number, disableErrors: true, ...systeme(req) })
  if (!demande) refus(introuvable, 404)
  const company = idOf(demande!.company)!
  const demandeur = idOf(demande!.demandeur)!
  const appelant = { role: roleOf(req.user), id: req.user!.id, company: roleOf(req.user) === 'user' ? await companyDuDemandeur(req) : null }
  if (!peutDecider(appelant, { company, demandeur })) refus(introuvable, 404)
  if (demande!.statut !== 'en_attente') refus(`Cette demande a déjà été ${demande!.statut === 'accepte' ? 'acceptée' : 'refusée'}.`, 409)
  if (decision === 'accepter') {
    const personne = await req.payload.findByID({ collection: 'users', id: demandeur, disableErrors: true, ...systeme(req) })
    if (!personne) refus('Le compte du demandeur n’existe plus.', 409)
    const sienne = idOf(personne!.company)
    if (sienne !== null && String(sienne) !== String(company)) refus('Le demandeur est entre-temps rattaché à une autre entreprise : refusez la demande.', 409)
    await req.payload.update({ collection: 'users', id: demandeur, data: { company }, ...systeme(req) })
  }
  const decidee = await req.payload.update({
    collection: 'rattachements',
    id: demande!.id,
    data: {
      statut: decision === 'accepter' ? 'accepte' : 'refuse',
      decideLe: new Date().toISOString(),
      decidePar: req.user!.id,
      motif: decision === 'refuser' && motif ? motif : null,
      cleEnAttente: null,
    },
    ...systeme(req),
  })
  return {
    status: 200,
    message: decision === 'accepter' ? 'Demande acceptée : la personne peut maintenant déposer des dossiers pour l’entreprise.' : 'Demande refusée : la personne en est informée par e-mail.',
    rattachement: decidee,
  }
}
