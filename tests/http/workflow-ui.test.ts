/**
 * The admin panel's workflow endpoints over real HTTP: GET /api/dossiers/:id/actions (what the
 * caller may fire now, with the inputs) and GET /api/dossiers/:id/historique (the timeline), with
 * the dossiers' own read rules (404 for a dossier the caller cannot see, 401 anonymous), and the
 * admin-only unread-messages counts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'
import { connecter, demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'
import { creerDossier, creerMonde, MOT_DE_PASSE, signerConventionPourTests, type Monde } from '@/tests/helpers/fixtures'
import { PDF_MINIMAL } from '@/tests/helpers/fichiers'
import { texteRiche } from '@/src/domain/texteRiche'
import { actionsPossibles, type Acteur, type DossierWorkflow } from '@/src/domain/workflow'
import type { EntreeHistorique } from '@/src/domain/historique'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
type Qui = 'admin' | 'userA' | 'userB' | 'opcoA' | 'opcoB'
const auth = {} as Record<Qui, Record<string, string>>
let dossierId: number | string

const get = (qui: Qui | null, chemin: string) => fetch(`${s.url}${chemin}`, { headers: qui ? auth[qui] : {} })
const transition = (qui: Qui, action: string, parametres: Record<string, unknown> = {}) =>
  fetch(`${s.url}/api/dossiers/${dossierId}/transition`, { method: 'POST', headers: { ...auth[qui], 'Content-Type': 'application/json' }, body: JSON.stringify({ action, ...parametres }) })

function acteur(qui: Qui): Acteur {
  const u = { admin: monde.admin, userA: monde.userA, userB: monde.userB, opcoA: monde.opcoUserA, opcoB: monde.opcoUserB }[qui]
  const role = qui === 'admin' ? 'admin' : qui.startsWith('user') ? 'user' : 'opco'
  return { role, id: u.id, opco: qui === 'opcoA' ? monde.opcoA.id : qui === 'opcoB' ? monde.opcoB.id : null }
}

async function attendreActions(qui: Qui) {
  const d = (await payload.findByID({ collection: 'dossiers', id: dossierId, depth: 0 })) as unknown as DossierWorkflow
  return actionsPossibles(d, acteur(qui)).filter((a) => a !== 'paiement-complet')
}

beforeAll(async () => {
  s = await demarrerServeur('workflow-ui')
  payload = s.payload
  monde = await creerMonde(payload)
  const comptes: Record<Qui, string> = { admin: monde.admin.email, userA: monde.userA.email, userB: monde.userB.email, opcoA: monde.opcoUserA.email, opcoB: monde.opcoUserB.email }
  for (const [qui, email] of Object.entries(comptes) as [Qui, string][]) auth[qui] = { Authorization: `JWT ${await connecter(s.url, email, MOT_DE_PASSE)}` }
  dossierId = (await creerDossier(payload, monde, 'A', 'soumis')).id
})
afterAll(async () => s?.arreter())

describe('GET /api/dossiers/:id/actions', () => {
  it('renvoie, par rôle, exactement les actions possibles maintenant, avec leurs champs', async () => {
    for (const qui of ['admin', 'userA'] as Qui[]) {
      const res = await get(qui, `/api/dossiers/${dossierId}/actions`)
      expect(res.status).toBe(200)
      const body = (await res.json()) as { status: string; libelleStatut: string; actions: { action: string; libelle: string; champs: unknown[] }[] }
      expect(body.status).toBe('soumis')
      expect(body.libelleStatut).toBe('Soumis')
      expect(body.actions.map((a) => a.action)).toEqual(await attendreActions(qui))
    }
    const admin = (await (await get('admin', `/api/dossiers/${dossierId}/actions`)).json()) as { actions: { action: string; libelle: string }[] }
    expect(admin.actions.map((a) => a.libelle)).toEqual(['Passer en revue', 'Annuler'])
    const proprietaire = (await (await get('userA', `/api/dossiers/${dossierId}/actions`)).json()) as { actions: { action: string; champs: { nom: string }[] }[] }
    expect(proprietaire.actions.map((a) => a.action)).toEqual(['cancel'])
    expect(proprietaire.actions[0]!.champs.map((c) => c.nom)).toEqual(['commentaire'])
  })

  it("404 pour qui ne voit pas le dossier (autre utilisateur, OPCO avant l'envoi), 401 anonyme, 400 identifiants mal formés", async () => {
    for (const qui of ['userB', 'opcoA', 'opcoB'] as Qui[]) {
      expect((await get(qui, `/api/dossiers/${dossierId}/actions`)).status).toBe(404)
      expect((await get(qui, `/api/dossiers/${dossierId}/historique`)).status).toBe(404)
    }
    for (const chemin of ['actions', 'historique']) {
      const anonyme = await get(null, `/api/dossiers/${dossierId}/${chemin}`)
      expect(anonyme.status).toBe(401)
      expect(((await anonyme.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/Authentification/)
      for (const id of ['abc', '999999', '1e3', '-1', '%27%20OR%201%3D1']) {
        const res = await get('admin', `/api/dossiers/${id}/${chemin}`)
        // An id that cannot name a dossier is a 400 (src/endpoints/endpoint.ts); an unknown one a 404.
        expect({ id, status: res.status }).toEqual({ id, status: id === '999999' ? 404 : 400 })
      }
    }
  })

  it("après l'envoi, l'OPCO du dossier voit la réponse à enregistrer, l'autre OPCO toujours 404", async () => {
    // A message from the owner before the team starts, then the workflow over HTTP.
    await payload.create({ collection: 'messages', data: { dossier: dossierId, author: monde.userA.id, body: texteRiche('Bonjour, mon dossier est-il complet ?') } as never })
    for (const action of ['review', 'validate']) expect((await transition('admin', action)).status).toBe(200)
    // The validation's job produces the documents `send` requires.
    await payload.jobs.run({ limit: 100 })
    await payload.jobs.run({ limit: 100 })
    await signerConventionPourTests(payload, dossierId)
    expect((await transition('admin', 'send')).status).toBe(200)
    await payload.create({
      collection: 'documents',
      data: { dossier: dossierId, documentType: 'devis', uploadedBy: monde.userA.id } as never,
      file: { data: PDF_MINIMAL, mimetype: 'application/pdf', name: 'devis-signe.pdf', size: PDF_MINIMAL.length },
    })
    const res = await get('opcoA', `/api/dossiers/${dossierId}/actions`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { status: string; actions: { action: string; champs: { nom: string; type: string; options?: { value: string }[] }[] }[] }
    expect(body.status).toBe('envoye_opco')
    expect(body.actions.map((a) => a.action)).toEqual(await attendreActions('opcoA'))
    expect(body.actions.map((a) => a.action)).toEqual(['answer'])
    const champs = body.actions[0]!.champs
    expect(champs.map((c) => c.nom)).toEqual(['decision', 'numeroDossierOpco', 'montantValide', 'motif', 'commentaire', 'pieces'])
    expect(champs.find((c) => c.nom === 'montantValide')!.type).toBe('montant')
    expect(champs.find((c) => c.nom === 'decision')!.options!.map((o) => o.value)).toEqual(['accepte', 'accepte_partiel', 'refuse', 'pieces_demandees'])
    expect((await get('opcoB', `/api/dossiers/${dossierId}/actions`)).status).toBe(404)
    expect((await get('opcoB', `/api/dossiers/${dossierId}/historique`)).status).toBe(404)
    expect((await get('userB', `/api/dossiers/${dossierId}/historique`)).status).toBe(404)
    const admin = (await (await get('admin', `/api/dossiers/${dossierId}/actions`)).json()) as { actions: { action: string }[] }
    expect(admin.actions.map((a) => a.action)).toEqual(await attendreActions('admin'))
  })
})

describe('GET /api/dossiers/:id/historique', () => {
  it('fusionne transitions, document et message, par ordre chronologique', async () => {
    const res = await get('admin', `/api/dossiers/${dossierId}/historique`)
    expect(res.status).toBe(200)
    const { historique: tout } = (await res.json()) as { historique: EntreeHistorique[] }
    // Admins also see the dossier's e-mails (tests/http/emails.test.ts covers them).
    expect(tout.some((e) => e.type === 'email')).toBe(true)
    const historique = tout.filter((e) => e.type !== 'email')
    // Between validation and sending, the two PDFs the validation produced and the signed convention.
    expect(historique.map((e) => e.type)).toEqual(['message', 'transition', 'transition', 'document', 'document', 'document', 'transition', 'document'])
    expect(historique.slice(3, 6).map((e) => e.titre).sort()).toEqual(['Convention de formation (généré)', 'Convention signée (généré)', 'Demande de prise en charge (généré)'])
    const dates = historique.map((e) => Date.parse(e.date))
    expect(dates).toEqual([...dates].sort((a, b) => a - b))
    expect(historique[0]).toMatchObject({ titre: 'Message de Test user.a (bénéficiaire)', detail: 'Bonjour, mon dossier est-il complet ?' })
    expect(historique[1]).toMatchObject({ titre: 'Passer en revue', detail: 'Soumis → En revue · par Test admin (équipe MonOPCO)' })
    expect(historique[6]!.titre).toBe("Envoyer à l'OPCO")
    expect(historique[7]).toMatchObject({ type: 'document', titre: 'Devis (déposé)' })
    expect(historique[7]!.detail).toMatch(/devis-signe.*\.pdf · déposé par Test user\.a \(bénéficiaire\)/)
  })

  it("le propriétaire voit tout ; l'OPCO voit transitions et documents, jamais les messages", async () => {
    const proprietaire = (await (await get('userA', `/api/dossiers/${dossierId}/historique`)).json()) as { historique: EntreeHistorique[] }
    expect(proprietaire.historique.map((e) => e.type)).toEqual(['message', 'transition', 'transition', 'document', 'document', 'document', 'transition', 'document'])
    const res = await get('opcoA', `/api/dossiers/${dossierId}/historique`)
    expect(res.status).toBe(200)
    const opco = (await res.json()) as { historique: EntreeHistorique[] }
    expect(opco.historique.map((e) => e.type)).toEqual(['transition', 'transition', 'document', 'document', 'document', 'transition', 'document'])
  })

  it("la réponse de l'OPCO par l'endpoint de transition apparaît avec le montant en euros", async () => {
    const r = await transition('opcoA', 'answer', { decision: 'accepte_partiel', numeroDossierOpco: 'ATL-2027-7', montantValide: 100000 })
    expect(r.status).toBe(200)
    const { historique } = (await (await get('opcoA', `/api/dossiers/${dossierId}/historique`)).json()) as { historique: EntreeHistorique[] }
    const derniere = historique[historique.length - 1]!
    expect(derniere.type).toBe('transition')
    expect(derniere.titre).toBe("Enregistrer la réponse de l'OPCO")
    expect(derniere.detail).toBe("Envoyé à l'OPCO → Accepté partiellement · par Test opco.a (OPCO) · Montant validé : 1\u00a0000,00\u00a0€ · N° OPCO : ATL-2027-7")
  })
})

describe('GET /api/dossiers/messages-non-lus', () => {
  it("compte pour les admins les messages écrits depuis la dernière réponse de l'équipe", async () => {
    const avant = (await (await get('admin', '/api/dossiers/messages-non-lus')).json()) as { total: number; parDossier: Record<string, number> }
    expect(avant.parDossier[String(dossierId)]).toBe(1)
    await payload.create({ collection: 'messages', data: { dossier: dossierId, author: monde.admin.id, body: texteRiche('Oui, il est complet.') } as never })
    const apres = (await (await get('admin', '/api/dossiers/messages-non-lus')).json()) as { total: number; parDossier: Record<string, number> }
    expect(apres.parDossier[String(dossierId)]).toBeUndefined()
    expect(apres.total).toBe(avant.total - 1)
    expect((await get('userA', '/api/dossiers/messages-non-lus')).status).toBe(403)
    expect((await get('opcoA', '/api/dossiers/messages-non-lus')).status).toBe(403)
    expect((await get(null, '/api/dossiers/messages-non-lus')).status).toBe(401)
  })
})
