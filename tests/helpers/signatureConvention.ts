/**
 * The convention's electronic signature as a signer lives it, over real HTTP: the link and the
 * code are read from the outbox (the e-mails the signer would receive), then the public routes.
 */
import type { Payload } from 'payload'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { PNG_MINIMAL } from './fichiers'

/** A real (small) convention PDF: two pages of text, as the generated one would be. */
export async function pdfConvention(titre = 'Convention de formation professionnelle'): Promise<Buffer> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (const n of [1, 2]) doc.addPage([595.28, 841.89]).drawText(`${titre} — page ${n}`, { x: 50, y: 780, size: 14, font })
  return Buffer.from(await doc.save())
}

/** The generated convention of a dossier (origin « généré », as the validation job stores it). */
export async function deposerConventionGeneree(payload: Payload, dossier: number | string, typeFormation: 'formation' | 'bilan' = 'formation', pdf?: Buffer) {
  const data = pdf ?? (await pdfConvention())
  const documentType = typeFormation === 'bilan' ? 'convention_bilan' : 'convention'
  return payload.create({
    collection: 'documents',
    data: { dossier, documentType, origin: 'generated', version: 1 } as never,
    file: { data, mimetype: 'application/pdf', name: `${documentType}-${String(dossier)}.pdf`, size: data.length },
    overrideAccess: true,
  })
}

interface LigneEmail {
  id?: number
  to: string
  text?: string | null
  subject?: string | null
  template: string
  createdAt: string
}

const emails = async (payload: Payload, template: string, to: string): Promise<LigneEmail[]> =>
  (await payload.find({ collection: 'emails', where: { and: [{ template: { equals: template } }, { to: { equals: to } }] }, sort: '-createdAt', pagination: false, depth: 0, overrideAccess: true })).docs as unknown as LigneEmail[]

/** The token of the last link e-mailed to `email` (from the e-mail's text). */
export async function dernierJeton(payload: Payload, email: string): Promise<string> {
  // A reminder carries a fresh link: the newest of both kinds.
  const lignes = [...(await emails(payload, 'signature_convention_lien', email)), ...(await emails(payload, 'signature_convention_relance', email))]
  const ligne = lignes.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || Number((b as { id?: number }).id ?? 0) - Number((a as { id?: number }).id ?? 0))[0]
  const m = /\/signature\/([A-Za-z0-9_-]{43})/.exec(String(ligne?.text ?? ''))
  if (!m) throw new Error(`aucun lien de signature envoyé à ${email}`)
  return m[1]!
}

/** The code in an e-mail's text: its quoted line (the dossier's reference has 6 digits too). */
export const CODE_DANS_TEXTE = /^\s*> (\d{6})\s*$/m

/** The last code e-mailed to `email` (from its text: the subject never carries it). */
export async function dernierCode(payload: Payload, email: string): Promise<string> {
  const m = CODE_DANS_TEXTE.exec(String((await emails(payload, 'signature_convention_code', email))[0]?.text ?? ''))
  if (!m) throw new Error(`aucun code envoyé à ${email}`)
  return m[1]!
}

export const SIGNATURE_PNG = `data:image/png;base64,${PNG_MINIMAL.toString('base64')}`
export const SIGNATURE_SVG = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><path d="M5 30 C 30 5, 60 5, 115 30" stroke="black" fill="none"/></svg>')}`

export const poster = (url: string, chemin: string, corps: unknown = {}, entetes: Record<string, string> = {}) =>
  fetch(`${url}${chemin}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...entetes }, body: JSON.stringify(corps) })

/** One signer, from the e-mailed link to the signature: code asked, read from the outbox, then signed. */
export async function signerParHttp(url: string, payload: Payload, email: string, signature: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const jeton = await dernierJeton(payload, email)
  const code = await poster(url, `/api/signatures/${jeton}/code`)
  if (code.status !== 200) throw new Error(`code pour ${email} : ${code.status} ${await code.text()}`)
  const res = await poster(url, `/api/signatures/${jeton}/signer`, { code: await dernierCode(payload, email), signature, consentement: true }, { 'User-Agent': `Test ${email}` })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
