import client from 'prom-client'
import type { Payload } from 'payload'
import { requeteSql, sql } from '@/src/db/sql'
import { classeStatut, routeNormalisee } from '@/src/domain/metriques'
import type { UtilisateurRequete } from '@/src/services/contexteRequete'
import { derniereSauvegarde } from '@/src/services/sauvegarde/etat'

/**
 * The process's Prometheus registry. Kept on globalThis: Next.js bundles route handlers into
 * separate chunks, each with its own copy of this module, and they must count into one registry.
 */
interface Metriques {
  registre: client.Registry
  requetesHttp: client.Counter<'methode' | 'route' | 'statut'>
  dureeHttp: client.Histogram<'methode' | 'route'>
  rendusPdf: client.Counter<'resultat'>
  dureePdf: client.Histogram
  dossiers: client.Gauge<'statut'>
  emails: client.Gauge<'statut'>
  taches: client.Gauge<'tache' | 'etat'>
  ageTacheEnAttente: client.Gauge
  derniereSauvegarde: client.Gauge
}

const CLE = Symbol.for('monopco.metriques')

export function metriques(): Metriques {
  const g = globalThis as unknown as Record<symbol, Metriques | undefined>
  if (g[CLE]) return g[CLE]
  const registre = new client.Registry()
  client.collectDefaultMetrics({ register: registre, prefix: 'monopco_' })
  const m: Metriques = {
    registre,
    requetesHttp: new client.Counter({ name: 'monopco_http_requetes_total', help: 'Requêtes HTTP par route, méthode et classe de statut', labelNames: ['methode', 'route', 'statut'], registers: [registre] }),
    dureeHttp: new client.Histogram({ name: 'monopco_http_duree_secondes', help: 'Durée des requêtes HTTP', labelNames: ['methode', 'route'], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registre] }),
    rendusPdf: new client.Counter({ name: 'monopco_pdf_rendus_total', help: 'Rendus PDF par résultat (succes, echec)', labelNames: ['resultat'], registers: [registre] }),
    dureePdf: new client.Histogram({ name: 'monopco_pdf_duree_secondes', help: 'Durée d’un rendu PDF', buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registre] }),
    dossiers: new client.Gauge({ name: 'monopco_dossiers', help: 'Dossiers par statut', labelNames: ['statut'], registers: [registre] }),
    emails: new client.Gauge({ name: 'monopco_emails', help: 'E-mails de la boîte d’envoi par statut', labelNames: ['statut'], registers: [registre] }),
    taches: new client.Gauge({ name: 'monopco_taches', help: 'Tâches de la file par tâche et état (en_attente, en_cours, en_erreur, terminee)', labelNames: ['tache', 'etat'], registers: [registre] }),
    ageTacheEnAttente: new client.Gauge({ name: 'monopco_tache_en_attente_age_secondes', help: 'Âge de la plus ancienne tâche en attente (0 si aucune)', registers: [registre] }),
    derniereSauvegarde: new client.Gauge({ name: 'monopco_sauvegarde_derniere_timestamp_secondes', help: 'Date (secondes Unix) de la dernière sauvegarde réussie (0 si aucune)', registers: [registre] }),
  }
  g[CLE] = m
  return m
}

/** Counts one answered HTTP request (route normalised: no per-id series). */
export function compterRequete(methode: string, chemin: string, statut: number, dureeSecondes: number): void {
  const m = metriques()
  const route = routeNormalisee(chemin)
  m.requetesHttp.inc({ methode, route, statut: classeStatut(statut) })
  m.dureeHttp.observe({ methode, route }, dureeSecondes)
}

export function compterRenduPdf(succes: boolean, dureeSecondes: number): void {
  const m = metriques()
  m.rendusPdf.inc({ resultat: succes ? 'succes' : 'echec' })
  if (succes) m.dureePdf.observe(dureeSecondes)
}

const nombre = (v: unknown): number => Number(v ?? 0)

/** The database-backed gauges, read at scrape time from the rows themselves (one GROUP BY each). */
export async function mesurerBase(payload: Payload): Promise<void> {
  const m = metriques()
  const dossiers = await requeteSql<{ statut: string; n: unknown }>(payload, undefined, sql`SELECT status AS statut, COUNT(*) AS n FROM dossiers GROUP BY status`)
  m.dossiers.reset()
  for (const r of dossiers) m.dossiers.set({ statut: String(r.statut ?? 'inconnu') }, nombre(r.n))
  const emails = await requeteSql<{ statut: string; n: unknown }>(payload, undefined, sql`SELECT status AS statut, COUNT(*) AS n FROM emails GROUP BY status`)
  m.emails.reset()
  for (const r of emails) m.emails.set({ statut: String(r.statut ?? 'inconnu') }, nombre(r.n))
  const taches = await requeteSql<{ tache: string | null; etat: string; n: unknown }>(
    payload,
    undefined,
    sql`SELECT task_slug AS tache,
          CASE WHEN completed_at IS NOT NULL THEN 'terminee' WHEN has_error THEN 'en_erreur' WHEN processing THEN 'en_cours' ELSE 'en_attente' END AS etat,
          COUNT(*) AS n
        FROM payload_jobs GROUP BY 1, 2`,
  )
  m.taches.reset()
  for (const r of taches) m.taches.set({ tache: String(r.tache ?? 'workflow'), etat: r.etat }, nombre(r.n))
  const [plusAncienne] = await requeteSql<{ debut: unknown }>(
    payload,
    undefined,
    sql`SELECT MIN(created_at) AS debut FROM payload_jobs WHERE completed_at IS NULL AND NOT has_error AND NOT processing`,
  )
  const debut = plusAncienne?.debut ? new Date(String(plusAncienne.debut)).getTime() : NaN
  m.ageTacheEnAttente.set(Number.isFinite(debut) ? Math.max(0, (Date.now() - debut) / 1000) : 0)
  const sauvegarde = await derniereSauvegarde(payload)
  m.derniereSauvegarde.set(sauvegarde ? Date.parse(sauvegarde.date) / 1000 : 0)
}

/**
 * What scripts/server.mjs calls when a response is sent: the metrics, and one log line — request
 * id, method, route with its ids replaced (the query string and the ids never reach the log),
 * status, duration, and the authenticated caller's user id and role (src/services/contexteRequete.ts;
 * absent when anonymous; never an e-mail or a name). Next's own static files (/_next/…) are
 * neither counted nor logged.
 */
export function requeteTerminee(payload: Payload) {
  return (methode: string, chemin: string, statut: number, dureeSecondes: number, idRequete: string, utilisateur?: UtilisateurRequete): void => {
    if (chemin.startsWith('/_next/')) return
    compterRequete(methode, chemin, statut, dureeSecondes)
    const qui = utilisateur ? { userId: utilisateur.id, role: utilisateur.role, ...(utilisateur.collection !== 'users' ? { collection: utilisateur.collection } : {}) } : {}
    payload.logger.info({ requete: idRequete, methode, route: routeNormalisee(chemin), statut, dureeMs: Math.round(dureeSecondes * 1000), ...qui }, 'requête')
  }
}
