/**
 * Once a dossier is sent to its OPCO (envoye_opco and every later status), what the OPCO decides
 * on — its OPCO, company, cost and training — no longer changes by a plain update, for anyone,
 * admins included (REST, GraphQL); only the workflow moves it. Other fields stay editable where
 * they were, and unchanged values sent back (as the admin panel does on every save) pass.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { demarrerServeur, entetesDuMonde, type ActeurDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, richText, type Monde } from '@/tests/helpers/fixtures'

type Id = number | string
let s: ServeurDeTest
let monde: Monde
let h: Record<ActeurDuMonde | 'anonyme', Record<string, string>>

beforeAll(async () => {
  s = await demarrerServeur('dossier-fige')
  monde = await creerMonde(s.payload)
  h = await entetesDuMonde(s.url, monde)
})
afterAll(async () => s?.arreter())

const patch = (acteur: ActeurDuMonde, id: Id, data: Record<string, unknown>) =>
  fetch(`${s.url}/api/dossiers/${id}`, { method: 'PATCH', headers: { ...h[acteur], 'Content-Type': 'application/json' }, body: JSON.stringify(data) })
const lire = async (id: Id) => (await s.payload.findByID({ collection: 'dossiers', id, depth: 0, overrideAccess: true })) as unknown as Record<string, unknown> & { formation: Record<string, unknown> }

const CHANGEMENTS = (): [string, Record<string, unknown>][] => [
  ['OPCO', { opco: monde.opcoB.id }],
  ['coût', { coutTotalHT: 990000 }],
  ['intitulé de la formation', { formation: { titre: 'Autre formation' } }],
  ['durée de la formation', { formation: { dureeHeures: 300 } }],
  ['organisme', { formation: { organisme: null } }],
]

describe('dossier chez l’OPCO : OPCO, entreprise, coût et formation figés', () => {
  it('le bénéficiaire ne les change plus en « pièces demandées » (409, rien d’écrit)', async () => {
    const d = await creerDossier(s.payload, monde, 'A', 'pieces_demandees')
    const avant = await lire(d.id)
    for (const [quoi, data] of CHANGEMENTS()) {
      const res = await patch('userA', d.id, data)
      expect([quoi, res.status]).toEqual([quoi, 409])
      const body = (await res.json()) as { errors: { message: string }[] }
      expect(body.errors[0]!.message).toMatch(/envoyé à l.OPCO|workflow/i)
    }
    const apres = await lire(d.id)
    for (const champ of ['opco', 'company', 'coutTotalHT', 'updatedAt']) expect([champ, apres[champ]]).toEqual([champ, avant[champ]])
    expect(apres.formation).toEqual(avant.formation)
  })

  it('le reste du dossier reste modifiable, et renvoyer les mêmes valeurs passe', async () => {
    const d = await creerDossier(s.payload, monde, 'A', 'pieces_demandees')
    const avant = await lire(d.id)
    const res = await patch('userA', d.id, {
      justification: richText('Pièces complétées.'),
      opco: avant.opco,
      company: avant.company,
      coutTotalHT: avant.coutTotalHT,
      formation: avant.formation,
    })
    expect(res.status).toBe(200)
  })

  it.each(['envoye_opco', 'accepte', 'en_formation', 'facture'])('l’admin non plus, en « %s » (409), par REST et GraphQL', async (statut) => {
    const d = await creerDossier(s.payload, monde, 'A', statut)
    const avant = await lire(d.id)
    for (const [quoi, data] of [...CHANGEMENTS(), ['entreprise', { company: monde.companyB.id }] as [string, Record<string, unknown>]]) {
      const res = await patch('admin', d.id, data)
      expect([quoi, res.status]).toEqual([quoi, 409])
    }
    const gql = await fetch(`${s.url}/api/graphql`, {
      method: 'POST',
      headers: { ...h.admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: `mutation ($id: Int!) { updateDossier(id: $id, data: { coutTotalHT: 5 }) { id } }`, variables: { id: d.id } }),
    })
    const r = (await gql.json()) as { errors?: { message: string }[] }
    expect(r.errors?.[0]?.message).toMatch(/envoyé à l.OPCO|workflow/i)
    const apres = await lire(d.id)
    for (const champ of ['opco', 'company', 'coutTotalHT']) expect([champ, apres[champ]]).toEqual([champ, avant[champ]])
    expect(apres.formation).toEqual(avant.formation)
    // An admin still edits what the OPCO does not decide on.
    expect((await patch('admin', d.id, { justification: richText('Note de l’équipe.') })).status).toBe(200)
  })

  it('avant l’envoi, tout reste modifiable ; les pièces demandées se transmettent par le workflow', async () => {
    const brouillon = await creerDossier(s.payload, monde, 'A')
    expect((await patch('userA', brouillon.id, { coutTotalHT: 150000, formation: { titre: 'Excel expert' } })).status).toBe(200)
    const valide = await creerDossier(s.payload, monde, 'A', 'valide')
    expect((await patch('admin', valide.id, { coutTotalHT: 150000 })).status).toBe(200)
    const pieces = await creerDossier(s.payload, monde, 'A', 'pieces_demandees')
    const t = await fetch(`${s.url}/api/dossiers/${pieces.id}/transition`, {
      method: 'POST',
      headers: { ...h.userA, 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'complete-documents', commentaire: 'Voici le devis signé.' }),
    })
    expect(t.status).toBe(200)
    expect((await lire(pieces.id)).status).toBe('envoye_opco')
  })
})
