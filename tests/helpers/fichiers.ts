/** Small but structurally real files for upload tests (Payload also checks the PDF trailer). */
export const PDF_MINIMAL = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000056 00000 n \ntrailer<</Size 3/Root 1 0 R>>\nstartxref\n104\n%%EOF\n',
  'latin1',
)

/** A 1×1 transparent PNG. */
export const PNG_MINIMAL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

/** HTML pretending to be a PDF by its name and declared type. */
export const HTML_DEGUISE = Buffer.from('<html><body><script>alert(1)</script></body></html>')

/**
 * A PDF Payload accepts (header, xref and %%EOF at the end) of about `octets` bytes, its bytes
 * distinct for each `graine`: PDF_MINIMAL with a comment of random-looking hex after the header.
 */
export function pdfDeTaille(octets: number, graine: string | number): Buffer {
  const entete = Buffer.from('%PDF-1.4\n%', 'latin1')
  const reste = PDF_MINIMAL.subarray(PDF_MINIMAL.indexOf('\n') + 1)
  const n = Math.max(0, octets - entete.length - reste.length - 1)
  const bloc = Buffer.alloc(n)
  let x = 0
  for (const c of String(graine)) x = (x * 31 + c.charCodeAt(0)) >>> 0
  for (let i = 0; i < n; i++) {
    // xorshift32: fast, deterministic, no line breaks in the comment.
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    bloc[i] = 0x61 + (x % 26)
  }
  return Buffer.concat([entete, bloc, Buffer.from('\n', 'latin1'), reste])
}
