/**
 * The documents pipeline on a real database with the real Chromium: workflow events → generation
 * rows → jobs → PDFs stored as `documents`. Replayed events and re-run jobs replace, never
 * duplicate; a browser killed in the middle of a job makes the job fail, and its retry produces
 * the document once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import path from 'node:path'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerMonde, richText, signerConventionPourTests, type Monde } from '@/tests/helpers/fixtures'
import { texteDuPdf } from '@/tests/helpers/documents'
import { transitionnerDossier } from '@/src/services/transition'
import { abonner, publierEvenement } from '@/src/jobs/evenements'
import { evenementsRenderer } from '@/src/pdf/renderer'
import { regenerer } from '@/src/services/generation'
import type { EvenementDossier } from '@/src/domain/workflow'

let ctx: ContexteTest
let payload: Payload
let monde: Monde
let reqAdmin: PayloadRequest
const recus: EvenementDossier[] = []

const dansJours = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)

beforeAll(async () => {
  ctx = await demarrerPayload('generation_documents')
  payload = ctx.payload
  monde = await creerMonde(payload)
  await payload.update({ collection: 'training-providers', id: monde.provider.id, data: { regionNda: 'Île-de-France', adresse: { rue: '45 boulevard Voltaire', codePostal: '75011', ville: 'Paris' } } })
  reqAdmin = await createLocalReq({ user: { ...monde.admin, collection: 'users' } as never }, payload)
  abonner({ nom: 'capture (test)', types: ['dossier.validate'], traiter: async (e) => void recus.push(e) })
})
afterAll(async () => ctx?.fermer())

async function dossierEnRevue(nom: string) {
  return payload.create({
    collection: 'dossiers',
    data: {
      typeFormation: 'formation',
      status: 'en_revue',
      owner: monde.userA.id,
      company: monde.companyA.id,
      opco: monde.opcoA.id,
      beneficiaire: { nom, prenom: 'Claire', email: 'claire@exemple.fr', telephone: '0601020304' },
      formation: {
        titre: 'Excel avancé',
        objectifs: richText('Construire des tableaux croisés dynamiques.'),
        programme: 'Jour 1 : tableaux structurés.\nJour 2 : tableaux croisés dynamiques.',
        organisme: monde.provider.id,
        dureeHeures: 14,
        dateDebut: dansJours(60),
        dateFin: dansJours(61),
        lieu: 'Lyon',
        modalite: 'presentiel',
      },
      coutTotalHT: 140000,
    } as never,
  })
}

const executerJobs = async () => {
  // The event's job queues the generation jobs, which the next run picks up.
  await payload.jobs.run({ limit: 100 })
  await payload.jobs.run({ limit: 100 })
}

const generationsDe = async (dossier: number | string) =>
  ((await payload.find({ collection: 'generations', where: { dossier: { equals: dossier } }, pagination: false, depth: 0 })).docs as unknown as Record<string, unknown>[]).sort(
    (a, b) => String(a.documentType).localeCompare(String(b.documentType)) || Number(a.version) - Number(b.version),
  )
const documentsGeneres = async (dossier: number | string) =>
  (await payload.find({ collection: 'documents', where: { and: [{ dossier: { equals: dossier } }, { origin: { equals: 'generated' } }] }, pagination: false, depth: 0 })).docs as unknown as Record<string, unknown>[]

const octets = (doc: Record<string, unknown>) => new Uint8Array(fs.readFileSync(path.join(ctx.dossierFichiers, 'documents', String(doc.filename))))

describe('validation → convention et demande de prise en charge', () => {
  let dossierId: number | string

  it('produit les deux PDF, avec les vraies valeurs du dossier', async () => {
    const d = await dossierEnRevue('Martin')
    dossierId = d.id
    await transitionnerDossier(reqAdmin, d.id, 'validate', {})
    // The event's job records what must be produced, then the generation jobs render it.
    expect(await generationsDe(d.id)).toEqual([])
    await payload.jobs.run({ limit: 100 })
    expect((await generationsDe(d.id)).map((g) => [g.documentType, g.statut])).toEqual([
      ['convention', 'en_attente'],
      ['demande_prise_en_charge', 'en_attente'],
    ])
    await payload.jobs.run({ limit: 100 })
    const generations = await generationsDe(d.id)
    expect(generations.map((g) => [g.documentType, g.version, g.statut, g.erreur ?? null])).toEqual([
      ['convention', 1, 'genere', null],
      ['demande_prise_en_charge', 1, 'genere', null],
    ])
    const docs = await documentsGeneres(d.id)
    expect(docs.map((x) => x.documentType).sort()).toEqual(['convention', 'demande_prise_en_charge'])
    const convention = docs.find((x) => x.documentType === 'convention')!
    expect(convention.mimeType).toBe('application/pdf')
    expect(String(convention.filename)).toBe(`${String(d.reference)}-convention-v1.pdf`)
    const { texte } = await texteDuPdf(octets(convention))
    expect(texte).toContain(String(d.reference))
    expect(texte).toContain('Martin')
    expect(texte).toContain('Alpha Conseil')
    expect(texte).toContain('11755555575')
    expect(texte.replace(/\s/g, ' ')).toMatch(/1 400,00 €/)
  })

  it('le même événement rejoué ne crée ni génération ni document de plus', async () => {
    const evenement = recus.find((e) => String(e.dossier) === String(dossierId))!
    expect(evenement).toBeDefined()
    const avant = await documentsGeneres(dossierId)
    await publierEvenement(reqAdmin, evenement)
    await executerJobs()
    expect((await generationsDe(dossierId)).length).toBe(2)
    const apres = await documentsGeneres(dossierId)
    expect(apres.map((x) => x.id).sort()).toEqual(avant.map((x) => x.id).sort())
  })

  it("« send » n'est possible qu'une fois les documents produits (et l'est alors)", async () => {
    const d = await dossierEnRevue('Petit')
    await transitionnerDossier(reqAdmin, d.id, 'validate', {})
    await expect(transitionnerDossier(reqAdmin, d.id, 'send', {})).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/demande de prise en charge non générée/) })
    await executerJobs()
    // Generated, not yet signed: `send` names the missing signature (issue 17).
    await expect(transitionnerDossier(reqAdmin, d.id, 'send', {})).rejects.toMatchObject({ status: 422, complements: { manquants: ['documents.convention_signee'] } })
    await signerConventionPourTests(payload, d.id)
    await transitionnerDossier(reqAdmin, d.id, 'send', {})
  })

  it('navigateur tué pendant le job : le job échoue, sa reprise produit le document une seule fois', async () => {
    const convention = (await generationsDe(dossierId)).find((g) => g.documentType === 'convention')!
    const nouvelle = await regenerer(reqAdmin, convention.id as number)
    expect(nouvelle.version).toBe(2)
    let tue = false
    const tuer = ({ etape, processus }: { etape: string; processus?: { kill: (s: string) => void } | null }) => {
      if (etape !== 'contenu' || tue || !processus) return
      tue = true
      processus.kill('SIGKILL')
    }
    evenementsRenderer.on('rendu', tuer)
    try {
      await payload.jobs.run({ limit: 100 })
    } finally {
      evenementsRenderer.off('rendu', tuer)
    }
    expect(tue).toBe(true)
    const echec = await payload.findByID({ collection: 'generations', id: nouvelle.id, depth: 0 })
    expect(echec.statut).toBe('echec')
    expect(String(echec.erreur)).not.toBe('')
    expect((await payload.find({ collection: 'documents', where: { generation: { equals: nouvelle.id } }, depth: 0 })).totalDocs).toBe(0)

    await payload.jobs.run({ limit: 100 })
    const reprise = await payload.findByID({ collection: 'generations', id: nouvelle.id, depth: 0 })
    expect([reprise.statut, reprise.tentatives]).toEqual(['genere', 2])
    const produits = await payload.find({ collection: 'documents', where: { generation: { equals: nouvelle.id } }, depth: 0 })
    expect(produits.totalDocs).toBe(1)
    expect(produits.docs[0]!.version).toBe(2)
    expect(String(produits.docs[0]!.filename)).toMatch(/-convention-v2\.pdf$/)
    // Version 1 stays: what was sent to the OPCO is kept.
    expect((await documentsGeneres(dossierId)).filter((x) => x.documentType === 'convention')).toHaveLength(2)

    // Running the jobs again changes nothing: the generation is done.
    await payload.jobs.run({ limit: 100 })
    expect((await payload.find({ collection: 'documents', where: { generation: { equals: nouvelle.id } }, depth: 0 })).totalDocs).toBe(1)
  })
})

describe('réalisation → certificat ; facturation → factures', () => {
  it('le certificat porte les heures réalisées, chaque facture émise a son PDF à son numéro', async () => {
    const base = await dossierEnRevue('Bernard')
    const d = await payload.update({
      collection: 'dossiers',
      id: base.id,
      data: { status: 'en_formation', montantValide: 100000, numeroDossierOpco: 'ATL-2027-77', subrogation: true } as never,
    })
    await transitionnerDossier(reqAdmin, d.id, 'complete', { heuresRealisees: 14 })
    await executerJobs()
    const certificat = (await documentsGeneres(d.id)).find((x) => x.documentType === 'certificat_realisation')!
    expect(certificat).toBeDefined()
    const texteCertificat = (await texteDuPdf(octets(certificat))).texte
    expect(texteCertificat).toContain('Bernard')
    expect(texteCertificat).toMatch(/14\s*h/)

    await transitionnerDossier(reqAdmin, d.id, 'invoice', {})
    await executerJobs()
    const factures = (await payload.find({ collection: 'invoices', where: { dossier: { equals: d.id } }, sort: 'numero', depth: 0 })).docs
    // Under subrogation: the OPCO for the validated amount, the company for the remainder.
    expect(factures.map((f) => [f.destinataire, f.statut, f.totalTTC])).toEqual([
      ['opco', 'emise', 100000],
      ['entreprise', 'emise', 40000],
    ])
    const pdfs = (await documentsGeneres(d.id)).filter((x) => x.documentType === 'facture')
    expect(pdfs.map((x) => x.filename).sort()).toEqual(factures.map((f) => `${String(f.numero)}.pdf`).sort())
    for (const f of factures) {
      const pdf = pdfs.find((x) => x.filename === `${String(f.numero)}.pdf`)!
      const texte = (await texteDuPdf(octets(pdf))).texte.replace(/\s+/g, ' ')
      expect(texte).toContain(String(f.numero))
      expect(texte).toContain('ATL-2027-77')
      expect(texte).toMatch(/40,00 €/)
    }
  })
})
