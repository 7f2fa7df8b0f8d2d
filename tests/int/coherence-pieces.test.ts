/**
 * Consistency of the uploaded pieces (issue 19 item 3) on a real database (SQLite, and
 * PostgreSQL with TEST_DB=postgres): the labelled set of tests/helpers/jeuCoherence.ts (48 PDFs,
 * consistent and inconsistent, several layouts, unreadable ones) uploaded through the Local API —
 * each read when it arrives, kept on the document, the dossier's stored conformity report
 * recomputed — then precision and recall of the findings against the labels (≥ 0.95), and each
 * difference naming its field and both values.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import type { RapportConformite } from '@/src/domain/conformity'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { genererJeuCoherence, mesurer, trouvesDansConstats, type Attendu, type CasCoherence } from '@/tests/helpers/jeuCoherence'

let ctx: ContexteTest
let payload: Payload
let monde: Monde
let jeu: CasCoherence[]
const resultats: { cas: CasCoherence; trouves: Attendu[]; rapport: RapportConformite }[] = []

beforeAll(async () => {
  ctx = await demarrerPayload('coherence_pieces')
  payload = ctx.payload
  monde = await creerMonde(payload)
  jeu = await genererJeuCoherence({ siretEntreprise: monde.companyA.siret, siretOrganisme: monde.provider.siret, nda: monde.provider.nda })
  for (const cas of jeu) {
    const d = cas.dossier
    const dossier = await creerDossier(payload, monde, 'A', 'brouillon', {
      beneficiaire: { nom: d.nom, prenom: d.prenom, email: 'stagiaire@exemple.fr', telephone: '0601020304' },
      formation: { titre: d.titre, programme: 'Jour 1 : notions.', organisme: monde.provider.id, dureeHeures: d.dureeHeures, dateDebut: d.dateDebut, dateFin: d.dateFin, modalite: 'presentiel' },
      coutTotalHT: d.coutTotalHT,
    })
    await payload.create({
      collection: 'documents',
      data: { dossier: dossier.id, documentType: cas.piece } as never,
      file: { data: Buffer.from(cas.pdf), mimetype: 'application/pdf', name: `${cas.piece}.pdf`, size: cas.pdf.byteLength },
      overrideAccess: true,
    })
    const relu = await payload.findByID({ collection: 'dossiers', id: dossier.id, depth: 0, overrideAccess: true })
    const rapport = relu.conformite as unknown as RapportConformite
    resultats.push({ cas, rapport, trouves: trouvesDansConstats(rapport?.constats ?? []) })
  }
}, 600_000)
afterAll(async () => ctx?.fermer())

describe('cohérence des pièces déposées : jeu étiqueté', () => {
  it('au moins 40 PDF, conformes et incohérents', () => {
    expect(jeu.length).toBeGreaterThanOrEqual(40)
    expect(jeu.filter((c) => c.attendus.length === 0).length).toBeGreaterThanOrEqual(10)
    expect(jeu.filter((c) => c.attendus.some((a) => a !== 'illisible')).length).toBeGreaterThanOrEqual(20)
  })

  it('précision et rappel ≥ 0,95 contre les étiquettes', () => {
    const m = mesurer(resultats)
    expect(m.erreurs.length).toBeLessThanOrEqual(Math.floor(jeu.length * 0.05))
    expect(m.precision).toBeGreaterThanOrEqual(0.95)
    expect(m.rappel).toBeGreaterThanOrEqual(0.95)
  })

  it('chaque écart nomme son champ et les deux valeurs', () => {
    const constats = resultats.flatMap((r) => r.rapport.constats.filter((c) => c.regle === 'coherence-pieces'))
    expect(constats.length).toBeGreaterThanOrEqual(20)
    for (const c of constats) {
      expect(c.champs[0]).toMatch(/^(company\.siret|formation\.|coutTotalHT|beneficiaire\.nom)/)
      expect(c.valeurs?.document).toBeTruthy()
      expect(c.valeurs?.dossier).toBeTruthy()
      expect(c.message).toContain(c.valeurs!.dossier)
      if (c.valeurs!.document !== 'absent') expect(c.message).toContain(c.valeurs!.document)
      expect(c.piece?.type).toBeTruthy()
    }
  })

  it('le texte lu est gardé sur le document ; une pièce illisible l’est avec sa raison', async () => {
    const docs = await payload.find({ collection: 'documents', depth: 0, pagination: false, overrideAccess: true, where: { origin: { equals: 'uploaded' } } })
    const etats = docs.docs.map((d) => (d.lecture as { etat?: string } | null)?.etat)
    expect(etats.filter((e) => e === 'texte').length).toBe(jeu.length - 3)
    expect(etats.filter((e) => e === 'sans_texte').length).toBe(1)
    const raisons = docs.docs.filter((d) => (d.lecture as { etat?: string } | null)?.etat === 'illisible').map((d) => (d.lecture as { raison?: string }).raison)
    expect(raisons.sort()).toEqual(['document protégé par un mot de passe', 'fichier PDF invalide ou endommagé'])
  })

  it('un document généré ou d’un autre type n’est pas lu', async () => {
    const dossier = await creerDossier(payload, monde, 'A')
    const pdf = jeu[0]!.pdf
    const fichier = (nom: string) => ({ data: Buffer.from(pdf), mimetype: 'application/pdf', name: nom, size: pdf.byteLength })
    const facture = await payload.create({ collection: 'documents', data: { dossier: dossier.id, documentType: 'justificatif' } as never, file: fichier('j.pdf'), overrideAccess: true })
    const genere = await payload.create({ collection: 'documents', data: { dossier: dossier.id, documentType: 'convention', origin: 'generated' } as never, file: fichier('c.pdf'), overrideAccess: true })
    expect([facture.lecture ?? null, genere.lecture ?? null]).toEqual([null, null])
  })
})
