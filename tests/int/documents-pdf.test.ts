/**
 * The PDF renderer with a real Chromium: every document rendered from realistic data, its text
 * extracted by pdf.js and checked for every mandatory mention and the real values; hostile
 * values that try to reach a real local HTTP server; a browser killed in the middle of a render.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import { once } from 'node:events'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { chargerConfigurationDocuments } from '@/src/config/documents'
import { env } from '@/src/config/env'
import { mentionsManquantes, mentionsObligatoires, normaliserTexte } from '@/src/domain/documents/mentions'
import { TYPES_DOCUMENT, type TypeDocument } from '@/src/domain/documents/types'
import {
  ErreurRenduPdf,
  evenementsRenderer,
  fermerRenderer,
  genererPdfDocument,
  htmlDocument,
  nombreRequetesBloquees,
  processusNavigateur,
  rendrePdf,
} from '@/src/pdf/renderer'
import { dossierFormation, entreesDe, texteDuPdf } from '@/tests/helpers/documents'
import { CHROMIUM } from '@/tests/helpers/navigateur'

const config = chargerConfigurationDocuments()

if (!CHROMIUM) throw new Error('Chromium introuvable : installez le paquet Debian `chromium` (bash .ci/run le fait) ou définissez CHROMIUM_PATH.')

afterAll(async () => {
  await fermerRenderer()
})

/** Amount as formatted on the documents, whichever space the extractor gives back for U+00A0. */
const montant = (entier: string, centimes: string) => new RegExp(`${entier.replace(' ', '[\\u00a0\\u202f ]')},${centimes}[\\u00a0\\u202f ]€`)

/** Real values each document must show, written out by hand (not computed by the model). */
const VALEURS: Record<TypeDocument, (string | RegExp)[]> = {
  convention: [
    'Convention de formation professionnelle',
    'articles L6353-1 et D6353-1 du Code du travail',
    'action de formation (article L6313-1 du Code du travail)',
    'Forma Pro Conseil',
    '45 boulevard Voltaire, 75011 Paris',
    'SIRET : 44556677100017',
    "Déclaration d'activité enregistrée sous le numéro 11755555575 auprès du préfet de région d'Île-de-France",
    "Cet enregistrement ne vaut pas agrément de l'État",
    'Alpha Conseil SARL',
    '8 rue des Lilas, 69003 Lyon',
    'SIRET : 81234567600124',
    'Stagiaire : Élodie Durand',
    'Excel avancé : tableaux croisés dynamiques et Power Query',
    'Construire et mettre en forme des tableaux croisés dynamiques',
    'Jour 3 : Power Query, fusion de requêtes et actualisation.',
    'Durée : 28 heures',
    'du 16/03/2026 au 19/03/2026',
    'Lieu : 12 avenue des Ternes, 75017 Paris',
    'Modalités de déroulement, de suivi et de sanction',
    montant('1 234', '56'),
    'Exonération de TVA – art. 261-4-4°-a du CGI',
    'à 30 jours',
    'Subrogation de paiement : oui. Atlas règle directement',
    "Pour l'entreprise",
    "Pour l'organisme de formation",
    'Fait en deux exemplaires originaux, le 02/02/2026.',
  ],
  convention_bilan: [
    'Convention de bilan de compétences',
    'article R6313-8 du Code du travail',
    'Karim Martin',
    'Alpha Conseil SARL',
    'Forma Pro Conseil',
    '11755555575',
    'Bilan de compétences – projet de reconversion vers les métiers de la donnée',
    'Identifier des pistes de reconversion réalistes',
    'Phase préliminaire',
    "Phase d'investigation",
    'Phase de conclusions',
    'Moyens',
    'Durée : 24 heures',
    'du 07/04/2026 au 02/06/2026',
    'Les résultats détaillés et le document de synthèse sont remis au seul bénéficiaire',
    montant('1 800', '00'),
    'délai de 10 jours',
    "Pour l'employeur",
    'Le bénéficiaire',
    "Pour l'organisme prestataire",
    'Fait en trois exemplaires originaux',
  ],
  demande_prise_en_charge: [
    'Demande de prise en charge',
    'Atlas',
    'SIRET : 81234567600124',
    'Code NAF : 62.02A',
    'IDCC : 1486',
    'Effectif : 8 salariés',
    'Nom : Élodie Durand',
    'Excel avancé : tableaux croisés dynamiques et Power Query',
    'Forma Pro Conseil',
    'N° de déclaration d’activité (NDA) : 11755555575',
    'Certification Qualiopi : catégorie « actions de formation », valide du 15/01/2024 au 14/01/2027',
    'Dates : du 16/03/2026 au 19/03/2026',
    'Durée : 28 heures',
    'Modalité : en présentiel',
    montant('1 234', '56'),
    montant('1 050', '00'),
    '☒ Subrogation',
    '☐ Remboursement',
  ],
  certificat_realisation: [
    'Certificat de réalisation',
    'Élodie Durand',
    "salarié(e) de l'entreprise Alpha Conseil SARL",
    "a suivi l'action Excel avancé : tableaux croisés dynamiques et Power Query",
    '☒ action de formation',
    '☐ bilan de compétences',
    '☐ action de VAE',
    '☐ action de formation par apprentissage',
    "qui s'est déroulée du 16/03/2026 au 19/03/2026",
    'pour une durée de 24 heures',
    'Forma Pro Conseil',
    'SIRET : 44556677100017',
    '11755555575',
    'Fait à Paris, le 20/03/2026.',
    "Cachet et signature du responsable du dispensateur de l'action",
  ],
  attestation_assiduite: [
    "Attestation d'assiduité",
    'Élodie Durand',
    "salarié(e) de l'entreprise Alpha Conseil SARL",
    "a suivi l'action Excel avancé : tableaux croisés dynamiques et Power Query",
    "qui s'est déroulée du 16/03/2026 au 19/03/2026",
    'Heures suivies : 24 heures',
    'Heures prévues : 28 heures',
    "Taux d'assiduité : 86 %",
    'Forma Pro Conseil',
    'SIRET : 44556677100017',
    'Fait à Paris, le 20/03/2026.',
    "Cachet et signature du responsable du dispensateur de l'action",
  ],
  feuille_emargement: [
    'Feuille d’émargement',
    'Élodie Durand',
    'Luc Moreau',
    'Excel avancé : tableaux croisés dynamiques et Power Query',
    '16/03/2026',
    'Matin',
    'Après-midi',
    '09:00 – 12:30',
    'Nom tapé, signé électroniquement le 16/03/2026 à 14:02',
    'Heures signées : 3,5 heures',
    'a'.repeat(64),
    'b'.repeat(64),
  ],
  facture: [
    'Facture n° F-2026-000042',
    "date d'émission : 25/03/2026",
    'Forma Pro Conseil',
    'SIREN : 445566771',
    'Atlas',
    'SIREN : 851976027',
    'Alpha Conseil SARL (SIREN 812345676)',
    'N° de TVA intracommunautaire : non renseigné',
    'au nom et pour le compte de Forma Pro Conseil',
    'N° de dossier OPCO : ATL-2026-004512',
    'Stagiaire : Élodie Durand',
    'Date de la prestation : du 16/03/2026 au 19/03/2026',
    'Heures réalisées : 24 heures',
    '24 h',
    montant('51', '44'),
    montant('1 234', '56'),
    'Exonération de TVA – art. 261-4-4°-a du CGI',
    "Date d'échéance : 24/04/2026",
    'Banque centrale européenne',
    montant('40', '00'),
    'Indemnité forfaitaire pour frais de recouvrement',
    "Déclaration d'activité enregistrée sous le numéro 11755555575",
  ],
  avoir: [
    'Avoir n° A-2026-000003',
    'Avoir sur la facture n° : F-2026-000042',
    "date d'émission : 02/04/2026",
    'Annulation de 4 heures non réalisées',
    'Motif : 4 heures facturées mais non réalisées (absence du stagiaire le 19/03/2026)',
    montant('205', '76'),
    '4 h',
    'SIREN : 445566771',
    'Exonération de TVA – art. 261-4-4°-a du CGI',
    'ATL-2026-004512',
  ],
}

function absentes(texte: string, attendus: (string | RegExp)[]): (string | RegExp)[] {
  const t = normaliserTexte(texte)
  return attendus.filter((a) => (typeof a === 'string' ? !t.includes(normaliserTexte(a)) : !a.test(texte)))
}

describe('rendu PDF des documents générés (Chromium réel, texte extrait par pdf.js)', () => {
  const rendus = new Map<TypeDocument, { pdf: Uint8Array; texte: string; pages: number }>()

  beforeAll(async () => {
    // In parallel: the pool serves them PDF_POOL_SIZE at a time.
    await Promise.all(
      TYPES_DOCUMENT.map(async (type) => {
        const pdf = await genererPdfDocument(type, entreesDe(type), config)
        rendus.set(type, { pdf, ...(await texteDuPdf(pdf)) })
      }),
    )
  })

  it.each(TYPES_DOCUMENT)('%s : un vrai PDF A4', (type) => {
    const { pdf, texte, pages } = rendus.get(type)!
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    expect(pages).toBeGreaterThanOrEqual(1)
    // A4 = 210 × 297 mm = 595.3 × 841.9 pt, in every page's MediaBox.
    const formats = [...Buffer.from(pdf).toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)]
    expect(formats).toHaveLength(pages)
    for (const [, largeur, hauteur] of formats) {
      expect(Number(largeur)).toBeCloseTo(595.3, 0)
      expect(Number(hauteur)).toBeCloseTo(841.9, 0)
    }
    // Footer: page numbers and the operator, on every page.
    expect(normaliserTexte(texte)).toContain(`Page 1 / ${pages}`)
    expect(normaliserTexte(texte).split('contact@monopco.fr').length - 1).toBeGreaterThanOrEqual(pages)
  })

  it.each(TYPES_DOCUMENT)('%s : toutes les mentions obligatoires sont dans le texte du PDF', (type) => {
    const { texte } = rendus.get(type)!
    const mentions = mentionsObligatoires(type, entreesDe(type), config)
    expect(mentionsManquantes(mentions, texte).map((m) => `${m.libelle} : ${String(m.attendu)}`)).toEqual([])
  })

  it.each(TYPES_DOCUMENT)('%s : les vraies valeurs (noms, SIRET, NDA, dates, heures, montants) sont imprimées', (type) => {
    expect(absentes(rendus.get(type)!.texte, VALEURS[type]).map(String)).toEqual([])
  })

  it.each(TYPES_DOCUMENT)('%s : ni « undefined », ni « null », ni « NaN »', (type) => {
    expect(rendus.get(type)!.texte).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b|\[object/)
  })
})

describe('valeurs hostiles et réseau', () => {
  let serveur: http.Server
  let port = 0
  const recues: string[] = []

  beforeAll(async () => {
    serveur = http.createServer((req, res) => {
      recues.push(`${req.method} ${req.url}`)
      res.writeHead(200, { 'content-type': 'image/png' }).end()
    })
    serveur.listen(0, '127.0.0.1')
    await once(serveur, 'listening')
    port = (serveur.address() as AddressInfo).port
  })

  afterAll(async () => {
    serveur.closeAllConnections()
    await new Promise((r) => serveur.close(r))
  })

  it('le serveur de test répond bien aux requêtes (sinon le « zéro requête » ne prouverait rien)', async () => {
    const r = await fetch(`http://127.0.0.1:${port}/temoin`)
    expect(r.status).toBe(200)
    expect(recues).toEqual(['GET /temoin'])
    recues.length = 0
  })

  it('un bénéficiaire nommé <img …><script>…</script> et un url() CSS : texte littéral, aucune requête', async () => {
    const nom = `<img src=http://127.0.0.1:${port}/x><script>fetch('http://127.0.0.1:${port}/y')</script>`
    const lieu = `x'); } body { background: url(http://127.0.0.1:${port}/z); } .a { content: ('`
    const titre = `<style>@import url(http://127.0.0.1:${port}/w);</style><link rel=stylesheet href=http://127.0.0.1:${port}/v>`
    const entrees = entreesDe('convention')
    entrees.dossier = {
      ...dossierFormation,
      beneficiaire: { ...dossierFormation.beneficiaire, nom },
      formation: { ...dossierFormation.formation, lieu, titre },
    }
    const pdf = await genererPdfDocument('convention', entrees, config)
    const { texte } = await texteDuPdf(pdf)
    const t = normaliserTexte(texte)
    expect(t).toContain(normaliserTexte(nom))
    expect(t).toContain(normaliserTexte(lieu))
    expect(t).toContain(normaliserTexte(titre))
    expect(recues).toEqual([])
  })

  it('même un HTML qui chargerait tout (gabarit fautif) n’atteint pas le réseau : les requêtes sont bloquées', async () => {
    const u = (chemin: string) => `http://127.0.0.1:${port}/${chemin}`
    // A fresh page: one that rendered a template keeps its CSP, which would stop these requests
    // before the interception we want to see at work here.
    await fermerRenderer()
    const avant = nombreRequetesBloquees()
    const pdf = await rendrePdf(`<!DOCTYPE html><html><head>
<link rel="stylesheet" href="${u('feuille.css')}">
<style>@import url(${u('import.css')}); @font-face { font-family: X; src: url(${u('police.woff2')}); }
body { background: url(${u('fond.png')}); font-family: X; }</style>
<script src="${u('script.js')}"></script>
</head><body><p>Page piégée</p><img src="${u('image.png')}"><iframe src="${u('cadre.html')}"></iframe>
<object data="${u('objet')}"></object><video poster="${u('affiche.png')}"></video>
<script>fetch('${u('fetch')}'); new Image().src = '${u('js-image')}'</script></body></html>`)
    expect(normaliserTexte((await texteDuPdf(pdf)).texte)).toContain('Page piégée')
    expect(recues).toEqual([])
    // Interception, not luck: the page did ask, and every request was aborted.
    expect(nombreRequetesBloquees() - avant).toBeGreaterThanOrEqual(4)
  })
})

describe('navigateur tué, pool et arrêt', () => {
  const simple = '<!DOCTYPE html><html><body><p>Document de contrôle</p></body></html>'

  /** A document heavy enough that its PDF step is a real piece of work. */
  const lourd = htmlDocument('facture', {
    ...entreesDe('facture'),
    facture: {
      ...entreesDe('facture').facture,
      lignes: Array.from({ length: 400 }, (_, i) => ({ libelle: `Séance ${i + 1}`, quantite: 3.5, prixUnitaireHT: 5144, montantHT: 18004 })),
    },
  }, config)

  it('SIGKILL au milieu d’un rendu : ce rendu échoue clairement, le suivant réussit sur un navigateur neuf', async () => {
    await rendrePdf(simple)
    const ancien = processusNavigateur()
    expect(ancien?.pid).toBeGreaterThan(0)

    let tue = false
    const tuer = (e: { etape: string; processus: ChildProcess | null }) => {
      if (e.etape === 'pdf' && !tue) {
        tue = true
        e.processus?.kill('SIGKILL')
      }
    }
    evenementsRenderer.on('rendu', tuer)
    try {
      const echec = rendrePdf(lourd)
      await expect(echec).rejects.toBeInstanceOf(ErreurRenduPdf)
      await expect(echec).rejects.toThrow(/Chromium s’est arrêté pendant le rendu/)
    } finally {
      evenementsRenderer.off('rendu', tuer)
    }
    expect(tue).toBe(true)
    if (ancien!.exitCode === null && ancien!.signalCode === null) await once(ancien!, 'exit')
    expect(ancien!.signalCode).toBe('SIGKILL')

    const pdf = await rendrePdf(lourd)
    expect((await texteDuPdf(pdf)).texte).toContain('Séance 400')
    const nouveau = processusNavigateur()
    expect(nouveau?.pid).toBeGreaterThan(0)
    expect(nouveau!.pid).not.toBe(ancien!.pid)
  })

  it('navigateur mort entre deux rendus : relancé au rendu suivant', async () => {
    await rendrePdf(simple)
    const ancien = processusNavigateur()!
    const deconnexion = once(evenementsRenderer, 'deconnexion')
    ancien.kill('SIGKILL')
    await deconnexion
    expect(processusNavigateur()).toBeNull()
    expect(normaliserTexte((await texteDuPdf(await rendrePdf(simple))).texte)).toContain('Document de contrôle')
    expect(processusNavigateur()!.pid).not.toBe(ancien.pid)
  })

  it(`pool : jamais plus de PDF_POOL_SIZE rendus à la fois, tous aboutissent`, async () => {
    let actifs = 0
    let maximum = 0
    const suivre = (e: { etape: string }) => {
      if (e.etape === 'contenu') maximum = Math.max(maximum, ++actifs)
    }
    evenementsRenderer.on('rendu', suivre)
    try {
      const pdfs = await Promise.all(
        Array.from({ length: 7 }, (_, i) =>
          rendrePdf(`<!DOCTYPE html><html><body><p>Document ${i}</p></body></html>`).finally(() => {
            actifs--
          }),
        ),
      )
      for (const [i, pdf] of pdfs.entries()) expect(normaliserTexte((await texteDuPdf(pdf)).texte)).toContain(`Document ${i}`)
    } finally {
      evenementsRenderer.off('rendu', suivre)
    }
    expect(maximum).toBeGreaterThanOrEqual(1)
    expect(maximum).toBeLessThanOrEqual(env().pdfPoolSize)
  })

  it('fermerRenderer() arrête Chromium ; un rendu ultérieur en relance un', async () => {
    await rendrePdf(simple)
    const processus = processusNavigateur()!
    await fermerRenderer()
    expect(processusNavigateur()).toBeNull()
    if (processus.exitCode === null && processus.signalCode === null) await once(processus, 'exit')
    expect(await rendrePdf(simple)).toBeInstanceOf(Uint8Array)
    await fermerRenderer()
  })

  it('un script qui oublie fermerRenderer() se termine quand même, et Chromium avec lui', async () => {
    const dossier = fs.mkdtempSync(path.join(os.tmpdir(), 'monopco-renderer-'))
    const script = path.join(dossier, 'oubli.mts')
    const renderer = path.resolve('src/pdf/renderer.ts')
    fs.writeFileSync(
      script,
      `import { rendrePdf, processusNavigateur } from ${JSON.stringify(renderer)}
const pdf = await rendrePdf('<p>oubli</p>')
console.log(JSON.stringify({ octets: pdf.byteLength, pid: processusNavigateur()?.pid }))
`,
    )
    try {
      const enfant = spawn(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } })
      let sortie = ''
      let erreurs = ''
      enfant.stdout.on('data', (d: Buffer) => (sortie += d.toString()))
      enfant.stderr.on('data', (d: Buffer) => (erreurs += d.toString()))
      const [code] = (await once(enfant, 'exit')) as [number | null]
      expect({ code, erreurs }).toEqual({ code: 0, erreurs: '' })
      const { octets, pid } = JSON.parse(sortie.trim().split('\n').at(-1)!) as { octets: number; pid: number }
      expect(octets).toBeGreaterThan(500)
      // Gone, or a zombie waiting for init to reap it: either way it no longer runs.
      const vivant = () => {
        try {
          return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))
        } catch {
          return false
        }
      }
      while (vivant()) await new Promise((r) => setTimeout(r, 50))
      expect(vivant()).toBe(false)
    } finally {
      fs.rmSync(dossier, { recursive: true, force: true })
    }
  })
})
