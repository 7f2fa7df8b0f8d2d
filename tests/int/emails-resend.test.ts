/**
 * The outbox sender through the official @payloadcms/email-resend adapter, routed by
 * RESEND_BASE_URL to a local Resend-compatible server: idempotency key on every request,
 * 429/5xx retried with backoff then sent once, 4xx validation error → failed with the
 * provider's message, a worker killed between "accepted" and "recorded" never sends twice,
 * the demande de prise en charge attached.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import type { Payload } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { demarrerResendFactice, type ResendFactice } from '@/tests/helpers/resendFactice'
import { envoyerEmailsDus } from '@/plugins/notifications/index'
import { ajouterEmails } from '@/src/services/emails/boiteEnvoi'
import { bienvenue, rendre } from '@/templates/email'
import { PDF_MINIMAL } from '@/tests/helpers/fichiers'

const CLE_API = `re_test_${crypto.randomBytes(6).toString('hex')}`
let resend: ResendFactice
let ctx: ContexteTest
let payload: Payload
const envTest: Record<string, string> = {}

type Ligne = { id: string | number; status: string; attempts: number; lastError?: string | null; providerId?: string | null; prochainEssai?: string | null; cle: string; pieceJointeEnvoyee?: string | null; fournisseur?: string | null }

const lire = async (id: string | number) => (await payload.findByID({ collection: 'emails', id, depth: 0, overrideAccess: true })) as unknown as Ligne

async function nouvelEmail(to: string, extra: { pieceJointe?: number } = {}): Promise<Ligne> {
  const cle = `test:${crypto.randomUUID()}`
  const [id] = await ajouterEmails(payload, undefined, [{ to, cle, rendu: rendre(bienvenue('Zoé', { libelle: 'Ouvrir', url: 'http://127.0.0.1/' })), ...extra }])
  return lire(id!)
}

const parCle = (cle: string) => ({ requetes: resend.requetes.filter((r) => r.cle === cle), livres: resend.livres.filter((l) => l.cle === cle) })

beforeAll(async () => {
  resend = await demarrerResendFactice(CLE_API)
  Object.assign(envTest, { RESEND_API_KEY: CLE_API, RESEND_BASE_URL: resend.url, EMAIL_FROM: 'envoi@monopco.test', EMAIL_FROM_NAME: 'MonOPCO Test' })
  ctx = await demarrerPayload('emails_resend', envTest)
  payload = ctx.payload
})
afterAll(async () => {
  await ctx?.fermer()
  await resend?.fermer()
})

describe('Resend (adaptateur officiel routé vers un serveur local)', () => {
  it('envoie par le job, avec la clé d’idempotence de la ligne, et enregistre l’identifiant du fournisseur', async () => {
    const e = await nouvelEmail('claire@exemple.fr')
    expect(e.status).toBe('queued')
    await payload.jobs.run()
    const apres = await lire(e.id)
    const { requetes, livres } = parCle(e.cle)
    expect(requetes).toHaveLength(1)
    expect(livres).toHaveLength(1)
    expect(requetes[0]!.autorisation).toBe(`Bearer ${CLE_API}`)
    expect(requetes[0]!.corps).toMatchObject({ from: 'MonOPCO Test <envoi@monopco.test>', to: 'claire@exemple.fr', subject: 'Bienvenue sur MonOPCO' })
    expect(String(requetes[0]!.corps.html)).toContain('Bienvenue, Zoé')
    expect(String(requetes[0]!.corps.text)).toContain('Bienvenue, Zoé')
    expect(apres).toMatchObject({ status: 'sent', attempts: 1, providerId: livres[0]!.id, fournisseur: 'resend', lastError: null })
  })

  it('429 puis 503 : réessayé après le délai (exponentiel, Retry-After respecté), puis envoyé une seule fois', async () => {
    resend.programmer(
      { status: 429, body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests.' }, headers: { 'Retry-After': '120' } },
      { status: 503, body: { statusCode: 503, name: 'application_error', message: 'Service indisponible.' } },
    )
    const e = await nouvelEmail('retry@exemple.fr')
    const t0 = Date.now()
    await payload.jobs.run()
    let l = await lire(e.id)
    expect(l).toMatchObject({ status: 'queued', attempts: 1 })
    expect(l.lastError).toMatch(/HTTP 429/)
    // Retry-After (120 s) wins over the first backoff step (60 s).
    expect(Date.parse(l.prochainEssai!) - t0).toBeGreaterThanOrEqual(119_000)

    // Not due yet: a pass now sends nothing.
    expect((await envoyerEmailsDus(payload)).envoye).toBe(0)
    expect(parCle(e.cle).requetes).toHaveLength(1)

    // A pass once it is due: 503, retried again, the delay doubled (60 s × 2).
    const t1 = new Date(Date.parse(l.prochainEssai!) + 1000)
    await envoyerEmailsDus(payload, { maintenant: t1 })
    l = await lire(e.id)
    expect(l).toMatchObject({ status: 'queued', attempts: 2 })
    expect(l.lastError).toMatch(/HTTP 503.*Service indisponible/)
    expect(Date.parse(l.prochainEssai!) - t1.getTime()).toBe(120_000)

    await envoyerEmailsDus(payload, { maintenant: new Date(Date.parse(l.prochainEssai!) + 1000) })
    l = await lire(e.id)
    const { requetes, livres } = parCle(e.cle)
    expect(l).toMatchObject({ status: 'sent', attempts: 3, lastError: null, providerId: livres[0]!.id })
    expect(requetes.map((r) => r.cle)).toEqual([e.cle, e.cle, e.cle])
    expect(livres).toHaveLength(1)
  })

  it('erreur de validation 4xx : « failed » avec le message du fournisseur, jamais réessayé', async () => {
    const message = 'Invalid `to` field. The email address needs to follow the `email@example.com` format.'
    resend.programmer({ status: 422, body: { statusCode: 422, name: 'validation_error', message } })
    const e = await nouvelEmail('invalide@exemple.fr')
    await payload.jobs.run()
    const l = await lire(e.id)
    expect(l).toMatchObject({ status: 'failed', attempts: 1, prochainEssai: null })
    expect(l.lastError).toContain(message)
    expect(l.lastError).toContain('HTTP 422')
    await envoyerEmailsDus(payload, { maintenant: new Date(Date.now() + 24 * 3600_000) })
    expect(parCle(e.cle).requetes).toHaveLength(1)
    expect((await lire(e.id)).status).toBe('failed')
  })

  it('un worker tué après l’envoi et avant l’enregistrement : le renvoi porte la même clé, le fournisseur ne délivre qu’une fois', async () => {
    const e = await nouvelEmail('crash@exemple.fr')
    // A real worker process (scripts/worker.ts, what `npm run jobs` runs; node with tsx's loader
    // so the SIGKILL reaches the worker itself), killed by the provider the moment it has
    // accepted the e-mail — before the worker can record it.
    const worker = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
      env: { ...process.env, NODE_OPTIONS: '--conditions=development', JOBS_AUTORUN: 'false', ...envTest },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let sortie = ''
    worker.stdout?.on('data', (d) => (sortie += d))
    worker.stderr?.on('data', (d) => (sortie += d))
    const fin = new Promise<NodeJS.Signals | number | null>((r) => worker.once('exit', (code, signal) => r(signal ?? code)))
    resend.surLivraison = async (livraison) => {
      if (livraison.cle !== e.cle) return
      worker.kill('SIGKILL')
      await fin
    }
    const issue = await fin
    resend.surLivraison = null
    expect({ issue, sortie: issue === 'SIGKILL' ? '' : sortie }).toEqual({ issue: 'SIGKILL', sortie: '' })

    let l = await lire(e.id)
    expect(l).toMatchObject({ status: 'queued', attempts: 1, providerId: null })
    expect(parCle(e.cle).livres).toHaveLength(1)

    // Later (the claim's lease has run out), the sweep sends it again with the same key.
    await envoyerEmailsDus(payload, { maintenant: new Date(Date.now() + 3600_000) })
    l = await lire(e.id)
    const { requetes, livres } = parCle(e.cle)
    expect(requetes).toHaveLength(2)
    expect(requetes.every((r) => r.cle === e.cle)).toBe(true)
    expect(livres).toHaveLength(1)
    expect(l).toMatchObject({ status: 'sent', attempts: 2, providerId: livres[0]!.id })
  })

  it('joint la demande de prise en charge (octets lus par Payload) et note le fichier envoyé', async () => {
    const dossier = await payload.create({ collection: 'dossiers', data: { typeFormation: 'formation', beneficiaire: { nom: 'Durand', prenom: 'Claire' } } as never })
    const pdf = PDF_MINIMAL
    const doc = await payload.create({
      collection: 'documents',
      data: { dossier: dossier.id, documentType: 'demande_prise_en_charge', origin: 'generated' } as never,
      file: { data: pdf, mimetype: 'application/pdf', name: 'demande-prise-en-charge.pdf', size: pdf.length },
      overrideAccess: true,
    })
    const e = await nouvelEmail('atlas@exemple.fr', { pieceJointe: doc.id })
    await payload.jobs.run()
    const l = await lire(e.id)
    const { requetes } = parCle(e.cle)
    const pieces = requetes[0]!.corps.attachments as { filename: string; content: string }[]
    expect(pieces).toHaveLength(1)
    expect(pieces[0]!.filename).toBe(String((doc as { filename?: string }).filename))
    expect(Buffer.from(pieces[0]!.content, 'base64').equals(pdf)).toBe(true)
    expect(l.status).toBe('sent')
    expect(l.pieceJointeEnvoyee).toContain(String((doc as { filename?: string }).filename))
    expect(l.pieceJointeEnvoyee).toContain(crypto.createHash('sha256').update(pdf).digest('hex'))
  })
})
