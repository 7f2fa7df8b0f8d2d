import type { Payload, PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import type { EvenementDossier } from '@/src/domain/workflow'
import type { Document, Invoice, Payment } from '@/src/payload-types'
import { emettreEvenementWebhook } from './webhooks'

/**
 * What each event tells an integrator. Decision: ids, numbers, statuses, amounts in cents and
 * dates — enough to know what changed and to read the rest through the API with their own
 * access rights; never a name, an e-mail address, a comment or a refusal's free text (personal
 * data stays behind the API's access rules). docs/guide-integration.md « Webhooks » lists them.
 * Each is written in the caller's transaction, keyed by an event id stable under replay.
 */

/** Subscriber of every dossier transition, in the transition's transaction (src/jobs/evenements.ts). */
export async function webhookTransition(evenement: EvenementDossier, { req }: { payload: Payload; req: PayloadRequest }): Promise<void> {
  if (evenement.dossier === null) return
  const action = evenement.type.replace(/^dossier\./, '')
  await emettreEvenementWebhook(req, {
    id: `dossier.transition:${String(evenement.dossier)}:${action}:${evenement.date}`,
    evenement: 'dossier.transition',
    cree_le: evenement.date,
    donnees: {
      dossier: Number(evenement.dossier),
      action,
      statut_precedent: evenement.statutPrecedent,
      statut: evenement.statutCible,
      acteur_role: evenement.acteur.role,
      ...(evenement.type === 'dossier.answer' ? { decision: evenement.decision } : {}),
    },
  })
}

/** A generated PDF is stored (or replaced by a new rendering of the same generation). */
export async function webhookDocumentGenere(req: PayloadRequest, document: Pick<Document, 'id' | 'dossier' | 'documentType' | 'version'>, generation: number | string): Promise<void> {
  await emettreEvenementWebhook(req, {
    id: `document.generated:${String(generation)}`,
    evenement: 'document.generated',
    donnees: { document: Number(document.id), dossier: idOf(document.dossier), type: document.documentType ?? null, version: document.version ?? null },
  })
}

/** An invoice or a credit note got its number (in the transaction). */
export async function webhookFactureEmise(req: PayloadRequest, piece: Pick<Invoice, 'id' | 'dossier' | 'type' | 'totalTTC'>, emission: { numero: string; dateEmission: string }): Promise<void> {
  await emettreEvenementWebhook(req, {
    id: `invoice.issued:${String(piece.id)}`,
    evenement: 'invoice.issued',
    donnees: { facture: Number(piece.id), dossier: idOf(piece.dossier), type: piece.type ?? null, numero: emission.numero, date_emission: emission.dateEmission, total_ttc_centimes: piece.totalTTC ?? null },
  })
}

/** A payment was recorded (admin, import or bank reconciliation: every path creates the row). */
export async function webhookPaiementEnregistre(req: PayloadRequest, paiement: Payment): Promise<void> {
  await emettreEvenementWebhook(req, {
    id: `payment.recorded:${String(paiement.id)}`,
    evenement: 'payment.recorded',
    donnees: { paiement: paiement.id, dossier: idOf(paiement.dossier), payeur: paiement.payeur, reference: paiement.reference, montant_centimes: paiement.montant, date: paiement.date, statut: paiement.statut ?? null },
  })
}
