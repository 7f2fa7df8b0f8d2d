/**
 * Webhooks for integrators (issue 19, item 5), through the product's own paths (a transition, the
 * generation jobs, a payment, an invoice issue) and real HTTP to a local receiver: each event
 * exactly once per subscribed webhook with a valid signature; a receiver that is down → attempts
 * with backoff, then « échec »; « Rejouer » delivers again; in production, a name that resolves
 * to a loopback address is refused at connection time. Refusals of the admin API over HTTP (and
 * the production checks of registration) are in tests/http/webhooks.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerDossier, creerMonde, PROGRAMME_TEST, richText, type Monde } from '@/tests/helpers/fixtures'
import { demarrerRecepteurWebhooks, type RecepteurWebhooks, type RequeteWebhook } from '@/tests/helpers/recepteurWebhooks'
import { transitionnerDossier } from '@/src/services/transition'
import { demanderEmission } from '@/src/services/facturation'
import { AdresseInterditeError, livrerWebhook, livrerWebhooksDus, posterWebhook, rejouerLivraison } from '@/src/services/webhooks'
import { EVENEMENTS_WEBHOOK, TENTATIVES_MAX_WEBHOOK, verifierSignature } from '@/src/domain/webhooks'
import type { LivraisonsWebhook, Webhook } from '@/src/payload-types'

let ctx: ContexteTest
let payload: Payload
let monde: Monde
let recepteur: RecepteurWebhooks
let reqAdmin: PayloadRequest
let reqUser: PayloadRequest
let tous: Webhook
let paiementsSeulement: Webhook

const maintenantS = () => Math.floor(Date.now() / 1000)
const dansJours = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)

async function creerWebhook(data: Partial<Webhook>): Promise<Webhook> {
  return payload.create({ collection: 'webhooks', data: data as never, user: { ...monde.admin, collection: 'users' } as never, overrideAccess: false })
}

const livraisons = async (webhook: Webhook | number): Promise<LivraisonsWebhook[]> =>
  (await payload.find({ collection: 'livraisons-webhooks', where: { webhook: { equals: typeof webhook === 'number' ? webhook : webhook.id } }, pagination: false, depth: 0, sort: 'id' })).docs

const recuesPar = (w: Webhook): RequeteWebhook[] => recepteur.requetes.filter((r) => String(r.entetes['idempotency-key']).startsWith(`${w.id}:`))

/** The queue as the worker runs it: events → generations → documents → deliveries. */
async function viderFile(): Promise<void> {
  for (let i = 0; i < 6; i++) await payload.jobs.run({ limit: 100 })
}

beforeAll(async () => {
  recepteur = await demarrerRecepteurWebhooks()
  ctx = await demarrerPayload('webhooks')
  payload = ctx.payload
  monde = await creerMonde(payload)
  await payload.update({ collection: 'training-providers', id: monde.provider.id, data: { regionNda: 'Île-de-France', adresse: { rue: '45 boulevard Voltaire', codePostal: '75011', ville: 'Paris' } } })
  reqAdmin = await createLocalReq({ user: { ...monde.admin, collection: 'users' } as never }, payload)
  reqUser = await createLocalReq({ user: { ...monde.userA, collection: 'users' } as never }, payload)
  tous = await creerWebhook({ url: `${recepteur.url}/tous`, evenements: [...EVENEMENTS_WEBHOOK] })
  paiementsSeulement = await creerWebhook({ url: `${recepteur.url}/paiements`, evenements: ['payment.recorded'], secret: 'un-secret-choisi-par-l-integrateur-0123' })
  await creerWebhook({ url: `${recepteur.url}/inactif`, evenements: [...EVENEMENTS_WEBHOOK], actif: false })
}, 120_000)
afterAll(async () => {
  await ctx?.fermer()
  await recepteur?.fermer()
})

describe('enregistrement', () => {
  it('génère le secret quand il est laissé vide, et ne l’écrit jamais dans le journal d’audit', async () => {
    expect(tous.secret).toMatch(/^whsec_[0-9a-f]{64}$/)
    expect(paiementsSeulement.secret).toBe('un-secret-choisi-par-l-integrateur-0123')
    const journal = await payload.find({ collection: 'logs', where: { collectionSlug: { equals: 'webhooks' } }, pagination: false, depth: 0 })
    expect(journal.docs.length).toBeGreaterThanOrEqual(3)
    const texte = JSON.stringify(journal.docs)
    expect(texte).not.toContain(tous.secret!)
    expect(texte).not.toContain('un-secret-choisi')
  })

  it('refuse un secret trop court et une URL invalide (400, rien d’écrit)', async () => {
    const avant = await payload.count({ collection: 'webhooks' })
    await expect(creerWebhook({ url: `${recepteur.url}/x`, evenements: ['invoice.issued'], secret: 'court' })).rejects.toMatchObject({ status: 400 })
    await expect(creerWebhook({ url: 'ftp://exemple.fr/x', evenements: ['invoice.issued'] })).rejects.toMatchObject({ status: 400 })
    await expect(creerWebhook({ url: 'https://moi:motdepasse@exemple.fr/x', evenements: ['invoice.issued'] })).rejects.toMatchObject({ status: 400 })
    expect((await payload.count({ collection: 'webhooks' })).totalDocs).toBe(avant.totalDocs)
  })
})

describe('livraison', () => {
  it('un vrai parcours : chaque événement arrive une fois, signé, à chaque webhook abonné', async () => {
    // A transition (validate) — whose job generates two PDFs — a payment, an invoice issue.
    const d = await creerDossier(payload, monde, 'A', 'en_revue', {
      formation: { titre: 'Excel avancé', objectifs: richText('Construire des tableaux croisés dynamiques.'), programme: PROGRAMME_TEST, organisme: monde.provider.id, dureeHeures: 14, dateDebut: dansJours(60), dateFin: dansJours(61), lieu: 'Lyon', modalite: 'presentiel' },
    })
    await transitionnerDossier(reqAdmin, d.id, 'validate', {})
    // Refused transition: its transaction writes nothing, no delivery either.
    const lignesAvantRefus = (await payload.count({ collection: 'livraisons-webhooks' })).totalDocs
    await expect(transitionnerDossier(reqAdmin, d.id, 'close', {})).rejects.toMatchObject({ status: 409 })
    expect((await payload.count({ collection: 'livraisons-webhooks' })).totalDocs).toBe(lignesAvantRefus)

    await payload.create({ collection: 'payments', data: { dossier: d.id, montant: 50_000, date: '2027-04-01', payeur: 'opco', reference: 'VIR-WEBHOOK-1' } as never, req: reqAdmin, user: { ...monde.admin, collection: 'users' } as never, overrideAccess: false })
    const dossierFacture = await creerDossier(payload, monde, 'A', 'facture', { montantValide: 120_000, numeroDossierOpco: 'ATL-77', heuresRealisees: 14 })
    const brouillon = await payload.create({
      collection: 'invoices',
      data: { dossier: dossierFacture.id, destinataire: 'opco', lignes: [{ libelle: 'Formation « Excel avancé »', quantite: 10, prixUnitaireHT: 10_000 }], mentionTva: 'Exonération de TVA – art. 261-4-4°-a du CGI' } as never,
    })
    await demanderEmission(await createLocalReq({ user: { ...monde.admin, collection: 'users' } as never }, payload), brouillon.id)
    await viderFile()

    const recues = recuesPar(tous)
    const corps = recues.map((r) => JSON.parse(r.corps) as { id: string; evenement: string; cree_le: string; donnees: Record<string, unknown> })
    // Exactly once each.
    expect(new Set(corps.map((c) => c.id)).size).toBe(corps.length)
    expect(new Set(corps.map((c) => c.evenement))).toEqual(new Set(EVENEMENTS_WEBHOOK))
    for (const r of recues) {
      expect(r.chemin).toBe('/webhooks/monopco/tous')
      expect(verifierSignature(tous.secret!, String(r.entetes['x-monopco-signature']), r.corps, maintenantS())).toBe(true)
      // Another secret, or one byte changed: refused.
      expect(verifierSignature(paiementsSeulement.secret!, String(r.entetes['x-monopco-signature']), r.corps, maintenantS())).toBe(false)
      expect(verifierSignature(tous.secret!, String(r.entetes['x-monopco-signature']), `${r.corps} `, maintenantS())).toBe(false)
      const c = JSON.parse(r.corps) as { id: string; evenement: string }
      expect(r.entetes['x-monopco-evenement']).toBe(c.evenement)
      expect(r.entetes['idempotency-key']).toBe(`${tous.id}:${c.id}`)
      expect(r.entetes['content-type']).toBe('application/json')
    }
    // What each event says, and nothing personal (the beneficiary's name and e-mail stay behind the API).
    const transition = corps.find((c) => c.evenement === 'dossier.transition')!
    expect(transition.donnees).toEqual({ dossier: d.id, action: 'validate', statut_precedent: 'en_revue', statut: 'valide', acteur_role: 'admin' })
    const paiement = corps.find((c) => c.evenement === 'payment.recorded')!
    expect(paiement.donnees).toMatchObject({ dossier: d.id, payeur: 'opco', reference: 'VIR-WEBHOOK-1', montant_centimes: 50_000 })
    const facture = corps.find((c) => c.evenement === 'invoice.issued')!
    expect(facture.donnees).toMatchObject({ facture: brouillon.id, dossier: dossierFacture.id, type: 'facture', numero: expect.stringMatching(/^F-\d{4}-\d+$/) })
    expect(recues.map((r) => r.corps).join('\n')).not.toMatch(/Claire|claire@exemple\.fr|Durand/)
    // One document.generated per generated document, as the database says.
    const generes = await payload.count({ collection: 'generations', where: { statut: { equals: 'genere' } } })
    expect(generes.totalDocs).toBeGreaterThanOrEqual(2)
    expect(corps.filter((c) => c.evenement === 'document.generated')).toHaveLength(generes.totalDocs)

    // The payment-only webhook got the payment only, signed with its own secret; the inactive one nothing.
    const paiements = recuesPar(paiementsSeulement)
    expect(paiements.map((r) => (JSON.parse(r.corps) as { evenement: string }).evenement)).toEqual(['payment.recorded'])
    expect(verifierSignature(paiementsSeulement.secret!, String(paiements[0]!.entetes['x-monopco-signature']), paiements[0]!.corps, maintenantS())).toBe(true)
    expect(recepteur.requetes.filter((r) => r.chemin.endsWith('/inactif'))).toHaveLength(0)
    expect((await livraisons(tous)).every((l) => l.statut === 'livre' && l.tentatives === 1 && l.dernierCodeHttp === 200)).toBe(true)

    // Running everything again, later: nothing is delivered twice.
    const total = recepteur.requetes.length
    await viderFile()
    await livrerWebhooksDus(payload, { maintenant: new Date(Date.now() + 86_400_000) })
    expect(recepteur.requetes.length).toBe(total)
  }, 180_000)
})

describe('guide d’intégration', () => {
  it('l’exemple Node.js de docs/guide-integration.md accepte une vraie livraison et refuse une falsification ou un rejeu', () => {
    const guide = fs.readFileSync(path.resolve('docs/guide-integration.md'), 'utf8')
    const code = /## 5\. Webhooks[\s\S]*?```js\n([\s\S]*?)```/.exec(guide)?.[1]
    expect(code).toBeDefined()
    const exiger = (m: string) => {
      if (m !== 'node:crypto') throw new Error(`module inattendu ${m}`)
      return crypto
    }
    const verifierWebhook = new Function('require', `${code!}\nreturn verifierWebhook`)(exiger) as (secret: string, entete: string, corps: string, maintenantS?: number) => boolean
    const r = recuesPar(tous)[0]!
    const entete = String(r.entetes['x-monopco-signature'])
    expect(verifierWebhook(tous.secret!, entete, r.corps)).toBe(true)
    expect(verifierWebhook(tous.secret!, entete, r.corps.replace('"dossier":', '"dossier": '))).toBe(false)
    expect(verifierWebhook(paiementsSeulement.secret!, entete, r.corps)).toBe(false)
    expect(verifierWebhook(tous.secret!, entete, r.corps, maintenantS() + 3600)).toBe(false)
    expect(verifierWebhook(tous.secret!, 'v1=abc', r.corps)).toBe(false)
  })
})

describe('destinataire en panne, puis « Rejouer »', () => {
  let enPanne: Webhook
  let ligne: LivraisonsWebhook

  it('tentatives avec délais croissants, puis « échec » visible dans la liste', async () => {
    // A port nobody listens on.
    const ferme = http.createServer()
    await new Promise<void>((r) => ferme.listen(0, '127.0.0.1', () => r()))
    const port = (ferme.address() as AddressInfo).port
    await new Promise<void>((r) => ferme.close(() => r()))
    enPanne = await creerWebhook({ url: `http://127.0.0.1:${port}/panne`, evenements: ['payment.recorded'] })
    const d = await creerDossier(payload, monde, 'B', 'valide')
    await payload.create({ collection: 'payments', data: { dossier: d.id, montant: 1_000, date: '2027-04-02', payeur: 'entreprise', reference: 'VIR-PANNE' } as never })
    await payload.jobs.run({ limit: 100 })
    ligne = (await livraisons(enPanne))[0]!
    expect(ligne).toMatchObject({ statut: 'en_attente', tentatives: 1, derniereErreur: expect.stringMatching(/ECONNREFUSED/) })
    // Not due yet: nothing happens before the backoff delay.
    expect(await livrerWebhook(payload, ligne.id)).toBe('non_du')
    let horloge = Date.now()
    const delais: number[] = []
    for (let i = 2; i <= TENTATIVES_MAX_WEBHOOK; i++) {
      const avant = (await livraisons(enPanne))[0]!
      delais.push(Date.parse(avant.prochainEssai!) - horloge)
      horloge = Date.parse(avant.prochainEssai!) + 1000
      expect(await livrerWebhook(payload, ligne.id, { maintenant: new Date(horloge) })).toBe(i === TENTATIVES_MAX_WEBHOOK ? 'echec' : 'reessai')
    }
    // Exponential backoff: each wait longer than the one before.
    for (let i = 1; i < delais.length; i++) expect(delais[i]!).toBeGreaterThan(delais[i - 1]!)
    ligne = (await livraisons(enPanne))[0]!
    expect(ligne).toMatchObject({ statut: 'echec', tentatives: TENTATIVES_MAX_WEBHOOK, prochainEssai: null, derniereErreur: expect.stringMatching(new RegExp(`abandon après ${TENTATIVES_MAX_WEBHOOK} tentatives`)) })
    const echecs = await payload.find({ collection: 'livraisons-webhooks', where: { statut: { equals: 'echec' } }, depth: 0 })
    expect(echecs.docs.map((l) => l.id)).toContain(ligne.id)
    expect(await livrerWebhook(payload, ligne.id, { maintenant: new Date(horloge + 86_400_000) })).toBe('non_du')
  })

  it('un refus définitif (4xx) passe en échec sans réessayer ; un 3xx n’est pas suivi', async () => {
    const w = await creerWebhook({ url: `${recepteur.url}/refus`, evenements: ['payment.recorded'] })
    recepteur.programmer({ status: 410 }, { status: 301, headers: { Location: `${recepteur.url}/ailleurs` } })
    const d = await creerDossier(payload, monde, 'B', 'valide')
    await payload.create({ collection: 'payments', data: { dossier: d.id, montant: 2_000, date: '2027-04-03', payeur: 'entreprise', reference: 'VIR-REFUS' } as never })
    const [l410] = (await livraisons(w)).filter((l) => l.statut === 'en_attente')
    // Other webhooks subscribed to payments consume programmed answers too: deliver only this one.
    expect(await livrerWebhook(payload, l410!.id)).toBe('echec')
    expect((await livraisons(w))[0]).toMatchObject({ statut: 'echec', tentatives: 1, dernierCodeHttp: 410 })
    await payload.update({ collection: 'livraisons-webhooks', id: l410!.id, data: { statut: 'en_attente', tentatives: 0 }, context: { audit: false } })
    expect(await livrerWebhook(payload, l410!.id)).toBe('reessai')
    expect((await livraisons(w))[0]).toMatchObject({ dernierCodeHttp: 301, derniereErreur: expect.stringMatching(/redirection non suivie/) })
    expect(recepteur.requetes.filter((r) => r.chemin.endsWith('/ailleurs'))).toHaveLength(0)
    await payload.update({ collection: 'livraisons-webhooks', id: l410!.id, data: { statut: 'echec' }, context: { audit: false } })
  })

  it('« Rejouer » : refusé aux non-admins (403) et pour une livraison en file (409) ; sinon la relivre, journalisé', async () => {
    await expect(rejouerLivraison(reqUser, ligne.id, {})).rejects.toMatchObject({ status: 403 })
    await expect(rejouerLivraison(reqAdmin, 'abc', {})).rejects.toMatchObject({ status: 400 })
    await expect(rejouerLivraison(reqAdmin, ligne.id, { force: true })).rejects.toMatchObject({ status: 400 })
    await expect(rejouerLivraison(reqAdmin, 99_999_999, {})).rejects.toMatchObject({ status: 404 })
    expect((await livraisons(enPanne))[0]).toMatchObject({ statut: 'echec', tentatives: TENTATIVES_MAX_WEBHOOK })
    // The integrator's server is back (here: the webhook now points to the receiver).
    await payload.update({ collection: 'webhooks', id: enPanne.id, data: { url: `${recepteur.url}/revenu` } })
    const avant = recepteur.requetes.length
    await rejouerLivraison(reqAdmin, ligne.id, {})
    expect((await livraisons(enPanne))[0]).toMatchObject({ statut: 'en_attente', tentatives: 0 })
    await expect(rejouerLivraison(reqAdmin, ligne.id, {})).rejects.toMatchObject({ status: 409 })
    await payload.jobs.run({ limit: 100 })
    expect((await livraisons(enPanne))[0]).toMatchObject({ statut: 'livre', tentatives: 1, dernierCodeHttp: 200 })
    // The same run also delivers other pending rows (this webhook's included): this row's key only.
    const nouvelles = recepteur.requetes.slice(avant).filter((r) => r.entetes['idempotency-key'] === ligne.cle)
    expect(nouvelles).toHaveLength(1)
    expect(nouvelles[0]!.corps).toBe(ligne.corps)
    expect(nouvelles[0]!.entetes['idempotency-key']).toBe(ligne.cle)
    expect(verifierSignature(enPanne.secret!, String(nouvelles[0]!.entetes['x-monopco-signature']), nouvelles[0]!.corps, maintenantS())).toBe(true)
    const audit = await payload.find({ collection: 'logs', where: { and: [{ collectionSlug: { equals: 'livraisons-webhooks' } }, { documentId: { equals: String(ligne.id) } }] }, depth: 0 })
    expect(audit.docs.length).toBe(1)
    expect(audit.docs[0]).toMatchObject({ action: 'update', actor: monde.admin.id })
  })
})

describe('production : jamais vers un réseau local', () => {
  it('un nom qui se résout en 127.0.0.1 est refusé au moment de la connexion, rien n’est reçu', async () => {
    const avant = recepteur.requetes.length
    const port = new URL(recepteur.url).port
    await expect(posterWebhook(new URL(`http://localhost:${port}/webhooks/monopco/prod`), '{}', {}, { production: true })).rejects.toBeInstanceOf(AdresseInterditeError)
    await expect(posterWebhook(new URL(`https://localhost:${port}/webhooks/monopco/prod`), '{}', {}, { production: true })).rejects.toThrow(/adresse locale ou privée \(127\.0\.0\.1\)/)
    expect(recepteur.requetes.length).toBe(avant)
    // The same request outside production reaches the receiver: the refusal above is the address check.
    await expect(posterWebhook(new URL(`http://localhost:${port}/webhooks/monopco/dev`), '{}', {}, { production: false })).resolves.toMatchObject({ statut: 200 })
    expect(recepteur.requetes.length).toBe(avant + 1)
  })

  it('une livraison en production vers http://, 127.0.0.1 ou 10.0.0.0/8 passe en échec sans rien envoyer', async () => {
    for (const url of [`${recepteur.url}/prod`, 'https://127.0.0.1/x', 'https://10.1.2.3/x']) {
      const w = await payload.create({ collection: 'webhooks', data: { url: url.startsWith('http://') ? url : `${recepteur.url}/tmp`, evenements: ['payment.recorded'] } as never })
      // Written directly (registration would refuse it in production, tests/http/webhooks.test.ts): as if the URL predated the rule.
      if (!url.startsWith('http://')) await payload.db.updateOne({ collection: 'webhooks', id: w.id, data: { url } })
      const d = await creerDossier(payload, monde, 'B', 'valide')
      await payload.create({ collection: 'payments', data: { dossier: d.id, montant: 3_000, date: '2027-04-04', payeur: 'entreprise', reference: `VIR-PROD-${w.id}` } as never })
      const [l] = await livraisons(w)
      const avant = recepteur.requetes.length
      expect(await livrerWebhook(payload, l!.id, { production: true })).toBe('echec')
      expect((await livraisons(w))[0]).toMatchObject({ statut: 'echec', tentatives: 1, derniereErreur: expect.stringMatching(/https|réseau local ou privé/) })
      expect(recepteur.requetes.length).toBe(avant)
      await payload.update({ collection: 'webhooks', id: w.id, data: { actif: false } })
    }
  })
})
