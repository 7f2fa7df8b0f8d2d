import type { Payload, PayloadRequest, TaskConfig } from 'payload'
import type { EvenementDossier, TypeEvenementDossier } from '@/src/domain/workflow'
import { mettreEnFile } from '@/src/services/taches'

/**
 * Dossier events: each transition queues one job carrying its typed event; the job hands it to
 * every subscriber registered for that type (documents, e-mails, conformity subscribe as they
 * land). Jobs retry, so a subscriber must be idempotent: the same event may arrive twice.
 */
export interface Abonne {
  nom: string
  types: readonly TypeEvenementDossier[] | '*'
  traiter: (evenement: EvenementDossier, ctx: { payload: Payload; req: PayloadRequest }) => Promise<void>
}

const abonnes: Abonne[] = []

export function abonner(abonne: Abonne): () => void {
  abonnes.push(abonne)
  return () => {
    const i = abonnes.indexOf(abonne)
    if (i >= 0) abonnes.splice(i, 1)
  }
}

export const abonnesDe = (type: TypeEvenementDossier): Abonne[] => abonnes.filter((a) => a.types === '*' || a.types.includes(type))

export const TACHE_EVENEMENT_DOSSIER = 'evenementDossier'

export const tacheEvenementDossier: TaskConfig = {
  slug: TACHE_EVENEMENT_DOSSIER,
  label: 'Événement de dossier',
  retries: 5,
  inputSchema: [{ name: 'evenement', type: 'json', required: true }],
  handler: async ({ input, req }) => {
    const evenement = (input as { evenement: EvenementDossier }).evenement
    for (const abonne of abonnesDe(evenement.type)) await abonne.traiter(evenement, { payload: req.payload, req })
    return { output: {} }
  },
}

/**
 * Subscribers that must write in the transition's own transaction (PostgreSQL; SQLite runs
 * without transactions): the e-mail outbox rows exist if and only if the transition committed.
 * They get the transition's `req`, must pass it to every write, and must be idempotent too
 * (a unique key per row): a failure here rolls the transition back.
 */
export interface AbonneTransactionnel {
  nom: string
  types: readonly TypeEvenementDossier[] | '*'
  traiter: (evenement: EvenementDossier, ctx: { payload: Payload; req: PayloadRequest }) => Promise<void>
}

const abonnesTransactionnels: AbonneTransactionnel[] = []

export function abonnerDansTransaction(abonne: AbonneTransactionnel): () => void {
  abonnesTransactionnels.push(abonne)
  return () => {
    const i = abonnesTransactionnels.indexOf(abonne)
    if (i >= 0) abonnesTransactionnels.splice(i, 1)
  }
}

export async function publierEvenement(req: PayloadRequest, evenement: EvenementDossier): Promise<void> {
  for (const abonne of abonnesTransactionnels) {
    if (abonne.types === '*' || abonne.types.includes(evenement.type)) await abonne.traiter(evenement, { payload: req.payload, req })
  }
  await mettreEnFile(req.payload, req, { task: TACHE_EVENEMENT_DOSSIER as never, input: { evenement } as never })
}
