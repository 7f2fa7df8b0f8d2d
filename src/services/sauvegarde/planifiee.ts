import type { Payload } from 'payload'
import type { ConfigSauvegarde } from '@/src/config/env'
import type { DerniereSauvegarde } from '@/src/domain/sauvegarde'
import { enregistrerDerniereSauvegarde } from './etat'
import { appliquerRetention, sauvegarder, type EnvSauvegarde } from './sauvegarder'

/**
 * The scheduled backup (src/jobs/sauvegarde.ts): an archive in BACKUP_DIR, the last success
 * recorded (metric, admin), then the archives beyond BACKUP_KEEP removed — only after the new one
 * was written and checked, so a failing backup never eats into the ones that worked.
 */
export async function sauvegardePlanifiee(
  payload: Payload,
  e: EnvSauvegarde & { sauvegarde: ConfigSauvegarde },
): Promise<DerniereSauvegarde & { supprimees: string[] }> {
  const r = await sauvegarder(e, e.sauvegarde.dossier)
  const derniere: DerniereSauvegarde = { date: r.manifeste.creeLe, fichier: r.chemin, octets: r.octets }
  await enregistrerDerniereSauvegarde(e.sauvegarde.dossier, derniere, { set: (cle, valeur) => payload.kv.set(cle, valeur) })
  const supprimees = appliquerRetention(e.sauvegarde.dossier, e.sauvegarde.garder)
  payload.logger.info({ fichier: r.chemin, octets: r.octets, supprimees: supprimees.length }, 'sauvegarde terminée')
  return { ...derniere, supprimees }
}
