/**
 * Consistency of the uploaded pieces over real HTTP (the built app, a local OpenAI-compatible
 * server): a beneficiary uploads a devis whose total differs from the dossier → the stored
 * conformity report carries « Devis : 2 400,00 € HT ≠ coût saisi 2 280,00 € » with both values,
 * shown on the admin form and on the portal (escaped); hostile PDFs (encrypted, damaged) are
 * accepted files with a « texte illisible » finding, never a 5xx; a file that is not a PDF or too
 * large is refused with nothing written; the AI reads an unusual layout and its values come back
 * as « suggestion IA » findings, written nowhere.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import type { Constat, RapportConformite } from '@/src/domain/conformity'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { HTML_DEGUISE } from '@/tests/helpers/fichiers'
import { demarrerOpenAiFactice, type OpenAiFactice } from '@/tests/helpers/openaiFactice'
import { pdfAbime, pdfChiffre } from '@/tests/helpers/jeuCoherence'

const CLE = 'sk-test-coherence'
let s: ServeurDeTest
let ia: OpenAiFactice
let payload: Payload
let monde: Monde
let entetes: Awaited<ReturnType<typeof entetesDuMonde>>

const TITRE_HOSTILE = 'Excel <img src=x onerror=alert(1)> avancé'

beforeAll(async () => {
  ia = await demarrerOpenAiFactice(CLE)
  s = await demarrerServeur('coherence_pieces', { OPENAI_API_KEY: CLE, OPENAI_BASE_URL: ia.url, OPENAI_MODEL: 'modele-test', OPENAI_TIMEOUT_SECONDS: '5', OPENAI_MAX_RETRIES: '0' })
  payload = s.payload
  monde = await creerMonde(payload)
  entetes = await entetesDuMonde(s.url, monde)
}, 240_000)
afterAll(async () => {
  await s?.arreter()
  await ia?.fermer()
})

async function pdf(lignes: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const police = await doc.embedFont(StandardFonts.Helvetica)
  const page = doc.addPage([595, 842])
  lignes.forEach((l, i) => page.drawText(l, { x: 50, y: 790 - i * 16, size: 10, font: police }))
  return doc.save()
}

const devis = (total: string) =>
  pdf([
    `FORMA PRO - N° de déclaration d’activité : 11 75 55555 75`,
    'DEVIS N° D-2027-001 pour Alpha Conseil',
    `Intitulé : ${TITRE_HOSTILE}`,
    'Durée : 14 heures, du 01/03/2027 au 02/03/2027',
    `Total HT : ${total} €`,
  ])

async function deposer(qui: 'userA' | 'admin', dossier: number | string, octets: Uint8Array | Buffer, nom = 'devis.pdf', documentType = 'devis') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(octets)], { type: 'application/pdf' }), nom)
  form.append('_payload', JSON.stringify({ dossier, documentType }))
  const res = await fetch(`${s.url}/api/documents`, { method: 'POST', headers: entetes[qui], body: form })
  return { status: res.status, body: (await res.json().catch(() => ({}))) as { doc?: { id: number }; errors?: { message: string }[] } }
}

const rapport = async (id: number | string) => (await payload.findByID({ collection: 'dossiers', id, depth: 0, overrideAccess: true })).conformite as unknown as RapportConformite | null
const texte = (html: string) => html.replace(/<!-- -->/g, '').replace(/&nbsp;|\u202f|\u00a0/g, ' ').replace(/&#x27;|&#39;/g, "'")
const dossierA = () => creerDossier(payload, monde, 'A', 'brouillon', { coutTotalHT: 228_000, formation: { titre: TITRE_HOSTILE, programme: 'Jour 1.', organisme: monde.provider.id, dureeHeures: 14, dateDebut: '2027-03-01', dateFin: '2027-03-02', modalite: 'presentiel' } })

describe('un devis incohérent déposé', () => {
  let id: number | string
  let constat: Constat | undefined

  beforeAll(async () => {
    id = (await dossierA()).id
    const r = await deposer('userA', id, await devis('2 400,00'))
    expect(r.status).toBe(201)
    constat = (await rapport(id))?.constats.find((c) => c.regle === 'coherence-pieces')
  })

  it('le rapport de conformité enregistré porte le constat, les deux valeurs et le champ', () => {
    expect(constat).toMatchObject({
      severite: 'avertissement',
      champs: ['coutTotalHT', 'documents.devis'],
      valeurs: { document: '2\u00a0400,00\u00a0€ HT', dossier: '2\u00a0280,00\u00a0€' },
      piece: { type: 'devis', fichier: expect.stringMatching(/^devis-[0-9a-f]{8}\.pdf$/) },
    })
    expect(constat!.message).toMatch(/^Devis : 2\u00a0400,00\u00a0€ HT ≠ coût saisi 2\u00a0280,00\u00a0€/)
  })

  it('visible sur la fiche admin et sur le portail, échappé', async () => {
    const admin = await fetch(`${s.url}/admin/collections/dossiers/${id}`, { headers: entetes.admin })
    expect(admin.status).toBe(200)
    const htmlAdmin = texte(await admin.text())
    expect(htmlAdmin).toContain('Devis : 2 400,00 € HT ≠ coût saisi 2 280,00 €')
    const jeton = entetes.userA.Authorization!.replace(/^JWT /, '')
    const portail = await fetch(`${s.url}/dossiers/${id}`, { headers: { ...entetes.userA, Cookie: `payload-token=${jeton}` } })
    expect(portail.status).toBe(200)
    const html = texte(await portail.text())
    const bloc = html.slice(html.indexOf('data-testid="constats-pieces"'))
    expect(bloc).toContain('Devis : 2 400,00 € HT ≠ coût saisi 2 280,00 €')
    // The dossier's title comes back in no finding here (it is on the devis); its markup is never live anywhere.
    expect(html).not.toContain('<img src=x onerror')
    expect(htmlAdmin).not.toContain('<img src=x onerror')
  })

  it('un devis corrigé (nouvelle version) efface le constat', async () => {
    expect((await deposer('userA', id, await devis('2 280,00'))).status).toBe(201)
    expect((await rapport(id))?.constats.filter((c) => c.regle === 'coherence-pieces')).toEqual([])
  })
})

describe('PDF hostiles : un constat, jamais une 5xx, rien d’écrit à moitié', () => {
  it('protégé par un mot de passe ou endommagé : déposé, « texte illisible » avec la raison', async () => {
    for (const [octets, raison] of [
      [pdfChiffre(), 'protégé par un mot de passe'],
      [pdfAbime(), 'invalide ou endommagé'],
    ] as const) {
      const { id } = await dossierA()
      const r = await deposer('userA', id, octets)
      expect(r.status).toBe(201)
      const c = (await rapport(id))?.constats.filter((x) => x.regle === 'piece-illisible') ?? []
      expect(c).toHaveLength(1)
      expect(c[0]!.message).toContain('texte illisible')
      expect(c[0]!.message).toContain(raison)
      expect(c[0]!.champs).toEqual(['documents.devis'])
    }
  })

  it('pas un PDF, ou trop gros : 4xx en français, ni document ni fichier ni rapport écrit', async () => {
    const { id } = await dossierA()
    const dossierFichiers = path.join(s.dossierFichiers, 'documents')
    const fichiersAvant = fs.existsSync(dossierFichiers) ? fs.readdirSync(dossierFichiers).length : 0
    const avant = (await payload.count({ collection: 'documents' })).totalDocs
    const tropGros = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024, 0x20), Buffer.from('\nxref\n%%EOF\n')])
    for (const octets of [HTML_DEGUISE, tropGros]) {
      const r = await deposer('userA', id, octets)
      expect(r.status).toBeGreaterThanOrEqual(400)
      expect(r.status).toBeLessThan(500)
      expect(r.body.errors?.[0]?.message).toMatch(/[a-zé]/)
    }
    expect((await payload.count({ collection: 'documents' })).totalDocs).toBe(avant)
    expect(fs.existsSync(dossierFichiers) ? fs.readdirSync(dossierFichiers).length : 0).toBe(fichiersAvant)
    expect(await rapport(id)).toBeNull()
  })

  it('le champ « lecture » est celui du serveur : un bénéficiaire ne l’écrit pas', async () => {
    const { id } = await dossierA()
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(await devis('2 280,00'))], { type: 'application/pdf' }), 'devis.pdf')
    form.append('_payload', JSON.stringify({ dossier: id, documentType: 'devis', lecture: { etat: 'texte', texte: 'Total HT : 1,00 €' } }))
    const res = await fetch(`${s.url}/api/documents`, { method: 'POST', headers: entetes.userA, body: form })
    expect(res.status).toBe(403)
    expect((await payload.find({ collection: 'documents', where: { dossier: { equals: id } }, overrideAccess: true })).totalDocs).toBe(0)
  })
})

describe('lecture par l’IA d’une mise en page inhabituelle (suggestion IA)', () => {
  it('les valeurs proposées donnent des constats « suggestion IA », rien n’est écrit', async () => {
    const { id } = await dossierA()
    // The total written in words only: the reader finds no labelled amount, the AI is asked.
    const bizarre = await pdf(['PROPOSITION COMMERCIALE', `Objet : ${TITRE_HOSTILE}`, 'Stagiaire : Claire Durand', 'Prix net de la prestation : deux mille quatre cents euros hors taxes', 'Programme sur 14 heures du 01/03/2027 au 02/03/2027'])
    expect((await deposer('userA', id, bizarre)).status).toBe(201)
    const avant = await payload.findByID({ collection: 'dossiers', id, depth: 0, overrideAccess: true })
    ia.programmer({ type: 'json', contenu: { siretEntreprise: null, nda: null, montantHT: 2400, montantTTC: null, heures: 14, dateDebut: '2027-03-01', dateFin: '2027-03-02' } })
    const res = await fetch(`${s.url}/api/dossiers/${id}/ia/pieces`, { method: 'POST', headers: { ...entetes.admin, 'Content-Type': 'application/json' } })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { suggestions: { statut: string; constats: Constat[] }[]; avertissement: string }
    expect(body.avertissement).toMatch(/rien n’a été modifié/)
    expect(body.suggestions).toHaveLength(1)
    expect(body.suggestions[0]!.statut).toBe('suggestion')
    const c = body.suggestions[0]!.constats.find((x) => x.champs[0] === 'coutTotalHT')
    expect(c).toMatchObject({ suggestionIa: true, valeurs: { document: '2\u00a0400,00\u00a0€ HT', dossier: '2\u00a0280,00\u00a0€' } })
    expect(c!.message).toMatch(/^Suggestion IA — Devis : 2\u00a0400,00\u00a0€ HT ≠ coût saisi/)
    // Pseudonymised: the trainee's name never left.
    const envoye = JSON.stringify(ia.requetes.at(-1)!.corps)
    expect(envoye).not.toContain('Durand')
    expect(envoye).toContain('[PERSONNE_')
    const apres = await payload.findByID({ collection: 'dossiers', id, depth: 0, overrideAccess: true })
    expect(apres.coutTotalHT).toBe(228_000)
    expect(apres.conformite).toEqual(avant.conformite)
  })

  it('réservée aux admins ; un bénéficiaire reçoit 403', async () => {
    const { id } = await dossierA()
    const res = await fetch(`${s.url}/api/dossiers/${id}/ia/pieces`, { method: 'POST', headers: { ...entetes.userA, 'Content-Type': 'application/json' } })
    expect(res.status).toBe(403)
  })

  it('une réponse de l’IA mal formée : 502 clair, rien d’écrit', async () => {
    const { id } = await dossierA()
    expect((await deposer('userA', id, await pdf(['Devis', 'Prix : deux mille euros']))).status).toBe(201)
    ia.programmer({ type: 'json', contenu: { montantHT: 'beaucoup' } })
    const res = await fetch(`${s.url}/api/dossiers/${id}/ia/pieces`, { method: 'POST', headers: { ...entetes.admin, 'Content-Type': 'application/json' } })
    expect(res.status).toBe(502)
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/format attendu/)
  })
})
