/**
 * Issue 13, items 3 and 4, on a real database with the real Chromium: a 2027 training gets an
 * estimate from the demo rules; the demande de prise en charge prints the requested amount, the
 * same figure as the e-mail to the OPCO; the convention prints the company's address and
 * signatory and nothing of the OPCO's later answer; a changed company address produces version 2
 * of the documents that print it, version 1 kept.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import path from 'node:path'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerMonde, richText, signerConventionPourTests, type Monde } from '@/tests/helpers/fixtures'
import { texteDuPdf } from '@/tests/helpers/documents'
import { transitionnerDossier } from '@/src/services/transition'
import { construireDonneesDemo } from '@/src/seed/donnees'
import { formaterEuros } from '@/src/domain/money'
import { montantDemande } from '@/src/domain/funding/demande'

let ctx: ContexteTest
let payload: Payload
let monde: Monde
let reqAdmin: PayloadRequest
let dossierId: number | string

type Ligne = Record<string, unknown>
const espaces = (t: string) => t.replace(/[\s\u00a0\u202f]+/g, ' ')

beforeAll(async () => {
  ctx = await demarrerPayload('documents_a_jour')
  payload = ctx.payload
  monde = await creerMonde(payload)
  // The ATLAS rules exactly as the demo seed writes them (2024 example, 2026 and 2027 « à vérifier »).
  const atlas = construireDonneesDemo(new Date('2026-12-03T10:00:00Z')).opcos.find((o) => o.code === 'ATLAS')!
  await payload.update({ collection: 'opcos', id: monde.opcoA.id, data: { reglesFinancement: atlas.reglesFinancement } as never })
  await payload.update({ collection: 'training-providers', id: monde.provider.id, data: { regionNda: 'Île-de-France', adresse: { rue: '45 boulevard Voltaire', codePostal: '75011', ville: 'Paris' } } })
  await payload.update({
    collection: 'companies',
    id: monde.companyA.id,
    data: { adresse: { rue: '8 rue des Lilas', codePostal: '69003', ville: 'Lyon' }, signataire: { nom: 'Roux', prenom: 'Anne', fonction: 'Gérante' } } as never,
  })
  reqAdmin = await createLocalReq({ user: { ...monde.admin, collection: 'users' } as never }, payload)
})
afterAll(async () => ctx?.fermer())

const executerJobs = async () => {
  for (let i = 0; i < 3; i++) await payload.jobs.run({ limit: 100 })
}
const generations = async (dossier: number | string, documentType: string) =>
  (await payload.find({ collection: 'generations', where: { and: [{ dossier: { equals: dossier } }, { documentType: { equals: documentType } }] }, sort: 'version', pagination: false, depth: 0 }))
    .docs as unknown as Ligne[]
const texteDocument = async (generation: Ligne) => {
  const doc = (await payload.findByID({ collection: 'documents', id: generation.document as number, depth: 0 })) as unknown as Ligne
  const octets = new Uint8Array(fs.readFileSync(path.join(ctx.dossierFichiers, 'documents', String(doc.filename))))
  return espaces((await texteDuPdf(octets)).texte)
}

describe('une formation de 2027', () => {
  it('a une estimation (règle Atlas 2027, à vérifier) et un montant demandé', async () => {
    const d = (await payload.create({
      collection: 'dossiers',
      data: {
        typeFormation: 'formation',
        status: 'en_revue',
        owner: monde.userA.id,
        company: monde.companyA.id,
        opco: monde.opcoA.id,
        subrogation: true,
        beneficiaire: { nom: 'Durand', prenom: 'Élodie', email: 'elodie@exemple.fr' },
        formation: {
          titre: 'Gestion de projet agile',
          objectifs: richText('Planifier un projet en sprints.'),
          programme: 'Jour 1 : Scrum.\nJour 2 : rétrospective.',
          organisme: monde.provider.id,
          dureeHeures: 14,
          dateDebut: '2027-03-15T12:00:00.000Z',
          dateFin: '2027-03-16T12:00:00.000Z',
          lieu: 'Lyon',
          modalite: 'presentiel',
        },
        coutTotalHT: 126_000,
      } as never,
    })) as unknown as Ligne
    dossierId = d.id as number
    // 14 h × 55 € HT/h (Atlas, moins de 11 salariés) = 770 €.
    expect(d.montantEstime).toBe(77_000)
    const e = d.estimationFinancement as { regleAppliquee: string; avertissements: string[]; manquants: string[] }
    expect(e.regleAppliquee).toMatch(/Atlas 2027/)
    expect(e.manquants).toEqual([])
    expect(e.avertissements).toContain("Règle d'exemple, à vérifier auprès de l'OPCO.")
    expect(montantDemande(d as never)).toBe(77_000)
  })
})

describe('documents produits à la validation et à l’envoi', () => {
  it('demande de prise en charge : le montant demandé en euros, le même que dans l’e-mail à l’OPCO', async () => {
    await transitionnerDossier(reqAdmin, dossierId, 'validate', {})
    await executerJobs()
    const [dpc] = await generations(dossierId, 'demande_prise_en_charge')
    expect(dpc).toMatchObject({ version: 1, statut: 'genere' })
    expect(String(dpc!.empreinte)).toMatch(/^[0-9a-f]{64}$/)
    const texte = await texteDocument(dpc!)
    expect(texte).toContain('Montant de prise en charge demandé : 770,00 € HT')
    expect(texte).not.toMatch(/demandé : — HT/)

    await signerConventionPourTests(payload, dossierId)
    await transitionnerDossier(reqAdmin, dossierId, 'send', {})
    await executerJobs()
    const [email] = (await payload.find({ collection: 'emails', where: { and: [{ dossier: { equals: dossierId } }, { template: { equals: 'dossier_opco' } }] }, depth: 0, overrideAccess: true }))
      .docs as unknown as Ligne[]
    expect(email).toBeDefined()
    const figure = espaces(formaterEuros(77_000))
    expect(espaces(String(email!.text))).toContain(`Montant demandé : ${figure}`)
    expect(texte).toContain(`demandé : ${figure} HT`)
  })

  it('convention : adresse et signataire de l’entreprise, rien de la décision de l’OPCO', async () => {
    const [convention] = await generations(dossierId, 'convention')
    const texte = await texteDocument(convention!)
    expect(texte).toContain('Adresse : 8 rue des Lilas, 69003 Lyon')
    expect(texte).not.toContain('non renseignée')
    expect(texte).toContain('Représentée par : Anne Roux, Gérante')
    expect(texte).toContain('Alpha Conseil, représentée par Anne Roux, Gérante')
    expect(texte).toContain('Prise en charge demandée : 770,00 € HT')
    expect(texte).not.toMatch(/accordée|en attente de la décision|N° de dossier OPCO/)
  })

  it('la réponse de l’OPCO ne change rien de ce que la convention imprime : pas de nouvelle version', async () => {
    await transitionnerDossier(reqAdmin, dossierId, 'answer', { decision: 'accepte', numeroDossierOpco: 'ATL-2027-000123', montantValide: 77_000 })
    await executerJobs()
    expect((await generations(dossierId, 'convention')).map((g) => g.version)).toEqual([1])
    expect((await generations(dossierId, 'demande_prise_en_charge')).map((g) => g.version)).toEqual([1])
  })

  it('adresse de l’entreprise modifiée : version 2 avec la nouvelle adresse, version 1 gardée', async () => {
    await payload.update({ collection: 'companies', id: monde.companyA.id, data: { adresse: { rue: '3 quai Perrache', codePostal: '69002', ville: 'Lyon' } } as never })
    // The same change seen twice asks once.
    await payload.update({ collection: 'companies', id: monde.companyA.id, data: { raisonSociale: 'Alpha Conseil' } as never })
    await executerJobs()
    const conventions = await generations(dossierId, 'convention')
    expect(conventions.map((g) => [g.version, g.statut])).toEqual([
      [1, 'genere'],
      [2, 'genere'],
    ])
    expect(await texteDocument(conventions[1]!)).toContain('Adresse : 3 quai Perrache, 69002 Lyon')
    // Version 1 is kept, as it was.
    expect(await texteDocument(conventions[0]!)).toContain('Adresse : 8 rue des Lilas, 69003 Lyon')
    expect(conventions[1]!.empreinte).not.toBe(conventions[0]!.empreinte)
    const docs = (await payload.find({ collection: 'documents', where: { and: [{ dossier: { equals: dossierId } }, { documentType: { equals: 'convention' } }] }, depth: 0 })).docs
    expect(docs.map((x) => x.version).sort()).toEqual([1, 2])
    // The DPC prints the address too.
    expect((await generations(dossierId, 'demande_prise_en_charge')).map((g) => g.version)).toEqual([1, 2])
  })
})
