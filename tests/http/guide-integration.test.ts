/**
 * Every example of docs/guide-integration.md, run against the built app with a real API key:
 * the integrators' guide cannot drift from what the API does.
 */
import fs from 'node:fs'
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { ajouterDocumentsEnvoi, creerDossier, creerMonde, MOT_DE_PASSE, type Monde } from '@/tests/helpers/fixtures'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'

const CLE = 'cle-integration-guide-2026-0123456789'
let s: ServeurDeTest
let monde: Monde
let dossier: { id: number | string }

beforeAll(async () => {
  s = await demarrerServeur('guide-integration')
  monde = await creerMonde(s.payload)
  await s.payload.create({ collection: 'users', data: { email: 'integration@atlas.fr', password: MOT_DE_PASSE, role: 'opco', opco: monde.opcoA.id, enableAPIKey: true, apiKey: CLE } as never })
  dossier = await creerDossier(s.payload, monde, 'A', 'envoye_opco', { montantEstime: 84000 })
  await ajouterDocumentsEnvoi(s.payload, dossier.id)
})
afterAll(async () => s?.arreter())

interface Exemple {
  methode: string
  url: string
  entetes: Record<string, string>
  corps?: string
  attendu: string
}

function exemples(markdown: string): Exemple[] {
  return [...markdown.matchAll(/```exemple-http\n([\s\S]*?)```/g)].map(([, bloc]) => {
    const attendu = /^# attendu (\S+)$/m.exec(bloc!)![1]!
    const [tete, ...reste] = bloc!.replace(/^# attendu .*$/m, '').split(/\n\n/)
    const [requete, ...lignes] = tete!.trim().split('\n')
    const [methode, url] = requete!.split(' ')
    const entetes = Object.fromEntries(lignes.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]))
    const corps = reste.join('\n\n').trim()
    return { methode: methode!, url: url!, entetes, ...(corps ? { corps } : {}), attendu }
  })
}

it('chaque exemple du guide donne le statut annoncé', async () => {
  const guide = fs.readFileSync('docs/guide-integration.md', 'utf8')
  const liste = exemples(guide)
  expect(liste.length).toBeGreaterThanOrEqual(6)
  const remplacer = (t: string) => t.replaceAll('{{URL}}', s.url).replaceAll('{{CLE}}', CLE).replaceAll('{{DOSSIER}}', String(dossier.id))
  for (const e of liste) {
    const res = await fetch(remplacer(e.url), { method: e.methode, headers: Object.fromEntries(Object.entries(e.entetes).map(([k, v]) => [k, remplacer(v)])), ...(e.corps ? { body: remplacer(e.corps) } : {}) })
    const texte = await res.text()
    const ok = e.attendu === '4xx' ? res.status >= 400 && res.status < 500 : String(res.status) === e.attendu
    expect([e.methode, e.url, res.status, ok ? 'ok' : texte.slice(0, 300)]).toEqual([e.methode, e.url, res.status, 'ok'])
    if (e.url.includes('/api/graphql') && e.attendu === '200') expect([e.url, (JSON.parse(texte) as { errors?: unknown }).errors]).toEqual([e.url, undefined])
  }
  // The examples did what the guide says: the partial accord is recorded, the invalid one changed nothing.
  const apres = await s.payload.findByID({ collection: 'dossiers', id: dossier.id, depth: 0 })
  expect(apres.status).toBe('accepte_partiel')
  expect(apres.montantValide).toBe(50000)
})
