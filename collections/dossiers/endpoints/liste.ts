import { endpointListeRapide } from '@/src/services/listeRapide'

/**
 * GET /api/dossiers — the list, read without Payload's per-field walk when the query has the
 * common shape (depth 0, limit/page/sort, equals/in filters on plain columns); anything else is
 * answered by Payload's own route, unchanged (src/services/listeRapide.ts, bench/README.md).
 * Not through `endpoint()`: its answers, errors included, must be Payload's list route's.
 */
export const endpointListe = endpointListeRapide('dossiers')
