/**
 * Funding estimate computed on save (Local API, real database) with the seeded example rules
 * of docs/domaine.md §7, and the company's OPCO suggested from its IDCC.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerMonde, siretValide, type Monde } from '@/tests/helpers/fixtures'
import { construireDonneesDemo } from '@/src/seed/donnees'

let ctx: ContexteTest
let payload: Payload
let monde: Monde
const opcos: Record<string, number | string> = {}
const entreprises: Record<string, number | string> = {}

type Estimation = { plafondDeterminant: string | null; regleAppliquee: string | null; resteACharge: number | null; heuresRetenues: number | null; detail: string[]; avertissements: string[]; manquants: string[]; calculeLe: string }

beforeAll(async () => {
  ctx = await demarrerPayload('financement')
  payload = ctx.payload
  monde = await creerMonde(payload)
  // The OPCOs and their rules exactly as the seed writes them (examples of docs/domaine.md §7).
  const donnees = construireDonneesDemo(new Date())
  for (const code of ['CONSTRUCTYS', 'OPCOEP', 'AFDAS']) {
    const o = donnees.opcos.find((x) => x.code === code)!
    opcos[code] = (await payload.create({ collection: 'opcos', data: { ...o } as never })).id
  }
  for (const c of donnees.correspondancesIdcc.filter((x) => opcos[x.opco] !== undefined)) {
    await payload.create({ collection: 'correspondances-idcc', data: { ...c, opco: opcos[c.opco] } as never })
  }
  let graine = 44_000_000
  for (const [cle, effectif, opco] of [['batiment5', 5, 'CONSTRUCTYS'], ['batiment5b', 5, 'CONSTRUCTYS'], ['ep8', 8, 'OPCOEP']] as const) {
    entreprises[cle] = (await payload.create({ collection: 'companies', data: { siret: siretValide(graine++), raisonSociale: cle, effectif, opco: opcos[opco] } as never })).id
  }
})
afterAll(async () => ctx?.fermer())

const dossier = (company: string, opco: string, extra: Record<string, unknown> = {}, formation: Record<string, unknown> = {}) =>
  payload.create({
    collection: 'dossiers',
    data: {
      typeFormation: 'formation',
      owner: monde.userA.id,
      company: entreprises[company],
      opco: opcos[opco],
      formation: { titre: 'Habilitation électrique', dureeHeures: 21, dateDebut: '2026-10-05T12:00:00.000Z', dateFin: '2026-10-07T12:00:00.000Z', ...formation },
      coutTotalHT: 210_000,
      ...extra,
    } as never,
  })

const idDe = (v: unknown) => (v !== null && typeof v === 'object' ? (v as { id: unknown }).id : v)
const estimation = (d: unknown) => (d as { estimationFinancement: Estimation }).estimationFinancement

describe('estimation du financement à l’enregistrement', () => {
  it('plafond horaire : Constructys bâtiment, 24 € HT/h × 21 h', async () => {
    const d = await dossier('batiment5', 'CONSTRUCTYS')
    expect(d.montantEstime).toBe(50_400)
    expect(estimation(d)).toMatchObject({ plafondDeterminant: 'horaire', regleAppliquee: expect.stringMatching(/Constructys 2026, formation, moins de 11 salariés \(reprend « Constructys 2025 — bâtiment, moins de 11 salariés »\)/), heuresRetenues: 21, resteACharge: 159_600 })
    expect(estimation(d).detail.join('\n')).toMatch(/Plafond horaire : 24,00\s€ × 21 h/)
    expect(estimation(d).avertissements.join('\n')).toMatch(/exemple/i)
  })

  it('plafond de l’entreprise : OPCO EP, moins de 11 salariés, 2 000 € HT', async () => {
    const d = await dossier('ep8', 'OPCOEP', { coutTotalHT: 250_000 }, { dureeHeures: 14 })
    expect(d.montantEstime).toBe(200_000)
    expect(estimation(d)).toMatchObject({ plafondDeterminant: 'action', resteACharge: 50_000 })
  })

  it('bilan : plafond forfaitaire Constructys de 2 000 € HT', async () => {
    const d = await dossier('batiment5', 'CONSTRUCTYS', { typeFormation: 'bilan', coutTotalHT: 240_000 }, { dureeHeures: 24 })
    expect(d.montantEstime).toBe(200_000)
    expect(estimation(d)).toMatchObject({ plafondDeterminant: 'action', regleAppliquee: expect.stringMatching(/Constructys 2026, bilan de compétences, moins de 11 salariés \(reprend « Constructys 2025 — bilan de compétences \/ VAE »\)/), resteACharge: 40_000 })
  })

  it('plafond annuel : ce que l’OPCO a déjà accordé la même année à l’entreprise est déduit', async () => {
    await dossier('batiment5b', 'CONSTRUCTYS', { status: 'accepte', montantValide: 300_000, numeroDossierOpco: 'CSY-1' })
    const d = await dossier('batiment5b', 'CONSTRUCTYS')
    expect(d.montantEstime).toBe(50_000)
    expect(estimation(d).plafondDeterminant).toBe('annuel')
    expect(estimation(d).detail.join('\n')).toMatch(/déjà consommés/)
  })

  it('recalculée à chaque modification, y compris partielle', async () => {
    const d = await dossier('batiment5', 'CONSTRUCTYS')
    const maj = await payload.update({ collection: 'dossiers', id: d.id, data: { formation: { dureeHeures: 7 } } as never })
    expect(maj.montantEstime).toBe(16_800)
    const sansChangement = await payload.update({ collection: 'dossiers', id: d.id, data: { beneficiaire: { nom: 'Martin' } } as never })
    // An unchanged estimate keeps its calculation date.
    expect(estimation(sansChangement).calculeLe).toBe(estimation(maj).calculeLe)
  })

  it("figée une fois le dossier chez l'OPCO : le montant demandé ne bouge plus", async () => {
    const d = await dossier('batiment5', 'CONSTRUCTYS', { status: 'envoye_opco' })
    expect(d.montantEstime).toBe(50_400)
    const maj = await payload.update({ collection: 'dossiers', id: d.id, data: { coutTotalHT: 400_000, formation: { dureeHeures: 7 } } as never })
    expect(maj.montantEstime).toBe(50_400)
    expect(estimation(maj).detail.join('\n')).toMatch(/figé\)\s: 504,00\s€/)
    // Server code creating an already-sent dossier (seed, import) brings the amount it filed.
    const importe = await dossier('batiment5', 'CONSTRUCTYS', { status: 'accepte', montantEstime: 180_000, montantValide: 150_000, numeroDossierOpco: 'CSY-9' })
    expect(importe.montantEstime).toBe(180_000)
  })

  it('données manquantes : montant vide, le détail dit ce qui manque', async () => {
    const d = await dossier('batiment5', 'CONSTRUCTYS', { coutTotalHT: null }, { dureeHeures: null })
    expect(d.montantEstime ?? null).toBeNull()
    expect(estimation(d).manquants).toEqual(['coût total HT', 'durée (heures)'])
    const sansOpco = await payload.create({ collection: 'dossiers', data: { typeFormation: 'formation' } as never })
    expect(sansOpco.montantEstime ?? null).toBeNull()
    expect(estimation(sansOpco).detail[0]).toMatch(/OPCO du dossier/)
  })

  it('aucune règle pour cet OPCO : pas de montant (et non 0 €)', async () => {
    const d = await payload.create({ collection: 'dossiers', data: { typeFormation: 'formation', company: monde.companyA.id, opco: monde.opcoA.id, formation: { dureeHeures: 7 }, coutTotalHT: 70_000 } as never })
    expect(d.montantEstime ?? null).toBeNull()
    expect(estimation(d).plafondDeterminant).toBe('aucune_regle')
  })

  it('un bénéficiaire ne peut pas écrire le montant estimé (403), la valeur calculée reste', async () => {
    const d = await dossier('batiment5', 'CONSTRUCTYS')
    const user = { ...monde.userA, collection: 'users' } as never
    await expect(payload.update({ collection: 'dossiers', id: d.id, data: { montantEstime: 1 } as never, user, overrideAccess: false })).rejects.toMatchObject({ status: 403 })
    await expect(payload.update({ collection: 'dossiers', id: d.id, data: { estimationFinancement: {} } as never, user, overrideAccess: false })).rejects.toMatchObject({ status: 403 })
    expect((await payload.findByID({ collection: 'dossiers', id: d.id })).montantEstime).toBe(50_400)
  })
})

describe('OPCO suggéré d’après l’IDCC', () => {
  it('suggère sans remplir le choix humain, et suit le changement d’IDCC', async () => {
    const c = await payload.create({ collection: 'companies', data: { siret: siretValide(55_000_001), raisonSociale: 'Maçons Réunis', idcc: '1597' } as never })
    expect(idDe(c.opcoSuggere)).toBe(opcos.CONSTRUCTYS)
    expect(c.opco ?? null).toBeNull()
    const publicite = await payload.update({ collection: 'companies', id: c.id, data: { idcc: '86' } as never })
    expect(idDe(publicite.opcoSuggere)).toBe(opcos.AFDAS)
    const inconnu = await payload.update({ collection: 'companies', id: c.id, data: { idcc: '9999' } as never })
    expect(inconnu.opcoSuggere ?? null).toBeNull()
    const sansIdcc = await payload.update({ collection: 'companies', id: c.id, data: { raisonSociale: 'Maçons Réunis SA' } as never })
    expect(sansIdcc.opcoSuggere ?? null).toBeNull()
  })

  it('la valeur confirmée par une personne n’est jamais remplacée', async () => {
    const c = await payload.create({ collection: 'companies', data: { siret: siretValide(55_000_002), raisonSociale: 'Agence Pub', idcc: '0086', opco: opcos.OPCOEP } as never })
    expect(idDe(c.opcoSuggere)).toBe(opcos.AFDAS)
    expect(idDe(c.opco)).toBe(opcos.OPCOEP)
  })

  it('table : IDCC unique, enregistré sur 4 chiffres ; écriture réservée aux admins', async () => {
    const ligne = await payload.find({ collection: 'correspondances-idcc', where: { idcc: { equals: '0086' } } })
    expect(ligne.docs).toHaveLength(1)
    await expect(payload.create({ collection: 'correspondances-idcc', data: { idcc: '86', libelle: 'Doublon', opco: opcos.AFDAS } as never })).rejects.toThrow()
    const erreur = await payload.create({ collection: 'correspondances-idcc', data: { idcc: '12345', libelle: 'Trop long', opco: opcos.AFDAS } as never }).catch((e: unknown) => e)
    expect(JSON.stringify((erreur as { data?: unknown }).data)).toMatch(/1 à 4 chiffres|4 caractères/)
    const user = { ...monde.userA, collection: 'users' } as never
    await expect(payload.create({ collection: 'correspondances-idcc', data: { idcc: '7777', libelle: 'X', opco: opcos.AFDAS } as never, user, overrideAccess: false })).rejects.toMatchObject({ status: 403 })
    const lus = await payload.find({ collection: 'correspondances-idcc', user, overrideAccess: false, limit: 1 })
    expect(lus.totalDocs).toBeGreaterThan(0)
  })
})
