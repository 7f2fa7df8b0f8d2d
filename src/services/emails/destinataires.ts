import type { Payload, PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import { env } from '@/src/config/env'
import { montantDemande, type DossierWorkflow } from '@/src/domain/workflow'
import type { Dossier, User } from '@/src/payload-types'
import type { Personne } from '@/src/domain/notifications'
import type { DossierEmail, Liens } from '@/templates/email'

/**
 * Reads what the e-mail templates and the recipient rules (src/domain/notifications) need, with
 * the caller's transaction when there is one (`req`); the reminders job reads without.
 */

/** Where the e-mails' links point: the portal and the admin panel of this instance. */
export const liens = (): Liens => {
  const base = env().serverUrl
  return { portail: `${base}/`, admin: `${base}/admin` }
}

const opts = (req?: PayloadRequest) => ({ depth: 0, overrideAccess: true, ...(req ? { req } : {}) }) as const

export async function lireDossier(payload: Payload, req: PayloadRequest | undefined, id: number | string): Promise<Dossier | null> {
  return payload.findByID({ collection: 'dossiers', id, ...opts(req) }).catch(() => null)
}

/** A recipient with what the messages' wording needs (who wrote, how to greet). */
export interface PersonneNommee extends Personne {
  role: User['role'] | ''
  prenom: string | null
  nom: string | null
}

const personne = (u: User): Personne => ({ email: u.email, userId: u.id, recevoirRelances: u.recevoirRelances !== false })

export async function personneDe(payload: Payload, req: PayloadRequest | undefined, userId: unknown): Promise<PersonneNommee | null> {
  const id = idOf(userId)
  if (id === null) return null
  const u = await payload.findByID({ collection: 'users', id, ...opts(req) }).catch(() => null)
  if (!u || typeof u.email !== 'string') return null
  return { ...personne(u), role: u.role ?? '', prenom: u.prenom ?? null, nom: u.nom ?? null }
}

export async function admins(payload: Payload, req?: PayloadRequest): Promise<Personne[]> {
  const res = await payload.find({ collection: 'users', where: { role: { equals: 'admin' } }, pagination: false, sort: 'id', ...opts(req) })
  return res.docs.map(personne)
}

export async function utilisateursOpco(payload: Payload, opcoId: unknown, req?: PayloadRequest): Promise<Personne[]> {
  const id = idOf(opcoId)
  if (id === null) return []
  const res = await payload.find({ collection: 'users', where: { and: [{ role: { equals: 'opco' } }, { opco: { equals: id } }] }, pagination: false, sort: 'id', ...opts(req) })
  // Integration accounts (API key) are machines, not readers.
  return res.docs.filter((u) => !u.enableAPIKey).map(personne)
}

export async function opcoDe(payload: Payload, req: PayloadRequest | undefined, opcoId: unknown): Promise<{ nom: string | null; contactEmail: string | null }> {
  const id = idOf(opcoId)
  if (id === null) return { nom: null, contactEmail: null }
  const o = await payload.findByID({ collection: 'opcos', id, ...opts(req) }).catch(() => null)
  return { nom: o?.nom ?? null, contactEmail: typeof o?.contactEmail === 'string' && o.contactEmail !== '' ? o.contactEmail : null }
}

export async function dossierEmail(payload: Payload, req: PayloadRequest | undefined, d: Dossier, opcoNom?: string | null): Promise<DossierEmail> {
  const b = d.beneficiaire ?? {}
  const f = d.formation ?? {}
  const companyId = idOf(d.company)
  const company = companyId === null ? null : await payload.findByID({ collection: 'companies', id: companyId, ...opts(req) }).catch(() => null)
  return {
    id: d.id,
    reference: String(d.reference ?? d.id),
    typeFormation: String(d.typeFormation ?? 'formation'),
    titreFormation: f.titre ?? '',
    beneficiaire: [b.prenom, b.nom].filter(Boolean).join(' '),
    entreprise: company?.raisonSociale ?? null,
    opco: opcoNom !== undefined ? opcoNom : (await opcoDe(payload, req, d.opco)).nom,
    dateDebut: f.dateDebut ?? null,
    montantDemande: montantDemande(d as unknown as DossierWorkflow),
  }
}
