import { capture } from '@/src/services/aide'

/** The guides' screenshots (docs/captures/*.png), referenced by their Markdown as `captures/<nom>.png`. */
export async function GET(_request: Request, { params }: { params: Promise<{ fichier: string }> }): Promise<Response> {
  const png = await capture((await params).fichier)
  if (!png) return new Response('Image introuvable.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(new Uint8Array(png), {
    headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' },
  })
}
