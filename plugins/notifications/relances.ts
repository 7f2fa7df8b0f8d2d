import type { Dossier } from '@/src/payload-types'
import { STATUTS_AVANT_ENVOI } from '@/src/domain/workflow/groupes'
import type { Payload, TaskConfig, Where } from 'payload'
import { idOf } from '@/src/access/roles'
import { env } from '@/src/config/env'
import { cleRelance, dedoublonner, relancesDues, STATUTS_RELANCES_PERIODIQUES, type DossierRelance, type Personne, type RelanceDue } from '@/src/domain/notifications'
import * as T from '@/templates/email'
import { ajouterEmails, type NouvelEmail } from '@/src/services/emails/boiteEnvoi'
import { admins, dossierEmail, liens, personneDe, utilisateursOpco } from '@/src/services/emails/destinataires'
import { STATUT_FACTURE, TYPE_PIECE } from '@/src/domain/facturation/statuts'
import { rappelsEcheances } from '@/src/services/echeances'

export const TACHE_RELANCES = 'relancesQuotidiennes'

const JOUR = 86_400_000

/** Who gets a reminder; users who opted out get only the essential ones. */
async function destinataires(payload: Payload, r: RelanceDue, d: Dossier, equipe: Personne[]): Promise<{ email: string; pourEquipe: boolean; pourOpco: boolean }[]> {
  const garder = (p: Personne | null) => p !== null && (r.essentielle || p.recevoirRelances !== false)
  const liste: { p: Personne | null; pourEquipe: boolean; pourOpco: boolean }[] = []
  const proprietaire = () => personneDe(payload, undefined, d.owner)
  switch (r.regle) {
    case 'pieces_demandees':
      liste.push({ p: await proprietaire(), pourEquipe: false, pourOpco: false })
      break
    case 'opco_sans_reponse':
      for (const p of equipe) liste.push({ p, pourEquipe: true, pourOpco: false })
      for (const p of await utilisateursOpco(payload, d.opco)) liste.push({ p, pourEquipe: false, pourOpco: true })
      break
    case 'debut_formation':
      for (const p of equipe) liste.push({ p, pourEquipe: true, pourOpco: false })
      liste.push({ p: await proprietaire(), pourEquipe: false, pourOpco: false })
      break
    case 'paiement_retard':
      for (const p of equipe) liste.push({ p, pourEquipe: true, pourOpco: false })
      break
  }
  const vus = new Set<string>()
  return liste
    .filter((x) => garder(x.p))
    .map((x) => ({ email: dedoublonner([x.p!.email])[0]!, pourEquipe: x.pourEquipe, pourOpco: x.pourOpco }))
    .filter((x) => x.email !== undefined && !vus.has(x.email) && vus.add(x.email) !== undefined)
}

/**
 * The daily reminders pass: candidate dossiers (the statuses a rule can apply to; for the
 * start-date rule only those starting within N days), the rules of src/domain, then one outbox
 * row per (rule, dossier, window, recipient) — written once: a second run the same day finds
 * every key and writes nothing.
 */
export async function executerRelances(payload: Payload, maintenant: Date = new Date()): Promise<{ creees: number; dues: number }> {
  const config = env().emails.relances
  const aujourdhui = maintenant.toISOString().slice(0, 10)
  const limiteDebut = new Date(maintenant.getTime() + (config.debutFormationJours + 1) * JOUR).toISOString().slice(0, 10)
  const where: Where = {
    or: [
      { status: { in: [...STATUTS_RELANCES_PERIODIQUES] } },
      {
        and: [
          { status: { in: [...STATUTS_AVANT_ENVOI] } },
          { 'formation.dateDebut': { greater_than_equal: aujourdhui } },
          { 'formation.dateDebut': { less_than: limiteDebut } },
        ],
      },
    ],
  }
  const candidats = await payload.find({ collection: 'dossiers', where, pagination: false, depth: 0, overrideAccess: true, sort: 'id' })
  const equipe = await admins(payload)
  // The OPCOs' deadlines (src/domain/echeances.ts) at 7 days and on the day, to the team.
  const rappels = await rappelsEcheances(payload, maintenant, equipe)
  if (candidats.docs.length === 0) {
    const ids = await ajouterEmails(payload, undefined, rappels.emails)
    return { creees: ids.length, dues: rappels.dues }
  }

  const factures = candidats.docs.filter((d) => d.status === 'facture').map((d) => d.id)
  const echeances = new Map<string, { echeance: string | null; emission: string | null }>()
  if (factures.length > 0) {
    const inv = await payload.find({
      collection: 'invoices',
      where: { and: [{ dossier: { in: factures } }, { type: { equals: TYPE_PIECE.facture } }, { statut: { equals: STATUT_FACTURE.emise } }] },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      sort: 'dateEmission',
    })
    for (const f of inv.docs) {
      const cle = String(idOf(f.dossier))
      if (!echeances.has(cle)) echeances.set(cle, { echeance: f.dateEcheance ?? null, emission: f.dateEmission ?? null })
    }
  }

  const l = liens()
  const emails: NouvelEmail[] = [...rappels.emails]
  let dues = rappels.dues
  for (const d of candidats.docs) {
    const f = d.formation ?? {}
    const facture = echeances.get(String(d.id))
    const entree: DossierRelance = {
      id: d.id,
      status: d.status ?? 'brouillon',
      reponseOpcoDate: d.reponseOpcoDate ?? null,
      envoiOpcoDate: d.envoiOpcoDate ?? null,
      dateDebut: f.dateDebut ?? null,
      paymentStatus: d.paymentStatus ?? null,
      echeanceFacture: facture?.echeance ?? null,
      // Without an issued invoice row, the dossier's last change is when it was invoiced.
      dateFacturation: facture?.emission ?? d.updatedAt,
    }
    const regles = relancesDues(entree, maintenant, config)
    if (regles.length === 0) continue
    const dossier = await dossierEmail(payload, undefined, d)
    for (const r of regles) {
      dues++
      for (const dest of await destinataires(payload, r, d, equipe)) {
        const message =
          r.regle === 'pieces_demandees'
            ? T.relancePieces(dossier, l, r.jours, []) // the list itself is in the OPCO answer's e-mail
            : r.regle === 'opco_sans_reponse'
              ? T.relanceOpco(dossier, l, r.jours, dest.pourOpco)
              : r.regle === 'debut_formation'
                ? T.relanceDebutFormation(dossier, l, r.jours, dest.pourEquipe)
                : T.relancePaiement(dossier, l, r.jours)
        emails.push({ to: dest.email, dossier: d.id, cle: cleRelance(r, dest.email), rendu: T.rendre(message) })
      }
    }
  }
  const ids = await ajouterEmails(payload, undefined, emails)
  return { creees: ids.length, dues }
}

export const tacheRelances = (): TaskConfig => ({
  slug: TACHE_RELANCES,
  label: 'Relances quotidiennes',
  // Daily (REMINDERS_CRON, 07:00 by default, server time); `npm run jobs` workers schedule it with --handle-schedules.
  schedule: [{ cron: env().emails.relances.cron, queue: 'default' }],
  retries: 3,
  handler: async ({ req }) => {
    const bilan = await executerRelances(req.payload)
    req.payload.logger.info({ bilan }, 'Relances quotidiennes')
    return { output: {} }
  },
})
