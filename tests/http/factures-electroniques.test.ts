/**
 * Factures électroniques over real HTTP (issue 18 items 1-2):
 * - GET /api/invoices/:id/xml?format=cii|ubl for every role: readers of the invoice get the XML
 *   (the CII valid against the Factur-X EN16931 XSD), the others 404, anonymous 401; a bad
 *   format 400 in French; a draft 409; nothing written by any of these requests;
 * - a piece that breaks an EN 16931 rule is not issued: POST …/emettre and the GraphQL mutation
 *   answer 422 naming the rule, no number consumed, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, siretValide, type Monde } from '@/tests/helpers/fixtures'
import { prendreInstantane, tablesDeLaBase } from '@/tests/helpers/instantane'
import { erreursXsd } from '@/src/services/factureElectronique'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let entetes: Awaited<ReturnType<typeof entetesDuMonde>>
let tables: string[]
let emise: { id: number; numero: string }
let brouillon: { id: number }

const LIGNE = [{ libelle: 'Formation « Excel avancé »', quantite: 14, prixUnitaireHT: 10_000 }]

beforeAll(async () => {
  s = await demarrerServeur('factures-electroniques')
  payload = s.payload
  monde = await creerMonde(payload)
  entetes = await entetesDuMonde(s.url, monde)
  tables = await tablesDeLaBase(payload)
  const dossier = await creerDossier(payload, monde, 'A', 'facture', { montantValide: 140_000, numeroDossierOpco: 'ATL-77', heuresRealisees: 14 })
  const b = await payload.create({ collection: 'invoices', data: { dossier: dossier.id, destinataire: 'opco', lignes: LIGNE, mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI' } as never })
  const res = await fetch(`${s.url}/api/invoices/${b.id}/emettre`, { method: 'POST', headers: entetes.admin })
  expect(res.status).toBe(200)
  emise = { id: b.id, numero: String(((await res.json()) as { doc: { numero: string } }).doc.numero) }
  brouillon = await payload.create({ collection: 'invoices', data: { dossier: dossier.id, destinataire: 'entreprise', lignes: LIGNE, mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI' } as never })
}, 180_000)
afterAll(async () => s?.arreter())

const lireXml = (id: unknown, qui: keyof typeof entetes, format?: string) =>
  fetch(`${s.url}/api/invoices/${String(id)}/xml${format === undefined ? '' : `?format=${encodeURIComponent(format)}`}`, { headers: entetes[qui] })

describe('GET /api/invoices/:id/xml', () => {
  it('chaque rôle × cii et ubl : lecteurs de la facture 200, les autres 404, anonyme 401 ; rien écrit', async () => {
    const avant = await prendreInstantane(payload, tables, ['invoices', 'logs'])
    const attendu = { admin: 200, userA: 200, opcoA: 200, userB: 404, opcoB: 404, anonyme: 401 } as const
    for (const [qui, statut] of Object.entries(attendu) as [keyof typeof attendu, number][]) {
      for (const format of ['cii', 'ubl', undefined]) {
        const res = await lireXml(emise.id, qui, format)
        expect([qui, format, res.status]).toEqual([qui, format, statut])
        const texte = await res.text()
        if (statut !== 200) {
          expect(JSON.parse(texte).errors[0].message).toMatch(/introuvable|Authentification/)
          expect(texte).not.toContain(emise.numero)
          continue
        }
        expect(res.headers.get('content-type')).toMatch(/^application\/xml/)
        expect(texte).toContain(emise.numero)
        if (format === 'ubl') expect(texte).toMatch(/<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/)
        else {
          expect(texte).toMatch(/<rsm:CrossIndustryInvoice/)
          expect(await erreursXsd(texte)).toEqual([])
          expect(texte).toMatch(/<ram:GrandTotalAmount>1400\.00<\/ram:GrandTotalAmount>/)
        }
      }
    }
    expect(await prendreInstantane(payload, tables, ['invoices', 'logs'])).toEqual(avant)
  })

  it('format inconnu → 400 en français ; identifiant invalide → 400 ; inconnu → 404 ; brouillon → 409', async () => {
    for (const format of ['pdf', 'CII ', '<script>', 'x'.repeat(500)]) {
      const res = await lireXml(emise.id, 'admin', format)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/Format inconnu.*cii.*ubl/)
    }
    expect((await lireXml('abc', 'admin', 'cii')).status).toBe(400)
    expect((await lireXml(999_999, 'admin', 'cii')).status).toBe(404)
    const r = await lireXml(brouillon.id, 'admin', 'cii')
    expect(r.status).toBe(409)
    expect(((await r.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/brouillon/)
    // The format is checked before the invoice is read: 400 for anyone, which says nothing about the invoice.
    expect((await lireXml(emise.id, 'userB', 'pdf')).status).toBe(400)
  })
})

describe('contrôle EN 16931 avant émission', () => {
  it('organisme sans n° de TVA : REST et GraphQL → 422 qui nomme BR-E-02, aucun numéro consommé, rien écrit', async () => {
    const sansTva = await payload.create({
      collection: 'training-providers',
      data: { nom: 'Sans TVA', siret: siretValide(81818181), nda: '11755555575', regimeTva: 'exoneration_261', qualiopi: { actionsFormation: true, bilansCompetences: true, validiteDebut: '2024-01-01', validiteFin: '2031-12-31' } } as never,
    })
    const dossier = await creerDossier(payload, monde, 'A', 'facture', { montantValide: 140_000, heuresRealisees: 14 })
    await payload.update({ collection: 'dossiers', id: dossier.id, data: { formation: { ...(dossier as { formation: object }).formation, organisme: sansTva.id } } as never })
    const b = await payload.create({ collection: 'invoices', data: { dossier: dossier.id, destinataire: 'opco', lignes: LIGNE, mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI' } as never })
    const avant = await prendreInstantane(payload, tables, ['invoices', 'logs'])

    const res = await fetch(`${s.url}/api/invoices/${b.id}/emettre`, { method: 'POST', headers: entetes.admin })
    expect(res.status).toBe(422)
    const corps = (await res.json()) as { errors: { message: string; manquants: { champ: string; message: string }[] }[] }
    expect(corps.errors[0]!.message).toMatch(/EN 16931.*BR-E-02/)
    expect(corps.errors[0]!.manquants.map((m) => m.champ)).toEqual(['BR-E-02'])

    const g = await fetch(`${s.url}/api/graphql`, {
      method: 'POST',
      headers: { ...entetes.admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'mutation ($id: ID!) { emettreFacture(id: $id) { id numero } }', variables: { id: String(b.id) } }),
    })
    const gc = (await g.json()) as { errors?: { message: string; extensions?: { statusCode?: number } }[] }
    expect(gc.errors?.[0]?.extensions?.statusCode).toBe(422)
    expect(gc.errors?.[0]?.message).toMatch(/BR-E-02/)

    expect(await prendreInstantane(payload, tables, ['invoices', 'logs'])).toEqual(avant)
    // The next issue still takes the next number of the series: nothing was consumed.
    const suivant = await payload.create({ collection: 'invoices', data: { dossier: (await creerDossier(payload, monde, 'A', 'facture', { montantValide: 1, heuresRealisees: 14 })).id, destinataire: 'opco', lignes: LIGNE, mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI' } as never })
    const ok = await fetch(`${s.url}/api/invoices/${suivant.id}/emettre`, { method: 'POST', headers: entetes.admin })
    expect(ok.status).toBe(200)
    const sequence = (n: string) => Number(n.split('-').pop())
    expect(sequence(((await ok.json()) as { doc: { numero: string } }).doc.numero)).toBe(sequence(emise.numero) + 1)
  })
})
