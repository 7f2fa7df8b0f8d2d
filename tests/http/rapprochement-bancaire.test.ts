/**
 * Bank statement reconciliation over real HTTP (docs/guide-equipe.md « Rapprochement bancaire »): a CAMT.053
 * statement of 500 credits made here (tests/fixtures/releveBancaire.ts) imported twice — the
 * second import adds nothing, every sure match is recorded once as a payment whose reference is
 * the bank's transaction id, no unrelated transfer is recorded; hostile or malformed statements
 * are refused with a French 4xx and nothing written; non-admins are refused everywhere; a
 * candidate confirmed twice at once records its payment once; a rejection records nothing; both
 * are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { differences, prendreInstantane, tablesDeLaBase } from '@/tests/helpers/instantane'
import { releveCamt053 } from '@/tests/helpers/camt053'
import { creerFacturesOuvertes, mesurerAppariement, scenarioReleve, type FactureFixture, type Scenario } from '@/tests/fixtures/releveBancaire'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let factures: FactureFixture[]
let scenario: Scenario
let tables: string[]
type Acteur = 'admin' | 'userA' | 'opcoA' | 'cleApi' | 'anonyme'
const entetes = {} as Record<Acteur, Record<string, string>>
const API_KEY = 'cle-api-rapprochement-0123456789abcdef'

beforeAll(async () => {
  s = await demarrerServeur('rapprochement-bancaire')
  payload = s.payload
  monde = await creerMonde(payload)
  factures = await creerFacturesOuvertes(payload, monde, 500)
  scenario = scenarioReleve(factures)
  await payload.create({ collection: 'users', data: { email: 'integration@test.fr', password: MOT_DE_PASSE, role: 'opco', opco: monde.opcoA.id, enableAPIKey: true, apiKey: API_KEY } as never })
  entetes.admin = { Authorization: `JWT ${await connecter(s.url, monde.admin.email, MOT_DE_PASSE)}` }
  entetes.userA = { Authorization: `JWT ${await connecter(s.url, monde.userA.email, MOT_DE_PASSE)}` }
  entetes.opcoA = { Authorization: `JWT ${await connecter(s.url, monde.opcoUserA.email, MOT_DE_PASSE)}` }
  entetes.cleApi = { Authorization: `users API-Key ${API_KEY}` }
  entetes.anonyme = {}
  tables = await tablesDeLaBase(payload)
}, 600_000)
afterAll(async () => s?.arreter())

const importer = async (contenu: string | Uint8Array, nom = 'releve.xml', qui: Acteur = 'admin', champ = 'fichier') => {
  const form = new FormData()
  form.append(champ, new Blob([typeof contenu === 'string' ? contenu : new Uint8Array(contenu)]), nom)
  const res = await fetch(`${s.url}/api/rapprochements/releves`, { method: 'POST', headers: entetes[qui], body: form })
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> & { errors?: { message: string }[] } }
}
const compter = async (collection: 'payments' | 'operations-bancaires' | 'releves-bancaires' | 'logs', where: Record<string, unknown> = {}) =>
  (await payload.count({ collection, where: where as never })).totalDocs
const operation = async (idTransaction: string) => (await payload.find({ collection: 'operations-bancaires', where: { idTransaction: { equals: idTransaction } }, depth: 0, limit: 1 })).docs[0]!
const paiementsDe = async (idTransaction: string) =>
  (await payload.find({ collection: 'payments', where: { or: [{ reference: { equals: idTransaction } }, { reference: { like: `${idTransaction}/` } }] }, depth: 0, pagination: false })).docs

describe('import d’un relevé CAMT.053 de 500 crédits', () => {
  it('première import : les rapprochements sûrs sont enregistrés une fois, les autres attendent, aucun virement étranger enregistré', async () => {
    const avant = await compter('payments')
    const r = await importer(scenario.xml)
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ operationsLues: 500, nouvelles: 500, dejaConnues: 0, dejaImporte: false })
    const exacts = scenario.credits.filter((c) => c.attente === 'exact')
    const paires = scenario.credits.filter((c) => c.attente === 'paire')
    expect(r.body.automatiques).toBe(exacts.length + paires.length)
    expect(r.body.paiements).toBe(exacts.length + 2 * paires.length)
    expect(await compter('payments')).toBe(avant + exacts.length + 2 * paires.length)
    expect(await compter('operations-bancaires')).toBe(500)

    const ops = (await payload.find({ collection: 'operations-bancaires', depth: 0, pagination: false })).docs
    const m = mesurerAppariement(scenario.credits, ops)
    expect(m.precision).toBe(1)
    expect(m.rappel).toBe(1)

    for (const c of exacts.slice(0, 60)) {
      const p = await paiementsDe(c.id)
      expect(p.map((x) => [x.reference, x.dossier, x.montant, x.payeur])).toEqual([[c.id, c.dossiers[0], c.montant, 'opco']])
      const d = await payload.findByID({ collection: 'dossiers', id: c.dossiers[0]!, depth: 0 })
      expect([d.paymentStatus, d.status]).toEqual(['paye', 'paye'])
    }
    for (const c of paires.slice(0, 10)) {
      const p = (await paiementsDe(c.id)).sort((a, b) => String(a.reference).localeCompare(String(b.reference)))
      expect(p.map((x) => x.reference)).toEqual([`${c.id}/1`, `${c.id}/2`])
      expect(p.reduce((t, x) => t + x.montant, 0)).toBe(c.montant)
      expect(new Set(p.map((x) => x.dossier))).toEqual(new Set(c.dossiers))
    }
    for (const c of scenario.credits.filter((x) => x.attente === 'partiel' || x.attente === 'etranger')) {
      expect(await paiementsDe(c.id)).toEqual([])
      const o = await operation(c.id)
      if (c.attente === 'partiel') {
        // Shown, never absorbed: to confirm, with the gap.
        expect(o.statut).toBe('a_confirmer')
        expect((o.candidats as { factures: number[]; situation: string; ecart: number }[])[0]).toMatchObject({ factures: c.factures, situation: 'partiel' })
        expect((o.candidats as { ecart: number }[])[0]!.ecart).toBeLessThan(0)
      } else expect(['a_confirmer', 'sans_correspondance']).toContain(o.statut)
    }
    // Every automatic operation points to its payments.
    const auto = ops.find((o) => o.statut === 'automatique')!
    expect(auto.paiements?.length).toBeGreaterThan(0)
  }, 600_000)

  it('seconde import du même relevé : rien n’est ajouté (relevé, opérations, paiements, transitions)', async () => {
    const avant = await prendreInstantane(payload, tables, ['payments', 'operations_bancaires', 'releves_bancaires', 'dossiers', 'invoices'])
    const r = await importer(scenario.xml)
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ nouvelles: 0, dejaImporte: true, paiements: 0 })
    expect(differences(avant, await prendreInstantane(payload, tables, ['payments', 'operations_bancaires', 'releves_bancaires', 'dossiers', 'invoices']))).toEqual([])
  })

  it('les mêmes opérations dans un autre relevé (autre identifiant) : seul le relevé est noté, aucune opération ni paiement en plus', async () => {
    const paiements = await compter('payments')
    const autre = scenario.xml.replaceAll('RELEVE-2026-11', 'RELEVE-2026-11-BIS')
    const r = await importer(autre)
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ nouvelles: 0, dejaConnues: 500, paiements: 0 })
    expect(await compter('operations-bancaires')).toBe(500)
    expect(await compter('payments')).toBe(paiements)
  })

  it('un CSV aux décimales françaises : importé, sûr si la référence et le montant y sont', async () => {
    const restante = factures[factures.length - 1]!
    const ouverte = (await payload.find({ collection: 'payments', where: { dossier: { equals: restante.dossier } } })).totalDocs === 0 ? restante : null
    expect(ouverte).not.toBeNull()
    const euros = `${Math.floor(restante.totalTTC / 100).toLocaleString('fr-FR')},${String(restante.totalTTC % 100).padStart(2, '0')}`
    const csv = `date;libellé;montant;référence\n02/12/2026;VIR OPCO ATLAS ${restante.numero};${euros};\n02/12/2026;FRAIS TENUE DE COMPTE;-12,50;\n`
    const r = await importer(csv, 'releve.csv')
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ nouvelles: 2, automatiques: restante.opco === 'A' || true ? 1 : 0, debits: 1 })
    expect((await payload.find({ collection: 'payments', where: { dossier: { equals: restante.dossier } } })).docs.map((p) => p.montant)).toEqual([restante.totalTTC])
    expect((await importer(csv, 'releve.csv')).body).toMatchObject({ nouvelles: 0, dejaImporte: true })
  })
})

describe('import interrompu', () => {
  it('un relevé dont l’import s’est arrêté en route : le renvoyer ajoute les opérations manquantes au même relevé, rien en double', async () => {
    // The state a stopped import leaves (no transaction around it): the statement is recorded
    // with only its first operations. Made here by importing the statement's first credit alone.
    const credits = [
      { id: 'INTERROMPU-1', montant: 12_345, ustrd: ['REMBOURSEMENT DIVERS'], payeur: 'SOCIETE SANS RAPPORT' },
      { id: 'INTERROMPU-2', montant: 67_890, ustrd: ['AVOIR FOURNISSEUR'], payeur: 'AUTRE SOCIETE' },
      { id: 'INTERROMPU-3', montant: 4_200, sens: 'DBIT' as const, ustrd: ['FRAIS'] },
    ]
    const debut = await importer(releveCamt053(credits.slice(0, 1), { id: 'INTERROMPU' }))
    expect(debut.status).toBe(201)
    const complet = releveCamt053(credits, { id: 'INTERROMPU' })
    const r = await importer(complet)
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ releve: debut.body.releve, dejaImporte: false, reprise: true, operationsLues: 3, nouvelles: 2, dejaConnues: 1, sansCorrespondance: 1, debits: 1 })
    const ops = (await payload.find({ collection: 'operations-bancaires', where: { idTransaction: { in: credits.map((c) => c.id) } }, depth: 0, pagination: false })).docs
    expect(ops.map((o) => o.idTransaction).sort()).toEqual(credits.map((c) => c.id))
    expect(new Set(ops.map((o) => o.releve))).toEqual(new Set([debut.body.releve]))
    expect(await compter('releves-bancaires', { identifiant: { like: 'INTERROMPU' } })).toBe(1)
    // Complete now: the same file again adds nothing.
    expect((await importer(complet)).body).toMatchObject({ dejaImporte: true, reprise: false, nouvelles: 0, dejaConnues: 3 })
    expect(await compter('operations-bancaires', { idTransaction: { in: credits.map((c) => c.id) } })).toBe(3)
  })
})

describe('relevés malformés ou hostiles : 4xx en français, rien d’écrit', () => {
  const bon = releveCamt053([{ id: 'HOSTILE-1', montant: 10_000, ustrd: ['F-2026-00001'] }], { id: 'HOSTILE' })
  const cas = (): [string, string | Uint8Array, number, RegExp, string?][] => [
    ['entité externe (XXE)', bon.replace('<Document', '<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Document').replace('F-2026-00001', '&xxe;'), 400, /DOCTYPE et ENTITY/],
    ['billion laughs', `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&c;</Document>`, 400, /DOCTYPE/],
    ['mauvais espace de noms', bon.replace('camt.053.001.02', 'pain.001.001.03'), 400, /n'est pas un relevé CAMT\.053/],
    ['XML mal formé', bon.replace('</Stmt>', ''), 400, /XML bien formé/],
    ['pas du XML ni du CSV', '%PDF-1.7\nbinaire', 400, /Format de relevé non reconnu/],
    ['fichier vide', '', 400, /vide/],
    ['CSV aux montants illisibles', 'date;libellé;montant;référence\n01/12/2026;VIR ATLAS;12.345,6;X\n', 400, /Ligne 2 : montant « 12\.345,6 » illisible/],
    ['CSV à la date impossible', '31/11/2026;VIR;100,00;X\n', 400, /Ligne 1 : date/],
    ['montant CAMT à la française', bon.replace(/<Amt Ccy="EUR">100\.00<\/Amt>/g, '<Amt Ccy="EUR">100,00</Amt>'), 400, /montant « 100,00 » illisible/],
    ['relevé de 6 Mo', 'date;libellé;montant;référence\n' + '01/12/2026;VIR;1,00;X\n'.repeat(6 * 1024 * 1024 / 22), 400, /taille maximale de 5 Mo/],
    ['fichier sous un autre champ', bon, 400, /champ « fichier »/, 'document'],
  ]

  // One test for all the cases: jest's it.each hung on this table (a 6 Mo string among the rows).
  it('chaque cas : statut, message français, base inchangée', async () => {
    const ecarts: string[] = []
    for (const [nom, contenu, statut, message, champ] of cas()) {
      const avant = await prendreInstantane(payload, tables, ['payments', 'operations_bancaires', 'releves_bancaires', 'dossiers'])
      const r = await importer(contenu, 'releve.xml', 'admin', champ ?? 'fichier')
      const texte = r.body.errors?.[0]?.message ?? ''
      if (r.status !== statut || !message.test(texte)) ecarts.push(`${nom} : ${r.status} « ${texte.slice(0, 200)} »`)
      const d = differences(avant, await prendreInstantane(payload, tables, ['payments', 'operations_bancaires', 'releves_bancaires', 'dossiers']))
      if (d.length > 0) ecarts.push(`${nom} : base modifiée (${d.join(', ')})`)
    }
    expect(ecarts).toEqual([])
  })

  it('50 Mo : refusés dès les premiers Mo lus (400, message en français), rien d’écrit', async () => {
    const avant = await prendreInstantane(payload, tables, ['payments', 'operations_bancaires', 'releves_bancaires'])
    const r = await importer(new Uint8Array(50 * 1024 * 1024).fill(0x3c))
    expect(r.status).toBe(400)
    expect(r.body.errors?.[0]?.message).toBe('Le relevé dépasse la taille maximale de 5 Mo.')
    expect(differences(avant, await prendreInstantane(payload, tables, ['payments', 'operations_bancaires', 'releves_bancaires']))).toEqual([])
  })

  it('un corps JSON au lieu du formulaire : 400', async () => {
    const res = await fetch(`${s.url}/api/rapprochements/releves`, { method: 'POST', headers: { ...entetes.admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ fichier: bon }) })
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toMatch(/multipart\/form-data/)
  })
})

describe('droits', () => {
  const refuses: [Acteur, number][] = [['userA', 403], ['opcoA', 403], ['cleApi', 403], ['anonyme', 401]]

  it.each(refuses)('%s : import, confirmation et rejet refusés (%i), rien d’écrit', async (qui, statut) => {
    const op = (await payload.find({ collection: 'operations-bancaires', where: { statut: { equals: 'a_confirmer' } }, limit: 1, depth: 0 })).docs[0]!
    const avant = await prendreInstantane(payload, tables, ['payments', 'operations_bancaires', 'releves_bancaires'])
    expect((await importer(releveCamt053([{ id: `DROITS-${qui}`, montant: 100 }], { id: `DROITS-${qui}` }), 'r.xml', qui)).status).toBe(statut)
    for (const action of ['confirmer', 'rejeter']) {
      const res = await fetch(`${s.url}/api/operations-bancaires/${op.id}/${action}`, { method: 'POST', headers: { ...entetes[qui], 'Content-Type': 'application/json' }, body: JSON.stringify({ candidat: 0 }) })
      expect(res.status).toBe(statut)
    }
    expect(differences(avant, await prendreInstantane(payload, tables, ['payments', 'operations_bancaires', 'releves_bancaires']))).toEqual([])
    // The collections themselves: nothing to read over REST or GraphQL.
    for (const slug of ['operations-bancaires', 'releves-bancaires']) {
      const res = await fetch(`${s.url}/api/${slug}?limit=5`, { headers: entetes[qui] })
      expect([401, 403]).toContain(res.status)
    }
    const g = await fetch(`${s.url}/api/graphql`, { method: 'POST', headers: { ...entetes[qui], 'Content-Type': 'application/json' }, body: JSON.stringify({ query: '{ OperationsBancaires { docs { id montant libelle } } RelevesBancaires { docs { id } } }' }) })
    const corps = (await g.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] }
    expect(corps.errors?.length).toBeGreaterThan(0)
    expect(JSON.stringify(corps.data ?? {})).not.toMatch(/montant|libelle|"id"/)
  })

  it('la page « Rapprochement bancaire » : les données pour les admins seulement', async () => {
    const op = (await payload.find({ collection: 'operations-bancaires', where: { statut: { equals: 'a_confirmer' } }, limit: 1, sort: '-date', depth: 0 })).docs[0]!
    const admin = await fetch(`${s.url}/admin/rapprochement`, { headers: entetes.admin })
    expect(admin.status).toBe(200)
    const html = await admin.text()
    expect(html).toContain('Rapprochement bancaire')
    expect(html).toContain(op.idTransaction)
    // Signed in but not an admin (OPCO agent, its API key, a beneficiary): HTTP 403 and the French refusal page.
    for (const qui of ['opcoA', 'cleApi', 'userA'] as const) {
      const res = await fetch(`${s.url}/admin/rapprochement`, { headers: entetes[qui], redirect: 'manual' })
      const html = await res.text()
      expect([qui, res.status]).toEqual([qui, 403])
      expect(html).toContain('Accès refusé')
      expect(html).toContain('réservée à l’équipe MonOPCO')
      expect(html).not.toContain(op.idTransaction)
      expect(html).not.toContain('data-testid="rapprochements"')
      expect(html).not.toContain('data-import-releve')
    }
    // Anonymous: Payload's own way to its login page, never the view's data.
    const anonyme = await (await fetch(`${s.url}/admin/rapprochement`, { headers: entetes.anonyme, redirect: 'manual' })).text()
    expect(anonyme).not.toContain(op.idTransaction)
    expect(anonyme).not.toContain('data-import-releve')
  })

  it.each(['anomalies', 'rapports', 'paiements'])('les autres vues de l’équipe (/admin/%s) : 403 aux autres comptes, 200 aux admins', async (vue) => {
    expect((await fetch(`${s.url}/admin/${vue}`, { headers: entetes.admin })).status).toBe(200)
    for (const qui of ['opcoA', 'userA'] as const) {
      const res = await fetch(`${s.url}/admin/${vue}`, { headers: entetes[qui], redirect: 'manual' })
      expect([qui, res.status]).toEqual([qui, 403])
      expect(await res.text()).toContain('Accès refusé')
    }
  })
})

describe('confirmer ou rejeter un candidat', () => {
  const decider = (id: number, action: 'confirmer' | 'rejeter', corps: unknown = {}) =>
    fetch(`${s.url}/api/operations-bancaires/${id}/${action}`, { method: 'POST', headers: { ...entetes.admin, 'Content-Type': 'application/json' }, body: JSON.stringify(corps) })

  it('un paiement partiel confirmé par cinq clics simultanés : un seul paiement, dossier partiel, journalisé', async () => {
    const c = scenario.credits.find((x) => x.attente === 'partiel')!
    const op = await operation(c.id)
    const logsAvant = await compter('logs', { and: [{ collectionSlug: { equals: 'operations-bancaires' } }, { documentId: { equals: String(op.id) } }] })
    const reponses = await Promise.all(Array.from({ length: 5 }, () => decider(op.id, 'confirmer', { candidat: 0 })))
    expect(reponses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    const p = await paiementsDe(c.id)
    expect(p.map((x) => [x.dossier, x.montant])).toEqual([[factures.find((f) => f.id === c.factures[0])!.dossier, c.montant]])
    const relu = await operation(c.id)
    expect([relu.statut, relu.situation, relu.candidatRetenu]).toEqual(['confirmee', 'partiel', 0])
    expect(relu.paiements).toEqual([p[0]!.id])
    const d = await payload.findByID({ collection: 'dossiers', id: p[0]!.dossier as number, depth: 0 })
    expect([d.paymentStatus, d.status]).toEqual(['partiel', 'facture'])
    expect(await compter('logs', { and: [{ collectionSlug: { equals: 'operations-bancaires' } }, { documentId: { equals: String(op.id) } }] })).toBeGreaterThan(logsAvant)
    // Again later: the same answer, nothing more.
    expect((await decider(op.id, 'confirmer', { candidat: 0 })).status).toBe(200)
    expect(await paiementsDe(c.id)).toHaveLength(1)
  })

  it('rejeter un virement étranger : rien enregistré, journalisé ; le confirmer ensuite : 409', async () => {
    const c = scenario.credits.find((x) => x.attente === 'etranger' && x.montant > 1_000)!
    let op = await operation(c.id)
    if (op.statut === 'sans_correspondance') op = (await payload.find({ collection: 'operations-bancaires', where: { statut: { equals: 'sans_correspondance' } }, limit: 1, depth: 0 })).docs[0]!
    const paiements = await compter('payments')
    const res = await decider(op.id, 'rejeter')
    expect(res.status).toBe(200)
    expect((await payload.findByID({ collection: 'operations-bancaires', id: op.id, depth: 0 })).statut).toBe('rejetee')
    expect(await compter('payments')).toBe(paiements)
    const log = await payload.find({ collection: 'logs', where: { and: [{ collectionSlug: { equals: 'operations-bancaires' } }, { documentId: { equals: String(op.id) } }, { action: { equals: 'update' } }] }, depth: 0 })
    expect(log.totalDocs).toBe(1)
    expect((await decider(op.id, 'rejeter')).status).toBe(200)
    expect((await decider(op.id, 'confirmer', { candidat: 0 })).status).toBe(op.candidats && (op.candidats as unknown[]).length > 0 ? 409 : 400)
    expect(await compter('payments')).toBe(paiements)
  })

  it('entrées invalides : 400/404 en français, jamais 500', async () => {
    const op = (await payload.find({ collection: 'operations-bancaires', where: { statut: { equals: 'a_confirmer' } }, limit: 1, depth: 0 })).docs[0]!
    for (const [id, corps, statut] of [
      [op.id, { candidat: 'x' }, 400],
      [op.id, { candidat: 99 }, 400],
      [op.id, {}, 400],
      [999_999, { candidat: 0 }, 404],
      ['abc', { candidat: 0 }, 400],
    ] as const) {
      const res = await decider(id as number, 'confirmer', corps)
      expect(res.status).toBe(statut)
      expect(JSON.stringify(await res.json())).toMatch(/candidat|opération|Opération/)
    }
    const auto = (await payload.find({ collection: 'operations-bancaires', where: { statut: { equals: 'automatique' } }, limit: 1, depth: 0 })).docs[0]!
    expect((await decider(auto.id, 'rejeter')).status).toBe(409)
  })
})
