/**
 * Who gets which e-mail for a workflow event (docs/architecture.md, "Dossier workflow" table). Pure: the
 * notifications plugin reads the people, this decides, the tests assert it person by person.
 *
 * « Côté bénéficiaire » = the account that filed the dossier (owner, who follows it in the
 * portal) and the beneficiary's own address on the dossier when it is another one (an HR
 * contact often files for an employee: the employee hears about their own training too).
 */
import type { EvenementDossier, Identifiant } from '@/src/domain/workflow'

export interface Personne {
  email: string
  userId?: Identifiant | null
  /** Opt-out of non-essential reminders (users' « Recevoir les rappels »). */
  recevoirRelances?: boolean | null
}

export interface ContexteNotification {
  proprietaire: Personne | null
  emailBeneficiaire: string | null
  admins: readonly Personne[]
  /** The OPCO's contact address (opcos.contactEmail), null when the OPCO has none. */
  contactOpco: string | null
}

export const MODELES_WORKFLOW = [
  'accuse_reception',
  'nouveau_dossier_equipe',
  'dossier_valide',
  'dossier_opco',
  'envoi_opco_sans_contact',
  'dossier_envoye',
  'reponse_opco',
  'reponse_opco_equipe',
  'pieces_transmises_equipe',
  'dossier_annule',
] as const
export type ModeleWorkflow = (typeof MODELES_WORKFLOW)[number]

export interface NotificationPrevue {
  modele: ModeleWorkflow
  destinataire: string
}

const normaliser = (email: string): string => email.trim().toLowerCase()
const adresseValide = (email: string | null | undefined): email is string => typeof email === 'string' && /^[^\s@]+@[^\s@]+$/.test(email.trim())

/** Distinct valid addresses, case-insensitively, in order. */
export function dedoublonner(adresses: readonly (string | null | undefined)[]): string[] {
  const vus = new Set<string>()
  const sortie: string[] = []
  for (const a of adresses) {
    if (!adresseValide(a)) continue
    const n = normaliser(a)
    if (vus.has(n)) continue
    vus.add(n)
    sortie.push(n)
  }
  return sortie
}

export const coteBeneficiaire = (c: ContexteNotification): string[] => dedoublonner([c.proprietaire?.email, c.emailBeneficiaire])
export const equipe = (c: ContexteNotification): string[] => dedoublonner(c.admins.map((a) => a.email))

export function prevoirNotifications(e: EvenementDossier, c: ContexteNotification): NotificationPrevue[] {
  const pour = (modele: ModeleWorkflow, adresses: readonly string[]): NotificationPrevue[] => adresses.map((destinataire) => ({ modele, destinataire }))
  switch (e.type) {
    case 'dossier.submit':
      return [...pour('accuse_reception', coteBeneficiaire(c)), ...pour('nouveau_dossier_equipe', equipe(c))]
    case 'dossier.validate':
      return pour('dossier_valide', coteBeneficiaire(c))
    case 'dossier.send':
      return [
        ...(adresseValide(c.contactOpco) ? pour('dossier_opco', [normaliser(c.contactOpco)]) : pour('envoi_opco_sans_contact', equipe(c))),
        ...pour('dossier_envoye', coteBeneficiaire(c)),
      ]
    case 'dossier.answer':
      return [...pour('reponse_opco', coteBeneficiaire(c)), ...pour('reponse_opco_equipe', equipe(c))]
    case 'dossier.complete-documents':
      return pour('pieces_transmises_equipe', equipe(c))
    case 'dossier.cancel':
      // The beneficiary who cancels their own draft knows it already.
      return e.acteur.role === 'admin' ? pour('dossier_annule', coteBeneficiaire(c)) : []
    default:
      // review, start, complete, invoice, paiement-complet, close: nothing to tell by e-mail.
      return []
  }
}

/** One outbox row per (event, template, recipient): replaying the event never adds a second one. */
export const cleNotification = (e: Pick<EvenementDossier, 'dossier' | 'type' | 'date'>, modele: string, destinataire: string): string =>
  `${String(e.dossier)}:${e.type}@${e.date}:${modele}:${normaliser(destinataire)}`
