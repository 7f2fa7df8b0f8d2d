/**
 * Reading the text of uploaded PDFs in the warm worker pool (src/services/extractionPdf.ts), with
 * real pdf.js in real worker threads: text comes back, concurrent files never mix, a file stopped
 * at its deadline or killed by its memory cap is « illisible » with the reason — and the next file
 * is read normally (the stopped thread was replaced), encrypted and damaged files are values,
 * never exceptions.
 */
import { describe, expect, it } from '@jest/globals'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { extraireTextePdf, LIMITES_EXTRACTION } from '@/src/services/extractionPdf'
import { pdfAbime, pdfChiffre } from '@/tests/helpers/jeuCoherence'

async function pdfTexte(lignes: string[], pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const police = await doc.embedFont(StandardFonts.Helvetica)
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595, 842])
    lignes.forEach((l, i) => page.drawText(l, { x: 50, y: 800 - i * 14, size: 10, font: police }))
  }
  return doc.save()
}

const texteDe = async (octets: Uint8Array, limites = LIMITES_EXTRACTION) => {
  const r = await extraireTextePdf(octets, limites)
  return r.etat === 'texte' ? r.texte : r
}

describe('lecture des PDF dans les threads gardés prêts', () => {
  it('le texte revient ; huit fichiers lus en même temps ne se mélangent pas', async () => {
    expect(await texteDe(await pdfTexte(['Devis n° 2026-001', 'Total HT : 2 400,00 €']))).toMatch(/Devis n° 2026-001\s+Total HT : 2 400,00 €/)
    const fichiers = await Promise.all(Array.from({ length: 8 }, (_, i) => pdfTexte([`Programme de formation numéro ${i}`, `Organisme ${i} — 14 heures`])))
    const textes = await Promise.all(fichiers.map((f) => texteDe(f)))
    textes.forEach((t, i) => {
      expect(t).toContain(`Programme de formation numéro ${i}`)
      expect(t).toContain(`Organisme ${i} — 14 heures`)
    })
  })

  it('arrêté à son délai : « lecture trop longue », puis le fichier suivant est lu normalement', async () => {
    const long = await pdfTexte(Array.from({ length: 50 }, (_, i) => `Ligne ${i} du programme détaillé de la formation, séquence pédagogique.`), 30)
    const r = await extraireTextePdf(long, { ...LIMITES_EXTRACTION, delaiMs: 5 })
    expect(r).toEqual({ etat: 'illisible', raison: 'lecture trop longue (plus de 0 s)' })
    expect(await texteDe(await pdfTexte(['Convention de formation professionnelle', 'Article 1 — Objet']))).toMatch(/Convention de formation professionnelle/)
  })

  it('tué par son plafond de mémoire : « document trop lourd à lire », puis le fichier suivant est lu normalement', async () => {
    // 30 pages of 400 small lines: about 650,000 characters of text items, far over 8 MB of heap.
    const lourd = await pdfTexte(Array.from({ length: 400 }, (_, i) => `Ligne ${i} du programme détaillé de la formation, séquence ${i % 7}`), 30)
    const r = await extraireTextePdf(lourd, { ...LIMITES_EXTRACTION, memoireMo: 8, caracteresMax: 10_000_000 })
    expect(r).toEqual({ etat: 'illisible', raison: 'document trop lourd à lire' })
    expect(await texteDe(await pdfTexte(['Attestation de présence du stagiaire', 'Signature']))).toMatch(/Attestation de présence du stagiaire/)
  })

  it('un thread qui meurt avant de prendre le fichier ne fait pas tomber le processus : une valeur à l’échéance', async () => {
    const r = await extraireTextePdf(await pdfTexte(['Attestation de présence du stagiaire']), { ...LIMITES_EXTRACTION, memoireMo: 2, delaiMs: 1500 })
    expect(r).toEqual({ etat: 'illisible', raison: 'lecture trop longue (plus de 2 s)' })
    expect(await texteDe(await pdfTexte(['Toujours en service après cela']))).toMatch(/Toujours en service/)
  })

  it('chiffré, endommagé, vide ou trop gros : une valeur avec la raison, jamais une exception', async () => {
    expect(await extraireTextePdf(pdfChiffre())).toEqual({ etat: 'illisible', raison: 'document protégé par un mot de passe' })
    const abime = await extraireTextePdf(pdfAbime())
    expect(abime.etat).toBe('illisible')
    expect(await extraireTextePdf(new Uint8Array())).toEqual({ etat: 'illisible', raison: 'fichier vide' })
    expect(await extraireTextePdf(new Uint8Array(11), { ...LIMITES_EXTRACTION, octetsMax: 10 })).toEqual({ etat: 'illisible', raison: expect.stringMatching(/trop volumineux/) })
    // Still serving after all that.
    expect(await texteDe(await pdfTexte(['Feuille d’émargement — demi-journée du matin']))).toMatch(/Feuille d’émargement/)
  })
})
