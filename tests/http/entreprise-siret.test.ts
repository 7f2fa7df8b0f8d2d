/**
 * Company from its SIRET over real HTTP (the built app on 127.0.0.1, a local server speaking the
 * JSON of the State's « Recherche d'entreprises » API): GET /api/entreprises/siret/:siret fills
 * the form for admins and beneficiaries; unknown, 5xx, timeout, malformed, oversized and hostile
 * answers give a French 404/503 with `saisieManuelle: true`, never a 500 nor a wait past the
 * timeout; answers are cached; the register's state is stored on the company by the server (never
 * by a beneficiary) and a closed establishment is a blocking conformity finding.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, siretValide, type Monde } from '@/tests/helpers/fixtures'
import { demarrerRechercheEntreprisesFactice, reponseRecherche, type RechercheEntreprisesFactice } from '@/tests/helpers/rechercheEntreprisesFactice'

let s: ServeurDeTest
let api: RechercheEntreprisesFactice
let payload: Payload
let monde: Monde
type Role = 'admin' | 'userA' | 'userB' | 'opcoA'
const auth = {} as Record<Role, Record<string, string>>

const ACTIF = siretValide(73282932)
const FERME = siretValide(73282933)
const INCONNU = siretValide(73282934)
const HOSTILE = siretValide(73282935)

beforeAll(async () => {
  api = await demarrerRechercheEntreprisesFactice()
  s = await demarrerServeur('entreprise-siret', { ENTREPRISES_API_URL: api.url, ENTREPRISES_API_TIMEOUT_MS: '400', ENTREPRISES_API_RATE_LIMIT: '1000' })
  payload = s.payload
  monde = await creerMonde(payload)
  await payload.create({ collection: 'correspondances-idcc', data: { idcc: '1486', libelle: 'Bureaux d’études techniques (Syntec)', opco: monde.opcoA.id } })
  api.inscrire(ACTIF, reponseRecherche(ACTIF, { idcc: ['1486', '2098'] }))
  api.inscrire(FERME, reponseRecherche(FERME, { etat: 'F', nom: 'ANCIEN ATELIER' }))
  const comptes: Record<Role, string> = { admin: monde.admin.email, userA: monde.userA.email, userB: monde.userB.email, opcoA: monde.opcoUserA.email }
  for (const [qui, email] of Object.entries(comptes) as [Role, string][]) auth[qui] = { Authorization: `JWT ${await connecter(s.url, email, MOT_DE_PASSE)}` }
})

afterAll(async () => {
  await s?.arreter()
  await api?.fermer()
})

type Corps = Record<string, unknown> & { errors?: { message: string; saisieManuelle?: boolean }[] }
async function chercher(qui: Role | null, siret: string) {
  const res = await fetch(`${s.url}/api/entreprises/siret/${siret}`, { headers: qui ? auth[qui] : {} })
  const texte = await res.text()
  let body: Corps = {}
  try {
    body = JSON.parse(texte) as Corps
  } catch {
    /* a non-JSON body fails the assertions that read it */
  }
  return { status: res.status, body, texte, type: res.headers.get('content-type') ?? '' }
}
const requetesPour = (siret: string) => api.requetes.filter((r) => r.q === siret).length

describe('qui peut chercher', () => {
  it('anonyme 401, agent OPCO 403, SIRET invalide 400 en français — sans appel à l’API', async () => {
    const avant = api.requetes.length
    expect((await chercher(null, ACTIF)).status).toBe(401)
    const opco = await chercher('opcoA', ACTIF)
    expect(opco.status).toBe(403)
    expect(opco.body.errors?.[0]?.message).toMatch(/réservée/)
    for (const mauvais of ['12345678901234', '1234', 'abc', `${ACTIF}0`, '%3Cscript%3E', 'x'.repeat(60)]) {
      const r = await chercher('userA', mauvais)
      expect(r.status).toBe(400)
      expect(r.body.errors?.[0]?.message).toMatch(/SIRET/)
    }
    expect(api.requetes.length).toBe(avant)
  })
})

describe('un SIRET connu remplit la fiche', () => {
  it('raison sociale, adresse, NAF, tranche, état, IDCC et OPCO suggéré ; la réponse est mise en cache', async () => {
    const r = await chercher('userA', ACTIF)
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      siret: ACTIF,
      siren: ACTIF.slice(0, 9),
      raisonSociale: 'ATELIER DES LILAS',
      adresse: { rue: '12 RUE DES LILAS', codePostal: '69003', ville: 'LYON' },
      codeNaf: '62.02A',
      trancheEffectif: { code: '12', libelle: '20 à 49 salariés' },
      etatAdministratif: 'actif',
      idcc: ['1486', '2098'],
      opcoSuggere: { id: monde.opcoA.id, nom: 'Atlas' },
    })
    expect(api.requetes.filter((q) => q.q === ACTIF).every((q) => q.chemin === '/search')).toBe(true)
    const n = requetesPour(ACTIF)
    expect(n).toBe(1)
    // Spaces typed or pasted are accepted; the admin gets the same answer — from the cache.
    const admin = await chercher('admin', `${ACTIF.slice(0, 3)}%20${ACTIF.slice(3)}`)
    expect(admin.status).toBe(200)
    expect(admin.body.raisonSociale).toBe('ATELIER DES LILAS')
    expect(requetesPour(ACTIF)).toBe(n)
  })

  it('SIRET inconnu du registre → 404 « saisie manuelle »', async () => {
    const r = await chercher('userA', INCONNU)
    expect(r.status).toBe(404)
    expect(r.body.errors?.[0]).toMatchObject({ saisieManuelle: true })
    expect(r.body.errors?.[0]?.message).toMatch(/à la main/)
  })
})

describe('le registre en panne : saisie manuelle, rien n’attend', () => {
  const panne = async (programme: Parameters<RechercheEntreprisesFactice['programmer']>[0], siret: string) => {
    api.programmer(programme)
    const r = await chercher('admin', siret)
    expect(r.status).toBe(503)
    expect(r.body.errors?.[0]).toMatchObject({ saisieManuelle: true })
    expect(r.body.errors?.[0]?.message).toMatch(/ne répond pas/)
    return r
  }

  it('5xx, puis le registre revient : l’échec n’a pas été mis en cache', async () => {
    const siret = siretValide(81000001)
    api.inscrire(siret, reponseRecherche(siret))
    await panne({ type: 'http', status: 502 }, siret)
    await panne({ type: 'http', status: 429 }, siret)
    expect((await chercher('admin', siret)).status).toBe(200)
  })

  it('réponse plus lente que ENTREPRISES_API_TIMEOUT_MS → 503 (le registre aurait fini par répondre 200)', async () => {
    const siret = siretValide(81000002)
    api.inscrire(siret, reponseRecherche(siret))
    await panne({ type: 'lent', ms: 3000 }, siret)
  })

  it('JSON mal formé, autre chose que du JSON, JSON sans « results », corps de plusieurs Mo', async () => {
    const siret = siretValide(81000003)
    await panne({ type: 'malforme' }, siret)
    await panne({ type: 'brut', corps: '<html><body>Maintenance</body></html>', contentType: 'text/html' }, siret)
    await panne({ type: 'brut', corps: JSON.stringify({ erreur: 'quota' }) }, siret)
    await panne({ type: 'brut', corps: JSON.stringify({ results: [], padding: 'x'.repeat(3 * 1024 * 1024) }) }, siret)
  })

  it('registre injoignable (port fermé) → 503 sur une autre instance', async () => {
    const autre = await s.autreInstance({ ENTREPRISES_API_URL: 'http://127.0.0.1:9', ENTREPRISES_API_TIMEOUT_MS: '400' })
    const res = await fetch(`${autre.url}/api/entreprises/siret/${siretValide(81000004)}`, { headers: auth.userA })
    expect(res.status).toBe(503)
    expect(((await res.json()) as Corps).errors?.[0]).toMatchObject({ saisieManuelle: true })
    await autre.arreter()
  })
})

describe('réponses hostiles du registre', () => {
  it('balises, chaînes énormes, mauvais types, imbrication profonde : jamais de 500, du JSON, le serveur répond encore', async () => {
    const cas: { siret: string; reponse: unknown | string; attendu: number[] }[] = []
    let profond = '"fin"'
    for (let i = 0; i < 5000; i++) profond = `[${profond}]`
    const sirets = Array.from({ length: 8 }, (_, i) => siretValide(82000000 + i))
    cas.push({ siret: sirets[0]!, reponse: reponseRecherche(sirets[0]!, { nom: '<script>alert("x")</script><img src=x onerror=alert(1)>', commune: '"><svg onload=alert(1)>' }), attendu: [200] })
    cas.push({ siret: sirets[1]!, reponse: reponseRecherche(sirets[1]!, { nom: 'A'.repeat(200_000), adresse: 'B'.repeat(200_000) }), attendu: [200] })
    cas.push({ siret: sirets[2]!, reponse: reponseRecherche(sirets[2]!, { nom: { toString: 'x' }, etat: ['A'] }), attendu: [404] })
    cas.push({ siret: sirets[3]!, reponse: reponseRecherche(sirets[3]!, { idcc: 'pas une liste', tranche: { code: 12 }, naf: 62 }), attendu: [200] })
    cas.push({ siret: sirets[4]!, reponse: `{"results": ${profond}}`, attendu: [404, 503] })
    cas.push({ siret: sirets[5]!, reponse: `{"results": [{"siren": "${sirets[5]!.slice(0, 9)}", "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}]}`, attendu: [404] })
    cas.push({ siret: sirets[6]!, reponse: 'null', attendu: [503] })
    cas.push({ siret: sirets[7]!, reponse: { results: 'x'.repeat(10) }, attendu: [503] })
    for (const c of cas) {
      if (typeof c.reponse === 'string') api.programmer({ type: 'brut', corps: c.reponse })
      else api.inscrire(c.siret, c.reponse)
      const r = await chercher('admin', c.siret)
      expect([c.siret, c.attendu.includes(r.status)]).toEqual([c.siret, true])
      expect(r.type).toMatch(/^application\/json/)
    }
    const balises = await chercher('userA', sirets[0]!)
    // Raw text in a JSON string: the browser code puts it in input values and React text nodes.
    expect(balises.body.raisonSociale).toBe('<script>alert("x")</script><img src=x onerror=alert(1)>')
    expect((await chercher('userA', sirets[1]!)).body.raisonSociale).toHaveLength(200)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200)
    expect(s.journal()).not.toMatch(/Erreur serveur/)
  })
})

describe('l’état du registre enregistré sur l’entreprise, et la conformité', () => {
  it('un bénéficiaire ne peut pas écrire l’état du registre (403, rien d’écrit)', async () => {
    const avant = await payload.findByID({ collection: 'companies', id: monde.companyA.id, depth: 0 })
    const res = await fetch(`${s.url}/api/companies/${monde.companyA.id}`, {
      method: 'PATCH',
      headers: { ...auth.userA, 'Content-Type': 'application/json' },
      body: JSON.stringify({ registre: { etatAdministratif: 'actif' } }),
    })
    expect(res.status).toBe(403)
    expect(((await res.json()) as Corps).errors?.[0]?.message).toMatch(/registre/)
    const apres = await payload.findByID({ collection: 'companies', id: monde.companyA.id, depth: 0 })
    expect(apres.registre).toEqual(avant.registre)
    expect(apres.updatedAt).toBe(avant.updatedAt)
  })

  it('SIRET d’un établissement fermé, cherché puis enregistré → état « fermé » stocké, constat bloquant, validate refusé', async () => {
    expect((await chercher('userA', FERME)).body.etatAdministratif).toBe('ferme')
    // The beneficiary saves their company with that SIRET (the wizard's PATCH): the server stores the register's state.
    const res = await fetch(`${s.url}/api/companies/${monde.companyA.id}`, {
      method: 'PATCH',
      headers: { ...auth.userA, 'Content-Type': 'application/json' },
      body: JSON.stringify({ siret: FERME, raisonSociale: 'ANCIEN ATELIER' }),
    })
    expect(res.status).toBe(200)
    const company = await payload.findByID({ collection: 'companies', id: monde.companyA.id, depth: 0 })
    expect(company.registre?.etatAdministratif).toBe('ferme')
    expect(company.registre?.trancheEffectif).toBe('12')
    expect(typeof company.registre?.consulteLe).toBe('string')

    const d = await creerDossier(payload, monde, 'A', 'en_revue')
    const v = await fetch(`${s.url}/api/dossiers/${d.id}/transition`, { method: 'POST', headers: { ...auth.admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'validate' }) })
    expect(v.status).toBe(422)
    const e = ((await v.json()) as { errors: { constats?: { regle: string; severite: string; champs: string[] }[] }[] }).errors[0]!
    expect(e.constats?.find((c) => c.regle === 'etablissement-ferme')).toMatchObject({ severite: 'bloquant', champs: expect.arrayContaining(['company.registre.etatAdministratif']) })
    expect((await payload.findByID({ collection: 'dossiers', id: d.id, depth: 0 })).status).toBe('en_revue')

    // Back to an active SIRET that was looked up: the state follows, the finding goes.
    await chercher('userA', ACTIF)
    const retour = await fetch(`${s.url}/api/companies/${monde.companyA.id}`, { method: 'PATCH', headers: { ...auth.userA, 'Content-Type': 'application/json' }, body: JSON.stringify({ siret: ACTIF }) })
    expect(retour.status).toBe(200)
    expect((await payload.findByID({ collection: 'companies', id: monde.companyA.id, depth: 0 })).registre?.etatAdministratif).toBe('actif')
    const c = await fetch(`${s.url}/api/dossiers/${d.id}/conformite`, { method: 'POST', headers: auth.admin })
    const rapport = ((await c.json()) as { conformite: { constats: { regle: string }[] } }).conformite
    expect(rapport.constats.map((k) => k.regle)).not.toContain('etablissement-ferme')
  })

  it('un SIRET jamais cherché laisse l’état inconnu (pas l’état de l’ancien établissement)', async () => {
    const nouveau = siretValide(83000001)
    const res = await fetch(`${s.url}/api/companies/${monde.companyA.id}`, { method: 'PATCH', headers: { ...auth.userA, 'Content-Type': 'application/json' }, body: JSON.stringify({ siret: nouveau }) })
    expect(res.status).toBe(200)
    expect((await payload.findByID({ collection: 'companies', id: monde.companyA.id, depth: 0 })).registre?.etatAdministratif ?? null).toBeNull()
  })

  it('limite par compte : au-delà, 429 avec Retry-After et saisie manuelle', async () => {
    const autre = await s.autreInstance({ ENTREPRISES_API_URL: api.url, ENTREPRISES_API_RATE_LIMIT: '2' })
    const statuts: number[] = []
    let dernier: Response | undefined
    for (let i = 0; i < 3; i++) {
      dernier = await fetch(`${autre.url}/api/entreprises/siret/${ACTIF}`, { headers: auth.userB })
      statuts.push(dernier.status)
    }
    expect(statuts[2]).toBe(429)
    expect(Number(dernier!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await dernier!.json()) as Corps).errors?.[0]).toMatchObject({ saisieManuelle: true })
    await autre.arreter()
  })
})
