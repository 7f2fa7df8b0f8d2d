/**
 * Signing links over real HTTP (the built app; SQLite or PostgreSQL: TEST_DB): every refusal of
 * POST /api/emargement/:jeton has its code and writes nothing (tests/helpers/instantane.ts) —
 * unknown, malformed, tampered 404; used 409; expired or not yet valid 410; a non-image or
 * oversized signature 400; a trainee declaring an absence 403; nobody signs under another's name
 * or writes a session's signatures through the collection API. Two simultaneous uses of one link:
 * one 200, one 409.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import crypto from 'node:crypto'
import { executerEmargement } from '@/src/services/emargement'
import { jourParis } from '@/src/domain/echeances'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { differences, prendreInstantane, tablesDeLaBase } from '@/tests/helpers/instantane'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const JOUR_MS = 86_400_000

let s: ServeurDeTest
let monde: Monde
let tables: string[]
let entetes: Awaited<ReturnType<typeof entetesDuMonde>>
const seances: Record<'aujourdhui' | 'hier' | 'demain' | 'autre', number> = { aujourdhui: 0, hier: 0, demain: 0, autre: 0 }

/** The links of the outbox, by session and role (what the signers received). */
async function liens(seance: number): Promise<Record<'stagiaire' | 'formateur', string>> {
  const r = await s.payload.find({ collection: 'emails', where: { cle: { like: `emargement:%:${seance}:%` } }, sort: '-id', pagination: false, overrideAccess: true })
  const out: Record<string, string> = {}
  for (const e of r.docs) {
    const role = /:(stagiaire|formateur)(?::|$)/.exec(String(e.cle))?.[1]
    const jeton = /\/emargement\/([A-Za-z0-9_-]{43})/.exec(String(e.text))?.[1]
    if (role && jeton && !out[role]) out[role] = jeton
  }
  return out as Record<'stagiaire' | 'formateur', string>
}

const signer = (jeton: string, corps: unknown, headers: Record<string, string> = {}) =>
  fetch(`${s.url}/api/emargement/${jeton}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'User-Agent': 'TestNavigateur/1.0', ...headers }, body: typeof corps === 'string' ? corps : JSON.stringify(corps) })

/** A refused request: its status, a French message, and the database unchanged. */
async function refuse(appel: () => Promise<Response>, statut: number, message?: RegExp): Promise<void> {
  const detail = ['seances', 'seances_signatures', 'jetons_emargement', 'emails', 'logs', 'compteurs'].filter((t) => tables.includes(t))
  const avant = await prendreInstantane(s.payload, tables, detail)
  const res = await appel()
  const corps = (await res.json()) as { errors?: { message?: string }[] }
  expect([res.status, corps.errors?.[0]?.message ?? '']).toEqual([statut, expect.stringMatching(message ?? /./)])
  expect(differences(avant, await prendreInstantane(s.payload, tables, detail))).toEqual([])
}

beforeAll(async () => {
  s = await demarrerServeur('emargement')
  monde = await creerMonde(s.payload)
  const formation = (titre: string) => ({ titre, dureeHeures: 7, organisme: monde.provider.id, dateDebut: '2027-03-01', dateFin: '2027-03-05', formateur: { prenom: 'Luc', nom: 'Moreau', email: 'luc.moreau@formapro.fr' } })
  const a = await creerDossier(s.payload, monde, 'A', 'en_formation', { formation: formation('Excel avancé') })
  const b = await creerDossier(s.payload, monde, 'B', 'en_formation', { formation: formation('Anglais'), beneficiaire: { nom: 'Petit', prenom: 'Jean', email: 'jean.petit@exemple.fr' } })
  const maintenant = Date.now()
  const jour = (decalage: number) => jourParis(new Date(maintenant + decalage * JOUR_MS))
  const creer = async (dossier: number, date: string) =>
    (await s.payload.create({ collection: 'seances', data: { dossier, date, demiJournee: 'matin', heureDebut: '00:00', heureFin: '03:30', dureeMinutes: 210 } as never })).id
  seances.aujourdhui = await creer(a.id, jour(0))
  seances.hier = await creer(a.id, jour(-1))
  seances.demain = await creer(a.id, jour(1))
  seances.autre = await creer(b.id, jour(0))
  // The links of each day, sent as the daily task would have sent them that day.
  await executerEmargement(s.payload, new Date(maintenant - JOUR_MS))
  await executerEmargement(s.payload, new Date(maintenant))
  await executerEmargement(s.payload, new Date(maintenant + JOUR_MS))
  for (let i = 0; i < 3; i++) await s.payload.jobs.run({ limit: 100 })
  tables = await tablesDeLaBase(s.payload)
  entetes = await entetesDuMonde(s.url, monde)
}, 180_000)
afterAll(async () => s?.arreter())

describe('POST /api/emargement/:jeton — refus sans écriture', () => {
  it('inconnu, mal formé, altéré → 404', async () => {
    const { stagiaire } = await liens(seances.aujourdhui)
    const altere = `${stagiaire.slice(0, 10)}${stagiaire[10] === 'A' ? 'B' : 'A'}${stagiaire.slice(11)}`
    await refuse(() => signer(crypto.randomBytes(32).toString('base64url'), { signature: PNG }), 404, /inconnu/)
    await refuse(() => signer(altere, { signature: PNG }), 404, /inconnu/)
    await refuse(() => signer('abc', { signature: PNG }), 404)
    await refuse(() => signer(`${stagiaire}x`, { signature: PNG }), 404)
    // The hash itself (what the database holds) is not a link.
    const brut = await s.payload.find({ collection: 'jetons-emargement', limit: 1, overrideAccess: true, showHiddenFields: true })
    await refuse(() => signer(String((brut.docs[0] as { hash?: string }).hash), { signature: PNG }), 404)
  })

  it('expiré (séance d’hier) ou pas encore valable (demain) → 410', async () => {
    const hier = (await liens(seances.hier)).stagiaire
    const demain = (await liens(seances.demain)).formateur
    await refuse(() => signer(hier, { signature: PNG }), 410, /expiré/)
    await refuse(() => signer(demain, { signature: PNG }), 410, /pas encore/)
  })

  it('signature qui n’est pas une image PNG/SVG, ou de plus de 200 Ko → 400', async () => {
    const { stagiaire } = await liens(seances.aujourdhui)
    const grosPng = Buffer.concat([Buffer.from(PNG.split(',')[1]!, 'base64'), Buffer.alloc(201 * 1024, 7)])
    await refuse(() => signer(stagiaire, { signature: `data:image/png;base64,${grosPng.toString('base64')}` }), 400, /200 Ko/)
    await refuse(() => signer(stagiaire, { signature: `data:image/png;base64,${Buffer.from('GIF89a pas un png').toString('base64')}` }), 400, /PNG/)
    await refuse(() => signer(stagiaire, { signature: 'data:text/html;base64,PHNjcmlwdD4=' }), 400)
    await refuse(() => signer(stagiaire, { signature: `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')}` }), 400, /scripts/)
    await refuse(() => signer(stagiaire, { signature: 'https://exemple.fr/signature.png' }), 400)
    await refuse(() => signer(stagiaire, {}), 400)
    await refuse(() => signer(stagiaire, '[1,2]'), 400)
    await refuse(() => signer(stagiaire, '{"signature":'), 400)
  })

  it('le stagiaire ne déclare ni absence ni minutes (403) ; personne ne signe sous le nom d’un autre (403)', async () => {
    const { stagiaire, formateur } = await liens(seances.aujourdhui)
    await refuse(() => signer(stagiaire, { absent: true }), 403, /formateur/)
    await refuse(() => signer(stagiaire, { minutes: 60, signature: PNG }), 403)
    await refuse(() => signer(stagiaire, { nom: 'Luc Moreau' }), 403, /autre personne/)
    await refuse(() => signer(formateur, { nom: 'Claire Durand' }), 403, /autre personne/)
    await refuse(() => signer(formateur, { minutes: 210 }), 400)
    await refuse(() => signer(formateur, { minutes: 0 }), 400)
    await refuse(() => signer(formateur, { absent: 'oui' }), 400)
  })

  it('les signatures d’une séance ne s’écrivent pas par l’API de la collection, même par un admin', async () => {
    const signature = { role: 'stagiaire', nom: 'Claire Durand', signeLe: new Date().toISOString(), empreinte: 'a'.repeat(64) }
    for (const qui of ['userA', 'userB', 'anonyme'] as const) {
      await refuse(() => fetch(`${s.url}/api/seances/${seances.aujourdhui}`, { method: 'PATCH', headers: { ...entetes[qui], 'Content-Type': 'application/json' }, body: JSON.stringify({ signatures: [signature], statut: 'signee' }) }), 403)
    }
    const avant = await s.payload.findByID({ collection: 'seances', id: seances.aujourdhui, overrideAccess: true })
    await fetch(`${s.url}/api/seances/${seances.aujourdhui}`, { method: 'PATCH', headers: { ...entetes.admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ signatures: [signature] }) })
    expect((await s.payload.findByID({ collection: 'seances', id: seances.aujourdhui, overrideAccess: true })).signatures).toEqual(avant.signatures)
  })
})

describe('POST /api/emargement/:jeton — signer', () => {
  it('deux envois simultanés du même lien : un 200, un 409 ; ensuite 409 sans écriture ; l’autre dossier intact', async () => {
    const { stagiaire } = await liens(seances.aujourdhui)
    const autreAvant = await s.payload.findByID({ collection: 'seances', id: seances.autre, overrideAccess: true })
    const [r1, r2] = await Promise.all([signer(stagiaire, { signature: PNG }), signer(stagiaire, { signature: PNG })])
    expect([r1.status, r2.status].sort()).toEqual([200, 409])
    await refuse(() => signer(stagiaire, { signature: PNG }), 409, /déjà servi/)
    const seance = await s.payload.findByID({ collection: 'seances', id: seances.aujourdhui, overrideAccess: true })
    expect(seance.signatures).toHaveLength(1)
    expect(seance.signatures![0]).toMatchObject({ role: 'stagiaire', nom: 'Claire Durand', userAgent: 'TestNavigateur/1.0', image: PNG, ip: expect.any(String) })
    expect(seance.statut).toBe('a_signer')
    // Dossier B's session, signed by nobody, is untouched.
    expect(await s.payload.findByID({ collection: 'seances', id: seances.autre, overrideAccess: true })).toEqual(autreAvant)
  })

  it('le formateur signe en tapant son nom : la séance est signée', async () => {
    const { formateur } = await liens(seances.aujourdhui)
    const res = await signer(formateur, { nom: 'luc moreau' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ statut: 'signee', role: 'formateur' })
  })

  it('les liens ne se lisent pas par l’API (admins : sans le hash) ; « Renvoyer le lien » : admins seulement', async () => {
    for (const qui of ['userA', 'opcoA', 'anonyme'] as const) expect((await fetch(`${s.url}/api/jetons-emargement`, { headers: entetes[qui] })).status).toBe(403)
    const admin = (await (await fetch(`${s.url}/api/jetons-emargement?limit=100`, { headers: entetes.admin })).json()) as { docs: Record<string, unknown>[] }
    expect(admin.docs.length).toBeGreaterThan(0)
    expect(admin.docs.every((d) => !('hash' in d))).toBe(true)
    const renvoyer = (qui: keyof typeof entetes, corps: unknown, id = seances.autre) =>
      fetch(`${s.url}/api/seances/${id}/renvoyer-lien`, { method: 'POST', headers: { ...entetes[qui], 'Content-Type': 'application/json' }, body: JSON.stringify(corps) })
    await refuse(() => renvoyer('anonyme', { role: 'stagiaire' }), 401)
    await refuse(() => renvoyer('userB', { role: 'stagiaire' }), 403)
    await refuse(() => renvoyer('opcoA', { role: 'stagiaire' }), 403)
    await refuse(() => renvoyer('admin', { role: 'directeur' }), 400)
    await refuse(() => renvoyer('admin', { role: 'stagiaire' }, 999_999), 404)
    await refuse(() => renvoyer('admin', { role: 'stagiaire' }, seances.aujourdhui), 409)
    await refuse(() => renvoyer('admin', { role: 'stagiaire' }, seances.hier), 422)
    const ancien = (await liens(seances.autre)).stagiaire
    const res = await renvoyer('admin', { role: 'stagiaire' })
    expect(res.status).toBe(201)
    const nouveau = (await liens(seances.autre)).stagiaire
    expect(nouveau).not.toBe(ancien)
    await refuse(() => signer(ancien, { signature: PNG }), 409)
    expect((await signer(nouveau, { signature: PNG })).status).toBe(200)
  })
})
