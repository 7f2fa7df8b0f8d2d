import type { Payload } from 'payload'
import { reglesEcheancesDe } from '@/src/domain/echeances'
import { calculerPrevisions, delaisParDefaut, type FacturePourPrevision, type PaiementPourPrevision, type PrevisionsPaiement } from '@/src/domain/facturation/previsionPaiement'
import { parametresFacturation } from '@/src/services/facturation'

/**
 * The payment forecast computed the independent way, for the tests to compare the app's with:
 * every invoice, payment and OPCO read through the Local API (nothing filtered in SQL: the pure
 * function sets aside what does not count), then src/domain/facturation/previsionPaiement.ts.
 */
export async function previsionsParLaLocalApi(payload: Payload, maintenant: Date): Promise<PrevisionsPaiement> {
  const [dossiers, factures, paiements, opcos] = await Promise.all([
    payload.find({ collection: 'dossiers', pagination: false, depth: 0 }),
    payload.find({ collection: 'invoices', pagination: false, depth: 0 }),
    payload.find({ collection: 'payments', pagination: false, depth: 0 }),
    payload.find({ collection: 'opcos', pagination: false, depth: 0 }),
  ])
  const opcoDe = new Map(dossiers.docs.map((d) => [d.id as number, (d.opco as number | null | undefined) ?? null]))
  const fs: FacturePourPrevision[] = factures.docs.map((f) => ({
    id: f.id as number,
    dossier: f.dossier as number,
    opco: opcoDe.get(f.dossier as number) ?? null,
    numero: f.numero ?? null,
    type: f.type,
    destinataire: f.destinataire,
    statut: f.statut,
    montant: f.totalTTC,
    dateEmission: f.dateEmission,
  }))
  const ps: PaiementPourPrevision[] = paiements.docs.map((p) => ({ id: p.id as number, dossier: p.dossier as number, payeur: p.payeur, statut: p.statut, montant: p.montant, date: p.date }))
  const delais = new Map(opcos.docs.flatMap((o) => {
    // Read as stored, whatever src/payload-types.ts says of the record at the moment.
    const d = reglesEcheancesDe(Object.fromEntries(Object.entries(o))).delaiPaiementJours
    return d === null ? [] : [[o.id as number, d] as const]
  }))
  return calculerPrevisions(fs, ps, maintenant, delaisParDefaut(parametresFacturation().delaiPaiementJours), delais)
}
