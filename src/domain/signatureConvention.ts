/**
 * Simple electronic signature of the convention (eIDAS art. 25; issue 17, item 5): who must sign,
 * the one-time code sent by e-mail, and the employee's 10 days for a bilan (R6313-8).
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { ajouterJours, jourDeDateStockee, jourParis } from './echeances'

export type RoleSignataireConvention = 'entreprise' | 'organisme' | 'salarie'

/** A bilan's convention is tripartite (employer, employee, provider: R6313-8). */
export function signatairesRequis(typeFormation: 'formation' | 'bilan' | null | undefined): RoleSignataireConvention[] {
  return typeFormation === 'bilan' ? ['entreprise', 'salarie', 'organisme'] : ['entreprise', 'organisme']
}

export const VALIDITE_CODE_MS = 10 * 60_000
export const ESSAIS_MAX_CODE = 5

/** Codes are stored hashed (with the link's id as salt): a database read does not reveal them. */
export const empreinteCode = (code: string, sel: string): string => createHash('sha256').update(`${sel}:${code}`).digest('hex')

export type VerdictCode = 'ok' | 'faux' | 'expire' | 'verrouille' | 'absent'

/**
 * `essaisFaits` counts the wrong codes already entered for this link; the 5th wrong one locks it
 * (a new code must be asked for, which the rate limit bounds).
 */
export function verifierCode(
  etat: { empreinte: string | null; emisLe: string | null; essaisFaits: number },
  saisi: unknown,
  sel: string,
  maintenant: Date,
): VerdictCode {
  if (etat.essaisFaits >= ESSAIS_MAX_CODE) return 'verrouille'
  if (!etat.empreinte || !etat.emisLe) return 'absent'
  if (maintenant.getTime() - Date.parse(etat.emisLe) > VALIDITE_CODE_MS) return 'expire'
  if (typeof saisi !== 'string' || !/^\d{6}$/.test(saisi)) return 'faux'
  const a = Buffer.from(empreinteCode(saisi, sel), 'hex')
  const b = Buffer.from(etat.empreinte, 'hex')
  return a.length === b.length && timingSafeEqual(a, b) ? 'ok' : 'faux'
}

export const MESSAGES_CODE: Record<Exclude<VerdictCode, 'ok'>, string> = {
  faux: 'Code incorrect.',
  expire: 'Ce code a expiré (10 minutes) : demandez-en un nouveau.',
  verrouille: 'Trop de codes incorrects : ce code est bloqué, demandez-en un nouveau.',
  absent: 'Demandez d’abord un code : il vous sera envoyé par e-mail.',
}

export const JOURS_AVANT_RELANCE_SALARIE = 3
export const JOURS_POUR_SIGNER_BILAN = 10

/**
 * The employee's signature of a bilan convention is their own decision: no reminder before the
 * 3rd day after sending, and the request lapses once 10 days have passed without it (silence is
 * a refusal). Days are Paris calendar days counted from the day it was sent.
 */
export function etatDemandeSalarie(envoyeLe: string, signeLe: string | null, maintenant: Date): { relancePermise: boolean; caduque: boolean; dernierJour: string } {
  const envoi = jourDeDateStockee(envoyeLe) ?? jourParis(maintenant)
  const dernierJour = ajouterJours(envoi, JOURS_POUR_SIGNER_BILAN)
  const aujourdhui = jourParis(maintenant)
  if (signeLe) return { relancePermise: false, caduque: false, dernierJour }
  return {
    relancePermise: aujourdhui >= ajouterJours(envoi, JOURS_AVANT_RELANCE_SALARIE) && aujourdhui <= dernierJour,
    caduque: aujourdhui > dernierJour,
    dernierJour,
  }
}
