/**
 * Labelled set for the consistency of uploaded pieces (issue 19 item 3): seeded, it makes PDFs
 * (pdf-lib, Helvetica) of devis, conventions, programmes and attendance sheets — consistent with
 * their dossier or carrying known differences — written in several layouts and wordings (label
 * before or after the value, table cells, dates in figures or in words, several pages, values left
 * out), plus unreadable files. Each case says which findings it must produce: the dossier fields
 * that differ (`coutTotalHT`, `formation.dateDebut`…) or `illisible`. Used by
 * tests/int/coherence-pieces.test.ts (through the Local API, both databases) and
 * `npm run bench -- coherence`.
 */
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib'
import type { ChampCompare } from '@/src/domain/coherenceDocuments'
import type { Constat } from '@/src/domain/conformity'
import { construireSiret } from '@/src/domain/siret'
import { mulberry32 } from '@/src/seed/donnees/outils'

export type PieceJeu = 'devis' | 'convention' | 'programme' | 'feuille_emargement'
export type Attendu = ChampCompare | 'illisible'

/** The dossier's values of a case (what the test writes on the dossier record). */
export interface DossierJeu {
  coutTotalHT: number
  dureeHeures: number
  dateDebut: string
  dateFin: string
  titre: string
  nom: string
  prenom: string
}

export interface IdentitesJeu {
  siretEntreprise: string
  siretOrganisme: string
  nda: string
}

export interface CasCoherence {
  nom: string
  piece: PieceJeu
  dossier: DossierJeu
  pdf: Uint8Array
  /** The findings expected (sorted): differing fields, or `illisible`. */
  attendus: Attendu[]
}

/** Which fields each piece is compared on (as src/domain/coherenceDocuments.ts does). */
const CHAMPS_PIECE: Record<PieceJeu, ChampCompare[]> = {
  devis: ['company.siret', 'formation.organisme.nda', 'coutTotalHT', 'formation.dureeHeures', 'formation.dateDebut', 'formation.dateFin', 'formation.titre'],
  convention: ['company.siret', 'formation.organisme.nda', 'coutTotalHT', 'formation.dureeHeures', 'formation.dateDebut', 'formation.dateFin', 'formation.titre', 'beneficiaire.nom'],
  programme: ['formation.dureeHeures', 'formation.titre'],
  feuille_emargement: ['formation.dateDebut', 'formation.dateFin', 'beneficiaire.nom'],
}

const TITRES = ['Excel avancé : tableaux croisés dynamiques', 'Management d’équipe et entretiens annuels', 'Soudure TIG sur acier inoxydable', 'Anglais professionnel B2', 'Comptabilité analytique', 'Sécurité incendie et évacuation', 'Gestion de projet agile']
const AUTRES_TITRES = ['Word débutant', 'Prise de parole en public', 'Habilitation électrique BR']
const NOMS: [string, string][] = [['Lefèvre', 'Camille'], ['Nguyen', 'Thomas'], ['Benali', 'Sarah'], ['Dupont-Moreau', 'Léa'], ['Martin', 'Hugo'], ['Faure', 'Noé']]
const MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']

const ajouterJours = (j: string, n: number) => new Date(Date.parse(`${j}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const groupes = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
const euros = (c: number, sep = ' ') => `${groupes(Math.floor(c / 100)).replace(/ /g, sep)},${String(c % 100).padStart(2, '0')}`
const heures = (h: number) => String(h).replace('.', ',')
const dateChiffres = (j: string, sep = '/') => j.split('-').reverse().join(sep)
const dateLettres = (j: string) => {
  const [a, m, d] = j.split('-').map(Number) as [number, number, number]
  return `${d === 1 ? '1er' : d} ${MOIS[m - 1]} ${a}`
}
const JOURS_SEMAINE = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi']
const jourSemaine = (j: string) => JOURS_SEMAINE[new Date(`${j}T12:00:00Z`).getUTCDay()]!
const siretEspace = (s: string) => `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}`
const ndaEspace = (n: string) => `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 9)} ${n.slice(9)}`

/** One line of a page: plain text, or a label and a value in two table cells. */
type Ligne = string | [string, string] | null

async function pdfDe(pages: Ligne[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const police: PDFFont = await doc.embedFont(StandardFonts.Helvetica)
  for (const lignes of pages) {
    const page = doc.addPage([595, 842])
    let y = 790
    for (const l of lignes) {
      if (l === null) continue
      if (typeof l === 'string') page.drawText(l, { x: 50, y, size: 10, font: police })
      else {
        page.drawText(l[0], { x: 50, y, size: 10, font: police })
        page.drawText(l[1], { x: 330, y, size: 10, font: police })
      }
      y -= 16
    }
  }
  return doc.save()
}

/** A PDF whose only page carries no text (a scan). */
async function pdfSansTexte(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const page = doc.addPage([595, 842])
  for (let i = 0; i < 20; i++) page.drawRectangle({ x: 50, y: 780 - i * 30, width: 400 - i * 10, height: 8 })
  return doc.save()
}

const octets = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff)

/**
 * A PDF protected by a user password (standard security handler, an unknown password): well
 * formed, so the upload accepts it, but no text can be read without the password.
 */
export function pdfChiffre(): Uint8Array {
  const objets = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    '<< /Length 8 >>\nstream\n\x01\x02\x03\x04\x05\x06\x07\x08\nendstream',
    `<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`,
  ]
  let corps = '%PDF-1.4\n'
  const positions: number[] = []
  objets.forEach((o, i) => {
    positions.push(corps.length)
    corps += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = corps.length
  corps += `xref\n0 ${objets.length + 1}\n0000000000 65535 f \n${positions.map((p) => `${String(p).padStart(10, '0')} 00000 n \n`).join('')}`
  corps += `trailer\n<< /Size ${objets.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`
  return octets(corps)
}

/** A file that starts and ends like a PDF (the upload's checks pass) with nothing readable between. */
export function pdfAbime(): Uint8Array {
  return octets(`%PDF-1.7\n${'\u00ff\u0000garbage '.repeat(40)}\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 9 0 R >>\nstartxref\n9\n%%EOF\n`)
}

interface Ecrit {
  siret: string
  nda: string
  ht: number
  heures: number
  debut: string
  fin: string
  titre: string
  nom: string
  prenom: string
}

function lignesPiece(piece: PieceJeu, e: Ecrit, ids: IdentitesJeu, variante: number, omettre: Set<string>): Ligne[][] {
  const ttc = Math.round(e.ht * 1.2)
  const tableau = variante % 3 === 1
  const enLettres = variante % 4 === 2
  const montant: Ligne[] = omettre.has('montant')
    ? []
    : variante % 3 === 0
      ? variante % 2 === 0
        ? [`Total HT : ${euros(e.ht)} €`, `TVA 20 % : ${euros(ttc - e.ht)} €`, `Total TTC : ${euros(ttc)} €`]
        : [`Total H.T. : ${euros(e.ht, '.')} EUR`, `T.V.A. 20 % : ${euros(ttc - e.ht, '.')} EUR`, `Total T.T.C. : ${euros(ttc, '.')} EUR`]
      : tableau
        ? [['Total HT', `${euros(e.ht)} €`], ['TVA (20 %)', `${euros(ttc - e.ht)} €`], ['Total TTC', `${euros(ttc)} €`]]
        : [`Montant de la prestation : ${euros(e.ht, '.')} € HT, soit ${euros(ttc, '.')} € TTC`]
  const joursFormation = Math.max(1, Math.ceil(e.heures / 7))
  const duree: Ligne = omettre.has('duree')
    ? null
    : tableau
      ? ['Durée', `${heures(e.heures)} heures`]
      : variante % 5 === 4
        ? `Durée : ${joursFormation} jour${joursFormation > 1 ? 's' : ''} (${heures(e.heures)} heures)`
        : variante % 2 === 0
          ? `Durée : ${heures(e.heures)} heures`
          : `Durée totale de la formation : ${heures(e.heures)} h`
  const dates: Ligne[] = omettre.has('dates')
    ? []
    : enLettres
      ? [`Date de début : ${dateLettres(e.debut)}`, `Date de fin : ${dateLettres(e.fin)}`]
      : variante % 7 === 6
        ? [`Dates : du ${jourSemaine(e.debut)} ${dateLettres(e.debut)} au ${jourSemaine(e.fin)} ${dateLettres(e.fin)}`]
        : [`Formation dispensée du ${dateChiffres(e.debut, variante % 5 === 3 ? '.' : '/')} au ${dateChiffres(e.fin, variante % 5 === 3 ? '.' : '/')}`]
  const titre: Ligne = variante % 2 === 0 ? `Intitulé : ${e.titre}` : `Action de formation « ${e.titre.toUpperCase()} »`
  const organisme: Ligne[] = [`FORMA PRO SAS - SIRET ${siretEspace(ids.siretOrganisme)}`, variante % 2 === 0 ? `N° de déclaration d’activité : ${ndaEspace(e.nda)}` : `NDA ${e.nda} (ne vaut pas agrément de l’État)`]
  const client: Ligne = variante % 2 === 0 ? `Client : ALPHA CONSEIL, SIRET ${siretEspace(e.siret)}` : `Entreprise bénéficiaire - N° SIRET : ${e.siret}`
  const stagiaire: Ligne = variante % 2 === 0 ? `Stagiaire : ${e.prenom} ${e.nom}` : `Participant : ${e.nom.toUpperCase()} ${e.prenom}`
  switch (piece) {
    case 'devis': {
      const debut: Ligne[] = [...organisme, `DEVIS N° D-2027-${100 + variante}`, client, titre, duree, ...dates, 'Modalité : présentiel, en intra-entreprise']
      const detail: Ligne[] = ['Détail :', omettre.has('montant') ? 'Module 1 : voir conditions' : tableau ? ['Module 1', `${euros(Math.floor(e.ht / 2))} € HT`] : `Module 1 : ${euros(Math.floor(e.ht / 2))} € HT`, ...montant, 'Devis valable 3 mois. Bon pour accord, date et signature.']
      // Every fourth devis on two pages, the totals on the second.
      return variante % 4 === 3 ? [debut, detail] : [[...debut, ...detail]]
    }
    case 'convention':
      return [
        [
          'CONVENTION DE FORMATION PROFESSIONNELLE',
          '(articles L6353-1 et suivants du Code du travail)',
          'Entre les soussignés :',
          ...organisme,
          client,
          'Article 1 - Objet',
          titre,
          stagiaire,
          duree,
          ...dates,
          'Article 2 - Dispositions financières',
          ...montant,
        ],
        ['Article 3 - Dédit et abandon', 'Fait en deux exemplaires.', 'Signature de l’entreprise            Signature de l’organisme'],
      ]
    case 'programme':
      return [
        [
          `PROGRAMME DE FORMATION`,
          titre,
          duree,
          'Objectifs : être capable de mettre en oeuvre les notions vues.',
          'Public : salariés. Prérequis : aucun.',
          'Séquence 1 : notions de base et mises en situation.',
          'Séquence 2 : cas pratiques et évaluation des acquis.',
          'Modalités d’évaluation : quiz final, attestation de fin de formation.',
        ],
      ]
    case 'feuille_emargement': {
      const jours: Ligne[] = []
      for (let j = e.debut, i = 0; j <= e.fin && i < 6; j = ajouterJours(j, 1), i++) jours.push([dateChiffres(j), 'Matin : ________   Après-midi : ________'])
      return [[`FEUILLE D’ÉMARGEMENT`, titre, ...dates, stagiaire, 'Formateur : J. Roux', ...jours]]
    }
  }
}

/** The cases of the set (at least `n`), the same for a given seed. */
export async function genererJeuCoherence(ids: IdentitesJeu, graine = 19, n = 48): Promise<CasCoherence[]> {
  const hasard = mulberry32(graine)
  const choisir = <T>(l: readonly T[]): T => l[Math.floor(hasard() * l.length)]!
  const cas: CasCoherence[] = []
  const pieces: PieceJeu[] = ['devis', 'convention', 'devis', 'programme', 'convention', 'feuille_emargement']
  for (let i = 0; i < n - 3; i++) {
    const piece = pieces[i % pieces.length]!
    const [nom, prenom] = choisir(NOMS)
    const h = choisir([7, 10.5, 14, 21, 35])
    const debut = ajouterJours('2027-01-04', Math.floor(hasard() * 300))
    const dossier: DossierJeu = { coutTotalHT: Math.round(h * (4000 + Math.floor(hasard() * 60) * 100)), dureeHeures: h, dateDebut: debut, dateFin: ajouterJours(debut, Math.ceil(h / 7) - 1 + (h > 7 ? 2 : 0)), titre: choisir(TITRES), nom, prenom }
    const ecrit: Ecrit = { siret: ids.siretEntreprise, nda: ids.nda, ht: dossier.coutTotalHT, heures: h, debut: dossier.dateDebut, fin: dossier.dateFin, titre: dossier.titre, nom, prenom }
    // One case in three consistent; the others one or two known differences.
    const champs = CHAMPS_PIECE[piece]
    const nbEcarts = i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : 2
    const ecarts = new Set<ChampCompare>()
    while (ecarts.size < Math.min(nbEcarts, champs.length)) ecarts.add(choisir(champs))
    for (const c of ecarts) {
      switch (c) {
        case 'company.siret':
          ecrit.siret = construireSiret(ids.siretEntreprise.slice(0, 8), String(20 + Math.floor(hasard() * 70)).padStart(4, '0'))
          break
        case 'formation.organisme.nda':
          ecrit.nda = `${ids.nda.slice(0, 4)}${String(10000 + Math.floor(hasard() * 89999))}${ids.nda.slice(9)}`
          break
        case 'coutTotalHT':
          ecrit.ht = dossier.coutTotalHT + choisir([12000, -8000, 35050, 100])
          break
        case 'formation.dureeHeures':
          ecrit.heures = h + choisir([7, -3.5, 14])
          if (ecrit.heures <= 0) ecrit.heures = h + 7
          break
        case 'formation.dateDebut':
          ecrit.debut = ajouterJours(dossier.dateDebut, choisir([-7, -1, 1, 14]))
          break
        case 'formation.dateFin':
          ecrit.fin = ajouterJours(dossier.dateFin, choisir([1, 2, 7, 30]))
          break
        case 'formation.titre':
          ecrit.titre = choisir(AUTRES_TITRES)
          break
        case 'beneficiaire.nom': {
          const autre = NOMS.find(([x]) => x !== nom)!
          ecrit.nom = autre[0]
          ecrit.prenom = autre[1]
          break
        }
      }
    }
    // Some pieces leave a value out: nothing to compare, nothing expected.
    const omettre = new Set<string>()
    if (i % 7 === 5 && !ecarts.has('formation.dureeHeures')) omettre.add('duree')
    if (i % 11 === 4 && !ecarts.has('coutTotalHT')) omettre.add('montant')
    const pdf = await pdfDe(lignesPiece(piece, ecrit, ids, i, omettre))
    cas.push({ nom: `${String(i + 1).padStart(2, '0')} ${piece}${ecarts.size ? ` ≠ ${[...ecarts].join(', ')}` : ' conforme'}`, piece, dossier, pdf, attendus: [...ecarts].sort() })
  }
  const base: DossierJeu = { coutTotalHT: 140_000, dureeHeures: 14, dateDebut: '2027-03-01', dateFin: '2027-03-02', titre: TITRES[0]!, nom: 'Lefèvre', prenom: 'Camille' }
  cas.push({ nom: `${n - 2} devis scanné (sans texte)`, piece: 'devis', dossier: base, pdf: await pdfSansTexte(), attendus: ['illisible'] })
  cas.push({ nom: `${n - 1} convention protégée par un mot de passe`, piece: 'convention', dossier: base, pdf: pdfChiffre(), attendus: ['illisible'] })
  cas.push({ nom: `${n} devis endommagé`, piece: 'devis', dossier: base, pdf: pdfAbime(), attendus: ['illisible'] })
  return cas
}

/** What a case's findings say, in the labels' terms. */
export function trouvesDansConstats(constats: readonly Constat[]): Attendu[] {
  const t = new Set<Attendu>()
  for (const c of constats) {
    if (c.regle === 'piece-illisible') t.add('illisible')
    if (c.regle === 'coherence-pieces' && c.champs[0]) t.add(c.champs[0] as Attendu)
  }
  return [...t].sort()
}

export interface Mesure {
  vraisPositifs: number
  fauxPositifs: number
  fauxNegatifs: number
  precision: number
  rappel: number
  erreurs: { cas: string; manques: Attendu[]; enTrop: Attendu[] }[]
}

/** Precision and recall of the findings against the labels, over (case, field) pairs. */
export function mesurer(resultats: readonly { cas: CasCoherence; trouves: readonly Attendu[] }[]): Mesure {
  let vp = 0
  let fp = 0
  let fn = 0
  const erreurs: Mesure['erreurs'] = []
  for (const { cas, trouves } of resultats) {
    const manques = cas.attendus.filter((a) => !trouves.includes(a))
    const enTrop = trouves.filter((t) => !cas.attendus.includes(t))
    vp += cas.attendus.length - manques.length
    fn += manques.length
    fp += enTrop.length
    if (manques.length || enTrop.length) erreurs.push({ cas: cas.nom, manques, enTrop })
  }
  return { vraisPositifs: vp, fauxPositifs: fp, fauxNegatifs: fn, precision: vp + fp === 0 ? 1 : vp / (vp + fp), rappel: vp + fn === 0 ? 1 : vp / (vp + fn), erreurs }
}
