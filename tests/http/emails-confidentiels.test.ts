/**
 * E-mails that carry a personal link or code (src/domain/notifications/confidentiel.ts) over real
 * HTTP (the built app; SQLite or PostgreSQL: TEST_DB), with the fake Resend as provider: the
 * signers read their link and code in what Resend received — full content, the code signs — while
 * an admin reads neither through REST, GraphQL, the admin panel, the audit log, nor the dossier
 * archive; an ordinary e-mail stays readable. « Renvoyer » still delivers the content, and a
 * provider error that echoes the message leaves no secret in « Dernière erreur ».
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import JSZip from 'jszip'
import type { Payload } from 'payload'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { demarrerResendFactice, type ResendFactice } from '@/tests/helpers/resendFactice'
import { CODE_DANS_TEXTE, deposerConventionGeneree, poster } from '@/tests/helpers/signatureConvention'
import { PDF_MINIMAL } from '@/tests/helpers/fichiers'
import { ajouterEmails } from '@/src/services/emails/boiteEnvoi'
import { executerEmargement } from '@/src/services/emargement'
import { jourParis } from '@/src/domain/echeances'
import { MODELES_CONFIDENTIELS } from '@/src/domain/notifications'
import { bienvenue, rendre } from '@/templates/email'

const CLE_API = 're_test_confidentiel'
let resend: ResendFactice
let s: ServeurDeTest
let payload: Payload
let monde: Monde
let entetes: Awaited<ReturnType<typeof entetesDuMonde>>
let dossier: number
let ordinaire: number
/** Every secret the signers received: none may appear in what an admin reads. */
const secrets: string[] = []

type Ligne = { id: number; template: string; to: string; subject: string; html?: string | null; text?: string | null; confidentiel?: boolean | null; status?: string | null; lastError?: string | null }

const jobs = async () => {
  for (let i = 0; i < 3; i++) await payload.jobs.run({ limit: 100 })
}
/** What Resend received for `to` of `modele` (the recipient's mailbox), newest last. */
const boite = (to: string | null, modele: string) =>
  resend.livres.filter((l) => (to === null || JSON.stringify(l.corps.to).includes(to)) && String(l.corps.html).includes(`content="${modele}"`)).map((l) => ({ text: String(l.corps.text), html: String(l.corps.html), subject: String(l.corps.subject) }))
const lignes = async (where: Record<string, unknown>) => (await payload.find({ collection: 'emails', where: where as never, sort: 'id', pagination: false, depth: 0, overrideAccess: true })).docs as unknown as Ligne[]
const admin = () => entetes.admin
const getJson = async (chemin: string) => {
  const res = await fetch(`${s.url}${chemin}`, { headers: admin() })
  return { status: res.status, texte: await res.text() }
}
const graphql = async (query: string) => {
  const res = await fetch(`${s.url}/api/graphql`, { method: 'POST', headers: { ...admin(), 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) })
  expect(res.status).toBe(200)
  return (await res.json()) as { data: Record<string, unknown>; errors?: unknown[] }
}
const sansSecret = (texte: string) => {
  for (const secret of secrets) expect(texte).not.toContain(secret)
}

beforeAll(async () => {
  resend = await demarrerResendFactice(CLE_API)
  const envResend = { RESEND_API_KEY: CLE_API, RESEND_BASE_URL: resend.url, EMAIL_FROM: 'envoi@monopco.test' }
  // The test's Local API runs the send jobs: it needs the provider too (read once, at config import).
  Object.assign(process.env, envResend)
  s = await demarrerServeur('emails-confidentiels', envResend)
  payload = s.payload
  monde = await creerMonde(payload)
  entetes = await entetesDuMonde(s.url, monde)

  // An ordinary e-mail: readable by admins as before.
  ordinaire = (await ajouterEmails(payload, undefined, [{ to: 'claire@exemple.fr', cle: 'test:bienvenue', rendu: rendre(bienvenue('Claire', { libelle: 'Ouvrir', url: 'http://127.0.0.1/' })) }]))[0]!

  // Convention signing: the link, then the code, read from the signer's mailbox (Resend).
  const d = await creerDossier(payload, monde, 'A', 'valide', { formation: { titre: 'Excel', dureeHeures: 7, organisme: monde.provider.id, dateDebut: '2027-03-01', dateFin: '2027-03-02', formateur: { prenom: 'Luc', nom: 'Moreau', email: 'luc.moreau@formapro.fr' } } })
  dossier = d.id
  await deposerConventionGeneree(payload, d.id)
  await payload.create({ collection: 'documents', data: { dossier: d.id, documentType: 'demande_prise_en_charge', origin: 'generated' } as never, file: { data: Buffer.from(PDF_MINIMAL), mimetype: 'application/pdf', name: `dpc-${d.id}.pdf`, size: PDF_MINIMAL.length }, overrideAccess: true })
  const demande = await poster(s.url, `/api/dossiers/${d.id}/signature-convention`, { signataires: [{ role: 'entreprise', nom: 'Lefèvre', prenom: 'Agnès', fonction: 'Gérante', email: 'rh@alpha.exemple.fr' }, { role: 'organisme', nom: 'Nguyen', prenom: 'Thi', fonction: 'Responsable', email: 'of@forma.exemple.fr' }] }, admin())
  expect(demande.status).toBe(201)

  // Attendance: today's links, and a password reset through Payload's own e-mail.
  await payload.create({ collection: 'seances', data: { dossier: d.id, date: jourParis(new Date()), demiJournee: 'matin', heureDebut: '00:00', heureFin: '03:30', dureeMinutes: 210 } as never })
  await executerEmargement(payload, new Date())
  expect((await poster(s.url, '/api/auth/forgot-password', { email: monde.userA.email })).status).toBe(200)
  await jobs()
}, 240_000)

afterAll(async () => {
  await s?.arreter()
  await resend?.fermer()
})

describe('le destinataire reçoit tout ; le code reçu signe', () => {
  it('liens et code complets chez Resend ; la signature avec le code reçu aboutit', async () => {
    const [lien] = boite('rh@alpha.exemple.fr', 'signature_convention_lien')
    const jeton = /\/signature\/([A-Za-z0-9_-]{43})/.exec(lien!.text)?.[1]
    expect(jeton).toBeTruthy()
    secrets.push(jeton!)
    expect((await poster(s.url, `/api/signatures/${jeton}/code`)).status).toBe(200)
    await jobs()
    const [courriel] = boite('rh@alpha.exemple.fr', 'signature_convention_code')
    const code = CODE_DANS_TEXTE.exec(courriel!.text)?.[1]
    expect(code).toMatch(/^\d{6}$/)
    expect(courriel!.html).toContain(code)
    expect(courriel!.subject).not.toContain(code)
    secrets.push(code!)
    const signe = await poster(s.url, `/api/signatures/${jeton}/signer`, { code, signature: 'Agnès Lefèvre', consentement: true })
    expect(signe.status).toBe(200)

    for (const e of boite('of@forma.exemple.fr', 'signature_convention_lien')) secrets.push(/\/signature\/([A-Za-z0-9_-]{43})/.exec(e.text)![1]!)
    const emargement = boite(null, 'emargement_lien')
    // The trainee (the dossier's beneficiary) and the trainer.
    expect(emargement).toHaveLength(2)
    for (const e of emargement) secrets.push(/\/emargement\/([A-Za-z0-9_-]{43})/.exec(e.text)![1]!)
    const [reset] = boite(monde.userA.email, 'mot_de_passe')
    const jetonReset = /\/reinitialiser\/([A-Za-z0-9_-]+)/.exec(reset!.text)?.[1]
    expect(jetonReset).toBeTruthy()
    secrets.push(jetonReset!)
    expect(secrets.length).toBeGreaterThanOrEqual(5)
  })
})

describe('personne ne lit le contenu, administrateurs compris', () => {
  it('REST : liste et fiche sans html ni texte pour les lignes confidentielles ; l’e-mail ordinaire les garde', async () => {
    const confidentielles = await lignes({ template: { in: [...MODELES_CONFIDENTIELS] } })
    expect(new Set(confidentielles.map((l) => l.template))).toEqual(new Set(['signature_convention_lien', 'signature_convention_code', 'emargement_lien', 'mot_de_passe']))
    expect(confidentielles.every((l) => l.confidentiel === true && typeof l.text === 'string' && l.text.length > 0)).toBe(true)

    const liste = await getJson('/api/emails?limit=100&depth=0')
    expect(liste.status).toBe(200)
    sansSecret(liste.texte)
    const docs = (JSON.parse(liste.texte) as { docs: Ligne[] }).docs
    for (const l of docs.filter((x) => x.confidentiel)) expect([l.template, l.html, l.text]).toEqual([l.template, undefined, undefined])
    const lisible = docs.find((x) => x.id === ordinaire)!
    expect(lisible.confidentiel).toBe(false)
    expect(lisible.html).toContain('<!doctype html>')
    expect(lisible.text).toContain('Bienvenue')

    for (const l of confidentielles) {
      const fiche = await getJson(`/api/emails/${l.id}?depth=1`)
      expect(fiche.status).toBe(200)
      sansSecret(fiche.texte)
      expect(JSON.parse(fiche.texte)).toMatchObject({ id: l.id, subject: l.subject, confidentiel: true })
      expect(JSON.parse(fiche.texte)).not.toHaveProperty('html')
      // Asking for the fields by name changes nothing (the flag is always read with them).
      const choisis = await getJson(`/api/emails/${l.id}?select[html]=true&select[text]=true`)
      sansSecret(choisis.texte)
      expect(JSON.parse(choisis.texte)).toEqual({ id: l.id, confidentiel: true })
      sansSecret((await getJson(`/api/emails?select[text]=true&limit=100`)).texte)
    }
    expect(JSON.parse((await getJson(`/api/emails/${ordinaire}`)).texte).html).toContain('Bienvenue')
    expect(JSON.parse((await getJson(`/api/emails/${ordinaire}?select[text]=true`)).texte).text).toContain('Bienvenue')
  })

  it('REST : ni filtre ni tri sur le contenu (il permettrait de deviner un code caractère par caractère)', async () => {
    for (const chemin of ['/api/emails?where[text][like]=0&depth=0', '/api/emails?where[html][exists]=true', '/api/emails?sort=text', '/api/emails?where[or][0][text][contains]=signature']) {
      const r = await getJson(chemin)
      expect({ chemin, status: r.status }).toEqual({ chemin, status: 400 })
      sansSecret(r.texte)
    }
  })

  it('GraphQL : html et text à null pour les lignes confidentielles, présents pour l’e-mail ordinaire', async () => {
    const r = await graphql('{ Emails(limit: 100) { docs { id template confidentiel subject lastError html text } } }')
    sansSecret(JSON.stringify(r))
    const docs = (r.data.Emails as { docs: (Ligne & { id: number })[] }).docs
    expect(docs.filter((d) => d.confidentiel).length).toBeGreaterThanOrEqual(5)
    for (const d of docs.filter((x) => x.confidentiel)) expect([d.html, d.text]).toEqual([null, null])
    expect(docs.find((d) => Number(d.id) === ordinaire)!.html).toContain('Bienvenue')
    const [code] = await lignes({ template: { equals: 'signature_convention_code' } })
    const une = await graphql(`{ Email(id: ${code!.id}) { html text subject } }`)
    expect(une.data.Email).toEqual({ html: null, text: null, subject: code!.subject })
    const filtre = await fetch(`${s.url}/api/graphql`, { method: 'POST', headers: { ...admin(), 'Content-Type': 'application/json' }, body: JSON.stringify({ query: '{ Emails(where: { text: { like: "0" } }) { docs { id } } }' }) })
    const corpsFiltre = (await filtre.json()) as { data?: { Emails?: { docs: unknown[] } | null }; errors?: unknown[] }
    expect(corpsFiltre.errors?.length ?? 0).toBeGreaterThan(0)
    expect(corpsFiltre.data?.Emails?.docs ?? []).toEqual([])
  })

  it('admin : la fiche montre la note « Contenu masqué », pas le contenu ; l’e-mail ordinaire montre le sien', async () => {
    const [code] = await lignes({ template: { equals: 'signature_convention_code' } })
    const page = await fetch(`${s.url}/admin/collections/emails/${code!.id}`, { headers: admin() })
    expect(page.status).toBe(200)
    const html = await page.text()
    sansSecret(html)
    expect(html).toContain('Contenu masqué : cet e-mail contient un lien ou un code personnel.')
    const autre = await (await fetch(`${s.url}/admin/collections/emails/${ordinaire}`, { headers: admin() })).text()
    expect(autre).toContain('Votre compte MonOPCO est créé')
  })

  it('l’archive du dossier porte la note à la place du contenu', async () => {
    const res = await fetch(`${s.url}/api/dossiers/${dossier}/archive`, { headers: admin() })
    expect(res.status).toBe(200)
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))
    const emls = Object.keys(zip.files).filter((n) => n.startsWith('emails/'))
    expect(emls.length).toBeGreaterThan(0)
    for (const n of emls) {
      const eml = await zip.file(n)!.async('string')
      sansSecret(eml)
      expect(eml).toContain('Contenu masqué')
    }
  })
})

describe('renvoyer, erreurs du fournisseur, journal', () => {
  it('« Renvoyer » un e-mail confidentiel : le destinataire reçoit le contenu complet ; la copie reste masquée ; le journal ne le copie pas', async () => {
    const [code] = await lignes({ template: { equals: 'signature_convention_code' } })
    expect(code!.status).toBe('sent')
    const avant = boite('rh@alpha.exemple.fr', 'signature_convention_code').length
    const r = await fetch(`${s.url}/api/emails/${code!.id}/renvoyer`, { method: 'POST', headers: { ...admin(), 'Content-Type': 'application/json' }, body: JSON.stringify({ confirmer: true }) })
    expect(r.status).toBe(201)
    const { id } = (await r.json()) as { id: number }
    await jobs()
    const recus = boite('rh@alpha.exemple.fr', 'signature_convention_code')
    expect(recus).toHaveLength(avant + 1)
    expect(recus.at(-1)!.text).toBe(code!.text)
    expect(recus.at(-1)!.text).toContain(secrets[1])
    const copie = (await payload.findByID({ collection: 'emails', id, depth: 0, overrideAccess: true })) as unknown as Ligne
    expect(copie).toMatchObject({ status: 'sent', confidentiel: true })
    sansSecret((await getJson(`/api/emails/${id}`)).texte)
    const journal = await getJson('/api/logs?limit=200&depth=0&where[collectionSlug][equals]=emails')
    expect(journal.status).toBe(200)
    expect((JSON.parse(journal.texte) as { totalDocs: number }).totalDocs).toBeGreaterThan(0)
    sansSecret(journal.texte)
  })

  it('une erreur du fournisseur qui cite le message : « Dernière erreur » sans lien ni jeton', async () => {
    expect((await poster(s.url, '/api/auth/forgot-password', { email: monde.admin.email })).status).toBe(200)
    const [ligne] = await lignes({ and: [{ template: { equals: 'mot_de_passe' } }, { to: { equals: monde.admin.email } }] })
    const lien = /(https?:\/\/\S+\/admin\/reset\/[A-Za-z0-9]+)/.exec(String(ligne!.text))![1]!
    secrets.push(lien, lien.split('/').at(-1)!)
    resend.programmer({ status: 422, body: { statusCode: 422, name: 'validation_error', message: `Invalid html: <a href="${lien}">Choisir un nouveau mot de passe</a>` } })
    await jobs()
    const apres = (await payload.findByID({ collection: 'emails', id: ligne!.id, depth: 0, overrideAccess: true })) as unknown as Ligne
    expect(apres.status).toBe('failed')
    expect(apres.lastError).toMatch(/^Resend \(HTTP 422\) : .*Invalid html: <a href="\[lien masqué\]">Choisir un nouveau mot de passe<\/a>$/)
    sansSecret(String(apres.lastError))
    sansSecret((await getJson(`/api/emails/${ligne!.id}`)).texte)
  })
})
