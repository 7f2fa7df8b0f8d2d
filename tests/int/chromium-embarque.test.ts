/**
 * A machine with only Node and npm: no system Chromium. The renderer then uses the binary shipped
 * inside the npm package @sparticuz/chromium and a convention still comes out as a PDF with its
 * French text. (PDF_NAVIGATEUR=embarque hides the system browser from the renderer, as if absent.)
 */
import { afterAll, expect, it } from '@jest/globals'

process.env.PDF_NAVIGATEUR = 'embarque'
delete process.env.CHROMIUM_PATH

const renderer = await import('@/src/pdf/renderer')
const { chargerConfigurationDocuments } = await import('@/src/config/documents')
const { entreesDe, texteDuPdf } = await import('@/tests/helpers/documents')

afterAll(async () => renderer.fermerRenderer())

it('sans Chromium système, la convention est rendue par le Chromium du paquet npm', async () => {
  const navigateur = await renderer.navigateurPdf()
  expect(navigateur.origine).toBe('embarque')
  expect(navigateur.chemin).not.toMatch(/^\/usr\/(lib|bin)\/chromium/)
  const pdf = await renderer.genererPdfDocument('convention', entreesDe('convention'), chargerConfigurationDocuments())
  expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-')
  const { texte } = await texteDuPdf(pdf)
  expect(texte).toContain('Convention de formation professionnelle')
  expect(texte).toMatch(/Déclaration d'activité enregistrée/)
  expect(renderer.processusNavigateur()?.spawnfile ?? '').toContain(navigateur.chemin)
}, 120_000)
