/**
 * The French user guides served by the app under /aide (« Aide » in the portal and the admin):
 * which Markdown file of docs/ each address shows, and which images a guide may reference.
 * A fixed list, so an address can never name another file.
 */
export interface Guide {
  slug: string
  fichier: string
  titre: string
  pour: string
}

export const GUIDES: readonly Guide[] = [
  { slug: 'beneficiaire', fichier: 'guide-beneficiaire.md', titre: 'Guide du bénéficiaire et de l’entreprise', pour: 'les bénéficiaires et les entreprises (portail)' },
  { slug: 'rattachement', fichier: 'rattachement-entreprise.md', titre: 'Rejoindre une entreprise déjà inscrite', pour: 'les salariés et RH d’une entreprise déjà inscrite' },
  { slug: 'equipe', fichier: 'guide-equipe.md', titre: 'Guide de l’équipe MonOPCO', pour: 'l’équipe MonOPCO (panneau d’administration)' },
  { slug: 'opco', fichier: 'guide-opco.md', titre: 'Guide de l’agent OPCO', pour: 'les agents des OPCO' },
  { slug: 'integration', fichier: 'guide-integration.md', titre: 'Guide d’intégration (API REST et GraphQL)', pour: 'les intégrateurs' },
  { slug: 'exploitation', fichier: 'exploitation.md', titre: 'Exploitation', pour: 'l’opérateur de la plateforme' },
]

export const guideParSlug = (slug: string): Guide | undefined => GUIDES.find((g) => g.slug === slug)

/** The guide a signed-in user's « Aide » link opens: the team's, the OPCO agent's, else the portal's. */
export function guideDuRole(role: string | null | undefined): Guide {
  const slug = role === 'admin' ? 'equipe' : role === 'opco' ? 'opco' : 'beneficiaire'
  return guideParSlug(slug)!
}

/** A screenshot of docs/captures/: a plain lowercase name, nothing that could climb out of the folder. */
export const NOM_CAPTURE = /^[a-z0-9][a-z0-9-]{0,80}\.png$/

/** Where the guides' Markdown points at their screenshots (`![…](captures/x.png)`) and where the app serves them. */
export const DOSSIER_CAPTURES_MARKDOWN = 'captures/'
export const CHEMIN_CAPTURES_AIDE = '/aide/captures/'

/** Targets of the Markdown images of a guide, as written (`captures/x.png`). */
export function imagesDuMarkdown(markdown: string): string[] {
  const cibles: string[] = []
  for (const m of markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) cibles.push(m[1]!)
  return cibles
}
