import { fileURLToPath } from 'node:url'
import Database from 'libsql'
import type { Payload } from 'payload'
import type { SQL } from './sql'

type Instruction = Database.Statement<unknown[]>
type AdaptateurSqlite = {
  name: string
  clientConfig?: { url?: string; authToken?: string; encryptionKey?: string }
  drizzle: { dialect: { sqlToQuery: (q: SQL) => { sql: string; params: unknown[] } } }
}

/** Au-delà, le cache d'instructions est vidé : les formes de liste courantes y tiennent largement. */
const INSTRUCTIONS_MAX = 256

interface LecteurDirect {
  connexion: Database.Database
  instructions: Map<string, Instruction>
}

const lecteurs = new WeakMap<Payload, LecteurDirect | null>()

/** Le chemin du fichier d'une URL `file:` de base SQLite, ou null (mémoire, base distante, chiffrée). */
export function cheminFichierSqlite(config: AdaptateurSqlite['clientConfig']): string | null {
  const url = config?.url
  if (!url || !url.startsWith('file:') || config.authToken || config.encryptionKey) return null
  const chemin = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length).split('?')[0]!
  return chemin === '' || chemin === ':memory:' ? null : chemin
}

function lecteur(payload: Payload): LecteurDirect | null {
  if (lecteurs.has(payload)) return lecteurs.get(payload)!
  const adaptateur = payload.db as unknown as AdaptateurSqlite
  const chemin = adaptateur.name === 'sqlite' ? cheminFichierSqlite(adaptateur.clientConfig) : null
  let l: LecteurDirect | null = null
  if (chemin) {
    // The driver @libsql/client itself runs on (a native module, kept out of the bundle: next.config.mjs).
    l = { connexion: new Database(chemin, { readonly: true, fileMustExist: true }), instructions: new Map() }
  }
  lecteurs.set(payload, l)
  return l
}

/**
 * Lit des lignes (tableaux de valeurs, dans l'ordre des colonnes) sur une connexion SQLite en
 * lecture seule au même fichier, avec des instructions préparées une fois ; `null` si la base
 * n'est pas un fichier SQLite local (PostgreSQL, mémoire, distante) : l'appelant passe alors par
 * l'adaptateur de Payload. Pour les lectures hors transaction seulement : une autre connexion ne
 * voit pas ce qu'une transaction en cours n'a pas validé (en WAL, elle voit tout ce qui l'est).
 *
 * Pourquoi : par @libsql/client, chaque requête est préparée à nouveau et chaque ligne devient un
 * objet aux propriétés définies une à une ; pour une page de 50 dossiers et son total, cela
 * coûtait trois fois le travail de SQLite lui-même (bench/README.md, « Liste des dossiers »).
 */
export function lireLignesSqlite(payload: Payload, requete: SQL): unknown[][] | null {
  const l = lecteur(payload)
  if (!l) return null
  const { sql, params } = (payload.db as unknown as AdaptateurSqlite).drizzle.dialect.sqlToQuery(requete)
  let instruction = l.instructions.get(sql)
  if (!instruction) {
    if (l.instructions.size >= INSTRUCTIONS_MAX) l.instructions.clear()
    instruction = l.connexion.prepare(sql).raw(true)
    l.instructions.set(sql, instruction)
  }
  // Bound as @libsql/client binds them: the native driver refuses booleans.
  return instruction.all(...params.map((p) => (typeof p === 'boolean' ? Number(p) : p))) as unknown[][]
}
