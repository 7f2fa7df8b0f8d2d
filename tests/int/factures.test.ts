/**
 * Invoices on a real database (SQLite, and PostgreSQL with TEST_DB=postgres): gap-free numbers
 * under concurrency, separate F / A sequences, failed issues that consume nothing, immutability
 * of issued invoices, the credit-note flow and idempotent dossier invoicing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import * as facturation from '@/src/services/facturation'
import { facturerDossier, type Facture } from '@/src/services/facturation'
import { attribuerNumero } from '@/src/db/numerotation'
import { formaterNumeroFacture, parserNumeroFacture } from '@/src/domain/facturation'

let ctx: ContexteTest
let payload: Payload
let monde: Monde
const ANNEE = new Date().getUTCFullYear()
const F = (n: number) => formaterNumeroFacture('facture', ANNEE, n)
const A = (n: number) => formaterNumeroFacture('avoir', ANNEE, n)
const postgres = process.env.TEST_DB === 'postgres'

/** A service's answer as its endpoint sends it: the status and the body (a refusal: `errors`). */
async function reponse(service: Promise<object>, status: 200 | 201): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    return { status, body: { ...(await service) } }
  } catch (err) {
    if (!(err instanceof facturation.ErreurFacturation)) throw err
    return { status: err.status, body: { errors: [{ message: err.message, ...(err.manquants ? { manquants: err.manquants } : {}) }] } }
  }
}
const emettreFactureSysteme = (req: PayloadRequest, id: number | string) => reponse(facturation.emettreFactureSysteme(req, id), 200)
const emettreAvoirSysteme = (req: PayloadRequest, id: number | string, motif?: string) => reponse(facturation.emettreAvoirSysteme(req, id, motif), 201)
const demanderEmission = (req: PayloadRequest, id: unknown) => reponse(facturation.demanderEmission(req, id), 200)
const demanderAvoir = (req: PayloadRequest, id: unknown, corps: Record<string, unknown>) => reponse(facturation.demanderAvoir(req, id, corps), 201)

beforeAll(async () => {
  ctx = await demarrerPayload('factures')
  payload = ctx.payload
  monde = await creerMonde(payload)
})
afterAll(async () => ctx?.fermer())

/** A fresh request per call, as in production (one HTTP request each): its own transaction. */
const reqSysteme = (): Promise<PayloadRequest> => createLocalReq({}, payload)
const reqAdmin = async (): Promise<PayloadRequest> => createLocalReq({ user: { ...monde.admin, collection: 'users' } as never }, payload)

const dossierRealise = (extra: Record<string, unknown> = {}, status = 'facture') =>
  creerDossier(payload, monde, 'A', status, { montantValide: 120_000, numeroDossierOpco: 'ATL-77', heuresRealisees: 14, ...extra })

let dossierCommun: { id: number | string }
const brouillon = async (extra: Record<string, unknown> = {}): Promise<Facture> => {
  dossierCommun ??= await dossierRealise()
  return (await payload.create({
    collection: 'invoices',
    data: {
      dossier: dossierCommun.id,
      destinataire: 'opco',
      lignes: [{ libelle: 'Formation « Excel avancé »', quantite: 10, prixUnitaireHT: 10_000 }],
      mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI',
      ...extra,
    } as never,
  })) as unknown as Facture
}
const relire = (id: unknown) => payload.findByID({ collection: 'invoices', id: id as number, depth: 0 }) as unknown as Promise<Facture>
const numerosEmis = async (prefixe: 'F' | 'A'): Promise<string[]> => {
  const r = await payload.find({ collection: 'invoices', where: { numero: { like: `${prefixe}-${ANNEE}-` } }, pagination: false, depth: 0, sort: 'numero' })
  return r.docs.map((d) => String(d.numero)).filter((n) => n.startsWith(`${prefixe}-`))
}
const derniereSequence = async (prefixe: 'F' | 'A'): Promise<number> => {
  const n = await numerosEmis(prefixe)
  return n.length === 0 ? 0 : parserNumeroFacture(n[n.length - 1])!.sequence
}
/** Every number of the series from 1 to its count: no hole, no duplicate. */
const sansTrou = async (prefixe: 'F' | 'A') => {
  const n = await numerosEmis(prefixe)
  expect(n).toEqual(n.map((_, i) => formaterNumeroFacture(prefixe === 'F' ? 'facture' : 'avoir', ANNEE, i + 1)))
}

describe('numérotation sans trou sous concurrence', () => {
  it('50 émissions simultanées → exactement F-<année>-00001 … 00050, dans l’ordre chronologique', async () => {
    const brouillons = []
    for (let i = 0; i < 50; i++) brouillons.push(await brouillon())
    expect(brouillons.every((b) => b.numero == null && b.statut === 'brouillon')).toBe(true)
    const reponses = await Promise.all(brouillons.map(async (b) => emettreFactureSysteme(await reqSysteme(), b.id)))
    expect(reponses.map((r) => r.status)).toEqual(Array(50).fill(200))
    const emises = await Promise.all(brouillons.map((b) => relire(b.id)))
    const parNumero = [...emises].sort((a, b) => String(a.numero).localeCompare(String(b.numero)))
    expect(parNumero.map((f) => f.numero)).toEqual(Array.from({ length: 50 }, (_, i) => F(i + 1)))
    // Chronological: a higher number never carries an earlier date.
    const dates = parNumero.map((f) => new Date(String(f.dateEmission)).getTime())
    expect(dates).toEqual([...dates].sort((a, b) => a - b))
    for (const f of emises) {
      expect(f.statut).toBe('emise')
      // Due date: issue date + 30 days (templates/pdf/configuration.json).
      expect(new Date(String(f.dateEcheance)).getTime() - new Date(String(f.dateEmission)).getTime()).toBe(30 * 86_400_000)
    }
    const journal = await payload.count({ collection: 'logs', where: { and: [{ action: { equals: 'emission' } }, { collectionSlug: { equals: 'invoices' } }] } })
    expect(journal.totalDocs).toBe(50)
  })

  it('factures et avoirs émis en même temps : deux séquences séparées, chacune sans trou', async () => {
    const aAnnuler: Facture[] = []
    for (let i = 0; i < 10; i++) {
      const b = await brouillon()
      expect((await emettreFactureSysteme(await reqSysteme(), b.id)).status).toBe(200)
      aAnnuler.push(b)
    }
    const fAvant = await derniereSequence('F')
    const aAvant = await derniereSequence('A')
    const nouveaux = []
    for (let i = 0; i < 10; i++) nouveaux.push(await brouillon())
    const reponses = await Promise.all([
      ...nouveaux.map(async (b) => emettreFactureSysteme(await reqSysteme(), b.id)),
      ...aAnnuler.map(async (f) => emettreAvoirSysteme(await reqSysteme(), f.id, 'Correction')),
    ])
    expect(reponses.map((r) => r.status)).toEqual([...Array(10).fill(200), ...Array(10).fill(201)])
    const fNumeros = (await Promise.all(nouveaux.map((b) => relire(b.id)))).map((f) => String(f.numero)).sort()
    expect(fNumeros).toEqual(Array.from({ length: 10 }, (_, i) => F(fAvant + i + 1)))
    const aNumeros = reponses.slice(10).map((r) => String((r.body.doc as Facture).numero)).sort()
    expect(aNumeros).toEqual(Array.from({ length: 10 }, (_, i) => A(aAvant + i + 1)))
    for (const f of aAnnuler) expect((await relire(f.id)).statut).toBe('annulee')
    await sansTrou('F')
    await sansTrou('A')
  })
})

describe('une émission ratée ne consomme aucun numéro', () => {
  it('brouillon supprimé entre-temps → 404 ; facture déjà émise → 409 ; le numéro suivant reste le suivant', async () => {
    const avant = await derniereSequence('F')
    const supprime = await brouillon()
    await payload.delete({ collection: 'invoices', id: supprime.id })
    expect((await emettreFactureSysteme(await reqSysteme(), supprime.id)).status).toBe(404)

    const emise = await brouillon()
    expect((await emettreFactureSysteme(await reqSysteme(), emise.id)).status).toBe(200)
    const deuxieme = await emettreFactureSysteme(await reqSysteme(), emise.id)
    expect(deuxieme.status).toBe(409)
    expect(JSON.stringify(deuxieme.body)).toMatch(/déjà émise/)
    expect((await relire(emise.id)).numero).toBe(F(avant + 1))

    const suivante = await brouillon()
    expect((await emettreFactureSysteme(await reqSysteme(), suivante.id)).status).toBe(200)
    expect((await relire(suivante.id)).numero).toBe(F(avant + 2))
    await sansTrou('F')
  })

  it('dix émissions simultanées du même brouillon : une seule réussit, les autres 409, un seul numéro pris', async () => {
    const avant = await derniereSequence('F')
    const b = await brouillon()
    const reponses = await Promise.all(Array.from({ length: 10 }, async () => emettreFactureSysteme(await reqSysteme(), b.id)))
    expect(reponses.filter((r) => r.status === 200)).toHaveLength(1)
    expect(reponses.filter((r) => r.status === 409)).toHaveLength(9)
    expect((await relire(b.id)).numero).toBe(F(avant + 1))
    expect(await derniereSequence('F')).toBe(avant + 1)
    const journal = await payload.count({ collection: 'logs', where: { and: [{ action: { equals: 'emission' } }, { documentId: { equals: String(b.id) } }] } })
    expect(journal.totalDocs).toBe(1)
  })

  it('brouillon incomplet ou incohérent → 422 qui dit quoi, rien d’écrit', async () => {
    const avant = await derniereSequence('F')
    const vide = await brouillon({ lignes: [], mentionTva: null })
    const r = await emettreFactureSysteme(await reqSysteme(), vide.id)
    expect(r.status).toBe(422)
    expect(JSON.stringify(r.body)).toMatch(/aucune ligne/)
    expect(JSON.stringify(r.body)).toMatch(/mention de TVA/)
    const faux = await brouillon({ lignes: [{ libelle: 'x', quantite: 3, prixUnitaireHT: 1_000, montantHT: 3_001 }] })
    expect((await emettreFactureSysteme(await reqSysteme(), faux.id)).status).toBe(422)
    expect((await relire(vide.id)).statut).toBe('brouillon')
    expect(await derniereSequence('F')).toBe(avant)
  })

  ;(postgres ? it : it.skip)('PostgreSQL : une transaction annulée après la numérotation rend son numéro', async () => {
    const avant = await derniereSequence('F')
    const b = await brouillon()
    const req = await reqSysteme()
    expect(await initTransaction(req)).toBe(true)
    expect(await attribuerNumero(req, b.id, 'facture', 30)).toMatchObject({ numero: F(avant + 1) })
    await killTransaction(req)
    expect((await relire(b.id)).statut).toBe('brouillon')
    const autre = await brouillon()
    expect((await emettreFactureSysteme(await reqSysteme(), autre.id)).status).toBe(200)
    expect((await relire(autre.id)).numero).toBe(F(avant + 1))
  })

  it('un avoir ne s’émet pas par /emettre ; un brouillon ne s’annule pas par avoir', async () => {
    const b = await brouillon()
    expect((await emettreAvoirSysteme(await reqSysteme(), b.id)).status).toBe(409)
    expect((await payload.count({ collection: 'invoices', where: { factureOrigine: { equals: b.id } } })).totalDocs).toBe(0)
  })
})

/** A draft as facturerDossier leaves it when it stops between creating and issuing (SQLite crash). */
const facturerDossierBrouillon = async () => {
  const d = await dossierRealise()
  return payload.create({
    collection: 'invoices',
    data: { dossier: d.id, destinataire: 'opco', lignes: [{ libelle: 'Formation', quantite: 1, prixUnitaireHT: 100 }], mentionTva: 'Exonération', cleFacturation: `dossier:${String(d.id)}:opco:1` } as never,
  })
}

describe('immuabilité', () => {
  let emise: Facture
  beforeAll(async () => {
    const b = await brouillon()
    expect((await emettreFactureSysteme(await reqSysteme(), b.id)).status).toBe(200)
    emise = await relire(b.id)
  })

  it('une facture émise ne se modifie pas, même par le code serveur (overrideAccess) : 403, rien de changé', async () => {
    await expect(payload.update({ collection: 'invoices', id: emise.id, data: { mentionTva: 'autre' } as never })).rejects.toMatchObject({ status: 403 })
    await expect(payload.update({ collection: 'invoices', id: emise.id, data: { statut: 'payee' } as never, user: { ...monde.admin, collection: 'users' } as never, overrideAccess: false })).rejects.toMatchObject({ status: 403 })
    // Bulk update by query reaches the same rule for each document.
    const masse = await payload.update({ collection: 'invoices', where: { id: { equals: emise.id } }, data: { mentionTva: 'autre' } as never })
    expect(masse.docs).toHaveLength(0)
    expect(masse.errors[0]?.message).toMatch(/ne peut plus être modifiée/)
    const relue = await relire(emise.id)
    expect(relue.mentionTva).toBe(emise.mentionTva)
    expect(relue.updatedAt).toBe(emise.updatedAt)
  })

  it('une facture émise ne se supprime pas, même par le code serveur', async () => {
    await expect(payload.delete({ collection: 'invoices', id: emise.id })).rejects.toMatchObject({ status: 403 })
    expect((await relire(emise.id)).numero).toBe(emise.numero)
  })

  it('le numéro, le statut et les dates ne s’écrivent jamais à la main (403 qui nomme le champ)', async () => {
    const admin = { user: { ...monde.admin, collection: 'users' } as never, overrideAccess: false }
    await expect(
      payload.create({ collection: 'invoices', data: { dossier: dossierCommun.id, destinataire: 'opco', numero: F(99_999) } as never, ...admin }),
    ).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/numero/) })
    await expect(payload.create({ collection: 'invoices', data: { dossier: dossierCommun.id, destinataire: 'opco', statut: 'emise' } as never, ...admin })).rejects.toMatchObject({ status: 403 })
    await expect(payload.create({ collection: 'invoices', data: { dossier: dossierCommun.id, destinataire: 'opco', type: 'avoir', factureOrigine: emise.id } as never, ...admin })).rejects.toMatchObject({ status: 403 })
    // A draft is never issued by an update, not even by trusted code.
    const b = await brouillon()
    await expect(payload.update({ collection: 'invoices', id: b.id, data: { statut: 'emise' } as never })).rejects.toMatchObject({ status: 403 })
    await expect(payload.update({ collection: 'invoices', id: b.id, data: { numero: F(99_998) } as never })).rejects.toMatchObject({ status: 403 })
    await expect(payload.update({ collection: 'invoices', id: b.id, data: { numero: F(99_998) } as never, ...admin })).rejects.toMatchObject({ status: 403 })
    // What the admin form sends back for a draft (empty number, `brouillon`, its own key) is fine.
    const cree = (await facturerDossierBrouillon()) as Facture
    const renvoye = await payload.update({ collection: 'invoices', id: cree.id, data: { cleFacturation: cree.cleFacturation, type: 'facture', numero: '', mentionTva: cree.mentionTva } as never, ...admin })
    expect(renvoye.cleFacturation).toBe(cree.cleFacturation)
    await expect(payload.update({ collection: 'invoices', id: cree.id, data: { cleFacturation: 'autre' } as never, ...admin })).rejects.toMatchObject({ status: 403 })
    const maj = await payload.update({ collection: 'invoices', id: b.id, data: { numero: null, statut: 'brouillon', mentionTva: 'TVA non applicable, art. 293 B du CGI' } as never, ...admin })
    expect(maj.mentionTva).toBe('TVA non applicable, art. 293 B du CGI')
    expect((await relire(b.id)).statut).toBe('brouillon')
    expect(await numerosEmis('F')).not.toContain(F(99_999))
  })

  it('un brouillon reste modifiable et supprimable, ses totaux suivent ses lignes', async () => {
    const b = await brouillon()
    expect([b.totalHT, b.totalTVA, b.totalTTC]).toEqual([100_000, 0, 100_000])
    const maj = (await payload.update({ collection: 'invoices', id: b.id, data: { lignes: [{ libelle: 'x', quantite: 7.5, prixUnitaireHT: 8_000 }], totalTVA: 12_000 } as never })) as unknown as Facture
    expect([maj.totalHT, maj.totalTVA, maj.totalTTC]).toEqual([60_000, 12_000, 72_000])
    await payload.delete({ collection: 'invoices', id: b.id })
  })
})

describe('avoir', () => {
  it('annule entièrement une facture émise : A-…, montants positifs identiques, facture d’origine « annulée », journal', async () => {
    const b = await brouillon({ lignes: [{ libelle: 'Formation', quantite: 14, prixUnitaireHT: 8_571 }, { libelle: 'Formation', quantite: 1, prixUnitaireHT: 6 }] })
    expect((await emettreFactureSysteme(await reqSysteme(), b.id)).status).toBe(200)
    const origine = await relire(b.id)
    const aAvant = await derniereSequence('A')
    const r = await demanderAvoir(await reqAdmin(), String(b.id), { motif: '  Heures réalisées corrigées  ' })
    expect(r.status).toBe(201)
    const avoir = r.body.doc as Facture
    expect(avoir).toMatchObject({
      type: 'avoir',
      statut: 'emise',
      numero: A(aAvant + 1),
      factureOrigine: origine.id,
      destinataire: origine.destinataire,
      totalHT: origine.totalHT,
      totalTVA: origine.totalTVA,
      totalTTC: origine.totalTTC,
      mentionTva: origine.mentionTva,
      motif: 'Heures réalisées corrigées',
      dateEcheance: null,
    })
    expect((avoir.lignes as unknown[]).length).toBe(2)
    expect((r.body.factureOrigine as Facture).statut).toBe('annulee')
    const relue = await relire(b.id)
    expect([relue.statut, relue.numero, relue.totalTTC]).toEqual(['annulee', origine.numero, origine.totalTTC])
    const journal = await payload.find({ collection: 'logs', where: { and: [{ collectionSlug: { equals: 'invoices' } }, { documentId: { in: [String(b.id), String(avoir.id)] } }, { action: { in: ['emission', 'annulation'] } }] }, sort: 'createdAt', depth: 0 })
    expect(journal.docs.map((l) => [l.action, l.documentId, l.actor])).toEqual([
      ['emission', String(b.id), null],
      ['emission', String(avoir.id), monde.admin.id],
      ['annulation', String(b.id), monde.admin.id],
    ])

    // Cancelled: no second credit note; a credit note is not cancelled by another one.
    expect((await demanderAvoir(await reqAdmin(), String(b.id), {})).status).toBe(409)
    expect((await demanderAvoir(await reqAdmin(), String(avoir.id), {})).status).toBe(409)
    expect((await demanderEmission(await reqAdmin(), String(avoir.id))).status).toBe(409)
    // The cancelled invoice stays immutable.
    await expect(payload.update({ collection: 'invoices', id: b.id, data: { statut: 'emise' } as never })).rejects.toMatchObject({ status: 403 })
    await expect(payload.delete({ collection: 'invoices', id: avoir.id })).rejects.toMatchObject({ status: 403 })
  })

  it('cinq avoirs simultanés sur la même facture : un seul émis, quatre 409, pas de trou', async () => {
    const b = await brouillon()
    expect((await emettreFactureSysteme(await reqSysteme(), b.id)).status).toBe(200)
    const aAvant = await derniereSequence('A')
    const reponses = await Promise.all(Array.from({ length: 5 }, async () => emettreAvoirSysteme(await reqSysteme(), b.id)))
    expect(reponses.filter((r) => r.status === 201)).toHaveLength(1)
    expect(reponses.filter((r) => r.status === 409)).toHaveLength(4)
    const avoirs = await payload.find({ collection: 'invoices', where: { factureOrigine: { equals: b.id } }, depth: 0 })
    expect(avoirs.docs.map((d) => [d.numero, d.statut])).toEqual([[A(aAvant + 1), 'emise']])
    await sansTrou('A')
  })

  it('validation du corps : motif trop long ou pas une chaîne, champ inconnu → 400 ; non-admin → 403 ; rien écrit', async () => {
    const b = await brouillon()
    await emettreFactureSysteme(await reqSysteme(), b.id)
    const req = await reqAdmin()
    expect((await demanderAvoir(req, String(b.id), { motif: 'x'.repeat(501) })).status).toBe(400)
    expect((await demanderAvoir(req, String(b.id), { motif: 42 })).status).toBe(400)
    expect((await demanderAvoir(req, String(b.id), { motif: 'ok', montant: 1 })).status).toBe(400)
    expect((await demanderAvoir(req, 'abc', {})).status).toBe(400)
    const user = await createLocalReq({ user: { ...monde.userA, collection: 'users' } as never }, payload)
    expect((await demanderAvoir(user, String(b.id), {})).status).toBe(403)
    expect((await demanderAvoir(await reqSysteme(), String(b.id), {})).status).toBe(401)
    expect((await relire(b.id)).statut).toBe('emise')
    expect((await demanderAvoir(req, String(b.id), { motif: 'x'.repeat(500) })).status).toBe(201)
  })
})

describe('facturerDossier', () => {
  it('subrogation : facture OPCO (montant validé) puis entreprise (reste), émises, exactes au centime', async () => {
    const d = await dossierRealise()
    const factures = await facturerDossier(await reqSysteme(), d.id)
    expect(factures.map((f) => [f.destinataire, f.type, f.statut, f.totalHT, f.totalTVA, f.totalTTC])).toEqual([
      ['opco', 'facture', 'emise', 120_000, 0, 120_000],
      ['entreprise', 'facture', 'emise', 20_000, 0, 20_000],
    ])
    const [opco, entreprise] = factures.map((f) => parserNumeroFacture(f.numero)!)
    expect(entreprise!.sequence).toBe(opco!.sequence + 1)
    expect(factures[0]!.mentionTva).toBe('Exonération de TVA – art. 261-4-4°-a du CGI')
    expect(factures[0]!.lignes).toEqual([
      expect.objectContaining({ quantite: 8, prixUnitaireHT: 8_571, montantHT: 68_568, libelle: expect.stringMatching(/^Formation « Excel avancé » du 01\/03\/2027 au 02\/03\/2027 — prise en charge OPCO \(dossier OPCO n° ATL-77\)$/) }),
      expect.objectContaining({ quantite: 6, prixUnitaireHT: 8_572, montantHT: 51_432 }),
    ])
  })

  it('idempotent : un second appel rend les mêmes factures sans en créer', async () => {
    const d = await dossierRealise()
    const premier = await facturerDossier(await reqSysteme(), d.id)
    const avant = await payload.count({ collection: 'invoices' })
    const second = await facturerDossier(await reqSysteme(), d.id)
    expect(second.map((f) => [f.id, f.numero])).toEqual(premier.map((f) => [f.id, f.numero]))
    expect((await payload.count({ collection: 'invoices' })).totalDocs).toBe(avant.totalDocs)
  })

  it('idempotent sous concurrence : cinq appels simultanés, un seul jeu de factures, sans trou', async () => {
    const d = await dossierRealise({ montantValide: 100_000 })
    const resultats = await Promise.all(Array.from({ length: 5 }, async () => facturerDossier(await reqSysteme(), d.id)))
    const ids = resultats.map((r) => r.map((f) => f.id))
    for (const r of ids) expect(r).toEqual(ids[0])
    const enBase = await payload.find({ collection: 'invoices', where: { dossier: { equals: d.id } }, depth: 0 })
    expect(enBase.docs.map((f) => [f.destinataire, f.statut, f.totalHT])).toEqual(
      expect.arrayContaining([['opco', 'emise', 100_000], ['entreprise', 'emise', 40_000]]),
    )
    expect(enBase.totalDocs).toBe(2)
    await sansTrou('F')
  })

  it('prorata : 13,5 h faites sur 14 → coût et part OPCO au prorata, l’entreprise paie la différence', async () => {
    const d = await dossierRealise({ heuresRealisees: 13.5, montantValide: 100_001 })
    const factures = await facturerDossier(await reqSysteme(), d.id)
    expect(factures.map((f) => [f.destinataire, f.totalHT])).toEqual([['opco', 96_429], ['entreprise', 38_571]])
    for (const f of factures) expect((f.lignes as Array<{ quantite: number }>).reduce((s, l) => s + l.quantite, 0)).toBe(13.5)
  })

  it('sans subrogation : une facture à l’entreprise ; organisme assujetti : TVA 20 %', async () => {
    const assujetti = await payload.create({ collection: 'training-providers', data: { nom: 'Forma TVA', siret: '73282932000074', nda: '11755555575', regimeTva: 'assujetti', numeroTva: 'FR19812345676' } as never })
    const d = await dossierRealise({ subrogation: false, formation: { titre: 'Anglais', organisme: assujetti.id, dureeHeures: 10, dateDebut: '2027-03-01', dateFin: '2027-03-05' }, heuresRealisees: 10, coutTotalHT: 100_003 })
    const [f, ...autres] = await facturerDossier(await reqSysteme(), d.id)
    expect(autres).toEqual([])
    expect([f!.destinataire, f!.totalHT, f!.totalTVA, f!.totalTTC, f!.mentionTva]).toEqual(['entreprise', 100_003, 20_001, 120_004, 'TVA au taux normal de 20 %'])
  })

  it('après un avoir sur la facture de l’entreprise, refacturer n’émet qu’une nouvelle facture pour elle', async () => {
    const d = await dossierRealise()
    const [opco, entreprise] = await facturerDossier(await reqSysteme(), d.id)
    expect((await emettreAvoirSysteme(await reqSysteme(), entreprise!.id, 'Erreur de destinataire')).status).toBe(201)
    const apres = await facturerDossier(await reqSysteme(), d.id)
    expect(apres.map((f) => f.destinataire)).toEqual(['opco', 'entreprise'])
    expect(apres[0]!.id).toBe(opco!.id)
    expect(apres[1]!.id).not.toBe(entreprise!.id)
    expect(apres[1]!.statut).toBe('emise')
    const encore = await facturerDossier(await reqSysteme(), d.id)
    expect(encore.map((f) => f.id)).toEqual(apres.map((f) => f.id))
  })

  it('refus clairs : dossier inconnu 404, pas encore réalisé 409, données manquantes 422 — rien créé', async () => {
    const avant = (await payload.count({ collection: 'invoices' })).totalDocs
    await expect(facturerDossier(await reqSysteme(), 999_999)).rejects.toMatchObject({ status: 404 })
    await expect(facturerDossier(await reqSysteme(), 'abc')).rejects.toMatchObject({ status: 400 })
    const enFormation = await dossierRealise({}, 'en_formation')
    await expect(facturerDossier(await reqSysteme(), enFormation.id)).rejects.toMatchObject({ status: 409 })
    const incomplet = await dossierRealise({ montantValide: null, heuresRealisees: null })
    await expect(facturerDossier(await reqSysteme(), incomplet.id)).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/heures réalisées manquantes.*montant validé/),
    })
    expect((await payload.count({ collection: 'invoices' })).totalDocs).toBe(avant)
  })
})
