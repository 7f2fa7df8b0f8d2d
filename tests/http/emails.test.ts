/**
 * E-mails over real HTTP (the built app on 127.0.0.1, no provider configured — the dev default):
 * each workflow transition writes exactly the expected outbox rows for exactly the expected
 * people, in the transition's own transaction; welcome, password reset and message e-mails;
 * the Resend webhook (Svix signatures made with the `svix` library, independently of ours);
 * « renvoyer »; the timeline; and the bad-input matrix of every endpoint added.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import crypto from 'node:crypto'
import type { Payload } from 'payload'
import { Webhook } from 'svix'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerMonde, MOT_DE_PASSE, PROGRAMME_TEST, richText, signerConventionPourTests, type Monde } from '@/tests/helpers/fixtures'
import { MESSAGE_SANS_FOURNISSEUR } from '@/plugins/notifications/index'
import { ajouterEmails } from '@/src/services/emails/boiteEnvoi'
import { bienvenue, rendre } from '@/templates/email'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
type Role = 'admin' | 'userA' | 'userB' | 'opcoA'
const auth = {} as Record<Role, Record<string, string>>
const SECRET = `whsec_${crypto.randomBytes(24).toString('base64')}`
const ADMINS = ['admin@test.fr', 'admin2@test.fr']
const BENEFICIAIRE_A = ['claire@exemple.fr', 'user.a@test.fr']

const dansJours = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)

async function dossier(beneficiaire: Record<string, string> = {}) {
  return payload.create({
    collection: 'dossiers',
    data: {
      typeFormation: 'formation',
      owner: monde.userA.id,
      company: monde.companyA.id,
      opco: monde.opcoA.id,
      beneficiaire: { nom: 'Durand', prenom: 'Claire', email: 'Claire@Exemple.fr', telephone: '0601020304', ...beneficiaire },
      formation: { titre: 'Excel avancé', programme: PROGRAMME_TEST, organisme: monde.provider.id, dureeHeures: 14, dateDebut: dansJours(60), dateFin: dansJours(61), modalite: 'presentiel' },
      coutTotalHT: 140000,
    } as never,
  })
}

const transition = async (qui: Role, id: unknown, action: string, parametres: Record<string, unknown> = {}) => {
  const res = await fetch(`${s.url}/api/dossiers/${id}/transition`, { method: 'POST', headers: { ...auth[qui], 'Content-Type': 'application/json' }, body: JSON.stringify({ action, ...parametres }) })
  const body = (await res.json()) as { errors?: { message: string }[] }
  expect({ action, status: res.status, erreur: body.errors?.[0]?.message }).toEqual({ action, status: 200, erreur: undefined })
}

type Ligne = { id: number | string; to: string; template: string; subject: string; html: string; text: string; status: string; lastError?: string | null; pieceJointe?: unknown; cle: string; updatedAt: string; providerId?: string | null; renvoiDe?: unknown }
const emails = async (where: Record<string, unknown> = {}) =>
  (await payload.find({ collection: 'emails', where: where as never, pagination: false, depth: 0, sort: 'id', overrideAccess: true })).docs as unknown as Ligne[]

/** The rows a step added for a dossier, as « template → recipient », sorted. */
async function nouveaux(dossierId: unknown, avant: Set<string>): Promise<string[]> {
  const lignes = await emails({ dossier: { equals: dossierId } })
  const nouv = lignes.filter((l) => !avant.has(String(l.id)))
  for (const l of nouv) avant.add(String(l.id))
  return nouv.map((l) => `${l.template} → ${l.to}`).sort()
}
const pour = (modele: string, adresses: string[]) => adresses.map((a) => `${modele} → ${a}`).sort()

async function jobs() {
  for (let i = 0; i < 3; i++) await payload.jobs.run({ limit: 100 })
}

beforeAll(async () => {
  s = await demarrerServeur('emails', { RESEND_WEBHOOK_SECRET: SECRET })
  payload = s.payload
  monde = await creerMonde(payload)
  await payload.create({ collection: 'users', data: { email: 'admin2@test.fr', password: MOT_DE_PASSE, role: 'admin', nom: 'Martin', prenom: 'Léa' } as never })
  const comptes: Record<Role, string> = { admin: monde.admin.email, userA: monde.userA.email, userB: monde.userB.email, opcoA: monde.opcoUserA.email }
  for (const [role, email] of Object.entries(comptes) as [Role, string][]) auth[role] = { Authorization: `JWT ${await connecter(s.url, email, MOT_DE_PASSE)}` }
})
afterAll(async () => s?.arreter())

describe('workflow : chaque transition écrit exactement les e-mails attendus, aux bonnes personnes', () => {
  it('du dépôt à la réponse de l’OPCO (pièces demandées, pièces transmises, accord partiel)', async () => {
    const d = await dossier()
    const vus = new Set<string>()
    await transition('userA', d.id, 'submit', { certification: true })
    // Written with the transition (same transaction), before any job has run.
    expect(await nouveaux(d.id, vus)).toEqual([...pour('accuse_reception', BENEFICIAIRE_A), ...pour('nouveau_dossier_equipe', ADMINS)].sort())
    await transition('admin', d.id, 'review')
    expect(await nouveaux(d.id, vus)).toEqual([])
    await transition('admin', d.id, 'validate')
    expect(await nouveaux(d.id, vus)).toEqual(pour('dossier_valide', BENEFICIAIRE_A))
    await jobs() // the convention and the demande de prise en charge are generated
    await signerConventionPourTests(payload, d.id)
    await transition('admin', d.id, 'send')
    expect(await nouveaux(d.id, vus)).toEqual([...pour('dossier_envoye', BENEFICIAIRE_A), 'dossier_opco → atlas@exemple.fr'].sort())
    const [versOpco] = await emails({ and: [{ dossier: { equals: d.id } }, { template: { equals: 'dossier_opco' } }] })
    const dpc = await payload.find({ collection: 'documents', where: { and: [{ dossier: { equals: d.id } }, { documentType: { equals: 'demande_prise_en_charge' } }] }, depth: 0, overrideAccess: true })
    expect(dpc.docs).toHaveLength(1)
    expect(versOpco!.pieceJointe).toBe(dpc.docs[0]!.id)
    expect(versOpco!.text).toContain(String((dpc.docs[0] as { filename?: string }).filename))

    await transition('opcoA', d.id, 'answer', { decision: 'pieces_demandees', pieces: ['Programme détaillé', 'Devis signé'] })
    expect(await nouveaux(d.id, vus)).toEqual([...pour('reponse_opco', BENEFICIAIRE_A), ...pour('reponse_opco_equipe', ADMINS)].sort())
    const [reponse] = await emails({ and: [{ dossier: { equals: d.id } }, { template: { equals: 'reponse_opco' } }, { to: { equals: 'user.a@test.fr' } }] })
    expect(reponse!.text).toContain('  - Programme détaillé\n  - Devis signé')
    expect(reponse!.html).toContain('<li>Programme détaillé</li>')

    await transition('userA', d.id, 'complete-documents')
    expect(await nouveaux(d.id, vus)).toEqual(pour('pieces_transmises_equipe', ADMINS))
    await transition('opcoA', d.id, 'answer', { decision: 'accepte_partiel', numeroDossierOpco: 'ATL-77', montantValide: 100000 })
    expect(await nouveaux(d.id, vus)).toEqual([...pour('reponse_opco', BENEFICIAIRE_A), ...pour('reponse_opco_equipe', ADMINS)].sort())
    const partiel = (await emails({ and: [{ dossier: { equals: d.id } }, { template: { equals: 'reponse_opco' } }] })).at(-1)!
    expect(partiel.subject).toContain('accord partiel')
    expect(partiel.text).toMatch(/Montant accordé : 1\s000,00\s€/)
    await transition('admin', d.id, 'start')
    expect(await nouveaux(d.id, vus)).toEqual([])

    // No provider configured (the dev default): the rows stay queued and say why.
    await jobs()
    const toutes = await emails({ dossier: { equals: d.id } })
    expect(new Set(toutes.map((l) => l.status))).toEqual(new Set(['queued']))
    expect(new Set(toutes.map((l) => l.lastError))).toEqual(new Set([MESSAGE_SANS_FOURNISSEUR]))
  })

  it('refus motivé, valeurs hostiles échappées ; annulation par l’équipe (et rien quand le bénéficiaire annule son brouillon)', async () => {
    const hostile = '<img src=x onerror=alert(1)>'
    const d = await dossier({ nom: hostile, prenom: '<script>alert(2)</script>' })
    const vus = new Set<string>()
    await transition('userA', d.id, 'submit', { certification: true })
    await transition('admin', d.id, 'review')
    await transition('admin', d.id, 'validate')
    await jobs()
    await signerConventionPourTests(payload, d.id)
    await transition('admin', d.id, 'send')
    await nouveaux(d.id, vus)
    await transition('opcoA', d.id, 'answer', { decision: 'refuse', motif: 'plafond_depasse', commentaire: 'Coût horaire <b>au-dessus</b> du plafond.' })
    expect(await nouveaux(d.id, vus)).toEqual([...pour('reponse_opco', BENEFICIAIRE_A), ...pour('reponse_opco_equipe', ADMINS)].sort())
    const [refus] = await emails({ and: [{ dossier: { equals: d.id } }, { template: { equals: 'reponse_opco' } }] })
    expect(refus!.text).toContain('Coût supérieur aux plafonds de prise en charge')
    expect(refus!.text).toContain('Coût horaire <b>au-dessus</b> du plafond.')
    for (const l of await emails({ dossier: { equals: d.id } })) {
      expect(l.html).not.toContain('<img src=x')
      expect(l.html).not.toContain('<script>alert')
      expect(l.html).not.toContain('<b>au-dessus')
    }
    expect(refus!.html).toContain('&lt;img src&#61;x onerror&#61;alert(1)&gt;')

    const annule = await dossier()
    await transition('userA', annule.id, 'submit', { certification: true })
    await nouveaux(annule.id, vus)
    await transition('admin', annule.id, 'cancel', { commentaire: 'Formation reportée.' })
    expect(await nouveaux(annule.id, vus)).toEqual(pour('dossier_annule', BENEFICIAIRE_A))
    const brouillon = await dossier()
    await transition('userA', brouillon.id, 'cancel')
    expect(await nouveaux(brouillon.id, vus)).toEqual([])
  })
})

describe('transitions concurrentes', () => {
  it('deux « submit » simultanés : un seul gagne, un seul jeu d’e-mails (écrit avec la transition gagnante)', async () => {
    const d = await dossier()
    const envoyer = () => fetch(`${s.url}/api/dossiers/${d.id}/transition`, { method: 'POST', headers: { ...auth.userA, 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'submit', certification: true }) })
    const codes = (await Promise.all([envoyer(), envoyer(), envoyer()])).map((r) => r.status).sort()
    expect(codes).toEqual([200, 409, 409])
    expect(await nouveaux(d.id, new Set())).toEqual([...pour('accuse_reception', BENEFICIAIRE_A), ...pour('nouveau_dossier_equipe', ADMINS)].sort())
  })
})

describe('comptes et messages', () => {
  it('inscription → bienvenue ; mot de passe oublié → lien de réinitialisation par la boîte d’envoi ; adresse inconnue → rien', async () => {
    const res = await fetch(`${s.url}/api/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'nouveau@test.fr', password: MOT_DE_PASSE, nom: 'Neuf', prenom: 'Noé' }) })
    expect(res.status).toBe(201)
    expect((await emails({ to: { equals: 'nouveau@test.fr' } })).map((l) => l.template)).toEqual(['bienvenue'])

    const avant = (await emails()).length
    const oubli = await fetch(`${s.url}/api/auth/forgot-password`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'user.a@test.fr' }) })
    expect(oubli.status).toBe(200)
    const [reset] = await emails({ and: [{ to: { equals: 'user.a@test.fr' } }, { template: { equals: 'mot_de_passe' } }] })
    const user = await payload.find({ collection: 'users', where: { email: { equals: 'user.a@test.fr' } }, showHiddenFields: true, depth: 0, overrideAccess: true })
    const token = (user.docs[0] as { resetPasswordToken?: string }).resetPasswordToken!
    expect(token).toBeTruthy()
    expect(reset!.subject).toBe('Réinitialisation de votre mot de passe MonOPCO')
    // A beneficiary resets on the portal; the team on the admin's page.
    expect(reset!.html).toContain(`${s.url}/reinitialiser/${token}`)
    expect(reset!.text).toContain(`${s.url}/reinitialiser/${token}`)
    expect(reset!.status).toBe('queued')
    expect((await emails()).length).toBe(avant + 1)
    await fetch(`${s.url}/api/auth/forgot-password`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'admin@test.fr' }) })
    const [resetAdmin] = await emails({ and: [{ to: { equals: 'admin@test.fr' } }, { template: { equals: 'mot_de_passe' } }] })
    expect(resetAdmin!.text).toMatch(new RegExp(`${s.url}/admin/reset/[a-f0-9]+`))
    expect((await emails()).length).toBe(avant + 2)

    await fetch(`${s.url}/api/auth/forgot-password`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'personne@test.fr' }) })
    expect((await emails()).length).toBe(avant + 2)
  })

  it('un message du bénéficiaire prévient l’équipe ; un message de l’équipe prévient le titulaire du dossier', async () => {
    const d = await dossier()
    const vus = new Set((await emails()).map((l) => String(l.id)))
    const ecrire = (qui: Role, texte: string) =>
      fetch(`${s.url}/api/messages`, { method: 'POST', headers: { ...auth[qui], 'Content-Type': 'application/json' }, body: JSON.stringify({ dossier: d.id, body: richText(texte) }) })
    expect((await ecrire('userA', 'Bonjour, où en est mon dossier ?')).status).toBe(201)
    expect(await nouveaux(d.id, vus)).toEqual(pour('message_recu_equipe', ADMINS))
    expect((await ecrire('admin', 'Il part demain chez l’OPCO.')).status).toBe(201)
    expect(await nouveaux(d.id, vus)).toEqual(['message_recu → user.a@test.fr'])
    const [m] = await emails({ and: [{ dossier: { equals: d.id } }, { template: { equals: 'message_recu' } }] })
    expect(m!.text).toContain('Il part demain chez l’OPCO.')
  })

  it('« Recevoir les rappels » : modifiable par l’utilisateur lui-même, pas par un autre', async () => {
    const moi = await fetch(`${s.url}/api/users/${monde.userA.id}`, { method: 'PATCH', headers: { ...auth.userA, 'Content-Type': 'application/json' }, body: JSON.stringify({ recevoirRelances: false }) })
    expect(moi.status).toBe(200)
    const autre = await fetch(`${s.url}/api/users/${monde.userA.id}`, { method: 'PATCH', headers: { ...auth.userB, 'Content-Type': 'application/json' }, body: JSON.stringify({ recevoirRelances: true }) })
    expect([403, 404]).toContain(autre.status)
    expect((await payload.findByID({ collection: 'users', id: monde.userA.id, depth: 0 })).recevoirRelances).toBe(false)
    await payload.update({ collection: 'users', id: monde.userA.id, data: { recevoirRelances: true } as never })
  })
})

describe('boîte d’envoi : lecture réservée aux administrateurs, aucune écriture par l’API', () => {
  it('REST', async () => {
    const [une] = await emails()
    for (const qui of ['userA', 'opcoA'] as Role[]) {
      expect((await fetch(`${s.url}/api/emails`, { headers: auth[qui] })).status).toBe(403)
      expect((await fetch(`${s.url}/api/emails/${une!.id}`, { headers: auth[qui] })).status).toBe(403)
    }
    expect((await fetch(`${s.url}/api/emails`, { headers: auth.admin })).status).toBe(200)
    const creer = await fetch(`${s.url}/api/emails`, { method: 'POST', headers: { ...auth.admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ to: 'x@y.fr', template: 'x', subject: 'x' }) })
    expect(creer.status).toBe(403)
    const modifier = await fetch(`${s.url}/api/emails/${une!.id}`, { method: 'PATCH', headers: { ...auth.admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'delivered' }) })
    expect(modifier.status).toBe(403)
    expect((await fetch(`${s.url}/api/emails/${une!.id}`, { method: 'DELETE', headers: auth.admin })).status).toBe(403)
    expect((await payload.findByID({ collection: 'emails', id: une!.id, depth: 0 })).status).toBe(une!.status)
  })

  it('l’historique du dossier montre ses e-mails aux administrateurs seulement', async () => {
    const d = await dossier()
    await transition('userA', d.id, 'submit', { certification: true })
    const admin = (await (await fetch(`${s.url}/api/dossiers/${d.id}/historique`, { headers: auth.admin })).json()) as { historique: { type: string; titre: string; detail: string }[] }
    const lignes = admin.historique.filter((h) => h.type === 'email')
    expect(lignes.map((h) => h.detail.split(' · ')[0]).sort()).toEqual(['à admin2@test.fr', 'à admin@test.fr', 'à claire@exemple.fr', 'à user.a@test.fr'])
    expect(lignes[0]!.titre).toMatch(/^E-mail « /)
    const user = (await (await fetch(`${s.url}/api/dossiers/${d.id}/historique`, { headers: auth.userA })).json()) as { historique: { type: string }[] }
    expect(user.historique.filter((h) => h.type === 'email')).toEqual([])
  })
})

/** A row as if the provider had accepted it (the webhook and « renvoyer » act on sent rows). */
async function ligneEnvoyee(statut = 'sent', providerId: string | null = `prov-${crypto.randomUUID()}`): Promise<Ligne> {
  const [id] = await ajouterEmails(payload, undefined, [{ to: 'claire@exemple.fr', cle: `test:${crypto.randomUUID()}`, rendu: rendre(bienvenue('Claire', { libelle: 'Ouvrir', url: 'http://127.0.0.1/' })) }])
  await payload.update({ collection: 'emails', id: id!, data: { status: statut, providerId, sentAt: new Date().toISOString() } as never, overrideAccess: true, context: { audit: false } })
  return (await payload.findByID({ collection: 'emails', id: id!, depth: 0 })) as unknown as Ligne
}

describe('webhook Resend (POST /api/webhooks/resend, signature Svix)', () => {
  const wh = new Webhook(SECRET)
  const evenement = (type: string, emailId: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ type, created_at: new Date().toISOString(), data: { email_id: emailId, to: ['claire@exemple.fr'], ...extra } })
  const signer = (corps: string, quand = new Date(), w: Webhook = wh) => {
    const id = `msg_${crypto.randomBytes(8).toString('hex')}`
    return { 'svix-id': id, 'svix-timestamp': String(Math.floor(quand.getTime() / 1000)), 'svix-signature': w.sign(id, quand, corps), 'Content-Type': 'application/json' }
  }
  const poster = (corps: string, headers: Record<string, string>) => fetch(`${s.url}/api/webhooks/resend`, { method: 'POST', headers, body: corps })

  it('signature valide : délivré, puis rejeté (avec la raison) ; un « délivré » tardif ne l’efface pas', async () => {
    const l = await ligneEnvoyee()
    const corps = evenement('email.delivered', l.providerId!)
    const ok = await poster(corps, signer(corps))
    expect(ok.status).toBe(200)
    expect((await payload.findByID({ collection: 'emails', id: l.id, depth: 0 })).status).toBe('delivered')
    const rebond = evenement('email.bounced', l.providerId!, { bounce: { message: 'Mailbox does not exist', type: 'Permanent' } })
    expect((await poster(rebond, signer(rebond))).status).toBe(200)
    const apres = await payload.findByID({ collection: 'emails', id: l.id, depth: 0 })
    expect(apres.status).toBe('bounced')
    expect(apres.lastError).toContain('Mailbox does not exist')
    const tardif = evenement('email.delivered', l.providerId!)
    expect((await poster(tardif, signer(tardif))).status).toBe(200)
    expect((await payload.findByID({ collection: 'emails', id: l.id, depth: 0 })).status).toBe('bounced')
  })

  it('signature invalide, absente, d’un autre secret, rejouée (horodatage ancien) ou future → 401 et rien ne change', async () => {
    const l = await ligneEnvoyee()
    const corps = evenement('email.delivered', l.providerId!)
    const bons = signer(corps)
    const autre = new Webhook(`whsec_${crypto.randomBytes(24).toString('base64')}`)
    const cas: [string, Record<string, string>, string][] = [
      ['signature modifiée', { ...bons, 'svix-signature': bons['svix-signature'].replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }, corps],
      ['corps modifié après signature', bons, corps.replace('delivered', 'complained')],
      ['sans en-têtes', { 'Content-Type': 'application/json' }, corps],
      ['sans svix-signature', { ...bons, 'svix-signature': '' }, corps],
      ['autre secret', signer(corps, new Date(), autre), corps],
      ['rejouée (10 min)', signer(corps, new Date(Date.now() - 10 * 60_000)), corps],
      ['future (10 min)', signer(corps, new Date(Date.now() + 10 * 60_000)), corps],
      ['horodatage non numérique', { ...bons, 'svix-timestamp': 'hier' }, corps],
      ['session admin sans signature', { ...auth.admin, 'Content-Type': 'application/json' }, corps],
    ]
    for (const [nom, headers, c] of cas) {
      const res = await poster(c, headers)
      expect({ nom, status: res.status }).toEqual({ nom, status: 401 })
      expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/signature|Horodatage|En-têtes/i)
    }
    const apres = await payload.findByID({ collection: 'emails', id: l.id, depth: 0 })
    expect({ status: apres.status, updatedAt: apres.updatedAt }).toEqual({ status: 'sent', updatedAt: l.updatedAt })
  })

  it('corps signé mais mal formé → 400 ; trop gros → 413 ; e-mail inconnu ou événement sans effet → 200 ignoré', async () => {
    for (const corps of ['pas du json', '[]', '{}', JSON.stringify({ type: 'email.delivered' }), JSON.stringify({ type: 'email.delivered', data: { email_id: 42 } }), '']) {
      const res = await poster(corps, signer(corps))
      expect({ corps, status: res.status }).toEqual({ corps, status: 400 })
    }
    const gros = evenement('email.delivered', 'x', { bourrage: 'x'.repeat(2 * 1024 * 1024) })
    expect((await poster(gros, signer(gros))).status).toBe(413)
    const inconnu = evenement('email.delivered', 'jamais-envoye')
    const r = await poster(inconnu, signer(inconnu))
    expect(r.status).toBe(200)
    expect(((await r.json()) as { ignore?: boolean }).ignore).toBe(true)
    const l = await ligneEnvoyee()
    const ouvert = evenement('email.opened', l.providerId!)
    expect((await poster(ouvert, signer(ouvert))).status).toBe(200)
    expect((await payload.findByID({ collection: 'emails', id: l.id, depth: 0 })).status).toBe('sent')
    expect((await fetch(`${s.url}/api/webhooks/resend`)).status).toBeGreaterThanOrEqual(404)
  })
})

describe('renvoyer (POST /api/emails/:id/renvoyer)', () => {
  const renvoyer = (qui: Role | null, id: unknown, corps?: string, headers: Record<string, string> = {}) =>
    fetch(`${s.url}/api/emails/${id}/renvoyer`, { method: 'POST', headers: { ...(qui ? auth[qui] : {}), 'Content-Type': 'application/json', ...headers }, ...(corps !== undefined ? { body: corps } : {}) })

  it('matrice des mauvaises entrées : rien n’est écrit', async () => {
    const l = await ligneEnvoyee('failed')
    const avant = (await emails()).length
    const cas: [string, Role | null, unknown, string | undefined, number][] = [
      ['anonyme', null, l.id, '{}', 401],
      ['bénéficiaire', 'userA', l.id, '{}', 403],
      ['OPCO', 'opcoA', l.id, '{}', 403],
      ['identifiant mal formé', 'admin', 'abc', '{}', 400],
      ['identifiant injecté', 'admin', '1%20OR%201%3D1', '{}', 400],
      ['e-mail inexistant', 'admin', 99999999, '{}', 404],
      ['JSON mal formé', 'admin', l.id, '{"confirmer":', 400],
      ['tableau', 'admin', l.id, '[]', 400],
      ['champ inconnu', 'admin', l.id, '{"status":"delivered"}', 400],
      ['confirmer non booléen', 'admin', l.id, '{"confirmer":"oui"}', 400],
      ['adresse invalide', 'admin', l.id, '{"to":"pas-une-adresse"}', 400],
      ['adresse trop longue', 'admin', l.id, JSON.stringify({ to: `${'a'.repeat(300)}@x.fr` }), 400],
      ['trop gros', 'admin', l.id, JSON.stringify({ to: 'x'.repeat(2 * 1024 * 1024) }), 413],
    ]
    for (const [nom, qui, id, corps, attendu] of cas) {
      const res = await renvoyer(qui, id, corps)
      expect({ nom, status: res.status }).toEqual({ nom, status: attendu })
      if (attendu !== 413) expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/[a-zé]/)
    }
    expect((await emails()).length).toBe(avant)
  })

  it('échec → nouvelle ligne liée ; déjà délivré → confirmation exigée ; jamais deux renvois en attente ; en file → refusé', async () => {
    const echec = await ligneEnvoyee('failed')
    const r1 = await renvoyer('admin', echec.id)
    expect(r1.status).toBe(201)
    const { id: nouvelId } = (await r1.json()) as { id: number | string }
    const nouvelle = (await payload.findByID({ collection: 'emails', id: nouvelId, depth: 0 })) as unknown as Ligne
    expect(nouvelle).toMatchObject({ status: 'queued', to: echec.to, subject: echec.subject, html: echec.html, renvoiDe: echec.id })
    expect((await renvoyer('admin', echec.id)).status).toBe(409)
    expect((await renvoyer('admin', nouvelId)).status).toBe(409)

    const delivre = await ligneEnvoyee('delivered')
    const sansConfirmation = await renvoyer('admin', delivre.id, '{}')
    expect(sansConfirmation.status).toBe(409)
    expect(JSON.stringify(await sansConfirmation.json())).toMatch(/second exemplaire/)
    expect((await emails({ renvoiDe: { equals: delivre.id } })).length).toBe(0)
    const confirme = await renvoyer('admin', delivre.id, JSON.stringify({ confirmer: true, to: 'autre@exemple.fr' }))
    expect(confirme.status).toBe(201)
    expect((await emails({ renvoiDe: { equals: delivre.id } })).map((l) => l.to)).toEqual(['autre@exemple.fr'])
    const audit = await payload.find({ collection: 'logs', where: { and: [{ collectionSlug: { equals: 'emails' } }, { action: { equals: 'create' } }] }, depth: 0, overrideAccess: true })
    expect(audit.docs.some((l) => l.actor === monde.admin.id)).toBe(true)
  })
})

describe('admin', () => {
  it('la liste des e-mails montre l’état du fournisseur et un filtre par statut ; la fiche propose « Renvoyer »', async () => {
    const page = async (chemin: string) => {
      const res = await fetch(`${s.url}${chemin}`, { headers: auth.admin })
      expect(res.status).toBe(200)
      return res.text()
    }
    const liste = await page('/admin/collections/emails')
    expect(liste).toContain('Aucun fournisseur d’e-mail configuré')
    for (const statut of ['queued', 'sent', 'delivered', 'bounced', 'complained', 'failed']) expect(liste).toContain(`where[status][equals]=${statut}`)
    expect(liste).toContain('emails-etat')
    const une = await ligneEnvoyee('failed')
    const fiche = await page(`/admin/collections/emails/${une.id}`)
    expect(fiche).toContain('renvoyer-bouton')
  })
})
