import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import type { lignesPageSignature } from '@/src/domain/signatureConvention'

/**
 * The signed convention (issue 17, item 5): the original PDF, untouched page for page, plus one
 * page stamped with pdf-lib that lists the signers (names, functions, dates and times in Paris,
 * IPs, drawn signatures) and the original's SHA-256; the evidence JSON is attached to the file
 * as well (and stored beside it). Helvetica (a PDF standard font): its text is extractable by
 * any reader; a character it cannot encode is printed as « ? » rather than failing the signature.
 */

export interface SignaturePourPage {
  lignes: string[]
  /** A drawn PNG signature, stamped beside the signer's lines. */
  png: Uint8Array | null
}

const A4: [number, number] = [595.28, 841.89]
const MARGE = 50

function encodable(font: PDFFont, texte: string): string {
  const jeu = new Set(font.getCharacterSet())
  return [...texte.normalize('NFC')].map((c) => (jeu.has(c.codePointAt(0)!) ? c : c === '\u202f' || c === '\u00a0' ? ' ' : '?')).join('')
}

function couper(font: PDFFont, texte: string, taille: number, largeur: number): string[] {
  const mots = encodable(font, texte).split(' ')
  const lignes: string[] = []
  let ligne = ''
  for (const mot of mots) {
    const essai = ligne ? `${ligne} ${mot}` : mot
    if (font.widthOfTextAtSize(essai, taille) <= largeur || ligne === '') ligne = essai
    else {
      lignes.push(ligne)
      ligne = mot
    }
  }
  if (ligne) lignes.push(ligne)
  // A single word longer than the line (a hash): cut by characters.
  return lignes.flatMap((l) => {
    if (font.widthOfTextAtSize(l, taille) <= largeur) return [l]
    const morceaux: string[] = []
    let m = ''
    for (const c of l) {
      if (font.widthOfTextAtSize(m + c, taille) > largeur) {
        morceaux.push(m)
        m = c
      } else m += c
    }
    if (m) morceaux.push(m)
    return morceaux
  })
}

export async function tamponnerConventionSignee(
  original: Uint8Array,
  page: ReturnType<typeof lignesPageSignature>,
  signatures: SignaturePourPage[],
  preuve: { nom: string; json: Uint8Array; date: Date },
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(original, { updateMetadata: false })
  const normal = await doc.embedFont(StandardFonts.Helvetica)
  const gras = await doc.embedFont(StandardFonts.HelveticaBold)
  let p: PDFPage = doc.addPage(A4)
  let y = A4[1] - MARGE
  const largeur = A4[0] - 2 * MARGE
  const ecrire = (texte: string, taille: number, font: PDFFont, retrait = 0, largeurMax = largeur - retrait) => {
    for (const l of couper(font, texte, taille, largeurMax)) {
      if (y < MARGE + taille) {
        // More signers than one page holds (never with 3): continue on a new page.
        p = doc.addPage(A4)
        y = A4[1] - MARGE
      }
      p.drawText(l, { x: MARGE + retrait, y, size: taille, font, color: rgb(0.1, 0.1, 0.1) })
      y -= taille * 1.45
    }
  }
  ecrire(page.titre, 16, gras)
  y -= 6
  for (const l of page.intro) ecrire(l, 9.5, normal)
  y -= 10
  for (const [i, bloc] of page.blocs.entries()) {
    const sig = signatures[i]
    const hautBloc = y
    const largeurTexte = sig?.png ? largeur - 170 : largeur
    p.drawLine({ start: { x: MARGE, y: y + 12 }, end: { x: A4[0] - MARGE, y: y + 12 }, thickness: 0.5, color: rgb(0.7, 0.7, 0.7) })
    for (const [k, l] of bloc.entries()) ecrire(l, k === 0 ? 11 : 9.5, k === 0 ? gras : normal, 0, largeurTexte)
    if (sig?.png) {
      const image = await doc.embedPng(sig.png)
      const echelle = Math.min(160 / image.width, 60 / image.height, 1)
      const l = image.width * echelle
      const h = image.height * echelle
      p.drawImage(image, { x: A4[0] - MARGE - l, y: hautBloc - h + 8, width: l, height: h })
      y = Math.min(y, hautBloc - h - 4)
    }
    y -= 14
  }
  y -= 6
  for (const l of page.pied) ecrire(l, 8.5, normal)
  await doc.attach(preuve.json, preuve.nom, { mimeType: 'application/json', description: 'Fichier de preuve de la signature électronique', creationDate: preuve.date, modificationDate: preuve.date })
  return doc.save({ useObjectStreams: false })
}

/** Pages of a PDF (the tests compare the signed file with its original). */
export async function nombrePages(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount()
}
