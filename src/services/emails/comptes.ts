import type { PayloadRequest } from 'payload'
import type { PrevenirVerrouillage } from '@/src/services/authentification'
import type { User } from '@/src/payload-types'
import * as T from '@/templates/email'
import { ajouterEmails } from './boiteEnvoi'
import { admins, liens } from './destinataires'

/** The e-mails about accounts: welcome, password reset, lock, erasure request. */

/** Welcome e-mail on account creation (registration, or an account created by an admin). */
export async function envoyerBienvenue(req: PayloadRequest, compte: Pick<User, 'id' | 'email' | 'prenom' | 'role'>): Promise<void> {
  const l = liens()
  const espace = compte.role === 'user' ? { libelle: 'Accéder à mon espace', url: l.portail } : { libelle: 'Ouvrir MonOPCO', url: l.admin }
  await ajouterEmails(req.payload, req, [{ to: compte.email, cle: `bienvenue:${String(compte.id)}`, rendu: T.rendre(T.bienvenue(typeof compte.prenom === 'string' ? compte.prenom : null, espace)) }])
}

/**
 * Password reset, rendered with our layout; Payload hands the HTML to its `email` adapter, which
 * is the outbox. Beneficiaries reset on the portal (`/reinitialiser/<jeton>`), the team and OPCO
 * users on the admin's page.
 */
export function htmlReinitialisation(token: string, validiteMinutes: number, role?: unknown): string {
  const l = liens()
  const lien = role === 'user' ? `${l.portail}reinitialiser/${encodeURIComponent(token)}` : `${l.admin}/reset/${encodeURIComponent(token)}`
  return T.rendre(T.motDePasse(lien, validiteMinutes)).html
}

export const SUJET_REINITIALISATION = 'Réinitialisation de votre mot de passe MonOPCO'

/** Through the outbox, keyed by the lock's end: a replay never mails twice, a new lock does. */
export const prevenirVerrouillage: PrevenirVerrouillage = async (req, compte, lockUntil) => {
  const minutes = Math.round((req.payload.collections.users!.config.auth.lockTime ?? 0) / 60000)
  const rendu = T.rendre(T.compteVerrouille(compte.prenom, minutes, `${liens().portail}mot-de-passe-oublie`))
  await ajouterEmails(req.payload, req, [{ to: compte.email, cle: `compte-verrouille:${String(compte.id)}:${lockUntil}`, rendu }])
}

/** Every admin learns of an erasure request (once per request: the key carries its date). */
export async function annoncerDemandeSuppression(req: PayloadRequest, compte: Pick<User, 'id' | 'email' | 'prenom' | 'nom'>, demandeeLe: string, dateAffichee: string): Promise<void> {
  const personne = { email: compte.email, prenom: compte.prenom ?? null, nom: compte.nom ?? null }
  const lien = `${liens().admin}/collections/users/${encodeURIComponent(String(compte.id))}`
  const rendu = T.rendre(T.demandeSuppressionEquipe(personne, lien, dateAffichee))
  await ajouterEmails(
    req.payload,
    req,
    (await admins(req.payload, req)).map((a) => ({ to: a.email, cle: `suppression:${String(compte.id)}:${demandeeLe}:${a.email}`, rendu })),
  )
}
