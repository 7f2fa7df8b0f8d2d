import type { Config, Plugin } from 'payload'
import { auditHooks } from '@/hooks/audit'

/**
 * Audit plugin: attaches the shared audit hook (hooks/audit.ts) to every collection except
 * those listed, so a new business collection is audited without anyone remembering to.
 * Its hooks run last, after the collection's own, so the log records what was really written.
 */
export const auditPlugin =
  ({ exclure }: { exclure: string[] }): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) =>
      exclure.includes(collection.slug)
        ? collection
        : {
            ...collection,
            hooks: {
              ...collection.hooks,
              afterChange: [...(collection.hooks?.afterChange ?? []), ...auditHooks.afterChange],
              afterDelete: [...(collection.hooks?.afterDelete ?? []), ...auditHooks.afterDelete],
            },
          },
    ),
  })
