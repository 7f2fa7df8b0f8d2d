/**
 * Factur-X (issue 18, items 1 et 2) sur une vraie base et le vrai Chromium : chaque facture et
 * avoir émis a un PDF qui contient `factur-x.xml` (relu avec pdf.js), valide contre le XSD
 * Factur-X EN16931, dont les totaux sont ceux de la pièce au centime ; les trois régimes de TVA,
 * la facture du reste à charge de l'entreprise, un avoir. Une pièce fausse (crochet de test)
 * → 422 qui nomme la règle, aucun numéro consommé.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import path from 'node:path'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerDossier, creerMonde, siretValide, type Monde } from '@/tests/helpers/fixtures'
import { env, lireEnvironnement } from '@/src/config/env'
import { centimesEnEuros } from '@/src/domain/money'
import { emettreAvoirSysteme, emettreFactureSysteme, ErreurFacturation, facturerDossier } from '@/src/services/facturation'
import { demanderPdfPiece } from '@/src/services/generation'
import { controlerFacture, entreesFacture, erreursXsd, NOM_XML_FACTURX } from '@/src/services/factureElectronique'
import type { Invoice } from '@/src/payload-types'

let ctx: ContexteTest
let payload: Payload
let monde: Monde

beforeAll(async () => {
  ctx = await demarrerPayload('factures_electroniques')
  payload = ctx.payload
  monde = await creerMonde(payload)
})
afterAll(async () => ctx?.fermer())

const req = (): Promise<PayloadRequest> => createLocalReq({}, payload)

async function organisme(regimeTva: string, graine: number) {
  return payload.create({
    collection: 'training-providers',
    data: {
      nom: `Organisme ${regimeTva}`,
      siret: siretValide(graine),
      nda: '11755555575',
      regimeTva,
      numeroTva: 'FR19812345676',
      adresse: { rue: '45 boulevard Voltaire', codePostal: '75011', ville: 'Paris' },
      qualiopi: { actionsFormation: true, bilansCompetences: true, validiteDebut: '2024-01-01', validiteFin: '2031-12-31' },
    } as never,
  })
}

/** Les fichiers joints d'un PDF, relus par pdf.js. */
async function piecesJointes(pdf: Uint8Array): Promise<Record<string, Uint8Array>> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise
  try {
    const jointes = ((await doc.getAttachments()) ?? {}) as Record<string, { filename: string; content: Uint8Array }>
    return Object.fromEntries(Object.values(jointes).map((j) => [j.filename, j.content]))
  } finally {
    await doc.destroy()
  }
}

async function pdfDe(facture: Invoice): Promise<Uint8Array> {
  await demanderPdfPiece(await req(), facture)
  await payload.jobs.run({ limit: 100 })
  await payload.jobs.run({ limit: 100 })
  const docs = await payload.find({ collection: 'documents', where: { filename: { equals: `${String(facture.numero)}.pdf` } }, depth: 0, limit: 1 })
  const doc = docs.docs[0]
  expect(doc).toBeDefined()
  return new Uint8Array(fs.readFileSync(path.join(ctx.dossierFichiers, 'documents', String(doc!.filename))))
}

/** A total of the header (BG-22), not a line's: read inside SpecifiedTradeSettlementHeaderMonetarySummation. */
const montantXml = (xml: string, balise: string): string | undefined => {
  const totaux = /<ram:SpecifiedTradeSettlementHeaderMonetarySummation>([\s\S]*?)<\/ram:SpecifiedTradeSettlementHeaderMonetarySummation>/.exec(xml)?.[1] ?? ''
  return new RegExp(`<ram:${balise}[^>]*>([^<]+)</ram:${balise}>`).exec(totaux)?.[1]
}

/** Ce que le test exige de toute pièce émise : Factur-X présent, XSD valide, règles, totaux au centime. */
async function verifierFacturX(facture: Invoice): Promise<string> {
  const pdf = await pdfDe(facture)
  expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-')
  const jointes = await piecesJointes(pdf)
  expect(Object.keys(jointes)).toContain(NOM_XML_FACTURX)
  const xml = Buffer.from(jointes[NOM_XML_FACTURX]!).toString('utf8')
  // PDF/A-3 et Factur-X déclarés dans les métadonnées XMP du PDF.
  const brut = Buffer.from(pdf).toString('latin1')
  expect(brut).toMatch(/pdfaid:part[^0-9]*3/)
  expect(brut).toMatch(/EN 16931/)
  expect(await erreursXsd(xml)).toEqual([])
  const { entrees, dateFactureOrigine } = await entreesFacture(await req(), facture)
  expect((await controlerFacture(entrees, { dateFactureOrigine })).violations).toEqual([])
  expect(xml).toContain(`<ram:ID>${String(facture.numero)}</ram:ID>`)
  expect(montantXml(xml, 'LineTotalAmount')).toBe(centimesEnEuros(facture.totalHT!))
  expect(montantXml(xml, 'TaxBasisTotalAmount')).toBe(centimesEnEuros(facture.totalHT!))
  expect(montantXml(xml, 'TaxTotalAmount')).toBe(centimesEnEuros(facture.totalTVA!))
  expect(montantXml(xml, 'GrandTotalAmount')).toBe(centimesEnEuros(facture.totalTTC!))
  expect(montantXml(xml, 'DuePayableAmount')).toBe(centimesEnEuros(facture.totalTTC!))
  expect(xml).toContain('prestation de services')
  return xml
}

describe('Factur-X de chaque pièce émise', () => {
  it.each([
    ['exoneration_261', 'VATEX-EU-132-1I', 'E', 91_000_001],
    ['franchise_293B', 'VATEX-FR-FRANCHISE', 'E', 91_000_002],
    ['assujetti', null, 'S', 91_000_003],
  ] as const)('%s : facture OPCO et reste à charge de l’entreprise, codes de TVA, SIREN, IBAN', async (regime, vatex, categorie, graine) => {
    const o = await organisme(regime, graine)
    const d = await creerDossier(payload, monde, 'A', 'facture', { montantValide: 100_000, numeroDossierOpco: 'ATL-77', heuresRealisees: 14 })
    await payload.update({ collection: 'dossiers', id: d.id, data: { formation: { ...(d as { formation: object }).formation, organisme: o.id } } as never })
    const factures = await facturerDossier(await req(), d.id)
    expect(factures.map((f) => f.destinataire)).toEqual(['opco', 'entreprise'])
    for (const f of factures) {
      const xml = await verifierFacturX(f)
      expect(xml).toContain(`<ram:CategoryCode>${categorie}</ram:CategoryCode>`)
      if (vatex) expect(xml).toContain(`<ram:ExemptionReasonCode>${vatex}</ram:ExemptionReasonCode>`)
      else expect(xml).not.toContain('ExemptionReasonCode')
      expect(xml).toContain('<ram:IBANID>FR7630006000011234567890189</ram:IBANID>')
      expect(xml).toContain(`<ram:ID schemeID="0002">${siretValide(graine).slice(0, 9)}</ram:ID>`)
      const client = f.destinataire === 'opco' ? monde.opcoA.siret : monde.companyA.siret
      expect(xml).toContain(`<ram:ID schemeID="0002">${String(client).slice(0, 9)}</ram:ID>`)
      expect(xml).toMatch(/<ram:DueDateDateTime>/)
    }
    if (regime === 'assujetti') expect(factures[0]!.totalTVA).toBeGreaterThan(0)
  })

  it('avoir : Factur-X de type 381 qui cite la facture annulée', async () => {
    const d = await creerDossier(payload, monde, 'A', 'facture', { montantValide: 50_000, numeroDossierOpco: 'ATL-78', heuresRealisees: 14 })
    const [f] = await facturerDossier(await req(), d.id)
    const { doc: avoir } = await emettreAvoirSysteme(await req(), f!.id, 'Erreur de montant')
    const xml = await verifierFacturX(avoir!)
    expect(xml).toContain('<ram:TypeCode>381</ram:TypeCode>')
    expect(xml).toContain(`<ram:IssuerAssignedID>${String(f!.numero)}</ram:IssuerAssignedID>`)
  })
})

describe('contrôle avant émission', () => {
  it('un total faux (crochet de test) → 422 qui nomme BR-CO-15, aucun numéro consommé ; sans le crochet, le numéro suivant', async () => {
    const d = await creerDossier(payload, monde, 'A', 'facture', { montantValide: 50_000, numeroDossierOpco: 'ATL-79', heuresRealisees: 14 })
    const brouillon = await payload.create({
      collection: 'invoices',
      data: { dossier: d.id, destinataire: 'opco', lignes: [{ libelle: 'Formation', quantite: 10, prixUnitaireHT: 10_000 }], mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI' } as never,
    })
    const numeros = async () => (await payload.find({ collection: 'invoices', where: { numero: { exists: true } }, pagination: false, depth: 0 })).docs.map((x) => x.numero).sort()
    const avant = await numeros()
    const e = env()
    e.facturxTotalFauxPourTests = true
    let refus: unknown
    try {
      await emettreFactureSysteme(await req(), brouillon.id)
    } catch (err) {
      refus = err
    } finally {
      e.facturxTotalFauxPourTests = false
    }
    expect(refus).toBeInstanceOf(ErreurFacturation)
    expect((refus as ErreurFacturation).status).toBe(422)
    expect((refus as ErreurFacturation).message).toMatch(/BR-CO-15/)
    expect((refus as ErreurFacturation).manquants?.map((m) => m.champ)).toEqual(['BR-CO-15'])
    expect(await numeros()).toEqual(avant)
    expect((await payload.findByID({ collection: 'invoices', id: brouillon.id, depth: 0 })).statut).toBe('brouillon')
    const { doc } = await emettreFactureSysteme(await req(), brouillon.id)
    expect((await numeros()).length).toBe(avant.length + 1)
    expect(doc?.statut).toBe('emise')
  })

  it('un organisme sans n° de TVA → 422 BR-E-02, rien émis', async () => {
    const o = await organisme('exoneration_261', 91_000_009)
    await payload.update({ collection: 'training-providers', id: o.id, data: { numeroTva: null } as never })
    const d = await creerDossier(payload, monde, 'A', 'facture', { montantValide: 50_000, numeroDossierOpco: 'ATL-80', heuresRealisees: 14 })
    await payload.update({ collection: 'dossiers', id: d.id, data: { formation: { ...(d as { formation: object }).formation, organisme: o.id } } as never })
    await expect(facturerDossier(await req(), d.id)).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/BR-E-02/) })
    const emises = await payload.count({ collection: 'invoices', where: { and: [{ dossier: { equals: d.id } }, { numero: { exists: true } }] } })
    expect(emises.totalDocs).toBe(0)
  })

  it('le crochet de test est refusé en production : le serveur ne démarre pas avec lui', () => {
    expect(() => lireEnvironnement({ NODE_ENV: 'production', PAYLOAD_SECRET: 'x'.repeat(40), FACTURX_TOTAL_FAUX_POUR_TESTS: 'true' }, () => false)).toThrow(/FACTURX_TOTAL_FAUX_POUR_TESTS/)
    expect(lireEnvironnement({ FACTURX_TOTAL_FAUX_POUR_TESTS: 'true' }, () => false).facturxTotalFauxPourTests).toBe(true)
  })
})
