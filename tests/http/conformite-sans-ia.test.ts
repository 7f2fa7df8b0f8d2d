/**
 * The built app without OPENAI_API_KEY (the default): the AI features answer 503 with a French
 * explanation (the admin panel hides their buttons with it), everything else works — the
 * conformity report included. Its own file: one Payload (and one server) per test file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, richText, type Monde } from '@/tests/helpers/fixtures'

let s: ServeurDeTest
let monde: Monde
let jeton: Record<string, string>

beforeAll(async () => {
  s = await demarrerServeur('conformite-sans-ia')
  monde = await creerMonde(s.payload)
  jeton = { Authorization: `JWT ${await connecter(s.url, monde.admin.email, MOT_DE_PASSE)}` }
})

afterAll(async () => s?.arreter())

describe('sans OPENAI_API_KEY', () => {
  it('les fonctions IA répondent 503 avec une explication, rien d’écrit ; la conformité fonctionne', async () => {
    const d = await creerDossier(s.payload, monde, 'A', 'brouillon', { justification: richText('Besoin de monter en compétences.') })
    const statut = await fetch(`${s.url}/api/conformite/ia`, { headers: jeton })
    expect(await statut.json()).toEqual({ iaConfiguree: false, message: expect.stringMatching(/OPENAI_API_KEY/) })
    for (const chemin of [`/api/dossiers/${d.id}/ia/justification`, `/api/dossiers/${d.id}/ia/objectifs`, `/api/dossiers/${d.id}/ia/narratif`, '/api/conformite/anomalies/expliquer']) {
      const r = await fetch(`${s.url}${chemin}`, { method: 'POST', headers: { ...jeton, 'Content-Type': 'application/json' }, body: JSON.stringify({}) })
      expect(r.status).toBe(503)
      expect(((await r.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/n'est pas configurée.*contrôles de conformité/)
    }
    expect((await s.payload.count({ collection: 'appels-ia' })).totalDocs).toBe(0)
    const c = await fetch(`${s.url}/api/dossiers/${d.id}/conformite`, { method: 'POST', headers: jeton })
    expect(c.status).toBe(200)
    expect((await fetch(`${s.url}/api/conformite/anomalies`, { headers: jeton })).status).toBe(200)
  })
})
