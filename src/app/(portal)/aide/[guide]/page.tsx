import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { guideParSlug } from '@/src/domain/guides'
import { guideRendu } from '@/src/services/aide'

export async function generateMetadata({ params }: { params: Promise<{ guide: string }> }): Promise<Metadata> {
  const guide = guideParSlug((await params).guide)
  return { title: guide ? `${guide.titre} — Aide MonOPCO` : 'Page introuvable — MonOPCO' }
}

export default async function PageGuide({ params }: { params: Promise<{ guide: string }> }) {
  const rendu = await guideRendu((await params).guide)
  if (!rendu) notFound()
  return (
    <>
      <p className="fil-ariane">
        <Link href="/aide">Aide</Link> › {rendu.guide.titre}
      </p>
      {/* The guide's HTML comes from our own docs/ and is made safe by src/services/aide.ts (no raw HTML, checked links and images). */}
      <article className="guide" data-guide={rendu.guide.slug} dangerouslySetInnerHTML={{ __html: rendu.html }} />
    </>
  )
}
