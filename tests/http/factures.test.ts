import type { Invoice } from '@/src/payload-types'
/**
 * Invoice endpoints over real HTTP: POST /api/invoices/:id/emettre and /avoir (admins only),
 * their GraphQL mutations, the bad-input matrix (malformed JSON, oversized motif, wrong role,
 * bad or unknown id, wrong state) — each refusal a clear 4xx in French with nothing written —
 * and the immutability of an issued invoice over REST and GraphQL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { formaterNumeroFacture } from '@/src/domain/facturation'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let dossierA: { id: number | string }
const ANNEE = new Date().getUTCFullYear()
type Qui = 'admin' | 'userA' | 'userB' | 'opcoA' | 'anonyme'
const auth: Record<Qui, Record<string, string>> = { admin: {}, userA: {}, userB: {}, opcoA: {}, anonyme: {} }

beforeAll(async () => {
  s = await demarrerServeur('factures')
  payload = s.payload
  monde = await creerMonde(payload)
  auth.admin = { Authorization: `JWT ${await connecter(s.url, monde.admin.email, MOT_DE_PASSE)}` }
  auth.userA = { Authorization: `JWT ${await connecter(s.url, monde.userA.email, MOT_DE_PASSE)}` }
  auth.userB = { Authorization: `JWT ${await connecter(s.url, monde.userB.email, MOT_DE_PASSE)}` }
  auth.opcoA = { Authorization: `JWT ${await connecter(s.url, monde.opcoUserA.email, MOT_DE_PASSE)}` }
  dossierA = await creerDossier(payload, monde, 'A', 'facture', { montantValide: 120_000, numeroDossierOpco: 'ATL-77', heuresRealisees: 14 })
})
afterAll(async () => s?.arreter())

type Corps = { doc?: Record<string, unknown>; factureOrigine?: Record<string, unknown>; message?: string; errors?: { message: string; manquants?: unknown[] }[] }
type Reponse = { status: number; body: Corps }

const poster = async (chemin: string, qui: Qui, corps?: string, type = 'application/json'): Promise<Reponse> => {
  const res = await fetch(`${s.url}/api/invoices/${chemin}`, { method: 'POST', headers: { ...auth[qui], ...(corps !== undefined ? { 'Content-Type': type } : {}) }, ...(corps !== undefined ? { body: corps } : {}) })
  const texte = await res.text()
  return { status: res.status, body: (texte ? JSON.parse(texte) : {}) as Corps }
}
const emettre = (id: unknown, qui: Qui = 'admin') => poster(`${String(id)}/emettre`, qui)
const avoir = (id: unknown, corps?: unknown, qui: Qui = 'admin') => poster(`${String(id)}/avoir`, qui, corps === undefined ? undefined : typeof corps === 'string' ? corps : JSON.stringify(corps))
const graphql = async (query: string, variables: Record<string, unknown>, qui: Qui = 'admin') => {
  const res = await fetch(`${s.url}/api/graphql`, { method: 'POST', headers: { ...auth[qui], 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) })
  return (await res.json()) as { data?: Record<string, Record<string, unknown> | null>; errors?: { message: string; extensions?: { statusCode?: number } }[] }
}

const brouillon = async (): Promise<{ id: number | string }> =>
  payload.create({
    collection: 'invoices',
    data: {
      dossier: dossierA.id,
      destinataire: 'opco',
      lignes: [{ libelle: 'Formation « Excel avancé »', quantite: 14, prixUnitaireHT: 10_000 }],
      mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI',
    } as never,
  })
const relire = (id: unknown) => payload.findByID({ collection: 'invoices', id: id as number, depth: 0 })
const compter = async () => (await payload.count({ collection: 'invoices' })).totalDocs
const emises = async () => (await payload.count({ collection: 'invoices', where: { numero: { exists: true } } })).totalDocs
const messageFrancais = (r: Reponse) => {
  expect(r.body.errors?.[0]?.message).toEqual(expect.any(String))
  expect(r.body.errors![0]!.message).toMatch(/[a-zà-ÿ]{3,}/i)
}

describe('POST /api/invoices/:id/emettre', () => {
  it('admin : 200 avec la facture émise (numéro, statut, dates) ; une seconde fois : 409, rien de changé', async () => {
    const b = await brouillon()
    const r = await emettre(b.id)
    expect(r.status).toBe(200)
    expect(r.body.doc).toMatchObject({ id: b.id, numero: formaterNumeroFacture('facture', ANNEE, 1), statut: 'emise', dateEmission: expect.any(String), dateEcheance: expect.any(String) })
    expect(r.body.message).toMatch(/émise/)
    const avant = await relire(b.id)
    const encore = await emettre(b.id)
    expect(encore.status).toBe(409)
    expect(encore.body.errors?.[0]?.message).toMatch(/déjà émise/)
    expect(await relire(b.id)).toEqual(avant)
  })

  it('mauvais rôle : utilisateur, OPCO, autre utilisateur → 403 ; anonyme → 401 ; rien émis', async () => {
    const b = await brouillon()
    const avant = await emises()
    for (const [qui, code] of [['userA', 403], ['userB', 403], ['opcoA', 403], ['anonyme', 401]] as const) {
      const r = await emettre(b.id, qui)
      expect([qui, r.status]).toEqual([qui, code])
      messageFrancais(r)
    }
    expect((await relire(b.id)).statut).toBe('brouillon')
    expect(await emises()).toBe(avant)
  })

  it('identifiant non numérique → 400 ; inconnu → 404 ; brouillon incomplet → 422 avec ce qui manque', async () => {
    for (const id of ['abc', '1.5', '-1', '1%20OR%201=1']) {
      const r = await emettre(id)
      expect([id, r.status]).toEqual([id, 400])
      messageFrancais(r)
    }
    const inconnu = await emettre(999_999)
    expect(inconnu.status).toBe(404)
    messageFrancais(inconnu)
    const vide = await payload.create({ collection: 'invoices', data: { dossier: dossierA.id, destinataire: 'entreprise' } as never })
    const r = await emettre(vide.id)
    expect(r.status).toBe(422)
    expect(r.body.errors?.[0]?.manquants).toEqual(expect.arrayContaining([expect.objectContaining({ champ: 'lignes' })]))
    expect((await relire(vide.id)).numero).toBeNull()
  })
})

describe('POST /api/invoices/:id/avoir', () => {
  let emise: { id: number | string }
  beforeAll(async () => {
    emise = await brouillon()
    expect((await emettre(emise.id)).status).toBe(200)
  })

  it('corps invalide : JSON mal formé, tableau, motif trop long ou pas une chaîne, champ inconnu → 400, rien écrit', async () => {
    const avant = await compter()
    for (const corps of ['{"motif": ', '[]', '"texte"', 'null', JSON.stringify({ motif: 'x'.repeat(501) }), JSON.stringify({ motif: 12 }), JSON.stringify({ motif: 'ok', totalHT: 1 })]) {
      const r = await avoir(emise.id, corps)
      expect([corps.slice(0, 20), r.status]).toEqual([corps.slice(0, 20), 400])
      messageFrancais(r)
    }
    expect(await compter()).toBe(avant)
    expect((await relire(emise.id)).statut).toBe('emise')
  })

  it('corps mal formé → 400 pour tous ; mauvais rôle → 403 / 401 ; identifiant invalide → 400, inconnu → 404', async () => {
    const avant = await compter()
    for (const [qui, code] of [['userA', 403], ['opcoA', 403], ['userB', 403], ['anonyme', 401]] as const) {
      // A malformed body is refused before anything reads it, whoever sends it (README « Entrées refusées »).
      expect([qui, (await avoir(emise.id, '{mal formé', qui)).status]).toEqual([qui, 400])
      expect([qui, (await avoir(emise.id, { motif: 'x' }, qui)).status]).toEqual([qui, code])
    }
    expect((await avoir('abc', { motif: 'x' })).status).toBe(400)
    expect((await avoir(999_999, { motif: 'x' })).status).toBe(404)
    expect(await compter()).toBe(avant)
    expect((await relire(emise.id)).statut).toBe('emise')
  })

  it('un brouillon ne s’annule pas par avoir (409)', async () => {
    const b = await brouillon()
    const r = await avoir(b.id, { motif: 'x' })
    expect(r.status).toBe(409)
    messageFrancais(r)
  })

  it('admin : 201, l’avoir A-… émis et la facture annulée ; un second avoir → 409', async () => {
    const motif = 'é'.repeat(500)
    const r = await avoir(emise.id, { motif })
    expect(r.status).toBe(201)
    expect(r.body.doc).toMatchObject({ type: 'avoir', statut: 'emise', numero: formaterNumeroFacture('avoir', ANNEE, 1), factureOrigine: emise.id, motif, totalTTC: 140_000 })
    expect(r.body.factureOrigine).toMatchObject({ id: emise.id, statut: 'annulee' })
    const avant = await compter()
    const encore = await avoir(emise.id, { motif: 'encore' })
    expect(encore.status).toBe(409)
    expect(await compter()).toBe(avant)
    // The credit note itself cannot be cancelled nor issued again.
    expect((await avoir(r.body.doc!.id)).status).toBe(409)
    expect((await emettre(r.body.doc!.id)).status).toBe(409)
  })

  it('corps vide accepté (le motif est facultatif)', async () => {
    const b = await brouillon()
    await emettre(b.id)
    const r = await avoir(b.id)
    expect(r.status).toBe(201)
    expect(r.body.doc?.motif ?? null).toBeNull()
  })
})

describe('immuabilité par l’API', () => {
  let emise: Invoice
  beforeAll(async () => {
    const b = await brouillon()
    expect((await emettre(b.id)).status).toBe(200)
    emise = await relire(b.id)
  })

  it('PATCH d’une facture émise (admin) → 403, rien de changé', async () => {
    for (const data of [{ mentionTva: 'modifiée' }, { statut: 'payee' }, { totalHT: 1 }, { numero: 'F-2026-99999' }]) {
      const res = await fetch(`${s.url}/api/invoices/${String(emise.id)}`, { method: 'PATCH', headers: { ...auth.admin, 'Content-Type': 'application/json' }, body: JSON.stringify(data) })
      expect([data, res.status]).toEqual([data, 403])
      expect(JSON.stringify(await res.json())).toMatch(/émise|pas le droit/)
    }
    expect(await relire(emise.id)).toEqual(emise)
  })

  it('DELETE d’une facture émise (admin) → 403, elle reste', async () => {
    const res = await fetch(`${s.url}/api/invoices/${String(emise.id)}`, { method: 'DELETE', headers: auth.admin })
    expect(res.status).toBe(403)
    expect(await relire(emise.id)).toEqual(emise)
  })

  it('GraphQL updateInvoice / deleteInvoice d’une facture émise → 403, rien de changé', async () => {
    const maj = await graphql(`mutation($id: Int!) { updateInvoice(id: $id, data: { mentionTva: "modifiée" }) { id } }`, { id: Number(emise.id) })
    expect(maj.errors?.[0]?.extensions?.statusCode).toBe(403)
    const sup = await graphql(`mutation($id: Int!) { deleteInvoice(id: $id) { id } }`, { id: Number(emise.id) })
    expect(sup.errors?.[0]?.extensions?.statusCode).toBe(403)
    expect(await relire(emise.id)).toEqual(emise)
  })

  it('le numéro ne s’écrit jamais à la main, même par un admin (403 qui nomme le champ)', async () => {
    const avant = await compter()
    const res = await fetch(`${s.url}/api/invoices`, {
      method: 'POST',
      headers: { ...auth.admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ dossier: dossierA.id, destinataire: 'opco', numero: 'F-2026-99999', statut: 'emise' }),
    })
    expect(res.status).toBe(403)
    expect(JSON.stringify(await res.json())).toMatch(/numero, statut/)
    expect(await compter()).toBe(avant)
    const b = await brouillon()
    const patch = await fetch(`${s.url}/api/invoices/${String(b.id)}`, { method: 'PATCH', headers: { ...auth.admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ statut: 'emise' }) })
    expect(patch.status).toBe(403)
    expect((await relire(b.id)).statut).toBe('brouillon')
  })

  it('le bénéficiaire et son OPCO lisent la facture émise ; les autres non', async () => {
    for (const [qui, code] of [['userA', 200], ['opcoA', 200], ['userB', 404], ['anonyme', 403]] as const) {
      const res = await fetch(`${s.url}/api/invoices/${String(emise.id)}`, { headers: auth[qui] })
      expect([qui, res.status]).toEqual([qui, code])
    }
  })
})

describe('mutations GraphQL', () => {
  it('emettreFacture et emettreAvoir : mêmes règles et mêmes codes que REST', async () => {
    const b = await brouillon()
    const refuse = await graphql(`mutation($id: ID!) { emettreFacture(id: $id) { id numero } }`, { id: String(b.id) }, 'userA')
    expect(refuse.errors?.[0]?.extensions?.statusCode).toBe(403)
    expect((await relire(b.id)).statut).toBe('brouillon')

    const ok = await graphql(`mutation($id: ID!) { emettreFacture(id: $id) { id numero statut } }`, { id: String(b.id) })
    expect(ok.errors).toBeUndefined()
    expect(ok.data?.emettreFacture).toMatchObject({ statut: 'emise', numero: expect.stringMatching(new RegExp(`^F-${ANNEE}-\\d{5}$`)) })
    const encore = await graphql(`mutation($id: ID!) { emettreFacture(id: $id) { id } }`, { id: String(b.id) })
    expect(encore.errors?.[0]?.extensions?.statusCode).toBe(409)

    const trop = await graphql(`mutation($id: ID!, $motif: String) { emettreAvoir(id: $id, motif: $motif) { id } }`, { id: String(b.id), motif: 'x'.repeat(501) })
    expect(trop.errors?.[0]?.extensions?.statusCode).toBe(400)
    const av = await graphql(`mutation($id: ID!, $motif: String) { emettreAvoir(id: $id, motif: $motif) { numero type motif factureOrigine { id statut } } }`, { id: String(b.id), motif: 'Erreur de taux' })
    expect(av.errors).toBeUndefined()
    expect(av.data?.emettreAvoir).toMatchObject({ type: 'avoir', motif: 'Erreur de taux', numero: expect.stringMatching(new RegExp(`^A-${ANNEE}-\\d{5}$`)), factureOrigine: { id: b.id, statut: 'annulee' } })
    const mauvaisId = await graphql(`mutation { emettreFacture(id: "abc") { id } }`, {})
    expect(mauvaisId.errors?.[0]?.extensions?.statusCode).toBe(400)
  })
})
