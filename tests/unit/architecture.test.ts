/**
 * The direction of imports (docs/architecture.md « Layout », README « Architecture »), read from the source
 * files themselves:
 *
 *   src/app, src/components ──► src/services ──► src/domain
 *   collections/ (fields, hooks/, endpoints/) ──► src/services, src/domain
 *   plugins/ ──► collections/, src/services         payload.config.ts ──► everything
 *
 * - nothing imports `plugins/` but payload.config.ts (and a plugin its own files);
 * - `src/domain` imports nothing of ours outside itself: pure rules, no Payload, no config;
 * - `src/app` and `src/components` never reach `plugins/` or `collections/` (they go through services);
 * - `collections/` never reaches `plugins/`;
 * - `src/services` never reaches `plugins/`, `collections/`, the UI or the HTTP helpers (a service
 *   returns results or throws typed errors; endpoints build the responses).
 * Tests and benchmarks may reach anything (they measure and probe the internals).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'

const RACINE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const DOSSIERS_APPLICATION = ['collections', 'plugins', 'hooks', 'src', 'templates', 'scripts', 'payload.config.ts']

interface Source {
  /** Path from the repository root, with `/`. */
  chemin: string
  texte: string
}

interface Violation {
  depuis: string
  vers: string
  regle: string
}

/** Every module a file names: static imports and re-exports (type-only ones too), dynamic imports. */
export function importsDe(texte: string): string[] {
  const specs: string[] = []
  const motif = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g
  for (const m of texte.matchAll(motif)) specs.push((m[1] ?? m[2] ?? m[3])!)
  return specs
}

/** Our module a specifier points to (path from the root, without extension), or null for a package. */
export function cible(depuis: string, spec: string): string | null {
  let chemin: string
  if (spec.startsWith('@/')) chemin = spec.slice(2)
  else if (spec === '@payload-config') chemin = 'payload.config'
  else if (spec.startsWith('./') || spec.startsWith('../')) chemin = path.posix.normalize(path.posix.join(path.posix.dirname(depuis), spec))
  else return null
  return chemin.replace(/\.(ts|tsx|js|mjs)$/, '')
}

const dans = (chemin: string, dossier: string): boolean => chemin === dossier || chemin.startsWith(`${dossier}/`)
const pluginDe = (chemin: string): string | null => (dans(chemin, 'plugins') ? chemin.split('/')[1] ?? null : null)

/** The rules above, for one import. */
export function regleViolee(depuis: string, vers: string): string | null {
  if (dans(vers, 'plugins') && !depuis.startsWith('payload.config') && pluginDe(depuis) !== pluginDe(vers)) {
    return 'seul payload.config.ts importe plugins/'
  }
  if (dans(depuis, 'src/domain') && !dans(vers, 'src/domain')) return 'src/domain n’importe rien d’autre que src/domain'
  if ((dans(depuis, 'src/app') || dans(depuis, 'src/components')) && dans(vers, 'collections')) return 'l’interface passe par src/services, pas par collections/'
  if (dans(depuis, 'src/components') && dans(vers, 'src/app')) return 'un composant n’importe pas une page (src/app → src/components, pas l’inverse)'
  if (dans(depuis, 'src/services')) {
    if (dans(vers, 'collections')) return 'src/services n’importe pas collections/'
    if (dans(vers, 'src/app') || dans(vers, 'src/components')) return 'src/services n’importe pas l’interface'
    if (dans(vers, 'src/endpoints')) return 'src/services ne construit pas de réponse HTTP (src/endpoints)'
  }
  return null
}

export function violations(sources: readonly Source[]): Violation[] {
  const trouvees: Violation[] = []
  for (const { chemin, texte } of sources) {
    for (const spec of importsDe(texte)) {
      const vers = cible(chemin, spec)
      if (vers === null) continue
      const regle = regleViolee(chemin, vers)
      if (regle) trouvees.push({ depuis: chemin, vers, regle })
    }
  }
  return trouvees
}

function sourcesDeLApplication(): Source[] {
  const sources: Source[] = []
  const parcourir = (relatif: string) => {
    const absolu = path.join(RACINE, relatif)
    if (fs.statSync(absolu).isFile()) {
      if (/\.(ts|tsx|mjs)$/.test(relatif)) sources.push({ chemin: relatif.split(path.sep).join('/'), texte: fs.readFileSync(absolu, 'utf8') })
      return
    }
    for (const entree of fs.readdirSync(absolu)) {
      if (entree === 'node_modules' || entree.startsWith('.next')) continue
      parcourir(path.join(relatif, entree))
    }
  }
  for (const d of DOSSIERS_APPLICATION) parcourir(d)
  return sources
}

describe('sens des imports', () => {
  it('l’arbre respecte le sens des dépendances', () => {
    const sources = sourcesDeLApplication()
    // The walk really read the tree (a wrong root would pass with nothing to check).
    expect(sources.length).toBeGreaterThan(200)
    expect(sources.some((s) => s.chemin === 'payload.config.ts' && importsDe(s.texte).some((i) => i.includes('plugins/')))).toBe(true)
    expect(violations(sources)).toEqual([])
  })

  // The check itself can fail: each rule, on a deliberately wrong import.
  it.each([
    ['collections/invoices/index.ts', "import { demanderPdfPiece } from '@/plugins/documents/index'", 'seul payload.config.ts importe plugins/'],
    ['src/services/facturation.ts', "import { genererPdf } from '../../plugins/documents/renderer'", 'seul payload.config.ts importe plugins/'],
    ['plugins/reports/index.ts', "import { x } from '@/plugins/notifications/envoi'", 'seul payload.config.ts importe plugins/'],
    ['src/domain/money.ts', "import { env } from '@/src/config/env'", 'src/domain n’importe rien d’autre que src/domain'],
    ['src/domain/workflow/evaluer.ts', "import type { Dossier } from '../../payload-types'", 'src/domain n’importe rien d’autre que src/domain'],
    ['src/components/admin/EmailsEtat.tsx', "import { STATUTS_EMAIL } from '@/collections/emails/index'", 'l’interface passe par src/services, pas par collections/'],
    ['src/components/portal/Rattachements.tsx', "import { demander } from '@/src/app/(portal)/rattachements'", 'un composant n’importe pas une page (src/app → src/components, pas l’inverse)'],
    ['src/services/conformite.ts', "const { Dossiers } = await import('@/collections/dossiers/index')", 'src/services n’importe pas collections/'],
    ['src/services/transition.ts', "import { json } from '@/src/endpoints/http'", 'src/services ne construit pas de réponse HTTP (src/endpoints)'],
  ])('%s : « %s » est refusé', (chemin, ligne, regle) => {
    expect(violations([{ chemin, texte: `${ligne}\n` }])).toEqual([expect.objectContaining({ depuis: chemin, regle })])
  })

  it('les imports autorisés passent', () => {
    const permis: Source[] = [
      { chemin: 'payload.config.ts', texte: "import { documentsPlugin } from './plugins/documents/index'" },
      { chemin: 'plugins/documents/index.ts', texte: "import { genererPdf } from './renderer'\nimport { Generations } from '@/collections/generations/index'\nimport { facturer } from '@/src/services/facturation'" },
      { chemin: 'collections/invoices/endpoints/emettre.ts', texte: "import { emettre } from '@/src/services/facturation'\nimport { endpoint } from '@/src/endpoints/endpoint'" },
      { chemin: 'src/domain/workflow/groupes.ts', texte: "import { TRANSITIONS } from './transitions'\nimport type { StatutDossier } from '@/src/domain/statuts'" },
      { chemin: 'src/components/admin/VueAnomalies.tsx', texte: "import { listerAnomalies } from '@/src/services/anomalies'\nimport 'react'" },
    ]
    expect(violations(permis)).toEqual([])
  })
})
