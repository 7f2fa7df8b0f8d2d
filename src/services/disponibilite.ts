import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Payload } from 'payload'
import { descriptionNavigateurPdf, env } from '@/src/config/env'
import { requeteSql, sql } from '@/src/db/sql'

export type EtatVerification = 'ok' | 'degrade' | 'erreur'
export interface Verification {
  etat: EtatVerification
  detail: string
}

/** A queued job older than this means no worker is taking jobs (or they cannot keep up). */
export const AGE_MAX_TACHE_EN_ATTENTE_S = 15 * 60

async function verifierBase(payload: Payload): Promise<Verification> {
  const t0 = performance.now()
  try {
    await payload.count({ collection: 'opcos', overrideAccess: true })
    return { etat: 'ok', detail: `${payload.db.name}, ${Math.round(performance.now() - t0)} ms` }
  } catch {
    return { etat: 'erreur', detail: 'Base de données injoignable.' }
  }
}

async function verifierStockage(): Promise<Verification> {
  const { s3, uploadsDir } = env()
  if (s3) {
    try {
      const { S3Client, HeadBucketCommand } = await import('@aws-sdk/client-s3')
      const client = new S3Client({
        region: s3.region,
        ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
        forcePathStyle: s3.forcePathStyle,
        credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      })
      await client.send(new HeadBucketCommand({ Bucket: s3.bucket }), { abortSignal: AbortSignal.timeout(3000) })
      return { etat: 'ok', detail: `S3, bucket « ${s3.bucket} » joignable` }
    } catch {
      return { etat: 'erreur', detail: `S3 : bucket « ${s3.bucket} » injoignable.` }
    }
  }
  try {
    const dossier = path.join(uploadsDir, 'documents')
    await fs.mkdir(dossier, { recursive: true })
    await fs.access(dossier, fs.constants.W_OK)
    return { etat: 'ok', detail: 'disque local, inscriptible' }
  } catch {
    return { etat: 'erreur', detail: 'Dossier des fichiers non inscriptible (UPLOADS_DIR).' }
  }
}

async function verifierTaches(payload: Payload): Promise<Verification> {
  try {
    const [ligne] = await requeteSql<{ debut: unknown; n: unknown }>(
      payload,
      undefined,
      sql`SELECT MIN(created_at) AS debut, COUNT(*) AS n FROM payload_jobs WHERE completed_at IS NULL AND NOT has_error AND NOT processing`,
    )
    const n = Number(ligne?.n ?? 0)
    const debut = ligne?.debut ? new Date(String(ligne.debut)).getTime() : NaN
    const age = Number.isFinite(debut) ? Math.max(0, Math.round((Date.now() - debut) / 1000)) : 0
    if (age > AGE_MAX_TACHE_EN_ATTENTE_S) return { etat: 'degrade', detail: `${n} tâche(s) en attente, la plus ancienne depuis ${age} s : aucun worker ne les traite ?` }
    return { etat: 'ok', detail: `${n} tâche(s) en attente, la plus ancienne depuis ${age} s` }
  } catch {
    return { etat: 'erreur', detail: 'File des tâches illisible.' }
  }
}

async function verifierNavigateur(): Promise<Verification> {
  const e = env()
  const description = descriptionNavigateurPdf(e)
  if (e.pdfNavigateur !== 'embarque' && e.chromiumPath) {
    try {
      await fs.access(e.chromiumPath, fs.constants.X_OK)
      return { etat: 'ok', detail: description }
    } catch {
      return { etat: 'erreur', detail: `${description} : non exécutable.` }
    }
  }
  if (e.pdfNavigateur === 'systeme') return { etat: 'erreur', detail: description }
  try {
    createRequire(path.join(process.cwd(), 'package.json')).resolve('@sparticuz/chromium')
    return { etat: 'ok', detail: description }
  } catch {
    return { etat: 'erreur', detail: 'Aucun Chromium : ni système, ni paquet @sparticuz/chromium installé.' }
  }
}

/** GET /api/health/ready: what serving a whole day needs, each check with its own state. */
export async function verifierDisponibilite(payload: Payload): Promise<{ etat: EtatVerification; verifications: Record<string, Verification> }> {
  const [base, stockage, taches, navigateur] = await Promise.all([verifierBase(payload), verifierStockage(), verifierTaches(payload), verifierNavigateur()])
  const verifications = { base, stockage, taches, navigateur }
  const etats = Object.values(verifications).map((v) => v.etat)
  return { etat: etats.includes('erreur') ? 'erreur' : etats.includes('degrade') ? 'degrade' : 'ok', verifications }
}
