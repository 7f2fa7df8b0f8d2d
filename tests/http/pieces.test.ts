/**
 * GET /api/dossiers/:id/pieces over real HTTP: the required-documents checklist, readable by
 * whoever may read the dossier (404 otherwise, 400 for an id that names no dossier).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { PDF_MINIMAL } from '@/tests/helpers/fichiers'
import type { ListePieces } from '@/src/domain/piecesRequises'

type Qui = 'admin' | 'userA' | 'userB' | 'opcoA' | 'opcoB' | 'anonyme'
type Id = number | string

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let auth: Record<Qui, Record<string, string>>
let brouillonA: { id: Id }
let soumisA: { id: Id }
let bilanEnvoyeA: { id: Id }

beforeAll(async () => {
  s = await demarrerServeur('pieces')
  payload = s.payload
  monde = await creerMonde(payload)
  brouillonA = await creerDossier(payload, monde, 'A')
  soumisA = await creerDossier(payload, monde, 'A', 'soumis')
  bilanEnvoyeA = await creerDossier(payload, monde, 'A', 'envoye_opco', { typeFormation: 'bilan' })
  auth = await entetesDuMonde(s.url, monde)
})
afterAll(async () => s?.arreter())

type Reponse = ListePieces & { id: Id; reference: string | null; errors?: { message: string }[] }
const pieces = async (qui: Qui, id: Id | string): Promise<{ status: number; body: Reponse }> => {
  const res = await fetch(`${s.url}/api/dossiers/${id}/pieces`, { headers: auth[qui] })
  return { status: res.status, body: (await res.json()) as Reponse }
}
const etats = (b: Reponse) => Object.fromEntries(b.pieces.map((p) => [p.type, p.etat]))

describe('GET /api/dossiers/:id/pieces', () => {
  it('le propriétaire lit la liste d’un dossier soumis : devis et programme manquent', async () => {
    const { status, body } = await pieces('userA', soumisA.id)
    expect(status).toBe(200)
    expect(body).toMatchObject({ id: soumisA.id, typeFormation: 'formation', status: 'soumis', complet: false, manquantes: 2 })
    expect(body.reference).toMatch(/^MO-\d{4}-\d{6}$/)
    expect(etats(body)).toMatchObject({ devis: 'manquant', programme: 'manquant', convention: 'a_venir', facture: 'a_venir' })
    const devis = body.pieces.find((p) => p.type === 'devis')!
    expect(devis).toMatchObject({ libelle: expect.stringMatching(/Devis/), fournisseur: 'beneficiaire', requiseDes: 'soumis', libelleRequiseDes: 'Soumis', exigible: true, documents: [] })
  })

  it('un devis déposé apparaît présent, avec le lien vers son fichier (servi au propriétaire)', async () => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(PDF_MINIMAL)], { type: 'application/pdf' }), 'devis.pdf')
    form.append('_payload', JSON.stringify({ dossier: soumisA.id, documentType: 'devis' }))
    expect((await fetch(`${s.url}/api/documents`, { method: 'POST', headers: auth.userA, body: form })).status).toBe(201)
    const { body } = await pieces('userA', soumisA.id)
    expect(body).toMatchObject({ complet: false, manquantes: 1 })
    const devis = body.pieces.find((p) => p.type === 'devis')!
    expect(devis.etat).toBe('present')
    expect(devis.documents).toHaveLength(1)
    expect(devis.documents[0]).toMatchObject({ origin: 'uploaded', filename: expect.stringMatching(/^devis-[0-9a-f]{8}\.pdf$/) })
    const fichier = await fetch(`${s.url}${devis.documents[0]!.url!.replace(/^https?:\/\/[^/]+/, '')}`, { headers: auth.userA })
    expect(fichier.status).toBe(200)
    expect(Buffer.from(await fichier.arrayBuffer()).equals(PDF_MINIMAL)).toBe(true)
  })

  it('bilan envoyé : convention tripartite et DPC générées attendues, pas de programme ; l’OPCO du dossier la lit', async () => {
    await payload.create({
      collection: 'documents',
      data: { dossier: bilanEnvoyeA.id, documentType: 'convention_bilan', origin: 'generated' } as never,
      file: { data: PDF_MINIMAL, mimetype: 'application/pdf', name: 'convention-bilan.pdf', size: PDF_MINIMAL.length },
    })
    for (const qui of ['admin', 'userA', 'opcoA'] as const) {
      const { status, body } = await pieces(qui, bilanEnvoyeA.id)
      expect({ qui, status }).toEqual({ qui, status: 200 })
      expect(body.typeFormation).toBe('bilan')
      expect(body.pieces.map((p) => p.type)).not.toContain('programme')
      expect(etats(body)).toMatchObject({ devis: 'manquant', convention_bilan: 'present', demande_prise_en_charge: 'manquant', feuille_emargement: 'a_venir' })
      expect(body.pieces.find((p) => p.type === 'convention_bilan')!.documents[0]).toMatchObject({ origin: 'generated', filename: 'convention-bilan.pdf' })
    }
  })

  it('un brouillon : rien n’est encore exigé', async () => {
    const { status, body } = await pieces('admin', brouillonA.id)
    expect(status).toBe(200)
    expect(body).toMatchObject({ complet: true, manquantes: 0 })
  })

  it('404 pour qui ne peut pas lire le dossier (autre bénéficiaire, OPCO avant l’envoi, autre OPCO)', async () => {
    for (const [qui, id] of [['userB', soumisA.id], ['opcoA', soumisA.id], ['opcoB', bilanEnvoyeA.id], ['userB', bilanEnvoyeA.id]] as const) {
      const { status, body } = await pieces(qui, id)
      expect({ qui, id, status }).toEqual({ qui, id, status: 404 })
      expect(body.errors?.[0]?.message).toMatch(/Dossier introuvable/)
    }
  })

  it('404 pour un dossier qui n’existe pas, même pour un admin', async () => {
    expect((await pieces('admin', 99999999)).status).toBe(404)
  })

  it('400 pour un identifiant qui ne peut nommer aucun dossier', async () => {
    for (const id of ['abc', '-1', '1.5', encodeURIComponent("1' OR 1=1 --"), '9'.repeat(30)]) {
      const { status, body } = await pieces('admin', id)
      expect({ id, status }).toEqual({ id, status: 400 })
      expect(body.errors?.[0]?.message).toBe('Identifiant de dossier invalide.')
    }
  })

  it('401 pour un anonyme', async () => {
    const { status, body } = await pieces('anonyme', soumisA.id)
    expect(status).toBe(401)
    expect(body.errors?.[0]?.message).toMatch(/Authentification/)
  })
})
