/**
 * What the cluster tests drive and check: the whole dossier workflow over HTTP through the
 * cluster's proxy, and the duplicate / loss checks read from the database and the fake Resend.
 *
 * Retries after a kill. A request cut by a kill (the proxy answers 502, or the connection dies)
 * may or may not have taken effect. The test retries it only when a replay is harmless or when
 * it can look first:
 * - reads (GET), logins: no effect, replayed as they are;
 * - messages (Idempotency-Key) and payments (idempotent on their reference): replayed with the
 *   same key / reference, the server answers the first result;
 * - transitions: the dossier's status is read first; already at the target means it took
 *   effect (the job it queued exists once, the assertions check it), otherwise it is sent again;
 * - uploads and dossier creation: the dossier's documents of that kind / the dossier by its
 *   unique title are looked up first, and sent again only if absent.
 * Anything else (a 500, a 409 with the dossier elsewhere) fails the test: a kill must not cause it.
 */
import { createHash } from 'node:crypto'
import http from 'node:http'
import pg from 'pg'
import { PDF_MINIMAL } from '@/tests/helpers/fichiers'
import { PROGRAMME_TEST, type Monde } from '@/tests/helpers/fixtures'
import { texteRiche } from '@/src/domain/texteRiche'
import { parserNumeroFacture } from '@/src/domain/facturation/numero'
import type { ResendFactice } from '@/tests/helpers/resendFactice'

export type Qui = 'admin' | 'userA' | 'userB' | 'opcoA' | 'opcoB'
type Corps = Record<string, unknown> & { doc?: Record<string, unknown>; docs?: Record<string, unknown>[]; errors?: { message: string }[] }
export interface Reponse {
  status: number
  body: Corps
}

const attendre = (ms: number) => new Promise((r) => setTimeout(r, ms))
const panne = (r: Reponse) => r.status === 0 || r.status === 502
const jourIso = (jours: number) => new Date(Date.now() + jours * 86_400_000).toISOString().slice(0, 10)
/** Waiting for the workers (PDFs, invoices): a bound so a broken cluster fails instead of hanging. */
const ATTENTE_MAX_MS = 300_000

export class Client {
  readonly jetons: Partial<Record<Qui, string>> = {}
  /** Requests the kills cut (502 or connection lost), by kind of request: reported by the test. */
  readonly coupures: Record<string, number> = {}
  /** `baseUrl`: the cluster's database, where the signers' personal e-mails are read (see dernierEmail). */
  constructor(
    readonly url: string,
    private readonly baseUrl: string,
  ) {}

  async appeler(methode: string, chemin: string, qui: Qui | null, corps?: unknown, entetes: Record<string, string> = {}): Promise<Reponse> {
    const headers: Record<string, string> = { ...entetes }
    if (qui) headers.Authorization = `JWT ${this.jetons[qui]!}`
    let body: BodyInit | undefined
    if (corps instanceof FormData) body = corps
    else if (corps !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(corps)
    }
    try {
      const res = await fetch(`${this.url}${chemin}`, { method: methode, headers, body })
      const texte = await res.text()
      let parse: Corps = {}
      try {
        parse = texte ? (JSON.parse(texte) as Corps) : {}
      } catch {
        parse = { texte }
      }
      if (res.status === 502) this.noter(methode, chemin)
      return { status: res.status, body: parse }
    } catch {
      this.noter(methode, chemin)
      return { status: 0, body: {} }
    }
  }

  private noter(methode: string, chemin: string): void {
    const sorte = `${methode} ${chemin.replace(/\d+/g, ':id').replace(/\?.*$/, '')}`
    this.coupures[sorte] = (this.coupures[sorte] ?? 0) + 1
  }

  /** Replayed while cut by a kill (reads, idempotent writes). */
  async rejouable(methode: string, chemin: string, qui: Qui | null, corps?: unknown, entetes: Record<string, string> = {}): Promise<Reponse> {
    for (let essai = 0; ; essai++) {
      const r = await this.appeler(methode, chemin, qui, corps, entetes)
      if (!panne(r) || essai >= 40) return r
      await attendre(500)
    }
  }

  async connecter(qui: Qui, email: string, motDePasse: string): Promise<void> {
    const r = await this.rejouable('POST', '/api/users/login', null, { email, password: motDePasse })
    if (r.status !== 200 || typeof r.body.token !== 'string') throw new Error(`connexion de ${email} : ${r.status} ${JSON.stringify(r.body)}`)
    this.jetons[qui] = r.body.token
  }

  async lireDossier(id: number): Promise<Record<string, unknown>> {
    const r = await this.rejouable('GET', `/api/dossiers/${id}?depth=0`, 'admin')
    if (r.status !== 200) throw new Error(`lecture du dossier ${id} : ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
    return r.body
  }

  async transition(id: number, qui: Qui, action: string, cible: string, parametres: Record<string, unknown> = {}): Promise<void> {
    for (let essai = 0; essai < 40; essai++) {
      const r = await this.appeler('POST', `/api/dossiers/${id}/transition`, qui, { action, ...parametres })
      if (r.status === 200) return
      if (!panne(r) && r.status !== 409) throw new Error(`${action} du dossier ${id} : ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`)
      // Cut by a kill (or a replay after one): did it take effect?
      const statut = (await this.lireDossier(id)).status
      if (statut === cible) return
      if (!panne(r)) throw new Error(`${action} du dossier ${id} : 409 alors que le dossier est « ${String(statut)} » — ${JSON.stringify(r.body).slice(0, 300)}`)
      await attendre(500)
    }
    throw new Error(`${action} du dossier ${id} : toujours coupé après 40 essais`)
  }

  /**
   * The last e-mail of `template` to `to`, as its recipient would read it: from the database, since
   * the API shows nobody the content of an e-mail that carries a personal link or code (not even
   * the team): the value `motif` finds in its text.
   */
  private async dernierEmail(template: string, to: string, motif: RegExp): Promise<string | null> {
    const [e] = await sql<{ text: string | null }>(this.baseUrl, 'SELECT text FROM emails WHERE template = $1 AND "to" = $2 ORDER BY created_at DESC, id DESC LIMIT 1', [template, to])
    return motif.exec(e?.text ?? '')?.[1] ?? null
  }

  /**
   * `send` needs the convention signed by every party (issue 17): the admin sends it to be
   * signed, and each signer asks for a code and signs through the public routes, links and codes
   * read from the outbox. Cut requests are replayed: a link already used answers 409.
   */
  async signerConvention(id: number): Promise<void> {
    const signataires = [
      { role: 'entreprise', nom: 'Lefèvre', prenom: 'Agnès', fonction: 'Gérante', email: `rh-${id}@cluster.test` },
      { role: 'organisme', nom: 'Nguyen', prenom: 'Thi', fonction: 'Responsable pédagogique', email: `of-${id}@cluster.test` },
    ]
    const demande = await this.rejouable('POST', `/api/dossiers/${id}/signature-convention`, 'admin', { signataires })
    // 409: a replay after a cut that had already created it.
    if (demande.status !== 201 && demande.status !== 409) throw new Error(`demande de signature du dossier ${id} : ${demande.status} ${JSON.stringify(demande.body).slice(0, 300)}`)
    for (const sig of signataires) {
      for (let essai = 0; ; essai++) {
        if (essai >= 40) throw new Error(`signature de ${sig.email} : toujours coupée après 40 essais`)
        const jeton = await this.dernierEmail('signature_convention_lien', sig.email, /\/signature\/([A-Za-z0-9_-]{43})/)
        if (!jeton) throw new Error(`aucun lien de signature pour ${sig.email}`)
        const code = await this.rejouable('POST', `/api/signatures/${jeton}/code`, null, {})
        if (code.status === 409) break
        if (code.status !== 200) throw new Error(`code de ${sig.email} : ${code.status} ${JSON.stringify(code.body).slice(0, 300)}`)
        const valeur = await this.dernierEmail('signature_convention_code', sig.email, /^\s*> (\d{6})\s*$/m)
        const r = await this.appeler('POST', `/api/signatures/${jeton}/signer`, null, { code: valeur, signature: `${sig.prenom} ${sig.nom}`, consentement: true })
        if (r.status === 200 || r.status === 409) break
        if (!panne(r)) throw new Error(`signature de ${sig.email} : ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
        await attendre(500)
      }
    }
    await this.attendre(`convention signée du dossier ${id}`, () => this.documents(id, '&where[documentType][equals]=convention_signee'), (docs) => docs.length > 0)
  }

  async documents(id: number, filtre: string): Promise<Record<string, unknown>[]> {
    const r = await this.rejouable('GET', `/api/documents?where[dossier][equals]=${id}${filtre}&limit=100&depth=0`, 'admin')
    if (r.status !== 200) throw new Error(`documents du dossier ${id} : ${r.status}`)
    return r.body.docs ?? []
  }

  async televerser(id: number, qui: Qui, documentType: string): Promise<void> {
    for (let essai = 0; essai < 40; essai++) {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(PDF_MINIMAL)], { type: 'application/pdf' }), `${documentType}-${id}.pdf`)
      form.append('_payload', JSON.stringify({ dossier: id, documentType }))
      const r = await this.appeler('POST', '/api/documents', qui, form)
      if (r.status === 201) return
      if (!panne(r)) throw new Error(`dépôt ${documentType} du dossier ${id} : ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
      if ((await this.documents(id, `&where[documentType][equals]=${documentType}`)).length > 0) return
      await attendre(500)
    }
    throw new Error(`dépôt ${documentType} du dossier ${id} : toujours coupé`)
  }

  /** Polls until `test` holds (the workers' side effects), bounded. */
  async attendre<T>(quoi: string, lire: () => Promise<T>, test: (v: T) => boolean): Promise<T> {
    const limite = Date.now() + ATTENTE_MAX_MS
    for (;;) {
      const v = await lire()
      if (test(v)) return v
      if (Date.now() > limite) throw new Error(`${quoi} : toujours pas après ${ATTENTE_MAX_MS / 1000} s (${JSON.stringify(v).slice(0, 300)})`)
      await attendre(1000)
    }
  }
}

export interface OptionsParcours {
  /** After validate: waits for this before waiting for the documents (the test of the tests' backlog). */
  apresValidation?: () => Promise<void>
  /**
   * Replaces signing the convention through the public routes. The test of the tests runs the
   * workers without the claim guard: a generation job run twice rewrites the convention's file,
   * and the real finalisation then rightly refuses a file that changed since it was sent to sign.
   */
  signerConvention?: (id: number) => Promise<void>
}

/** Payments the test recorded: (dossier, payer, reference) — each must exist exactly once. */
export interface PaiementAttendu {
  dossier: number
  payeur: string
  reference: string
}

/** One dossier from creation to closing, through the proxy, as its actors would. */
export async function parcours(c: Client, monde: Monde, tour: string, i: number, paiements: PaiementAttendu[], options: OptionsParcours = {}): Promise<number> {
  const cote = i % 2 === 0 ? 'A' : 'B'
  const user: Qui = cote === 'A' ? 'userA' : 'userB'
  const opco: Qui = cote === 'A' ? 'opcoA' : 'opcoB'
  const titre = `Cluster ${tour} n° ${i}`
  const donnees = {
    typeFormation: 'formation',
    company: cote === 'A' ? monde.companyA.id : monde.companyB.id,
    opco: cote === 'A' ? monde.opcoA.id : monde.opcoB.id,
    beneficiaire: { nom: 'Durand', prenom: `Claire ${i}`, email: `claire.${tour}.${i}@exemple.fr`, telephone: '0601020304' },
    formation: {
      titre,
      objectifs: texteRiche('Être capable de construire des tableaux croisés dynamiques.'),
      programme: PROGRAMME_TEST,
      organisme: monde.provider.id,
      dureeHeures: 14,
      dateDebut: jourIso(60),
      dateFin: jourIso(61),
      modalite: 'presentiel',
    },
    coutTotalHT: 140000,
  }
  let id: number | null = null
  for (let essai = 0; id === null; essai++) {
    const r = await c.appeler('POST', '/api/dossiers', user, donnees)
    if (r.status === 201) id = Number(r.body.doc!.id)
    else if (!panne(r) || essai > 40) throw new Error(`création du dossier ${titre} : ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`)
    else {
      const trouve = await c.rejouable('GET', `/api/dossiers?where[formation.titre][equals]=${encodeURIComponent(titre)}&depth=0`, 'admin')
      if (trouve.body.docs?.[0]) id = Number(trouve.body.docs[0].id)
      else await attendre(500)
    }
  }
  await c.televerser(id, user, 'devis')
  await c.televerser(id, user, 'programme')
  const message = async (qui: Qui, rang: number) => {
    const r = await c.rejouable('POST', '/api/messages', qui, { dossier: id, body: texteRiche(`Message ${rang} du dossier ${titre}.`) }, { 'Idempotency-Key': `cluster-${tour}-${i}-${rang}` })
    if (r.status !== 201 && r.status !== 200) throw new Error(`message ${rang} du dossier ${id} : ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
  }
  await message(user, 1)
  await c.transition(id, user, 'submit', 'soumis', { certification: true })
  await c.transition(id, 'admin', 'review', 'en_revue')
  await c.transition(id, 'admin', 'validate', 'valide')
  await options.apresValidation?.()
  await c.attendre(`convention et demande du dossier ${id}`, () => c.documents(id, '&where[origin][equals]=generated'), (docs) => {
    const types = new Set(docs.map((d) => d.documentType))
    return types.has('convention') && types.has('demande_prise_en_charge')
  })
  if (options.signerConvention) await options.signerConvention(id)
  else await c.signerConvention(id)
  await c.transition(id, 'admin', 'send', 'envoye_opco')
  await c.transition(id, opco, 'answer', 'accepte', { decision: 'accepte', numeroDossierOpco: `OPCO-${tour}-${i}`, montantValide: 120000 })
  await message('admin', 2)
  await c.transition(id, 'admin', 'start', 'en_formation')
  await c.televerser(id, 'admin', 'feuille_emargement')
  await c.transition(id, 'admin', 'complete', 'realise', { heuresRealisees: 14 })
  await c.transition(id, 'admin', 'invoice', 'facture')
  // The invoice job issues the invoices, then asks for their PDFs: both done means it finished.
  const factures = await c.attendre(
    `factures du dossier ${id}`,
    async () => {
      const f = await c.rejouable('GET', `/api/invoices?where[dossier][equals]=${id}&depth=0&limit=20`, 'admin')
      const pdf = await c.documents(id, '&where[documentType][equals]=facture')
      return { factures: f.body.docs ?? [], pdf: pdf.length }
    },
    (v) => v.factures.length > 0 && v.factures.every((f) => typeof f.numero === 'string') && v.pdf >= v.factures.length,
  )
  for (const f of factures.factures) {
    const payeur = String(f.destinataire)
    const reference = `VIR-${tour}-${i}-${payeur}`
    const r = await c.rejouable('POST', '/api/payments', 'admin', { dossier: id, montant: f.totalTTC, date: jourIso(0), payeur, reference })
    if (r.status !== 201 && r.status !== 200) throw new Error(`paiement ${reference} : ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
    paiements.push({ dossier: id, payeur, reference })
  }
  await c.transition(id, 'admin', 'close', 'cloture')
  return id
}

/** Runs `n` tasks, `largeur` at a time; the first failure stops handing out new ones and is thrown. */
export async function enParallele(n: number, largeur: number, tache: (i: number) => Promise<void>): Promise<void> {
  let suivant = 0
  let erreur: unknown = null
  await Promise.all(
    Array.from({ length: largeur }, async () => {
      while (erreur === null && suivant < n) {
        const i = suivant++
        try {
          await tache(i)
        } catch (e) {
          erreur ??= e
        }
      }
    }),
  )
  if (erreur !== null) throw erreur
}

// ——— Probes and checks ————————————————————————————————————————————————————————————————

/**
 * Payload deletes a job once it completed, and its log with it: triggers of the test's own
 * database keep every task run (one row per log entry Payload writes) and every job queued.
 */
export const SONDES = `
CREATE TABLE test_executions (log_id varchar PRIMARY KEY, job_id integer, task_slug text, task_id text, state text);
CREATE TABLE test_taches (job_id integer PRIMARY KEY, task_slug text, wait_until timestamptz, planifiee boolean);
CREATE FUNCTION test_noter_execution() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
  INSERT INTO test_executions VALUES (NEW.id, NEW._parent_id, NEW.task_slug::text, NEW.task_i_d, NEW.state::text) ON CONFLICT DO NOTHING; RETURN NEW; END $$;
CREATE FUNCTION test_noter_tache() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
  INSERT INTO test_taches VALUES (NEW.id, NEW.task_slug::text, NEW.wait_until, COALESCE((NEW.meta->>'scheduled')::boolean, false)) ON CONFLICT DO NOTHING; RETURN NEW; END $$;
CREATE TRIGGER test_executions AFTER INSERT ON payload_jobs_log FOR EACH ROW EXECUTE FUNCTION test_noter_execution();
CREATE TRIGGER test_taches AFTER INSERT ON payload_jobs FOR EACH ROW EXECUTE FUNCTION test_noter_tache();
`

export const TACHE_RELANCES = 'relancesQuotidiennes'

export async function sql<T extends Record<string, unknown>>(url: string, requete: string, valeurs: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(requete, valeurs)).rows as T[]
  } finally {
    await client.end()
  }
}

/** The key the sender gives Resend for an outbox row (plugins/notifications/envoi.ts). */
const cleEnvoyee = (ligne: { id: number; cle: string | null }) => {
  const cle = ligne.cle || `email-${String(ligne.id)}`
  return cle.length <= 200 ? cle : `sha256:${createHash('sha256').update(cle).digest('hex')}`
}

export interface Verdicts {
  /** Duplicates: each list must be empty (the test of the tests needs one non-empty). */
  documentsEnDouble: string[]
  emailsEnDouble: string[]
  facturesEnDouble: string[]
  paiementsEnDouble: string[]
  tachesExecuteesDeuxFois: string[]
  relancesEnDouble: string[]
  /** Losses and leftovers: each must be empty. */
  emailsPerdus: string[]
  numerotationAvecTrous: string[]
  paiementsManquants: string[]
  tachesBloquees: string[]
  dossiersInacheves: string[]
  documentsManquants: string[]
  /** How many reminder windows ran (at least two for the check to mean something). */
  fenetresRelances: number
}

export async function verifier(url: string, resend: ResendFactice, dossiers: number[], paiements: PaiementAttendu[]): Promise<Verdicts> {
  const documentsEnDouble = (
    await sql<{ dossier_id: number; document_type: string; version: number; n: string }>(
      url,
      // An invoice's PDF is versioned per invoice (a dossier has the OPCO's and the company's).
      `SELECT d.dossier_id, d.document_type::text, d.version, g.facture_id, COUNT(*) AS n FROM documents d LEFT JOIN generations g ON g.id = d.generation_id
        WHERE d.origin = 'generated' GROUP BY 1, 2, 3, 4 HAVING COUNT(*) > 1`,
    )
  ).map((r) => `dossier ${r.dossier_id} : ${r.document_type} v${r.version} × ${r.n}`)

  const attendus = ['convention', 'demande_prise_en_charge', 'certificat_realisation', 'facture']
  const presents = await sql<{ dossier_id: number; types: string[] }>(url, `SELECT dossier_id, array_agg(DISTINCT document_type::text) AS types FROM documents WHERE origin = 'generated' AND dossier_id = ANY($1) GROUP BY 1`, [dossiers])
  const parDossier = new Map(presents.map((r) => [r.dossier_id, new Set(r.types)]))
  const documentsManquants = dossiers.flatMap((d) => attendus.filter((t) => !parDossier.get(d)?.has(t)).map((t) => `dossier ${d} : ${t}`))

  const lignes = await sql<{ id: number; cle: string | null; status: string }>(url, `SELECT id, cle, status::text FROM emails`)
  const livraisons = new Map<string, number>()
  for (const l of resend.livres) livraisons.set(String(l.cle), (livraisons.get(String(l.cle)) ?? 0) + 1)
  const cles = new Set(lignes.map(cleEnvoyee))
  const emailsEnDouble = [
    ...[...livraisons].filter(([, n]) => n > 1).map(([cle, n]) => `clé ${cle} livrée ${n} fois`),
    ...[...livraisons.keys()].filter((cle) => !cles.has(cle)).map((cle) => `livraison sans ligne de la boîte d'envoi : ${cle}`),
  ]
  const emailsPerdus = lignes.filter((l) => l.status !== 'sent' || !livraisons.has(cleEnvoyee(l))).map((l) => `e-mail ${l.id} (${l.status}) non livré`)

  const numeros = await sql<{ numero: string; n: string }>(url, `SELECT numero, COUNT(*) AS n FROM invoices WHERE numero IS NOT NULL GROUP BY numero`)
  const facturesEnDouble = numeros.filter((r) => Number(r.n) > 1).map((r) => `numéro ${r.numero} × ${r.n}`)
  const series = new Map<string, number[]>()
  for (const r of numeros) {
    const p = parserNumeroFacture(r.numero)
    if (!p) continue
    const serie = `${p.type}-${p.annee}`
    series.set(serie, [...(series.get(serie) ?? []), p.sequence])
  }
  const numerotationAvecTrous = [...series].flatMap(([serie, seq]) => {
    const tries = [...seq].sort((a, b) => a - b)
    return tries.every((n, k) => n === k + 1) ? [] : [`série ${serie} : ${tries.join(', ')}`]
  })

  const enregistres = await sql<{ dossier_id: number; payeur: string; reference: string; n: string }>(url, `SELECT dossier_id, payeur::text, reference, COUNT(*) AS n FROM payments GROUP BY 1, 2, 3`)
  const paiementsEnDouble = enregistres.filter((r) => Number(r.n) > 1).map((r) => `${r.reference} × ${r.n}`)
  const cle = (d: number, p: string, r: string) => `${d}|${p}|${r}`
  const vus = new Set(enregistres.map((r) => cle(r.dossier_id, r.payeur, r.reference)))
  const paiementsManquants = paiements.filter((p) => !vus.has(cle(p.dossier, p.payeur, p.reference))).map((p) => p.reference)

  const tachesBloquees = [
    ...(await sql<{ id: number; task_slug: string }>(url, `SELECT id, task_slug::text FROM payload_jobs WHERE processing AND (bail_expire_le IS NULL OR bail_expire_le < now())`)).map(
      (r) => `tâche ${r.id} (${r.task_slug}) en cours après son bail`,
    ),
    ...(await sql<{ id: number; task_slug: string }>(url, `SELECT id, task_slug::text FROM payload_jobs WHERE has_error`)).map((r) => `tâche ${r.id} (${r.task_slug}) en échec définitif`),
  ]
  const tachesExecuteesDeuxFois = (
    await sql<{ job_id: number; task_slug: string; n: string }>(url, `SELECT job_id, task_slug, COUNT(*) AS n FROM test_executions WHERE state = 'succeeded' GROUP BY job_id, task_id, task_slug HAVING COUNT(*) > 1`)
  ).map((r) => `tâche ${r.job_id} (${r.task_slug}) exécutée ${r.n} fois`)

  const relancesEnDouble = (
    await sql<{ wait_until: Date; n: string }>(url, `SELECT wait_until, COUNT(*) AS n FROM test_taches WHERE task_slug = $1 AND planifiee GROUP BY wait_until HAVING COUNT(*) > 1`, [TACHE_RELANCES])
  ).map((r) => `fenêtre ${r.wait_until.toISOString()} planifiée ${r.n} fois`)
  const fenetres = await sql<{ n: string }>(
    url,
    `SELECT COUNT(DISTINCT t.wait_until) AS n FROM test_taches t JOIN test_executions e ON e.job_id = t.job_id AND e.state = 'succeeded' WHERE t.task_slug = $1 AND t.planifiee`,
    [TACHE_RELANCES],
  )

  const finals = await sql<{ id: number; status: string }>(url, `SELECT id, status::text FROM dossiers WHERE id = ANY($1)`, [dossiers])
  const dossiersInacheves = [
    ...finals.filter((d) => d.status !== 'cloture').map((d) => `dossier ${d.id} : ${d.status}`),
    ...(finals.length === dossiers.length ? [] : [`${dossiers.length - finals.length} dossier(s) introuvable(s)`]),
  ]

  return {
    documentsEnDouble,
    emailsEnDouble,
    facturesEnDouble,
    paiementsEnDouble,
    tachesExecuteesDeuxFois,
    relancesEnDouble,
    emailsPerdus,
    numerotationAvecTrous,
    paiementsManquants,
    tachesBloquees,
    dossiersInacheves,
    documentsManquants,
    fenetresRelances: Number(fenetres[0]?.n ?? 0),
  }
}

export const doublons = (v: Verdicts): string[] => [
  ...v.documentsEnDouble,
  ...v.emailsEnDouble,
  ...v.facturesEnDouble,
  ...v.paiementsEnDouble,
  ...v.tachesExecuteesDeuxFois,
  ...v.relancesEnDouble,
]

/** Waits until the workers have nothing left to do: no job due or running, every e-mail out. */
export async function attendreFileVide(url: string): Promise<void> {
  const limite = Date.now() + ATTENTE_MAX_MS
  for (;;) {
    const [r] = await sql<{ taches: string; emails: string }>(
      url,
      `SELECT (SELECT COUNT(*) FROM payload_jobs WHERE completed_at IS NULL AND NOT COALESCE(has_error, false) AND NOT COALESCE((meta->>'scheduled')::boolean, false)) AS taches,
              (SELECT COUNT(*) FROM emails WHERE status = 'queued') AS emails`,
    )
    if (Number(r!.taches) === 0 && Number(r!.emails) === 0) return
    if (Date.now() > limite) throw new Error(`file jamais vide : ${r!.taches} tâche(s), ${r!.emails} e-mail(s) en attente`)
    await attendre(2000)
  }
}

/** A failed login sent from another loopback address (a client of its own for the rate limit). */
export function echecConnexion(url: string, adresseLocale: string): Promise<{ status: number; retryAfter: string | null }> {
  return new Promise((resolve, reject) => {
    const corps = JSON.stringify({ email: 'inconnu@test.fr', password: 'mauvais-mot-de-passe' })
    const req = http.request(`${url}/api/users/login`, { method: 'POST', localAddress: adresseLocale, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(corps) } }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null }))
    })
    req.on('error', reject)
    req.end(corps)
  })
}
