/**
 * Payment forecast over real HTTP (the built app): GET /api/invoices/:id/prevision for every
 * actor (readers of the invoice only), GET /api/invoices/previsions for admins only, generated
 * hostile ids (fast-check, seeded: never a 5xx, nothing written), and the admin home's
 * « Factures en retard » list shown to admins only, with the figures of the pure function.
 * The server runs on the real clock: the world is built relative to now.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { Payload } from 'payload'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { differences, prendreInstantane, tablesDeLaBase } from '@/tests/helpers/instantane'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { formaterDateFr } from '@/src/domain/dates'
import { formaterEuros } from '@/src/domain/money'
import { previsionsParLaLocalApi } from '@/tests/helpers/previsionPaiement'

const GRAINE = Number(process.env.FC_SEED ?? 20261204)

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let entetes: Awaited<ReturnType<typeof entetesDuMonde>>
const ids: Record<string, number> = {}
const J = 86_400_000

beforeAll(async () => {
  s = await demarrerServeur('prevision-paiement')
  payload = s.payload
  monde = await creerMonde(payload)
  entetes = await entetesDuMonde(s.url, monde)
  const facture = async (nom: string, cote: 'A' | 'B', joursDepuisEmission: number, totalTTC: number, extra: Record<string, unknown> = {}) => {
    const d = await creerDossier(payload, monde, cote, 'accepte', { montantValide: totalTTC, numeroDossierOpco: 'X-1' })
    const f = await payload.create({
      collection: 'invoices',
      data: {
        dossier: d.id,
        destinataire: 'opco',
        statut: 'emise',
        numero: `F-2026-${String(Object.keys(ids).length + 1).padStart(5, '0')}`,
        dateEmission: new Date(Date.now() - joursDepuisEmission * J).toISOString(),
        totalHT: totalTTC,
        totalTVA: 0,
        totalTTC,
        lignes: [{ libelle: 'Formation', quantite: 1, prixUnitaireHT: totalTTC }],
        ...extra,
      } as never,
    })
    ids[nom] = f.id as number
  }
  // No OPCO has 5 paid invoices: the defaults (payment term, term + 15 days) apply.
  await facture('enRetard', 'A', 100, 1_234_56)
  await facture('aLHeure', 'B', 5, 50_000_00)
  await facture('avoir', 'A', 3, 10_00, { type: 'avoir', numero: 'A-2026-00001' })
}, 240_000)
afterAll(async () => s?.arreter())

/** The forecast the pure function gives for the rows as stored, now. */
const attendu = () => previsionsParLaLocalApi(payload, new Date())

const get = (chemin: string, acteur: keyof typeof entetes) => fetch(`${s.url}${chemin}`, { headers: entetes[acteur] })

describe('GET /api/invoices/:id/prevision', () => {
  it('chaque acteur : les lecteurs de la facture reçoivent sa prévision, les autres 404, sans session 401', async () => {
    const p = await attendu()
    const prevue = p.ouvertes.find((o) => o.facture === ids.enRetard)!
    expect(prevue.enRetard).toBe(true)
    const statuts: Record<string, number> = {}
    for (const acteur of ['anonyme', 'userA', 'userB', 'opcoA', 'opcoB', 'admin'] as const) {
      const r = await get(`/api/invoices/${ids.enRetard}/prevision`, acteur)
      statuts[acteur] = r.status
      const corps = (await r.json()) as Record<string, unknown>
      if (r.ok) expect(corps).toMatchObject({ etat: 'ouverte', facture: ids.enRetard, datePrevue: prevue.datePrevue, dateAuPlusTard: prevue.dateAuPlusTard, joursRetard: prevue.joursRetard, delais: { source: 'defaut' } })
      else expect((corps.errors as { message: string }[])[0]!.message).toMatch(/Authentification requise|Facture introuvable ou vous n'y avez pas accès/)
    }
    expect(statuts).toEqual({ anonyme: 401, userA: 200, userB: 404, opcoA: 200, opcoB: 404, admin: 200 })
    expect(await (await get(`/api/invoices/${ids.avoir}/prevision`, 'admin')).json()).toMatchObject({ etat: 'sans_objet', message: 'Un avoir n’est pas payé : pas de prévision.' })
  })

  it('identifiants générés (fast-check) : jamais de 5xx, 400 ou 404 en français, rien d’écrit', async () => {
    const tables = await tablesDeLaBase(payload)
    const avant = await prendreInstantane(payload, tables, ['invoices', 'payments'])
    const idsHostiles = fc.oneof(
      fc.constantFrom('abc', '-1', '1e3', '0x10', '999999', '1%20OR%201=1', '%00', '9'.repeat(40), '%C3%A9', '..%2F..%2Fusers', String(ids.enRetard) + '.0'),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
      fc.integer({ min: -5, max: 2_000_000 }).map(String),
    )
    const cas = fc.sample(fc.record({ id: idsHostiles, acteur: fc.constantFrom('admin', 'userA', 'opcoB', 'anonyme' as const) }), { seed: GRAINE, numRuns: 60 })
    const mauvais: string[] = []
    for (const { id, acteur } of cas) {
      const r = await get(`/api/invoices/${id}/prevision`, acteur)
      const texte = await r.text()
      let brut = id
      try {
        brut = decodeURIComponent(id)
      } catch {
        // Left encoded: not digits either way.
      }
      // Digits may name an invoice (« 01 » is invoice 1); anything else is refused.
      const permis = acteur === 'anonyme' ? [401, 404] : /^\d+$/.test(brut) ? [200, 400, 404] : [400, 404]
      if (!permis.includes(r.status) || (r.status >= 400 && !/introuvable|invalide|Authentification|Not Found|404/i.test(texte))) mauvais.push(`${acteur} ${id} → ${r.status} ${texte.slice(0, 120)}`)
    }
    expect(mauvais).toEqual([])
    expect(differences(avant, await prendreInstantane(payload, tables, ['invoices', 'payments']))).toEqual([])
  })
})

describe('GET /api/invoices/previsions', () => {
  it('admins seulement ; les factures ouvertes avec leurs dates', async () => {
    const p = await attendu()
    const statuts: Record<string, number> = {}
    for (const acteur of ['anonyme', 'userA', 'userB', 'opcoA', 'opcoB', 'admin'] as const) statuts[acteur] = (await get('/api/invoices/previsions', acteur)).status
    expect(statuts).toEqual({ anonyme: 401, userA: 403, userB: 403, opcoA: 403, opcoB: 403, admin: 200 })
    const m = (await (await get('/api/invoices/previsions', 'admin')).json()) as Record<string, { datePrevue: string; enRetard: boolean }>
    expect(Object.keys(m).map(Number).sort((a, b) => a - b)).toEqual(p.ouvertes.map((o) => o.facture).sort((a, b) => a - b))
    expect(m[String(ids.aLHeure)]).toMatchObject({ datePrevue: p.ouvertes.find((o) => o.facture === ids.aLHeure)!.datePrevue, enRetard: false })
  })
})

describe('tableau de bord : « Factures en retard »', () => {
  const texte = (html: string) => html.replace(/<!-- -->/g, '').replace(/&nbsp;|\u202f|\u00a0/g, ' ')

  it('l’admin voit la facture en retard : numéro, OPCO, montant, dates jj/mm/aaaa, jours de retard ; pas celle à l’heure', async () => {
    const r = await get('/admin', 'admin')
    expect(r.status).toBe(200)
    const html = texte(await r.text())
    const p = await attendu()
    const f = p.enRetard.find((o) => o.facture === ids.enRetard)!
    const debut = html.indexOf('data-testid="factures-en-retard"')
    expect(debut).toBeGreaterThan(-1)
    const bloc = html.slice(debut, html.indexOf('</table>', debut))
    expect(bloc).toContain('Factures en retard sur la prévision de paiement')
    const ligne = bloc.slice(bloc.indexOf(`data-facture="${ids.enRetard}"`), bloc.indexOf('</tr>', bloc.indexOf(`data-facture="${ids.enRetard}"`)))
    for (const attenduTexte of [f.numero!, 'Atlas', formaterEuros(1_234_56).replace(/\u202f|\u00a0/g, ' '), formaterDateFr(f.jourEmission), formaterDateFr(f.datePrevue), formaterDateFr(f.dateAuPlusTard), `>${f.joursRetard}<`]) {
      expect(ligne).toContain(attenduTexte)
    }
    expect(bloc).not.toContain(`data-facture="${ids.aLHeure}"`)
  })

  it('un agent OPCO ou un bénéficiaire ne la voit pas', async () => {
    for (const acteur of ['opcoA', 'userA'] as const) {
      const r = await get('/admin', acteur)
      const html = texte(await r.text())
      expect(html).not.toContain('factures-en-retard')
      expect(html).not.toContain('Factures en retard sur la prévision de paiement')
    }
  })
})
