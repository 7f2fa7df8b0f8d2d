/**
 * OPCO deadlines over real HTTP (the built app): the dossier's « Prochaine échéance » line in
 * the admin edit view and on the portal dossier page, and the admin home's « Échéances » lists
 * (admins only), each equal to the pure function applied now to the stored rows. The server
 * runs on the real clock: the world is built relative to today (Paris).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { ajouterJours, echeancesDossier, jourFr, jourParis, prochaineEcheance, texteProchaineEcheance, type ReglesEcheances } from '@/src/domain/echeances'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let entetes: Awaited<ReturnType<typeof entetesDuMonde>>
let dossier: { id: number; reference: string }

const REGLES: ReglesEcheances = { delaiDepotAvantDebutJours: 15, delaiJustificatifsApresFinJours: 180, validiteAccordJours: 365, delaiPaiementJours: 75 }
const debut = ajouterJours(jourParis(new Date()), 15 + 4)

beforeAll(async () => {
  s = await demarrerServeur('echeances')
  payload = s.payload
  monde = await creerMonde(payload)
  entetes = await entetesDuMonde(s.url, monde)
  await payload.update({ collection: 'opcos', id: monde.opcoA.id, data: REGLES })
  const d = await creerDossier(payload, monde, 'A', 'soumis', {
    formation: { titre: 'Excel', dateDebut: debut, dateFin: ajouterJours(debut, 1), dureeHeures: 14, modalite: 'presentiel', organisme: monde.provider.id },
  })
  dossier = { id: d.id as number, reference: String(d.reference) }
}, 240_000)
afterAll(async () => s?.arreter())

const texte = (html: string) => html.replace(/<!-- -->/g, '').replace(/&nbsp;|\u202f|\u00a0/g, ' ').replace(/&#x27;|&#39;/g, "'")
const attendue = () => prochaineEcheance(echeancesDossier({ status: 'soumis', formation: { dateDebut: debut, dateFin: ajouterJours(debut, 1) } }, REGLES, new Date()))!

describe('prochaine échéance du dossier', () => {
  it('fiche admin : « Prochaine échéance : <libellé> — jj/mm/aaaa (dans N jours) »', async () => {
    const e = attendue()
    expect(e).toMatchObject({ type: 'depot_demande', etat: 'proche' })
    const r = await fetch(`${s.url}/admin/collections/dossiers/${dossier.id}`, { headers: entetes.admin })
    expect(r.status).toBe(200)
    const html = texte(await r.text())
    expect(html).toContain(`Prochaine échéance : ${texteProchaineEcheance(e)}`)
    expect(html).toContain(`data-prochaine-echeance="depot_demande"`)
  })

  it('page du dossier sur le portail (propriétaire) : la même ligne', async () => {
    const jeton = entetes.userA.Authorization!.replace(/^JWT /, '')
    const r = await fetch(`${s.url}/dossiers/${dossier.id}`, { headers: { ...entetes.userA, Cookie: `payload-token=${jeton}` } })
    expect(r.status).toBe(200)
    const html = texte(await r.text())
    const debutBloc = html.indexOf('data-prochaine-echeance="depot_demande"')
    expect(debutBloc).toBeGreaterThan(-1)
    expect(html.slice(debutBloc, html.indexOf('</dd>', debutBloc))).toContain(texteProchaineEcheance(attendue()))
  })
})

describe('tableau de bord : « Échéances »', () => {
  it('l’admin voit le dossier dans les 7 et les 30 jours : référence, OPCO, échéance, date, jours restants', async () => {
    const e = attendue()
    const html = texte(await (await fetch(`${s.url}/admin`, { headers: entetes.admin })).text())
    for (const liste of ['7', '30']) {
      const i = html.indexOf(`data-echeances="${liste}"`)
      expect(i).toBeGreaterThan(-1)
      const bloc = html.slice(i, html.indexOf('</table>', i))
      const j = bloc.indexOf(`data-dossier="${dossier.id}"`)
      expect(j).toBeGreaterThan(-1)
      const ligne = bloc.slice(j, bloc.indexOf('</tr>', j))
      for (const t of [dossier.reference, 'Atlas', '(à vérifier)', e.libelle, jourFr(e.date), `>${e.joursRestants}<`]) expect(ligne).toContain(t)
    }
  })

  it('un agent OPCO ou un bénéficiaire ne voit pas les listes', async () => {
    for (const acteur of ['opcoA', 'userA'] as const) {
      const html = await (await fetch(`${s.url}/admin`, { headers: entetes[acteur] })).text()
      expect(html).not.toContain('data-echeances=')
    }
  })
})
