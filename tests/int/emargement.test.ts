/**
 * Electronic attendance through the Local API (SQLite or PostgreSQL: TEST_DB), clock injected:
 * the day's links go out once per signer, a link signs once, « Renvoyer le lien » invalidates the
 * previous one, reminders go out the next morning to the signer and after 2 days to the team —
 * once each — and the attendance sheet is generated from the signed sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLocalReq, type Payload } from 'payload'
import { instantParis } from '@/src/domain/emargement'
import { planifierSeances } from '@/src/domain/seances'
import { executerEmargement, lireLienEmargement, renvoyerLienEmargement, signerParLien } from '@/src/services/emargement'
import { heuresProuvees } from '@/src/services/seances'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const JOUR = '2027-03-01'
const a = (heure: string, jour = JOUR) => instantParis(jour, heure)

let ctx: ContexteTest
let payload: Payload
let monde: Monde
let dossierId: number
let seanceId: number

const jetonsDes = async (cle: string) => {
  const r = await payload.find({ collection: 'emails', where: { cle: { like: cle } }, sort: 'id', pagination: false, overrideAccess: true })
  return r.docs.map((e) => ({ to: e.to, cle: e.cle, jeton: /\/emargement\/([A-Za-z0-9_-]{43})/.exec(String(e.text))?.[1] ?? null }))
}
const req = async (ua = 'Mozilla/5.0 test') => createLocalReq({ req: { headers: new Headers({ 'user-agent': ua }) } as never }, payload)
const refus = async (p: Promise<unknown>) => p.then(() => 200, (e: { status?: number }) => e.status ?? 500)

beforeAll(async () => {
  ctx = await demarrerPayload('emargement')
  payload = ctx.payload
  monde = await creerMonde(payload)
  const d = await creerDossier(payload, monde, 'A', 'en_formation', { formation: { titre: 'Excel avancé', dureeHeures: 7, dateDebut: JOUR, dateFin: JOUR, organisme: monde.provider.id, formateur: { prenom: 'Luc', nom: 'Moreau', email: 'luc.moreau@formapro.fr' } } })
  dossierId = d.id
  seanceId = (await payload.create({ collection: 'seances', data: { dossier: dossierId, date: JOUR, demiJournee: 'matin', heureDebut: '09:00', heureFin: '12:30', dureeMinutes: 210 } as never })).id
}, 120_000)
afterAll(async () => ctx?.fermer())

describe('émargement électronique (Local API, horloge injectée)', () => {
  it('le matin de la séance : un lien par signataire, une seule fois', async () => {
    expect((await executerEmargement(payload, a('06:59', '2027-02-28'))).liens).toBe(0)
    expect((await executerEmargement(payload, a('07:00'))).liens).toBe(2)
    expect((await executerEmargement(payload, a('08:00'))).liens).toBe(0)
    const emails = await jetonsDes(`emargement:jour:${seanceId}:%`)
    expect(emails.map((e) => e.to).sort()).toEqual(['claire@exemple.fr', 'luc.moreau@formapro.fr'])
    expect(emails.every((e) => e.jeton !== null)).toBe(true)
    // Only the hash is stored.
    const jetons = await payload.find({ collection: 'jetons-emargement', pagination: false, overrideAccess: true, showHiddenFields: true })
    expect(jetons.docs).toHaveLength(2)
    for (const e of emails) expect(JSON.stringify(jetons.docs)).not.toContain(e.jeton!)
  })

  it('avant l’heure : 410 ; le stagiaire signe à 09:05 ; le lien resservi : 409', async () => {
    const [stagiaire] = (await jetonsDes(`emargement:jour:${seanceId}:stagiaire`)).map((e) => e.jeton!)
    expect((await lireLienEmargement(payload, stagiaire, a('08:30'))).etat).toBe('pas_encore')
    expect(await refus(signerParLien(await req(), stagiaire!, { signature: PNG }, a('08:30')))).toBe(410)
    expect(await refus(signerParLien(await req(), stagiaire!, { absent: true }, a('09:05')))).toBe(403)
    expect(await refus(signerParLien(await req(), stagiaire!, { nom: 'Luc Moreau' }, a('09:05')))).toBe(403)
    const r = await signerParLien(await req(), stagiaire!, { signature: PNG }, a('09:05'))
    expect(r).toMatchObject({ role: 'stagiaire', statut: 'a_signer' })
    expect(r.empreinte).toMatch(/^[0-9a-f]{64}$/)
    expect(await refus(signerParLien(await req(), stagiaire!, { signature: PNG }, a('09:06')))).toBe(409)
    expect((await lireLienEmargement(payload, stagiaire, a('09:06'))).etat).toBe('utilise')
  })

  it('« Renvoyer le lien » au formateur : l’ancien est refusé (409), le nouveau signe ; la séance est signée', async () => {
    const [ancien] = (await jetonsDes(`emargement:jour:${seanceId}:formateur`)).map((e) => e.jeton!)
    const admin = await req()
    admin.user = { ...monde.admin, collection: 'users' } as never
    await renvoyerLienEmargement(admin, seanceId, 'formateur', a('10:00'))
    expect(await refus(renvoyerLienEmargement(admin, seanceId, 'stagiaire', a('10:00')))).toBe(409)
    expect(await refus(renvoyerLienEmargement(admin, seanceId, 'formateur', a('10:00', '2027-03-02')))).toBe(422)
    const [nouveau] = (await jetonsDes(`emargement:renvoi:${seanceId}:formateur:%`)).map((e) => e.jeton!)
    expect(nouveau).not.toBe(ancien)
    expect(await refus(signerParLien(await req(), ancien!, { signature: PNG }, a('12:00')))).toBe(409)
    expect(await refus(signerParLien(await req(), nouveau!, { minutes: 210 }, a('12:00')))).toBe(400)
    const r = await signerParLien(await req(), nouveau!, { nom: 'MOREAU luc', minutes: 120 }, a('12:31'))
    expect(r.statut).toBe('signee')
    const s = await payload.findByID({ collection: 'seances', id: seanceId, overrideAccess: true })
    expect(s.minutesDeclarees).toBe(120)
    expect(s.signatures?.map((x) => [x.role, x.nom, x.userAgent])).toEqual([
      ['stagiaire', 'Claire Durand', 'Mozilla/5.0 test'],
      ['formateur', 'MOREAU luc', 'Mozilla/5.0 test'],
    ])
    // The session's change is in the audit log.
    const logs = await payload.find({ collection: 'logs', where: { and: [{ collectionSlug: { equals: 'seances' } }, { documentId: { equals: String(seanceId) } }] }, pagination: false, overrideAccess: true })
    expect(logs.docs.length).toBeGreaterThanOrEqual(3)
  })

  it('relances : le signataire le lendemain matin, l’équipe à 2 jours, une seule fois chacune', async () => {
    const s2 = (await payload.create({ collection: 'seances', data: { dossier: dossierId, date: JOUR, demiJournee: 'apres-midi', heureDebut: '14:00', heureFin: '17:30', dureeMinutes: 210 } as never })).id
    const relances = async () => (await payload.find({ collection: 'emails', where: { cle: { like: `emargement-relance%:${s2}:%` } }, pagination: false, overrideAccess: true })).docs.map((e) => e.cle).sort()
    await executerEmargement(payload, a('23:00'))
    expect(await relances()).toEqual([])
    await executerEmargement(payload, a('06:00', '2027-03-02'))
    expect(await relances()).toEqual([])
    await executerEmargement(payload, a('07:00', '2027-03-02'))
    await executerEmargement(payload, a('08:00', '2027-03-02'))
    expect(await relances()).toEqual([`emargement-relance:${s2}:formateur`, `emargement-relance:${s2}:stagiaire`])
    await executerEmargement(payload, a('07:00', '2027-03-03'))
    await executerEmargement(payload, a('07:00', '2027-03-04'))
    expect(await relances()).toEqual([`emargement-relance-equipe:${s2}:admin@test.fr`, `emargement-relance:${s2}:formateur`, `emargement-relance:${s2}:stagiaire`])
  })

  it('une séance replanifiée avant toute signature est supprimée avec ses liens', async () => {
    const jour = '2027-03-08'
    const id = (await payload.create({ collection: 'seances', data: { dossier: dossierId, date: jour, demiJournee: 'matin', heureDebut: '09:00', heureFin: '12:30', dureeMinutes: 210 } as never })).id
    await executerEmargement(payload, a('07:00', jour))
    expect((await payload.count({ collection: 'jetons-emargement', where: { seance: { equals: id } }, overrideAccess: true })).totalDocs).toBe(2)
    await payload.delete({ collection: 'seances', id, overrideAccess: true })
    expect((await payload.count({ collection: 'jetons-emargement', where: { seance: { equals: id } }, overrideAccess: true })).totalDocs).toBe(0)
  })

  it('la feuille d’émargement est générée depuis les séances', async () => {
    for (let i = 0; i < 3; i++) await payload.jobs.run({ limit: 100 })
    const docs = await payload.find({ collection: 'documents', where: { and: [{ dossier: { equals: dossierId } }, { documentType: { equals: 'feuille_emargement' } }] }, pagination: false, overrideAccess: true })
    expect(docs.docs.length).toBeGreaterThanOrEqual(1)
    const gens = await payload.find({ collection: 'generations', where: { documentType: { equals: 'feuille_emargement' } }, pagination: false, overrideAccess: true })
    expect(gens.docs.every((g) => g.statut === 'genere')).toBe(true)
  }, 120_000)

  it('8 demi-journées de 3,5 h signées par les liens, le stagiaire absent d’une demi-journée pour laquelle le formateur déclare 120 min : 26,5 h prouvées', async () => {
    // Monday 08/03/2027 to Thursday 11/03/2027: 4 working days, 8 half-days of 210 minutes.
    const plan = planifierSeances('2027-03-08', '2027-03-11', 28)
    if (!plan.ok) throw new Error(plan.erreur)
    expect(plan.seances).toHaveLength(8)
    const d = await creerDossier(payload, monde, 'A', 'en_formation', {
      formation: { titre: 'Gestion de projet', dureeHeures: 28, dateDebut: '2027-03-08', dateFin: '2027-03-11', organisme: monde.provider.id, formateur: { prenom: 'Luc', nom: 'Moreau', email: 'luc.moreau@formapro.fr' } },
    })
    const seances = []
    for (const p of plan.seances) seances.push((await payload.create({ collection: 'seances', data: { dossier: d.id, ...p } as never })).id)
    for (const jour of ['2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11']) await executerEmargement(payload, a('07:00', jour))
    for (const [i, id] of seances.entries()) {
      const p = plan.seances[i]!
      const apres = a(p.heureFin, p.date)
      const [stagiaire] = (await jetonsDes(`emargement:jour:${id}:stagiaire`)).map((e) => e.jeton!)
      const [formateur] = (await jetonsDes(`emargement:jour:${id}:formateur`)).map((e) => e.jeton!)
      if (i === 0) {
        // The trainee left after two hours and did not sign: the trainer's declaration is the proof.
        expect((await signerParLien(await req(), formateur!, { signature: PNG, minutes: 120 }, apres)).statut).toBe('signee')
      } else {
        await signerParLien(await req(), stagiaire!, { signature: PNG }, apres)
        expect((await signerParLien(await req(), formateur!, { signature: PNG }, apres)).statut).toBe('signee')
      }
    }
    expect(await heuresProuvees(await req(), d.id)).toEqual({ heuresSignees: 26.5, heuresPrevues: 28, nonSignees: 0 })
  }, 120_000)
})
