import { describe, expect, it } from '@jest/globals'
import { parse } from 'qs-esm'
import { verifierRequeteListe, type ChampDecrit, type ContexteRequete } from '@/src/security/requeteListe'

const champs: ChampDecrit[] = [
  { name: 'reference', type: 'text' },
  { name: 'status', type: 'select' },
  { name: 'coutTotalHT', type: 'number' },
  { name: 'owner', type: 'relationship', relationTo: 'users' },
  { name: 'cible', type: 'relationship', relationTo: ['users', 'companies'] },
  { name: 'lieu', type: 'point' },
  { name: 'tags', type: 'select', hasMany: true },
  {
    name: 'formation',
    type: 'group',
    flattenedFields: [
      { name: 'titre', type: 'text' },
      { name: 'dateDebut', type: 'date' },
    ],
  },
  { name: 'lignes', type: 'array', flattenedFields: [{ name: 'montant', type: 'number' }] },
]
const ctx: ContexteRequete = { champs, idNumerique: true, profondeurMax: 10 }
const verifier = (qs: string) => verifierRequeteListe(parse(qs, { allowEmptyArrays: true, arrayLimit: 1000, depth: 10, ignoreQueryPrefix: true }) as Record<string, unknown>, ctx)

describe('verifierRequeteListe', () => {
  it.each([
    '',
    'depth=0&limit=10&page=1&sort=-createdAt',
    'where[formation.dateDebut][greater_than]=2026-01-01',
    'where[formation.dateDebut][in]=2026-01-01,2026-02-01',
    'where[or][0][status][equals]=brouillon&where[or][1][reference][like]=MO',
    'where[and][0][owner][equals]=3',
    'where[owner.email][equals]=x@y.fr',
    'where[lignes.montant][greater_than]=10',
    'where[id][in][0]=1&where[id][in][1]=2',
    'where[tags][all]=a,b',
    'where[lieu][near]=1,2,100',
    'where[coutTotalHT][exists]=true',
    'where[cible][equals]=abc',
    'select[reference]=true&select[formation][titre]=true',
    'sort=formation.titre,-reference&limit=0',
    'sort=owner.nom',
  ])('accepte %s', (qs) => {
    expect(verifier(qs)).toBeUndefined()
  })

  it.each([
    ['where[formation.dateDebut][equals]=notadate', /n'est pas une date/],
    ['where[createdAt][greater_than]=demain', /n'est pas une date/],
    ['where[formation.dateDebut][in]=2026-01-01,x', /n'est pas une date/],
    ['where[coutTotalHT][near]=1,2', /coordonnées/],
    ['where[createdAt][within]=x', /coordonnées/],
    ['where[formation][equals]=x', /groupe de champs/],
    ['where[status][equals][a]=b', /valeur simple/],
    ['where[status][in][a][b]=c', /liste de valeurs simples/],
    ['where[status]=x', /précisez un opérateur/],
    ['where[status][foo]=x', /opérateur « foo » inconnu/],
    ['where=abc', /doit être un objet/],
    ['where[or]=x', /liste de conditions/],
    ['where[inconnu][equals]=1', /n'existe pas/],
    ['where[id][equals]=abc', /identifiant/],
    ['where[owner][in]=1,abc', /identifiant/],
    ['where[owner][in]=null', /pas « null ».*where\[owner\]\[exists\]=false/],
    ['where[owner][not_in]=null', /pas « null »/],
    ['where[id][in]=3,null', /pas « null »/],
    ['where[coutTotalHT][in]=null', /pas « null »/],
    ['where[formation.dateDebut][not_in]=null', /pas « null »/],
    ['where[coutTotalHT][equals]=abc', /pas un nombre/],
    ['where[reference][all]=a', /valeurs multiples/],
    ['where[status][in]=', /au moins une valeur/],
    ['where[id][not_like]=x', /champs texte/],
    ['where[coutTotalHT][contains]=1', /champs texte/],
    ['where[formation.dateDebut][like]=2026', /champs texte/],
    ['where[status][like]=brou', /champs texte/],
    ['sort=nope', /Tri impossible/],
    ['sort=-formation.nope', /Tri impossible/],
    ['sort=formation', /groupe de champs/],
    ['sort[a]=b', /« sort »/],
    ['depth=-1', /« depth »/],
    ['depth=abc', /« depth »/],
    ['depth=99999', /« depth »/],
    ['limit=abc', /« limit »/],
    ['limit=-5', /« limit »/],
    ['page=-1', /« page »/],
    ['page=0', /« page »/],
    ['select=abc', /« select »/],
    ['select[a][b]=c', /« select »/],
    ['select[formation]=abc', /« select »/],
  ])('refuse %s', (qs, motif) => {
    expect(verifier(qs)).toMatch(motif)
  })

  it('parcourt sans récursion un filtre très imbriqué', () => {
    let w: unknown = { status: { equals: 'x' } }
    for (let i = 0; i < 400; i++) w = { and: [w] }
    expect(verifierRequeteListe({ where: w }, ctx)).toBeUndefined()
    for (let i = 0; i < 5000; i++) w = { and: [w] }
    expect(verifierRequeteListe({ where: w }, ctx)).toMatch(/trop complexe/)
  })
})
