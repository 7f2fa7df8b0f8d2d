import { describe, expect, it } from '@jest/globals'
import { getIntrospectionQuery, parse } from 'graphql'
import {
  analyserRequeteGraphql,
  imbricationJson,
  LIMITES_GRAPHQL,
  mesurerDocumentGraphql,
  normaliserReponseGraphql,
  traduireErreurGraphql,
} from '@/src/security/graphql'

const requete = (query: string, variables?: unknown) =>
  analyserRequeteGraphql(new TextEncoder().encode(JSON.stringify({ query, variables })), 'application/json')
const imbrique = (n: number) => `{ Dossiers { ${'docs { owner { '.repeat(n)}id${' } }'.repeat(n)} } }`

describe('cycles de fragments', () => {
  it('refuse un fragment qui s’inclut lui-même (la cause du débordement de pile)', () => {
    expect(requete('query { ...F } fragment F on Query { ...F }').erreur).toMatch(/« F » s'inclut lui-même \(F → F\)/)
  })

  it('refuse un cycle à plusieurs fragments et nomme le chemin', () => {
    const q = 'query { ...A } fragment A on Query { Dossiers { docs { ...B } } } fragment B on Dossier { owner { ...C } } fragment C on User { ...B }'
    const m = mesurerDocumentGraphql(parse(q))
    expect(m.cycle).toEqual(['B', 'C', 'B'])
  })

  it('trouve un cycle dans une sous-sélection d’introspection aussi', () => {
    expect(requete('{ __schema { types { ...T } } } fragment T on __Type { ofType { ...T } }').erreur).toMatch(/s'inclut lui-même/)
  })

  it('accepte un même fragment utilisé plusieurs fois sans cycle', () => {
    const q = '{ a: Dossiers { docs { ...D } } b: Dossiers { docs { ...D } } } fragment D on Dossier { id reference }'
    expect(requete(q).erreur).toBeUndefined()
  })

  it('détecte sans récursion un cycle au bout d’une longue chaîne de fragments', () => {
    const n = 3000
    const defs = Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${(i + 1) % n} }`).join('\n')
    const m = mesurerDocumentGraphql(parse(`{ ...F0 } ${defs}`))
    expect(m.cycle?.length).toBe(n + 1)
  })
})

describe('profondeur', () => {
  it('accepte 12 niveaux et refuse 13', () => {
    // { Dossiers { docs { owner {… : 2 + 2n levels, the innermost `id` at the last one.
    expect(mesurerDocumentGraphql(parse(imbrique(5))).cycle).toBeUndefined()
    expect((mesurerDocumentGraphql(parse(imbrique(5))) as { profondeur: number }).profondeur).toBe(12)
    expect(requete(imbrique(5)).erreur).toBeUndefined()
    expect(requete(imbrique(6)).erreur).toMatch(/trop profonde : 14 niveaux/)
  })

  it('compte la profondeur après avoir déplié les fragments', () => {
    const q = '{ Dossiers { docs { ...A } } } fragment A on Dossier { owner { company { ...B } } } fragment B on Company { opco { a { b { c { d { e { f { g { id } } } } } } } } }'
    const m = mesurerDocumentGraphql(parse(q)) as { profondeur: number }
    expect(m.profondeur).toBe(2 + 2 + 9)
    expect(requete(q).erreur).toMatch(/trop profonde/)
  })

  it('ne compte pas un fragment en ligne comme un niveau', () => {
    const m = mesurerDocumentGraphql(parse('{ Dossiers { ... on Dossiers { ... on Dossiers { docs { id } } } } }')) as { profondeur: number }
    expect(m.profondeur).toBe(3)
  })

  it('laisse passer la requête d’introspection standard (10 niveaux d’ofType)', () => {
    expect(requete(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true })).erreur).toBeUndefined()
  })

  it('refuse des milliers d’accolades avant que l’analyseur récursif ne les lise', () => {
    const q = `${'{ a '.repeat(3000)}${'}'.repeat(3000)}`
    expect(requete(q).erreur).toMatch(/trop imbriquée/)
    expect(requete(`{ Dossiers(where: ${'['.repeat(500)}1${']'.repeat(500)}) { docs { id } } }`).erreur).toMatch(/trop imbriquée/)
  })
})

describe('taille', () => {
  it('refuse une requête trop longue ou à trop d’éléments', () => {
    expect(requete(`{ Dossiers { docs { id } } }${' '.repeat(LIMITES_GRAPHQL.longueurMax)}`).erreur).toMatch(/trop longue : 50000 caractères/)
    expect(requete(`{ Dossiers { docs { ${'id '.repeat(LIMITES_GRAPHQL.jetonsMax)} } } }`).erreur).toMatch(/éléments au plus/)
  })

  it('refuse la bombe de fragments (2^n champs) sans la déplier', () => {
    const n = 30
    const defs = Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('\n')
    const q = `{ ...F0 } ${defs} fragment F${n} on Query { __typename }`
    const m = mesurerDocumentGraphql(parse(q)) as { champs: number }
    expect(m.champs).toBe(2 ** n)
    expect(requete(q).erreur).toMatch(/champs une fois les fragments dépliés/)
  })

  it('compte les alias et les champs racine, fragments dépliés', () => {
    const alias = Array.from({ length: 51 }, (_, i) => `a${i}: __typename`).join(' ')
    expect(requete(`{ Dossiers { docs { ${alias} } } }`).erreur).toMatch(/51 alias, 50 au plus/)
    const racine = Array.from({ length: 11 }, (_, i) => `r${i}: Dossiers { docs { id } }`).join(' ')
    expect(requete(`{ ...R ...R } fragment R on Query { ${racine} }`).erreur).toMatch(/22 champs à la racine/)
  })

  it('refuse des variables imbriquées à l’excès', () => {
    let v: unknown = 1
    for (let i = 0; i < 100; i++) v = { a: v }
    expect(imbricationJson(v)).toBe(100)
    expect(requete('query($w: JSON) { Dossiers { docs { id } } }', { w: v }).erreur).toMatch(/variables » trop imbriquées/)
  })
})

describe('pagination', () => {
  it('refuse page < 1 et limit < 0, en littéral ou en variable', () => {
    expect(requete('{ Dossiers(page: 0) { docs { id } } }').erreur).toMatch(/« page »/)
    expect(requete('{ Dossiers(limit: -1) { docs { id } } }').erreur).toMatch(/« limit »/)
    expect(requete('query($p: Int) { Dossiers(page: $p) { docs { id } } }', { p: -3 }).erreur).toMatch(/« page »/)
    expect(requete('{ Dossiers(page: 2, limit: 0) { docs { id } } }').erreur).toBeUndefined()
  })
})

describe('erreurs de GraphQL en français avec un statut 4xx', () => {
  it('traduit les erreurs de requête courantes', () => {
    expect(traduireErreurGraphql('Cannot query field "Dossierz" on type "Query". Did you mean "Dossier"?')).toBe("Le champ « Dossierz » n'existe pas sur le type « Query ».")
    expect(traduireErreurGraphql('Syntax Error: Expected Name, found <EOF>.')).toBe('Syntaxe GraphQL invalide : Expected Name, found <EOF>.')
    expect(traduireErreurGraphql('Variable "$id" got invalid value "abc"; Int cannot represent non-integer value: "abc"')).toMatch(/^La variable « \$id » a une valeur invalide/)
    expect(traduireErreurGraphql('Int cannot represent non-integer value: "abc"')).toMatch(/^Valeur d'argument invalide/)
    expect(traduireErreurGraphql('quelque chose d’autre')).toMatch(/^Requête GraphQL invalide/)
  })

  it('donne un statut 400 aux erreurs qui n’en ont pas, et HTTP 400 sans données', () => {
    const r = normaliserReponseGraphql({ errors: [{ message: 'Unknown type "X".' }] }, 200)
    expect(r.statut).toBe(400)
    expect(r.corps).toEqual({ errors: [{ message: "Le type « X » n'existe pas.", extensions: { statusCode: 400 } }] })
  })

  it('garde les statuts de Payload et le 200 quand il y a des données', () => {
    const corps = { data: { Dossier: null }, errors: [{ message: 'Pas trouvé', extensions: { statusCode: 404 }, path: ['Dossier'] }] }
    expect(normaliserReponseGraphql(corps, 200)).toEqual({ corps, statut: 200 })
  })
})
