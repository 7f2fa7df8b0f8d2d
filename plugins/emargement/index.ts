import type { Config, Plugin } from 'payload'
import { JetonsEmargement } from '@/collections/jetons-emargement/index'
import { endpointEmargement } from '@/src/endpoints/emargement'
import { tacheEmargement } from '@/src/jobs/emargement'

/**
 * Electronic attendance (issue 17): the signing links' collection (hashes only), the public
 * signing route `POST /api/emargement/:jeton`, and the daily task (links of the day, reminders).
 * The page is src/app/(portal)/emargement/[jeton]; the session's own « Renvoyer le lien » and the
 * attendance sheet's regeneration live with the `seances` collection. Listed before the audit
 * plugin, so the links' rows are audited (their hash never is: src/domain/audit.ts).
 */
export const emargementPlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: [...(config.collections ?? []), JetonsEmargement],
    endpoints: [...(config.endpoints ?? []), endpointEmargement],
    jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), tacheEmargement()] },
  })
