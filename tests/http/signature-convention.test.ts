/**
 * Signed convention (issue 17, item 5) over real HTTP, as the signers live it: the admin sends the
 * generated convention to be signed, each signer opens the e-mailed link, asks for a code (read
 * from the outbox), signs with consent and a drawn or typed signature; once all have signed, the
 * signed PDF (original + one stamped page, text extracted with pdf.js) and its evidence are
 * stored, the public verification recognises its hash and not a modified copy's, and `send` is
 * allowed. Refusals (wrong code ×5, reused / unknown / expired link) write nothing that signs.
 * The bilan's employee: no reminder before the 3rd day, lapsed after 10 days, the team told once
 * (the daily pass with an injected clock).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import type { Payload } from 'payload'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { demarrerServeur, entetesDuMonde, type ServeurDeTest } from '@/tests/helpers/serveur'
import { texteDuPdf } from '@/tests/helpers/documents'
import { PDF_MINIMAL } from '@/tests/helpers/fichiers'
import { dernierCode, dernierJeton, deposerConventionGeneree, pdfConvention, poster, SIGNATURE_PNG, SIGNATURE_SVG, signerParHttp } from '@/tests/helpers/signatureConvention'
import { nombrePages } from '@/src/pdf/signatureConvention'
import { passeSignatures } from '@/src/services/signatureConvention'
import { lireOctetsDocument } from '@/src/services/fichiersDocuments'

let s: ServeurDeTest
let payload: Payload
let monde: Monde
let entetes: Awaited<ReturnType<typeof entetesDuMonde>>

beforeAll(async () => {
  s = await demarrerServeur('signature-convention')
  payload = s.payload
  monde = await creerMonde(payload)
  entetes = await entetesDuMonde(s.url, monde)
})
afterAll(async () => s?.arreter())

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
const admin = () => ({ ...entetes.admin })

function signataires(dossier: number | string, bilan: boolean) {
  return [
    { role: 'entreprise', nom: 'Lefèvre', prenom: 'Agnès', fonction: 'Directrice générale', email: `rh-${dossier}@alpha.exemple.fr` },
    ...(bilan ? [{ role: 'salarie', nom: 'Martin', prenom: 'Karim', email: `salarie-${dossier}@alpha.exemple.fr` }] : []),
    { role: 'organisme', nom: 'Nguyen', prenom: 'Thi', fonction: 'Responsable pédagogique', email: `of-${dossier}@forma.exemple.fr` },
  ]
}

async function dossierAvecConvention(typeFormation: 'formation' | 'bilan' = 'formation', status = 'valide') {
  const d = await creerDossier(payload, monde, 'A', status, { typeFormation })
  const convention = await deposerConventionGeneree(payload, d.id, typeFormation)
  // The demande de prise en charge too: `send` needs both documents, and the signature.
  await payload.create({
    collection: 'documents',
    data: { dossier: d.id, documentType: 'demande_prise_en_charge', origin: 'generated' } as never,
    file: { data: Buffer.from(PDF_MINIMAL), mimetype: 'application/pdf', name: `dpc-${d.id}.pdf`, size: PDF_MINIMAL.length },
    overrideAccess: true,
  })
  return { d, convention }
}

const demander = (dossier: number | string, corps: unknown, qui: Record<string, string> = admin()) => poster(s.url, `/api/dossiers/${dossier}/signature-convention`, corps, qui)
const demandes = async (dossier: number | string) =>
  (await payload.find({ collection: 'signatures-convention', where: { dossier: { equals: dossier } }, sort: '-createdAt', pagination: false, depth: 0, overrideAccess: true })).docs
const transition = (id: number | string, action: string) => poster(s.url, `/api/dossiers/${id}/transition`, { action }, admin())

describe('demande de signature (admins)', () => {
  it('sans convention générée : 422 en français, rien d’écrit ; bénéficiaire 403, anonyme 401 ; signataires invalides 400', async () => {
    const d = await creerDossier(payload, monde, 'A', 'valide')
    const avant = (await payload.count({ collection: 'signatures-convention' })).totalDocs
    const r = await demander(d.id, { signataires: signataires(d.id, false) })
    expect(r.status).toBe(422)
    expect(((await r.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/convention de ce dossier n’est pas encore générée/)
    await deposerConventionGeneree(payload, d.id)
    expect((await demander(d.id, { signataires: signataires(d.id, false) }, entetes.userA)).status).toBe(403)
    expect((await demander(d.id, { signataires: signataires(d.id, false) }, {})).status).toBe(401)
    expect((await demander(d.id, { signataires: signataires(d.id, false) }, entetes.userB)).status).toBe(404)
    const invalide = await demander(d.id, { signataires: [{ role: 'entreprise', nom: 'X', prenom: 'Y', fonction: 'Z', email: 'pas-un-email' }] })
    expect(invalide.status).toBe(400)
    expect(((await invalide.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/Adresse e-mail invalide/)
    expect((await payload.count({ collection: 'signatures-convention' })).totalDocs).toBe(avant)
  })
})

describe('bilan : trois signataires, code et signature', () => {
  let dossier: number
  let original: Buffer

  it('send avant les signatures : 422, la signature nommée dans manquants', async () => {
    const { d } = await dossierAvecConvention('bilan')
    dossier = d.id
    original = (await lireOctetsDocument(payload, (await payload.find({ collection: 'documents', where: { and: [{ dossier: { equals: d.id } }, { documentType: { equals: 'convention_bilan' } }] }, depth: 0 })).docs[0]!.id))!.content
    const r = await demander(d.id, { signataires: signataires(d.id, true) })
    expect(r.status).toBe(201)
    const corps = (await r.json()) as { doc: { statut: string; signataires: Record<string, unknown>[] } }
    expect(corps.doc.statut).toBe('en_cours')
    // The secrets never leave the server, not even to admins.
    expect(JSON.stringify(corps.doc)).not.toMatch(/jetonEmpreinte|codeEmpreinte|essaisCode/)
    const refus = await transition(d.id, 'send')
    expect(refus.status).toBe(422)
    expect(((await refus.json()) as { errors: { manquants: string[] }[] }).errors[0]!.manquants).toEqual(['documents.convention_signee'])
  })

  it('le bénéficiaire et l’OPCO lisent l’état sans e-mails, IP ni secrets ; un autre bénéficiaire rien', async () => {
    const lu = await fetch(`${s.url}/api/signatures-convention?where[dossier][equals]=${dossier}&depth=0`, { headers: entetes.userA })
    const corps = (await lu.json()) as { docs: Record<string, unknown>[] }
    expect(corps.docs).toHaveLength(1)
    expect(JSON.stringify(corps.docs)).not.toMatch(/@alpha\.exemple\.fr|jetonEmpreinte|codeEmpreinte|"ip"|preuve"/)
    const autre = await fetch(`${s.url}/api/signatures-convention?where[dossier][equals]=${dossier}&depth=0`, { headers: entetes.userB })
    expect(((await autre.json()) as { docs: unknown[] }).docs).toHaveLength(0)
  })

  it('la page du lien décrit la demande ; le PDF s’y lit', async () => {
    const jeton = await dernierJeton(payload, `salarie-${dossier}@alpha.exemple.fr`)
    const r = await fetch(`${s.url}/api/signatures/${jeton}`)
    expect(r.status).toBe(200)
    const infos = (await r.json()) as { vous: { libelleRole: string; prenom: string }; signataires: unknown[]; dernierJourSalarie: string | null }
    expect(infos.vous).toMatchObject({ libelleRole: 'Salarié(e) bénéficiaire', prenom: 'Karim' })
    expect(infos.signataires).toHaveLength(3)
    expect(infos.dernierJourSalarie).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const pdf = await fetch(`${s.url}/api/signatures/${jeton}/pdf`)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(sha(new Uint8Array(await pdf.arrayBuffer()))).toBe(sha(original))
  })

  it('5 codes faux : bloqué (429, message en français), rien de signé, même le bon code ensuite', async () => {
    const email = `rh-${dossier}@alpha.exemple.fr`
    const jeton = await dernierJeton(payload, email)
    expect((await poster(s.url, `/api/signatures/${jeton}/code`)).status).toBe(200)
    const bon = await dernierCode(payload, email)
    const faux = bon === '000000' ? '111111' : '000000'
    const statuts: number[] = []
    let dernier = ''
    for (let i = 0; i < 5; i++) {
      const r = await poster(s.url, `/api/signatures/${jeton}/signer`, { code: faux, signature: 'Agnès Lefèvre', consentement: true })
      statuts.push(r.status)
      dernier = ((await r.json()) as { errors: { message: string }[] }).errors[0]!.message
    }
    expect(statuts).toEqual([400, 400, 400, 400, 429])
    expect(dernier).toMatch(/Trop de codes incorrects/)
    const apresBon = await poster(s.url, `/api/signatures/${jeton}/signer`, { code: bon, signature: 'Agnès Lefèvre', consentement: true })
    expect(apresBon.status).toBe(429)
    const [demande] = await demandes(dossier)
    expect(demande!.signataires!.every((x) => !x.signeLe)).toBe(true)
  })

  it('consentement absent, signature qui n’est pas une image : 400 sans consommer d’essai', async () => {
    const email = `of-${dossier}@forma.exemple.fr`
    const jeton = await dernierJeton(payload, email)
    await poster(s.url, `/api/signatures/${jeton}/code`)
    const code = await dernierCode(payload, email)
    const sansConsentement = await poster(s.url, `/api/signatures/${jeton}/signer`, { code, signature: 'Thi Nguyen' })
    expect(sansConsentement.status).toBe(400)
    const html = await poster(s.url, `/api/signatures/${jeton}/signer`, { code, signature: `data:image/png;base64,${Buffer.from('<html><script>').toString('base64')}`, consentement: true })
    expect(html.status).toBe(400)
    const [demande] = await demandes(dossier)
    expect(demande!.signataires!.find((x) => x.role === 'organisme')!.essaisCode).toBe(0)
  })

  it('trois signatures (nouveau code après le blocage) : convention signée, une page de plus, chaque signataire nommé, vérifiable', async () => {
    // The locked signer asks for a new code: a fresh code, a fresh count of tries.
    const rh = await signerParHttp(s.url, payload, `rh-${dossier}@alpha.exemple.fr`, SIGNATURE_PNG)
    expect(rh).toMatchObject({ status: 200, body: { signe: true, toutesSignees: false } })
    expect((await signerParHttp(s.url, payload, `salarie-${dossier}@alpha.exemple.fr`, SIGNATURE_SVG)).status).toBe(200)
    const dernier = await signerParHttp(s.url, payload, `of-${dossier}@forma.exemple.fr`, 'Thi Nguyen')
    expect(dernier).toMatchObject({ status: 200, body: { toutesSignees: true } })
    const [demande] = await demandes(dossier)
    expect(demande).toMatchObject({ statut: 'signee', sha256Original: sha(original) })
    expect(demande!.signataires!.map((x) => [x.role, x.typeSignature, x.userAgent])).toEqual([
      ['entreprise', 'dessin', `Test rh-${dossier}@alpha.exemple.fr`],
      ['salarie', 'dessin', `Test salarie-${dossier}@alpha.exemple.fr`],
      ['organisme', 'saisie', `Test of-${dossier}@forma.exemple.fr`],
    ])
    expect(demande!.signataires!.every((x) => x.ip && x.signeLe)).toBe(true)

    const signe = await lireOctetsDocument(payload, Number(demande!.documentSigne))
    const doc = await payload.findByID({ collection: 'documents', id: Number(demande!.documentSigne), depth: 0 })
    expect(doc).toMatchObject({ documentType: 'convention_signee', origin: 'generated' })
    expect(sha(signe!.content)).toBe(demande!.sha256Signe)
    expect(await nombrePages(signe!.content)).toBe((await nombrePages(original)) + 1)
    const { texte } = await texteDuPdf(new Uint8Array(signe!.content))
    // Lines wrap beside the drawn signatures: compared with spaces normalised.
    const lu = texte.replace(/\s+/g, ' ')
    for (const nom of ['Agnès Lefèvre, Directrice générale', 'Karim Martin, Salarié(e)', 'Thi Nguyen, Responsable pédagogique']) expect(lu).toContain(nom)
    expect(texte.replace(/\s/g, '')).toContain(sha(original))
    expect(texte).toMatch(/Signé le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}:\d{2} \(heure de Paris\)/)
    // The evidence file, stored with the request (and attached to the PDF).
    expect(JSON.parse(String(demande!.preuve))).toMatchObject({ documentOriginal: { sha256: sha(original) }, signataires: [{ nom: 'Lefèvre' }, { nom: 'Martin' }, { nom: 'Nguyen' }] })
    expect(demande!.sha256Preuve).toBe(sha(Buffer.from(String(demande!.preuve), 'utf8')))
    expect(signe!.content.includes(Buffer.from('preuve-signature-'))).toBe(true)

    const verifier = (h: string) => fetch(`${s.url}/api/signatures/verification/${h}`)
    const ok = await verifier(sha(signe!.content))
    expect(ok.status).toBe(200)
    const v = (await ok.json()) as { signe: boolean; document: string; signataires: { nom: string; signeLe: string }[] }
    expect(v).toMatchObject({ signe: true, document: 'convention signée' })
    expect(v.signataires.map((x) => x.nom)).toEqual(['Lefèvre', 'Martin', 'Nguyen'])
    expect(JSON.stringify(v)).not.toMatch(/@|ip|userAgent/i)
    expect((await verifier(sha(original))).status).toBe(200)
    const modifie = Buffer.from(signe!.content)
    modifie[modifie.length - 10] = modifie[modifie.length - 10]! ^ 1
    const inconnu = await verifier(sha(modifie))
    expect(inconnu.status).toBe(404)
    expect(((await inconnu.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/Aucun document signé ici/)
    expect((await verifier('pas-une-empreinte')).status).toBe(400)

    expect((await transition(dossier, 'send')).status).toBe(200)
  })

  it('lien réutilisé 409, inconnu 404 : rien d’écrit', async () => {
    const jeton = await dernierJeton(payload, `rh-${dossier}@alpha.exemple.fr`)
    const [avant] = await demandes(dossier)
    const reutilise = await poster(s.url, `/api/signatures/${jeton}/signer`, { code: '123456', signature: 'Agnès Lefèvre', consentement: true })
    expect(reutilise.status).toBe(409)
    expect((await poster(s.url, `/api/signatures/${jeton}/code`)).status).toBe(409)
    expect((await poster(s.url, `/api/signatures/${'x'.repeat(43)}/signer`, { code: '123456', signature: 'X Y', consentement: true })).status).toBe(404)
    expect((await fetch(`${s.url}/api/signatures/abc`)).status).toBe(404)
    const [apres] = await demandes(dossier)
    expect(apres).toEqual(avant)
  })
})

describe('formation : lien expiré, renvoi du lien', () => {
  it('lien expiré 410 (rien d’écrit) ; « Renvoyer le lien » : l’ancien ne sert plus (404), le nouveau fonctionne', async () => {
    const { d } = await dossierAvecConvention('formation')
    expect((await demander(d.id, { signataires: signataires(d.id, false) })).status).toBe(201)
    const email = `rh-${d.id}@alpha.exemple.fr`
    const ancien = await dernierJeton(payload, email)
    const [demande] = await demandes(d.id)
    const signataires_ = demande!.signataires!.map((x) => (x.role === 'entreprise' ? { ...x, lienExpireLe: '2020-01-01T00:00:00.000Z' } : x))
    await payload.update({ collection: 'signatures-convention', id: demande!.id, data: { signataires: signataires_ }, overrideAccess: true })
    const [avant] = await demandes(d.id)
    expect((await poster(s.url, `/api/signatures/${ancien}/code`)).status).toBe(410)
    expect((await fetch(`${s.url}/api/signatures/${ancien}`)).status).toBe(410)
    expect(await demandes(d.id)).toEqual([avant])
    // A second request while one is in progress: 409 unless replacing.
    expect((await demander(d.id, { signataires: signataires(d.id, false) })).status).toBe(409)

    const ligne = avant!.signataires!.find((x) => x.role === 'entreprise')!
    expect((await poster(s.url, `/api/signatures-convention/${avant!.id}/renvoyer`, { signataire: ligne.id }, entetes.userA)).status).toBe(403)
    const renvoi = await poster(s.url, `/api/signatures-convention/${avant!.id}/renvoyer`, { signataire: ligne.id }, admin())
    expect(renvoi.status).toBe(200)
    expect((await poster(s.url, `/api/signatures/${ancien}/code`)).status).toBe(404)
    const nouveau = await dernierJeton(payload, email)
    expect(nouveau).not.toBe(ancien)
    expect((await signerParHttp(s.url, payload, email, SIGNATURE_PNG)).status).toBe(200)
  })
})

describe('bilan : la décision du salarié (R6313-8), horloge injectée', () => {
  it('pas de relance avant le 3e jour ; caduque après 10 jours sans sa signature, l’équipe prévenue une fois, le dossier le montre', async () => {
    const { d } = await dossierAvecConvention('bilan')
    expect((await demander(d.id, { signataires: signataires(d.id, true) })).status).toBe(201)
    // The company signs; the employee does not.
    expect((await signerParHttp(s.url, payload, `rh-${d.id}@alpha.exemple.fr`, 'Agnès Lefèvre')).status).toBe(200)
    const [demande] = await demandes(d.id)
    const envoi = Date.parse(String(demande!.envoyeeLe))
    const jour = (n: number) => new Date(envoi + n * 86_400_000)
    const relances = async () => (await payload.find({ collection: 'emails', where: { and: [{ dossier: { equals: d.id } }, { template: { equals: 'signature_convention_relance' } }] }, pagination: false, depth: 0 })).docs

    await passeSignatures(payload, jour(2))
    expect(await relances()).toHaveLength(0)
    await passeSignatures(payload, jour(3))
    expect((await relances()).map((e) => e.to).sort()).toEqual([`of-${d.id}@forma.exemple.fr`, `salarie-${d.id}@alpha.exemple.fr`])
    await passeSignatures(payload, jour(4))
    expect(await relances()).toHaveLength(2)
    expect((await demandes(d.id))[0]!.statut).toBe('en_cours')

    await passeSignatures(payload, jour(11))
    await passeSignatures(payload, jour(12))
    const [caduque] = await demandes(d.id)
    expect(caduque).toMatchObject({ statut: 'caduque' })
    const prevenus = (await payload.find({ collection: 'emails', where: { and: [{ dossier: { equals: d.id } }, { template: { equals: 'signature_convention_caduque' } }] }, pagination: false, depth: 0 })).docs
    expect(prevenus.map((e) => e.to)).toEqual([monde.admin.email])
    expect(prevenus[0]!.text).toMatch(/R6313-8/)
    // The links no longer work; the dossier shows the state to its owner.
    const salarie = await dernierJeton(payload, `salarie-${d.id}@alpha.exemple.fr`)
    expect((await poster(s.url, `/api/signatures/${salarie}/code`)).status).toBe(410)
    const lu = await fetch(`${s.url}/api/signatures-convention?where[dossier][equals]=${d.id}&depth=0`, { headers: entetes.userA })
    expect(((await lu.json()) as { docs: { statut: string }[] }).docs[0]!.statut).toBe('caduque')
    expect((await transition(d.id, 'send')).status).toBe(422)
  })
})

describe('un original modifié après la demande n’est pas signé', () => {
  it('le PDF d’origine sert à la vérification ; un autre fichier de même nom est inconnu', async () => {
    const autre = await pdfConvention('Autre convention')
    expect((await fetch(`${s.url}/api/signatures/verification/${sha(autre)}`)).status).toBe(404)
  })
})
