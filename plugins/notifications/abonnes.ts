import { abonnerDansTransaction } from '@/src/jobs/evenements'
import { notifierEvenement } from '@/src/services/emails/workflow'

/**
 * The workflow e-mails subscribe to every dossier event, in the transition's own transaction
 * (src/services/emails/workflow.ts writes the rows): they exist if and only if it committed.
 */
let abonne = false
export function abonnerNotifications(): void {
  if (abonne) return
  abonne = true
  abonnerDansTransaction({ nom: 'notifications', types: '*', traiter: notifierEvenement })
}
