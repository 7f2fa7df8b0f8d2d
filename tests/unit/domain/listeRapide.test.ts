import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  decrireCollection,
  documentDepuisLigne,
  paginer,
  planListe,
  sansEffetEnLecture,
  type ChampConfig,
  type CollectionConfigDecrite,
} from '@/src/domain/listeRapide'

const GRAINE = Number(process.env.FC_SEED ?? 20261204)

const champs = (): ChampConfig[] => [
  { name: 'reference', type: 'text' },
  { name: 'status', type: 'select' },
  { name: 'owner', type: 'relationship', relationTo: 'users' },
  { name: 'beneficiaire', type: 'group', flattenedFields: [{ name: 'nom', type: 'text' }, { name: 'dateNaissance', type: 'date' }] },
  { name: 'montant', type: 'number' },
  { name: 'donnees', type: 'json' },
  { name: 'updatedAt', type: 'date' },
  { name: 'createdAt', type: 'date' },
]
const collection = (fields = champs(), extra: Partial<CollectionConfigDecrite> = {}): CollectionConfigDecrite => ({ slug: 'dossiers', flattenedFields: fields, ...extra })
const plan = (query: Record<string, unknown>, c = collection()) => planListe(query, decrireCollection(c), '-createdAt')

describe('description de la collection : ce que la lecture rapide ne sait pas reproduire', () => {
  it('une collection de colonnes simples n’a pas d’obstacle ; clés drizzle des groupes préfixées', () => {
    const d = decrireCollection(collection())
    expect(d.obstacles).toEqual([])
    expect(d.champs.map((c) => c.cle)).toEqual(['id', 'reference', 'status', 'owner', 'beneficiaire_nom', 'beneficiaire_dateNaissance', 'montant', 'donnees', 'updatedAt', 'createdAt'])
  })

  it.each([
    ['accès en lecture par champ', { name: 'secret', type: 'text', access: { read: () => false } }],
    ['hook afterRead', { name: 'calcule', type: 'text', hooks: { afterRead: [() => 'x'] } }],
    ['champ caché', { name: 'interne', type: 'text', hidden: true }],
    ['champ virtuel', { name: 'virtuel', type: 'text', virtual: true }],
    ['type « array »', { name: 'lignes', type: 'array', flattenedFields: [] }],
    ['relation polymorphe', { name: 'cible', type: 'relationship', relationTo: ['a', 'b'] }],
    ['valeurs multiples', { name: 'tags', type: 'select', hasMany: true }],
    ['champ localisé', { name: 'titre', type: 'text', localized: true }],
  ] as Array<[string, ChampConfig]>)('%s → obstacle, aucune lecture rapide', (motif, champ) => {
    const c = collection([...champs(), champ])
    expect(decrireCollection(c).obstacles.join(' | ')).toContain(motif)
    expect(plan({ depth: '0' }, c)).toBeNull()
  })

  it('un obstacle dans un groupe compte aussi', () => {
    const fields = champs().map((f) => (f.name === 'beneficiaire' ? { ...f, flattenedFields: [...f.flattenedFields!, { name: 'nir', type: 'text', access: { read: () => false } }] } : f))
    expect(decrireCollection(collection(fields)).obstacles).toEqual(['beneficiaire.nir : accès en lecture par champ'])
  })

  it('hooks de lecture de la collection, hook beforeOperation non marqué : obstacles ; marqué : non', () => {
    const lecture = () => undefined
    expect(decrireCollection(collection(champs(), { hooks: { afterRead: [lecture] } })).obstacles).toEqual(['hooks afterRead de la collection'])
    expect(decrireCollection(collection(champs(), { hooks: { beforeRead: [lecture] } })).obstacles).toEqual(['hooks beforeRead de la collection'])
    expect(decrireCollection(collection(champs(), { hooks: { beforeOperation: [function avant() {}] } })).obstacles).toEqual(['hook beforeOperation non marqué sansEffetEnLecture (avant)'])
    expect(decrireCollection(collection(champs(), { hooks: { beforeOperation: [sansEffetEnLecture(() => undefined)] } })).obstacles).toEqual([])
    expect(decrireCollection(collection(champs(), { versions: { drafts: true } })).obstacles).toEqual(['versions / brouillons'])
  })
})

describe('plan de la requête : la forme courante, sinon Payload', () => {
  it('la requête du banc', () => {
    expect(plan({ where: { status: { equals: 'envoye_opco' }, owner: { equals: '3' } }, sort: '-createdAt', limit: '50', depth: '0' })).toEqual({
      limit: 50,
      page: 1,
      tri: [{ cle: 'createdAt', desc: true }],
      filtre: { et: [{ cle: 'status', op: 'egal', valeur: 'envoye_opco' }, { cle: 'owner', op: 'egal', valeur: 3 }] },
    })
  })

  it('défauts de Payload : limit 10, page 1, tri de la collection, -createdAt ajouté en dernier', () => {
    expect(plan({ depth: '0' })).toEqual({ limit: 10, page: 1, tri: [{ cle: 'createdAt', desc: true }], filtre: null })
    expect(plan({ depth: '0', sort: 'status,-beneficiaire.nom' })!.tri).toEqual([
      { cle: 'status', desc: false },
      { cle: 'beneficiaire_nom', desc: true },
      { cle: 'createdAt', desc: true },
    ])
    expect(plan({ depth: '0', sort: 'createdAt' })!.tri).toEqual([{ cle: 'createdAt', desc: false }])
  })

  it('`in` en liste ou séparé par des virgules ; `or` / `and` imbriqués', () => {
    expect(plan({ depth: '0', where: { status: { in: 'a,b' } } })!.filtre).toEqual({ cle: 'status', op: 'parmi', valeurs: ['a', 'b'] })
    expect(plan({ depth: '0', where: { or: [{ owner: { in: ['1', '2'] } }, { status: { not_equals: 'x' } }] } })!.filtre).toEqual({
      ou: [
        { cle: 'owner', op: 'parmi', valeurs: [1, 2] },
        { cle: 'status', op: 'different', valeur: 'x' },
      ],
    })
  })

  it.each([
    ['profondeur absente (2 par défaut)', {}],
    ['profondeur 1', { depth: '1' }],
    ['select', { depth: '0', select: { status: 'true' } }],
    ['pagination=false', { depth: '0', pagination: 'false' }],
    ['limit=0 (tout)', { depth: '0', limit: '0' }],
    ['limit au-delà de 1000', { depth: '0', limit: '5000' }],
    ['opérateur like', { depth: '0', where: { reference: { like: 'MO' } } }],
    ['equals null', { depth: '0', where: { owner: { equals: 'null' } } }],
    ['filtre sur un json', { depth: '0', where: { donnees: { equals: 'x' } } }],
    ['filtre sur un nombre', { depth: '0', where: { montant: { equals: '3' } } }],
    ['chemin dans une relation', { depth: '0', where: { 'owner.email': { equals: 'x' } } }],
    ['tri sur un json', { depth: '0', sort: 'donnees' }],
    ['tri avec espace', { depth: '0', sort: ' status' }],
    ['AND en majuscules (un nom de champ pour Payload)', { depth: '0', where: { AND: [{ status: { equals: 'x' } }] } }],
    ['or vide', { depth: '0', where: { or: [] } }],
    ['identifiant non numérique', { depth: '0', where: { owner: { equals: 'abc' } } }],
  ])('%s → Payload', (_motif, query) => {
    expect(plan(query as Record<string, unknown>)).toBeNull()
  })
})

describe('pagination : exactement celle de @payloadcms/drizzle 3.90 (findMany)', () => {
  it('cas limites', () => {
    expect(paginer(0, 0, 10, 3)).toEqual({ hasNextPage: false, hasPrevPage: false, limit: 10, nextPage: null, page: 3, pagingCounter: 1, prevPage: null, totalDocs: 0, totalPages: 1 })
    expect(paginer(25, 5, 10, 3)).toEqual({ hasNextPage: false, hasPrevPage: true, limit: 10, nextPage: null, page: 3, pagingCounter: 21, prevPage: 2, totalDocs: 25, totalPages: 3 })
    expect(paginer(25, 0, 10, 9)).toMatchObject({ hasNextPage: false, prevPage: 8, pagingCounter: 81, totalPages: 3 })
  })

  it('propriété : pages cohérentes avec le total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 200 }), (total, limit, page) => {
        const p = paginer(total, 0, limit, page)
        expect(p.totalPages).toBe(Math.ceil(total / limit))
        expect(p.hasNextPage).toBe(page < p.totalPages)
        expect(p.nextPage).toBe(p.hasNextPage ? page + 1 : null)
        expect(p.prevPage).toBe(page > 1 ? page - 1 : null)
        expect(p.pagingCounter).toBe((page - 1) * limit + 1)
      }),
      { seed: GRAINE, numRuns: 300 },
    )
  })
})

describe('document depuis une ligne', () => {
  it('groupes imbriqués, dates en ISO, nombres et relations en nombres, le reste tel quel', () => {
    const d = decrireCollection(collection())
    const ligne = { id: 4, reference: 'MO-1', status: 'soumis', owner: '7', beneficiaire_nom: null, beneficiaire_dateNaissance: '2026-01-02 10:00:00+00', montant: '12.5', donnees: { a: 1 }, updatedAt: '2026-01-02T10:00:00.000Z', createdAt: '2026-01-01T00:00:00.000Z' }
    expect(documentDepuisLigne(ligne, d.gabarit)).toEqual({
      id: 4,
      reference: 'MO-1',
      status: 'soumis',
      owner: 7,
      beneficiaire: { nom: null, dateNaissance: '2026-01-02T10:00:00.000Z' },
      montant: 12.5,
      donnees: { a: 1 },
      updatedAt: '2026-01-02T10:00:00.000Z',
      createdAt: '2026-01-01T00:00:00.000Z',
    })
    expect(Object.keys(documentDepuisLigne(ligne, d.gabarit))[0]).toBe('id')
  })
})
