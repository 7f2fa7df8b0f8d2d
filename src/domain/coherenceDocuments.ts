/**
 * Consistency of the uploaded documents with the dossier (issue 19, item 3), on the text a PDF
 * gives (pdfjs-dist extraction happens in src/services; here only strings).
 *
 * Reading is deliberately conservative: a value is « read » only when the text says which value
 * it is (a label next to it: « Total HT », « Durée », « du … au … », « N° de déclaration
 * d'activité »). A document that does not state a value produces no finding — an instructor
 * cannot compare what is not written, and a false alarm teaches users to ignore the real ones.
 * A finding always names both values and the dossier's field.
 */
import { formaterDateFr } from './dates'
import { formaterEuros } from './money'
import { normaliserNda } from './nda'
import { estSiretValide } from './siret'

export type PieceLue = 'devis' | 'programme' | 'convention' | 'feuille_emargement'

export const LIBELLES_PIECE_LUE: Record<PieceLue, string> = {
  devis: 'Devis',
  programme: 'Programme',
  convention: 'Convention',
  feuille_emargement: 'Feuille d’émargement',
}

/** The document types whose text is read, and the piece each one is. */
export const PIECE_DU_TYPE: Readonly<Record<string, PieceLue>> = {
  devis: 'devis',
  programme: 'programme',
  convention: 'convention',
  convention_bilan: 'convention',
  feuille_emargement: 'feuille_emargement',
}

/**
 * What was read from an uploaded file (stored on the document, field `lecture`): its text, or
 * that it has none (a scan, an image), or that it could not be read (and why).
 */
export interface LectureDocument {
  etat: 'texte' | 'sans_texte' | 'illisible'
  texte?: string | null
  raison?: string | null
  pages?: number | null
  /** ISO 8601. */
  lueLe?: string | null
}

/** What a document states, when it states it. Days as `AAAA-MM-JJ`, money in cents. */
export interface ValeursLues {
  sirets: string[]
  nda: string | null
  montantHTCentimes: number | null
  montantTTCCentimes: number | null
  heures: number | null
  dateDebut: string | null
  dateFin: string | null
  /** The text, lower case, without accents or punctuation: for names and titles. */
  texteNormalise: string
}

/** What the dossier says (its fields, already resolved: company SIRET, provider NDA…). */
export interface ValeursDossier {
  siretEntreprise?: string | null
  siretOrganisme?: string | null
  ndaOrganisme?: string | null
  coutTotalHTCentimes?: number | null
  dureeHeures?: number | null
  /** ISO dates as stored. */
  dateDebut?: string | null
  dateFin?: string | null
  titre?: string | null
  stagiaire?: { nom?: string | null; prenom?: string | null } | null
}

export type ChampCompare =
  | 'company.siret'
  | 'formation.organisme.nda'
  | 'coutTotalHT'
  | 'formation.dureeHeures'
  | 'formation.dateDebut'
  | 'formation.dateFin'
  | 'formation.titre'
  | 'beneficiaire.nom'

export interface Ecart {
  piece: PieceLue
  champ: ChampCompare
  /** As the dossier says it, formatted for a French reader. */
  attendu: string
  /** As the document says it (« absent » when a name or title is missing). */
  trouve: string
  message: string
}

const MOIS = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre']

/** Accents off, lower case, every non-alphanumeric run as one space. */
export function normaliserTexte(t: string): string {
  return t
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** Spaces of every kind (pdf text, NBSP, NNBSP) as one plain space; accents kept. */
const aplatir = (t: string) => t.normalize('NFC').replace(/[\s\u00a0\u202f\u2009]+/g, ' ')

const jour = (a: string, m: string, j: string): string | null => {
  const annee = Number(a)
  const mois = Number(m)
  const jj = Number(j)
  if (mois < 1 || mois > 12 || jj < 1 || jj > 31 || annee < 1990 || annee > 2100) return null
  const d = new Date(Date.UTC(annee, mois - 1, jj))
  return d.getUTCMonth() === mois - 1 ? d.toISOString().slice(0, 10) : null
}

// « 20/01/2027 », « 20.01.2027 », « 20 janvier 2027 », « 1er mars 2027 »
const DATE = String.raw`(\d{1,2})(?:er)?(?:[/.](\d{1,2})[/.]| ([a-zéûè]+) )(\d{4})`
const lireDate = (m: RegExpExecArray, i: number): string | null => {
  const [j, mNum, mNom, a] = [m[i], m[i + 1], m[i + 2], m[i + 3]]
  if (j === undefined || a === undefined) return null
  if (mNum !== undefined) return jour(a, mNum, j)
  const index = MOIS.indexOf(normaliserTexte(mNom ?? ''))
  return index < 0 ? null : jour(a, String(index + 1), j)
}

// An amount as written in French documents: « 2 400,00 », « 2400,00 », « 2 400 », « 2.400,00 ».
const MONTANT = String.raw`(\d{1,3}(?:[ .]\d{3})+|\d+)(?:,(\d{2}))?`
const centimes = (entier: string, dec: string | undefined): number => Number(entier.replace(/[ .]/g, '')) * 100 + Number(dec ?? '0')

function montantEtiquete(t: string, etiquette: 'HT' | 'TTC'): number | null {
  const motif = etiquette === 'HT' ? String.raw`(?<![a-z])(?:HT|H\.T\.|hors taxes?)(?![a-z])` : String.raw`(?<![a-z])(?:TTC|T\.T\.C\.|toutes taxes comprises)(?![a-z])`
  // « Total HT : 2 400,00 € » or « 2 400,00 € HT ». The label window holds no digit, so it never
  // reaches back over another amount; a « total » in it wins over line items.
  // « 2 400,00 € HT, soit 2 880,00 € TTC »: an amount followed by the other label is that one's.
  const autre = etiquette === 'HT' ? String.raw`(?:TTC|T\.T\.C\.|toutes taxes)` : String.raw`(?:HT|H\.T\.|hors taxe)`
  const avant = new RegExp(String.raw`[^\d€]{0,25}?${motif}[^\d]{0,12}?${MONTANT} ?(?:€|EUR|euros)(?! ?${autre}(?![a-z]))`, 'gi')
  const apres = new RegExp(String.raw`[^\d€]{0,25}?${MONTANT} ?(?:€|EUR|euros) ?${motif}`, 'gi')
  const trouves: { total: boolean; valeur: number }[] = []
  for (const re of [avant, apres]) {
    for (const m of t.matchAll(re)) {
      const [texte, entier, dec] = m
      if (entier !== undefined) trouves.push({ total: /total/i.test(texte), valeur: centimes(entier, dec) })
    }
  }
  if (trouves.length === 0) return null
  const totaux = trouves.filter((x) => x.total)
  const candidats = totaux.length > 0 ? totaux : trouves
  return Math.max(...candidats.map((x) => x.valeur))
}

function heuresEtiquetees(t: string): number | null {
  // « Durée : 35 heures », « durée totale de 35 h », « 35,5 heures de formation » after « durée »,
  // « Durée : 5 jours (35 heures) » (days first, then the hours).
  const re = /dur[ée]e[^\d\n]{0,30}?(?:\d{1,3} ?(?:jours?|demi-journ[ée]es?)\b[^\d\n]{0,15}?)?(\d{1,4}(?:[,.]\d{1,2})?) ?(?:h(?![0-9a-z])|heures?)/gi
  const valeurs = [...t.matchAll(re)].map((m) => Number((m[1] ?? '').replace(',', '.')))
  const distinctes = [...new Set(valeurs)]
  // Several different « durée » values (per module, then in total): the total is the largest.
  return distinctes.length === 0 ? null : Math.max(...distinctes)
}

// « du lundi 1er mars 2027 au mardi 2 mars 2027 »: the weekday is skipped.
const JOUR_SEMAINE = String.raw`(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),? )?`

function periode(t: string): { debut: string | null; fin: string | null } {
  const duAu = new RegExp(String.raw`\bdu ${JOUR_SEMAINE}${DATE} au ${JOUR_SEMAINE}${DATE}`, 'i').exec(t)
  if (duAu) return { debut: lireDate(duAu, 1), fin: lireDate(duAu, 5) }
  const debut = new RegExp(String.raw`(?:date de d[ée]but|d[ée]but de la formation|d[ée]but)\s*:?\s*(?:le )?${JOUR_SEMAINE}${DATE}`, 'i').exec(t)
  const fin = new RegExp(String.raw`(?:date de fin|fin de la formation|fin)\s*:?\s*(?:le )?${JOUR_SEMAINE}${DATE}`, 'i').exec(t)
  return { debut: debut ? lireDate(debut, 1) : null, fin: fin ? lireDate(fin, 1) : null }
}

/** What the text of a document states. */
export function lireValeurs(texte: string): ValeursLues {
  const t = aplatir(texte)
  const sirets = new Set<string>()
  for (const m of t.matchAll(/(?<!\d)(\d{3}) ?(\d{3}) ?(\d{3}) ?(\d{5})(?!\d)/g)) {
    const s = `${m[1]}${m[2]}${m[3]}${m[4]}`
    if (estSiretValide(s)) sirets.add(s)
  }
  const nda = /(?:d[ée]claration d['’]activit[ée]|\bNDA\b)[^\d\n]{0,40}?((?:\d ?){11})(?!\d)/i.exec(t)?.[1]
  const { debut, fin } = periode(t)
  return {
    sirets: [...sirets],
    nda: nda ? normaliserNda(nda) : null,
    montantHTCentimes: montantEtiquete(t, 'HT'),
    montantTTCCentimes: montantEtiquete(t, 'TTC'),
    heures: heuresEtiquetees(t),
    dateDebut: debut,
    dateFin: fin,
    texteNormalise: normaliserTexte(t),
  }
}

/** Which values each kind of document is expected to state (and so is compared on). */
const COMPARES: Record<PieceLue, readonly ChampCompare[]> = {
  devis: ['company.siret', 'formation.organisme.nda', 'coutTotalHT', 'formation.dureeHeures', 'formation.dateDebut', 'formation.dateFin', 'formation.titre'],
  programme: ['formation.dureeHeures', 'formation.titre'],
  convention: ['company.siret', 'formation.organisme.nda', 'coutTotalHT', 'formation.dureeHeures', 'formation.dateDebut', 'formation.dateFin', 'formation.titre', 'beneficiaire.nom'],
  feuille_emargement: ['formation.dateDebut', 'formation.dateFin', 'beneficiaire.nom'],
}

const formaterHeures = (h: number) => `${String(h).replace('.', ',')} h`
const jourStocke = (iso: string | null | undefined): string | null => (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : null)
/** Share of the significant words (3 letters or more) of `cherche` found in `texte`. */
function partDesMots(cherche: string, texte: string): number {
  const mots = normaliserTexte(cherche).split(' ').filter((m) => m.length >= 3)
  if (mots.length === 0) return 1
  const presents = new Set(texte.split(' '))
  return mots.filter((m) => presents.has(m)).length / mots.length
}

/** The differences between what a document states and the dossier, each naming both values. */
export function comparerAuDossier(piece: PieceLue, lues: ValeursLues, dossier: ValeursDossier): Ecart[] {
  const nom = LIBELLES_PIECE_LUE[piece]
  const ecarts: Ecart[] = []
  const ecart = (champ: ChampCompare, trouve: string, attendu: string, message: string) => ecarts.push({ piece, champ, trouve, attendu, message: `${nom} : ${message}` })
  for (const champ of COMPARES[piece]) {
    switch (champ) {
      case 'company.siret': {
        const attendu = dossier.siretEntreprise
        // Only a SIRET that is neither the company's nor the provider's says something is wrong
        // (an outdated or another establishment's); a document without the client's is common.
        const autres = lues.sirets.filter((s) => s !== attendu && s !== dossier.siretOrganisme)
        if (attendu && !lues.sirets.includes(attendu) && autres.length > 0) {
          ecart(champ, autres.join(', '), attendu, `SIRET ${autres.join(', ')} ≠ SIRET de l’entreprise ${attendu}`)
        }
        break
      }
      case 'formation.organisme.nda':
        if (dossier.ndaOrganisme && lues.nda && lues.nda !== normaliserNda(dossier.ndaOrganisme)) {
          ecart(champ, lues.nda, normaliserNda(dossier.ndaOrganisme), `déclaration d’activité ${lues.nda} ≠ NDA de l’organisme ${normaliserNda(dossier.ndaOrganisme)}`)
        }
        break
      case 'coutTotalHT':
        if (typeof dossier.coutTotalHTCentimes === 'number' && lues.montantHTCentimes !== null && lues.montantHTCentimes !== dossier.coutTotalHTCentimes) {
          const trouve = `${formaterEuros(lues.montantHTCentimes)} HT`
          ecart(champ, trouve, formaterEuros(dossier.coutTotalHTCentimes), `${trouve} ≠ coût saisi ${formaterEuros(dossier.coutTotalHTCentimes)}`)
        }
        break
      case 'formation.dureeHeures':
        if (typeof dossier.dureeHeures === 'number' && lues.heures !== null && Math.abs(lues.heures - dossier.dureeHeures) > 0.001) {
          ecart(champ, formaterHeures(lues.heures), formaterHeures(dossier.dureeHeures), `durée ${formaterHeures(lues.heures)} ≠ durée saisie ${formaterHeures(dossier.dureeHeures)}`)
        }
        break
      case 'formation.dateDebut':
      case 'formation.dateFin': {
        const attendu = jourStocke(champ === 'formation.dateDebut' ? dossier.dateDebut : dossier.dateFin)
        const lu = champ === 'formation.dateDebut' ? lues.dateDebut : lues.dateFin
        if (attendu && lu && lu !== attendu) {
          const quoi = champ === 'formation.dateDebut' ? 'début' : 'fin'
          ecart(champ, formaterDateFr(lu), formaterDateFr(attendu), `${quoi} le ${formaterDateFr(lu)} ≠ ${quoi} saisi le ${formaterDateFr(attendu)}`)
        }
        break
      }
      case 'formation.titre':
        if (dossier.titre && partDesMots(dossier.titre, lues.texteNormalise) < 0.6) {
          ecart(champ, 'absent', dossier.titre, `l’intitulé « ${dossier.titre} » n’y figure pas`)
        }
        break
      case 'beneficiaire.nom': {
        const nomStagiaire = dossier.stagiaire?.nom
        if (nomStagiaire && partDesMots(nomStagiaire, lues.texteNormalise) < 1) {
          const complet = [dossier.stagiaire?.prenom, nomStagiaire].filter(Boolean).join(' ')
          ecart(champ, 'absent', complet, `le stagiaire ${complet} n’y est pas nommé`)
        }
        break
      }
    }
  }
  return ecarts
}
