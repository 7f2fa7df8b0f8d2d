/**
 * Training sessions and the hours they prove (issue 17) over real HTTP, on SQLite and (with
 * TEST_DB=postgres) PostgreSQL: « Générer les séances » (admins; 422/409 in French, nothing
 * half-written), who reads the sessions (REST, GraphQL, the portal page), and the must-show path:
 * 8 half-days of 3.5 h, one the trainee did not sign where the trainer declared 120 min →
 * `complete` proposes 26.5 h, and the certificate, the attestation d'assiduité and the prorated
 * invoice print 26.5 h (text read back from the PDFs with pdf.js).
 *
 * Decision (README « Heures réalisées ») on the example: 7 half-days signed by both
 * (7 × 3.5 = 24.5 h) + the half-day the trainee did not sign, where the trainer declared 120 min
 * of presence (2 h) = 26.5 h. The other reading — one half-day absent AND another at 120 min —
 * is 23 h, tested too. The signatures are written as the signing route writes them (Local API,
 * overrideAccess): both signatures → `signee`; the trainer's declaration of minutes → `signee`
 * with `minutesDeclarees`; the trainer's declaration of absence → `absence`.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { texteDuPdf } from '@/tests/helpers/documents'
import { normaliserTexte } from '@/src/domain/documents/mentions'
import type { Seance } from '@/src/payload-types'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
type Qui = 'admin' | 'userA' | 'userB' | 'opcoA' | 'opcoB' | 'anonyme'
let auth: Record<Qui, Record<string, string>>

const appel = (qui: Qui, chemin: string, init: RequestInit = {}) =>
  fetch(`${s.url}${chemin}`, { ...init, headers: { ...auth[qui], ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...(init.headers ?? {}) } })
const generer = (qui: Qui, id: unknown, corps = '{}') => appel(qui, `/api/dossiers/${String(id)}/seances/generer`, { method: 'POST', body: corps })
const transition = (id: unknown, action: string, parametres: Record<string, unknown> = {}) =>
  appel('admin', `/api/dossiers/${String(id)}/transition`, { method: 'POST', body: JSON.stringify({ action, ...parametres }) })
const seancesDe = async (id: unknown) =>
  (await payload.find({ collection: 'seances', where: { dossier: { equals: id } }, sort: 'date', pagination: false, depth: 0 })).docs.sort(
    (a, b) => a.date.localeCompare(b.date) || (a.demiJournee === 'matin' ? -1 : 1),
  )
const instantane = async (id: unknown) => JSON.stringify((await seancesDe(id)).map((x) => [x.id, x.date, x.demiJournee, x.heureDebut, x.heureFin, x.dureeMinutes, x.statut, x.updatedAt]))

const empreinte = (t: string) => createHash('sha256').update(t).digest('hex')
const signature = (role: 'stagiaire' | 'formateur', nom: string, seance: Seance) => ({
  role,
  nom,
  signeLe: `${seance.date.slice(0, 10)}T10:00:00.000Z`,
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (test)',
  image: null,
  empreinte: empreinte(`${seance.id}:${role}`),
})
/** As the signing route leaves a session (src/domain/emargement.ts, statutApresSignatures). */
async function emarger(seance: Seance, comment: 'deux' | 'minutes' | 'absent', minutes?: number) {
  const signatures = comment === 'deux' ? [signature('stagiaire', 'Claire Durand', seance), signature('formateur', 'Paul Martin', seance)] : [signature('formateur', 'Paul Martin', seance)]
  await payload.update({
    collection: 'seances',
    id: seance.id,
    overrideAccess: true,
    data: { signatures, statut: comment === 'absent' ? 'absence' : 'signee', ...(comment === 'minutes' ? { minutesDeclarees: minutes } : {}) } as never,
  })
}

/** 28 h from Monday 18/01/2027 to Thursday 21/01/2027: 8 half-days of 3.5 h. */
const formation = () => ({
  titre: 'Excel avancé',
  organisme: monde.provider.id,
  dureeHeures: 28,
  dateDebut: '2027-01-18',
  dateFin: '2027-01-21',
  modalite: 'presentiel',
  formateur: { prenom: 'Paul', nom: 'Martin', email: 'paul.martin@exemple.fr' },
})
async function dossierEnFormation(extra: Record<string, unknown> = {}) {
  return creerDossier(payload, monde, 'A', 'en_formation', {
    formation: formation(),
    coutTotalHT: 123456,
    montantValide: 123456,
    numeroDossierOpco: 'ATL-2027-0026',
    ...extra,
  })
}

beforeAll(async () => {
  s = await demarrerServeur('seances')
  payload = s.payload
  monde = await creerMonde(payload)
  auth = await entetesDuMonde(s.url, monde)
}, 180_000)
afterAll(async () => s?.arreter())

describe('POST /api/dossiers/:id/seances/generer', () => {
  it('admin : les demi-journées des jours ouvrés, de même durée, pour la durée de la formation', async () => {
    const d = await dossierEnFormation()
    const r = await generer('admin', d.id)
    expect(r.status).toBe(201)
    expect(((await r.json()) as { message: string }).message).toBe('8 demi-journée(s) créée(s).')
    const seances = await seancesDe(d.id)
    expect(seances.map((x) => `${x.date.slice(0, 10)} ${x.demiJournee} ${x.heureDebut}-${x.heureFin} ${x.dureeMinutes} ${x.statut}`)).toEqual(
      ['18', '19', '20', '21'].flatMap((j) => [`2027-01-${j} matin 09:00-12:30 210 a_signer`, `2027-01-${j} apres-midi 14:00-17:30 210 a_signer`]),
    )
    // Again: the unsigned sessions are replaced, not added to.
    expect((await generer('admin', d.id)).status).toBe(201)
    expect(await seancesDe(d.id)).toHaveLength(8)
  })

  it('refus en français, rien d’écrit : autres rôles, corps inconnu, dates ou durée impossibles', async () => {
    const d = await dossierEnFormation()
    expect((await generer('admin', d.id)).status).toBe(201)
    const avant = await instantane(d.id)
    const cas: [Qui, unknown, string, number, RegExp][] = [
      ['userA', d.id, '{}', 403, /équipe MonOPCO/],
      ['userB', d.id, '{}', 404, /introuvable/],
      ['opcoA', d.id, '{}', 403, /équipe MonOPCO/],
      ['opcoB', d.id, '{}', 404, /introuvable/],
      ['anonyme', d.id, '{}', 401, /Authentification/],
      ['admin', d.id, '{"dureeHeures":3}', 400, /Champ inconnu/],
      ['admin', d.id, '[1]', 400, /./],
      ['admin', 'abc', '{}', 400, /./],
      ['admin', 999_999, '{}', 404, /introuvable/],
    ]
    for (const [qui, id, corps, code, message] of cas) {
      const r = await generer(qui, id, corps)
      const body = (await r.json()) as { errors?: { message: string }[] }
      expect({ qui, corps, code: r.status }).toEqual({ qui, corps, code })
      expect(body.errors?.[0]?.message).toMatch(message)
    }
    // 28 h on one day cannot be half-days: the planning's French message, and the sessions stay.
    await payload.update({ collection: 'dossiers', id: d.id, data: { formation: { ...formation(), dateFin: '2027-01-18' } } as never })
    const r = await generer('admin', d.id)
    expect(r.status).toBe(422)
    expect(((await r.json()) as { errors: { message: string }[] }).errors[0]!.message).toContain('demi-journées de plus de 4 h')
    expect(await instantane(d.id)).toBe(avant)
  })

  it('une séance émargée : 409, aucune séance remplacée', async () => {
    const d = await dossierEnFormation()
    expect((await generer('admin', d.id)).status).toBe(201)
    await emarger((await seancesDe(d.id))[3]!, 'deux')
    const avant = await instantane(d.id)
    const r = await generer('admin', d.id)
    expect(r.status).toBe(409)
    expect(((await r.json()) as { errors: { message: string }[] }).errors[0]!.message).toContain('déjà émargées')
    expect(await instantane(d.id)).toBe(avant)
  })
})

describe('lecture des séances : comme le dossier', () => {
  let d: { id: number }
  let seance: Seance
  beforeAll(async () => {
    d = await dossierEnFormation()
    expect((await generer('admin', d.id)).status).toBe(201)
    seance = (await seancesDe(d.id))[0]!
    await emarger(seance, 'deux')
    await emarger((await seancesDe(d.id))[1]!, 'absent')
  })

  it('REST : le bénéficiaire et l’OPCO du dossier lisent, pas un autre compte', async () => {
    for (const [qui, lit] of [['admin', true], ['userA', true], ['opcoA', true], ['userB', false], ['opcoB', false], ['anonyme', false]] as [Qui, boolean][]) {
      const liste = await appel(qui, `/api/seances?where[dossier][equals]=${d.id}&limit=100`)
      const docs = liste.ok ? ((await liste.json()) as { docs: unknown[] }).docs : []
      expect({ qui, n: docs.length }).toEqual({ qui, n: lit ? 8 : 0 })
      const un = await appel(qui, `/api/seances/${seance.id}`)
      expect({ qui, ok: un.ok }).toEqual({ qui, ok: lit })
    }
  })

  it('GraphQL : même règle', async () => {
    for (const [qui, lit] of [['userA', true], ['userB', false], ['opcoB', false]] as [Qui, boolean][]) {
      const r = await appel(qui, '/api/graphql', {
        method: 'POST',
        body: JSON.stringify({ query: `query { Seances(where: { dossier: { equals: ${d.id} } }, limit: 100) { docs { id statut } } Seance(id: ${seance.id}) { id } }` }),
      })
      const body = (await r.json()) as { data?: { Seances?: { docs: unknown[] } | null; Seance?: { id: number } | null } }
      expect({ qui, n: body.data?.Seances?.docs.length ?? 0, un: Boolean(body.data?.Seance) }).toEqual({ qui, n: lit ? 8 : 0, un: lit })
    }
  })

  it('portail : la page du dossier liste les séances (jj/mm/aaaa, demi-journée, horaires, émargement) ; un autre compte a la page introuvable', async () => {
    const page = async (qui: 'userA' | 'userB') => {
      const jeton = auth[qui].Authorization!.replace(/^JWT /, '')
      return fetch(`${s.url}/dossiers/${d.id}`, { headers: { ...auth[qui], Cookie: `payload-token=${jeton}` } })
    }
    const r = await page('userA')
    expect(r.status).toBe(200)
    const html = await r.text()
    const lignes = [...html.matchAll(/<tr data-seance="([^"]+)" data-statut="([^"]+)">(.*?)<\/tr>/g)].map((m) => [m[1], m[2], m[3]!.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|')])
    expect(lignes).toHaveLength(8)
    expect(lignes[0]).toEqual(['18/01/2027 Matin', 'signee', '|18/01/2027|Matin|09:00–12:30|Signée|'])
    expect(lignes[1]).toEqual(['18/01/2027 Après-midi', 'absence', '|18/01/2027|Après-midi|14:00–17:30|Absence|'])
    expect(lignes[2]).toEqual(['19/01/2027 Matin', 'a_signer', '|19/01/2027|Matin|09:00–12:30|À signer|'])
    // Read-only: no form or button on the sessions.
    const section = html.slice(html.indexOf('data-seances'), html.indexOf('</section>', html.indexOf('data-seances')))
    expect(section).not.toMatch(/<form|<button/)
    const autre = await page('userB')
    expect(autre.status).toBe(404)
    expect(await autre.text()).not.toContain('data-seance=')
  })
})

describe('heures réalisées depuis les émargements', () => {
  it('8 demi-journées de 3,5 h, celle du 19/01 matin non signée par le stagiaire et 120 min déclarées : 26,5 h proposées ; certificat, attestation et facture au prorata à 26,5 h', async () => {
    const d = await dossierEnFormation()
    expect((await generer('admin', d.id)).status).toBe(201)
    const seances = await seancesDe(d.id)
    for (const [i, x] of seances.entries()) await emarger(x, i === 2 ? 'minutes' : 'deux', 120)

    // The signers' IP and browser are the team's evidence: the beneficiary and the OPCO read the signatures without them.
    for (const qui of ['admin', 'userA', 'opcoA'] as Qui[]) {
      const lu = (await (await appel(qui, `/api/seances/${seances[0]!.id}`)).json()) as Seance
      expect({ qui, noms: lu.signatures?.map((x) => x.nom), ip: lu.signatures?.map((x) => x.ip ?? null) }).toEqual({
        qui,
        noms: ['Claire Durand', 'Paul Martin'],
        ip: qui === 'admin' ? ['203.0.113.7', '203.0.113.7'] : [null, null],
      })
    }

    // The form of `complete` proposes 26.5 h.
    const actions = (await (await appel('admin', `/api/dossiers/${d.id}/actions`)).json()) as { actions: { action: string; champs: { nom: string; defaut?: string }[] }[] }
    const complete = actions.actions.find((a) => a.action === 'complete')!
    expect(complete.champs.map((c) => [c.nom, c.defaut])).toEqual([
      ['heuresRealisees', '26,5'],
      ['motifHeures', undefined],
    ])
    // Another value without a reason: 422 in French, nothing written.
    const refus = await transition(d.id, 'complete', { heuresRealisees: 28 })
    expect(refus.status).toBe(422)
    const erreur = ((await refus.json()) as { errors: { message: string; manquants: string[] }[] }).errors[0]!
    expect(erreur.message).toContain('différentes des heures émargées (26,5 h)')
    expect(erreur.manquants).toEqual(['parametres.motifHeures'])
    expect((await payload.findByID({ collection: 'dossiers', id: d.id, depth: 0 })).status).toBe('en_formation')

    // The default: the signed hours.
    const ok = await transition(d.id, 'complete')
    expect(ok.status).toBe(200)
    const relu = await payload.findByID({ collection: 'dossiers', id: d.id, depth: 0 })
    expect([relu.status, relu.heuresRealisees, relu.motifHeures ?? null]).toEqual(['realise', 26.5, null])
    const journal = await payload.find({ collection: 'logs', where: { documentId: { equals: String(d.id) }, action: { equals: 'transition' } }, limit: 5 })
    expect(journal.docs[0]!.changes).toMatchObject({ action: 'complete', heuresRealisees: { avant: null, apres: 26.5 }, heuresEmargees: { heuresSignees: 26.5, heuresPrevues: 28, nonSignees: 0 } })

    // The certificate and the attestation d'assiduité, produced by the generation queue.
    await payload.jobs.run({ limit: 100 })
    await payload.jobs.run({ limit: 100 })
    const certificat = await pdfDe(d.id, 'certificat_realisation')
    expect(certificat).toContain('pour une durée de 26,5 heures')
    const attestation = await pdfDe(d.id, 'attestation_assiduite')
    for (const attendu of ["Attestation d'assiduité", 'Claire Durand', 'Heures suivies : 26,5 heures', 'Heures prévues : 28 heures', "Taux d'assiduité : 95 %", 'du 18/01/2027 au 21/01/2027']) {
      expect(attestation).toContain(attendu)
    }

    // The invoice, prorated to the cent: 1 234,56 € × 26.5 / 28, rounded down = 1 168,42 €.
    expect((await transition(d.id, 'invoice')).status).toBe(200)
    await payload.jobs.run({ limit: 100 })
    await payload.jobs.run({ limit: 100 })
    const factures = await payload.find({ collection: 'invoices', where: { dossier: { equals: d.id } }, depth: 0, pagination: false })
    // Lines at exact hourly rates (src/domain/facturation/montants.ts): their hours add up to 26.5.
    expect(factures.docs.map((f) => [f.destinataire, f.totalHT, (f.lignes ?? []).reduce((t, l) => t + (l.quantite ?? 0), 0)])).toEqual([['opco', Math.floor((123456 * 265) / 280), 26.5]])
    expect(factures.docs[0]!.totalHT).toBe(116842)
    const facture = await pdfDe(d.id, 'facture')
    expect(facture).toContain('Heures réalisées : 26,5 heures')
    expect(facture).toContain('1 168,42')
  })

  it('autre lecture (une absence ET une autre demi-journée à 120 min) : 23 h ; une autre valeur avec son motif, journalisé', async () => {
    const d = await dossierEnFormation()
    expect((await generer('admin', d.id)).status).toBe(201)
    for (const [i, x] of (await seancesDe(d.id)).entries()) await emarger(x, i === 2 ? 'absent' : i === 5 ? 'minutes' : 'deux', 120)
    const actions = (await (await appel('admin', `/api/dossiers/${d.id}/actions`)).json()) as { actions: { action: string; champs: { nom: string; defaut?: string }[] }[] }
    expect(actions.actions.find((a) => a.action === 'complete')!.champs[0]!.defaut).toBe('23')
    const motif = 'Feuille d’émargement papier du 19/01 matin déposée : présence de 3 h 30.'
    const r = await transition(d.id, 'complete', { heuresRealisees: 26.5, motifHeures: motif })
    expect(r.status).toBe(200)
    const relu = await payload.findByID({ collection: 'dossiers', id: d.id, depth: 0 })
    expect([relu.heuresRealisees, relu.motifHeures]).toEqual([26.5, motif])
    const journal = await payload.find({ collection: 'logs', where: { documentId: { equals: String(d.id) }, action: { equals: 'transition' } }, limit: 5 })
    expect(journal.docs[0]!.changes).toMatchObject({ heuresRealisees: { apres: 26.5 }, motifHeures: { avant: null, apres: motif }, heuresEmargees: { heuresSignees: 23 } })
    // The reason is written by the transition only.
    const patch = await appel('admin', `/api/dossiers/${d.id}`, { method: 'PATCH', body: JSON.stringify({ motifHeures: 'autre' }) })
    expect(patch.status).toBe(403)
  })

  it('dossier sans séance : les heures saisies, comme avant', async () => {
    const d = await dossierEnFormation()
    expect((await transition(d.id, 'complete')).status).toBe(422)
    expect((await transition(d.id, 'complete', { heuresRealisees: 27 })).status).toBe(200)
    expect((await payload.findByID({ collection: 'dossiers', id: d.id, depth: 0 })).heuresRealisees).toBe(27)
  })

  it('conformité : séances encore à signer après la fin de la formation, nommées par leur date', async () => {
    const d = await dossierEnFormation()
    expect((await generer('admin', d.id)).status).toBe(201)
    for (const [i, x] of (await seancesDe(d.id)).entries()) if (i !== 3 && i !== 6) await emarger(x, 'deux')
    // A training already over: the same weekdays in January 2020.
    await payload.update({ collection: 'dossiers', id: d.id, data: { formation: { ...formation(), dateDebut: '2020-01-13', dateFin: '2020-01-16' } } as never })
    for (const x of await seancesDe(d.id)) {
      const jour = { '2027-01-18': '2020-01-13', '2027-01-19': '2020-01-14', '2027-01-20': '2020-01-15', '2027-01-21': '2020-01-16' }[x.date.slice(0, 10)]!
      await payload.update({ collection: 'seances', id: x.id, data: { date: jour } as never })
    }
    const r = await appel('admin', `/api/dossiers/${d.id}/conformite`, { method: 'POST', body: '{}' })
    expect(r.status).toBe(200)
    const { conformite } = (await r.json()) as { conformite: { constats: { regle: string; severite: string; message: string; champs: string[] }[] } }
    expect(conformite.constats.filter((c) => c.regle === 'seances-non-signees')).toEqual([
      { regle: 'seances-non-signees', severite: 'avertissement', message: expect.stringContaining('14/01/2020 après-midi, 16/01/2020 matin'), champs: ['seances'] },
    ])
  })
})

/** The text of the latest generated PDF of that kind, downloaded as the team does. */
async function pdfDe(dossier: unknown, type: string): Promise<string> {
  const g = await payload.find({ collection: 'generations', where: { and: [{ dossier: { equals: dossier } }, { documentType: { equals: type } }] }, sort: '-version', depth: 1, limit: 1 })
  const gen = g.docs[0]
  expect({ type, statut: gen?.statut, erreur: gen?.erreur ?? null }).toEqual({ type, statut: 'genere', erreur: null })
  const doc = gen!.document as { url: string }
  const r = await appel('admin', new URL(doc.url, s.url).pathname)
  expect(r.status).toBe(200)
  return normaliserTexte((await texteDuPdf(new Uint8Array(await r.arrayBuffer()))).texte)
}
