import { APIError, type CollectionBeforeDeleteHook, type CollectionConfig, type Field } from 'payload'

/**
 * A document that others point to is not deleted: the database would either refuse (a 500, and
 * on SQLite — no transactions — after Payload has already removed the document's files) or
 * quietly empty the other documents' link (`ON DELETE SET NULL`: a dossier without its OPCO,
 * an OPCO user without an OPCO). The caller gets a 409 naming who still points to it (after the
 * collection's own, more specific, refusals).
 *
 * Not counted: the audit log (it keeps the actor's label and the document's id as text, and
 * must not stop an erasure), the outbox (each e-mail keeps its own copy of what was sent: a
 * draft dossier deleted by an admin has had its acknowledgment), and Payload's own tables.
 */
type Reference = { collection: string; libelle: string; chemin: string }

// Read marks (lectures) are bookkeeping of the conversation: they never keep a dossier alive.
const NON_BLOQUANTES = new Set(['logs', 'emails', 'lectures'])

function cheminsVers(fields: readonly Field[], prefixe = ''): { chemin: string; cible: string }[] {
  return fields.flatMap((f) => {
    if (f.type === 'row' || f.type === 'collapsible') return cheminsVers(f.fields, prefixe)
    if (f.type === 'tabs') return f.tabs.flatMap((t) => ('name' in t && t.name ? cheminsVers(t.fields, `${prefixe}${t.name}.`) : cheminsVers(t.fields, prefixe)))
    if (!('name' in f) || !f.name) return f.type === 'group' ? cheminsVers(f.fields, prefixe) : []
    if (f.type === 'group' || f.type === 'array') return cheminsVers(f.fields, `${prefixe}${f.name}.`)
    if ((f.type === 'relationship' || f.type === 'upload') && typeof f.relationTo === 'string') return [{ chemin: `${prefixe}${f.name}`, cible: f.relationTo }]
    return []
  })
}

const libelleDe = (c: CollectionConfig): string => (typeof c.labels?.plural === 'string' ? c.labels.plural : c.slug)

const refuserSiReference =
  (references: Reference[]): CollectionBeforeDeleteHook =>
  async ({ id, req }) => {
    const encore: string[] = []
    for (const r of references) {
      const { totalDocs } = await req.payload.count({ collection: r.collection as never, where: { [r.chemin]: { equals: id } }, overrideAccess: true, req })
      if (totalDocs > 0) encore.push(`${r.libelle} (${totalDocs})`)
    }
    if (encore.length > 0) {
      throw new APIError(`Ce document ne peut pas être supprimé : d'autres documents y font référence — ${[...new Set(encore)].join(', ')}.`, 409, undefined, true)
    }
  }

/** Applied to the whole list of collections by payload.config.ts (it needs to see every link). */
export function avecSuppressionProtegee(collections: CollectionConfig[]): CollectionConfig[] {
  const versCible = new Map<string, Reference[]>()
  for (const c of collections) {
    if (NON_BLOQUANTES.has(c.slug) || c.slug.startsWith('payload-')) continue
    for (const { chemin, cible } of cheminsVers(c.fields)) {
      versCible.set(cible, [...(versCible.get(cible) ?? []), { collection: c.slug, libelle: libelleDe(c), chemin }])
    }
  }
  return collections.map((c) => {
    const references = versCible.get(c.slug)
    if (!references) return c
    return { ...c, hooks: { ...c.hooks, beforeDelete: [...(c.hooks?.beforeDelete ?? []), refuserSiReference(references)] } }
  })
}
