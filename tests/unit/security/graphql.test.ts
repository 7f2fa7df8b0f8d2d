import { describe, expect, it } from '@jest/globals'
import { analyserRequeteGraphql } from '@/src/security/graphql'

const JSON_CT = 'application/json'
const json = (corps: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(corps))
const brut = (s: string): Uint8Array => new TextEncoder().encode(s)
const analyser = (query: string) => analyserRequeteGraphql(json({ query }), JSON_CT)

const RIEN = { introspection: false, authentification: false }

describe('analyserRequeteGraphql', () => {
  describe('requêtes ordinaires', () => {
    it('ne signale rien pour une lecture métier', () => {
      expect(analyser('{ Dossiers { docs { id reference } } }')).toEqual(RIEN)
    })

    it('ne confond pas __typename avec l’introspection du schéma', () => {
      expect(analyser('{ Dossiers { docs { __typename id } } }')).toEqual(RIEN)
    })

    it('ignore les mots sensibles placés dans des chaînes, des commentaires ou des noms de variables', () => {
      expect(analyser('{ Dossiers(where: { titre: { equals: "__schema loginUser" } }) { docs { id } } }')).toEqual(RIEN)
      expect(analyser('# __schema loginUser\n{ Dossiers { docs { id } } }')).toEqual(RIEN)
      expect(analyser('query loginUser($__type: String) { Dossiers { docs { id } } }')).toEqual(RIEN)
    })

    it('ne signale pas une autre mutation', () => {
      expect(analyser('mutation { updateDossier(id: 1, data: { titre: "x" }) { id } }')).toEqual(RIEN)
      expect(analyser('mutation { loginUsers { id } createUserX { id } }')).toEqual(RIEN)
    })
  })

  describe('introspection', () => {
    it('détecte __schema', () => {
      expect(analyser('{ __schema { types { name } } }')).toEqual({ introspection: true, authentification: false })
    })

    it('détecte __type', () => {
      expect(analyser('{ __type(name: "User") { fields { name } } }').introspection).toBe(true)
    })

    it('détecte __schema sous un alias', () => {
      expect(analyser('{ schema: __schema { queryType { name } } }').introspection).toBe(true)
      expect(analyser('{ t: __type(name: "User") { name } }').introspection).toBe(true)
    })

    it('détecte __schema caché dans un fragment nommé', () => {
      const q = 'query Q { ...F } fragment F on Query { __schema { types { name } } }'
      expect(analyser(q).introspection).toBe(true)
    })

    it('détecte __type caché dans un fragment en ligne et en profondeur', () => {
      const q = '{ Dossiers { docs { id } } ... on Query { ... on Query { x: __type(name: "Dossier") { name } } } }'
      expect(analyser(q).introspection).toBe(true)
    })

    it('détecte l’introspection dans une opération nommée parmi plusieurs', () => {
      const q = 'query A { Dossiers { docs { id } } } query B { __schema { types { name } } }'
      expect(analyserRequeteGraphql(json({ query: q, operationName: 'A' }), JSON_CT).introspection).toBe(true)
    })
  })

  describe('authentification', () => {
    it.each(['loginUser', 'createUser', 'forgotPasswordUser', 'resetPasswordUser'])('détecte la mutation %s', (nom) => {
      expect(analyser(`mutation { ${nom}(data: {}) { __typename } }`)).toEqual({ introspection: false, authentification: true })
    })

    it.each(['loginUser', 'createUser', 'forgotPasswordUser', 'resetPasswordUser'])('détecte la mutation %s sous un alias', (nom) => {
      expect(analyser(`mutation M { premier: ${nom}(data: {}) { __typename } }`).authentification).toBe(true)
    })

    it('détecte plusieurs tentatives de connexion aliasées dans une seule requête', () => {
      const q = 'mutation { a: loginUser(email: "x@y.fr", password: "1") { token } b: loginUser(email: "x@y.fr", password: "2") { token } }'
      expect(analyser(q).authentification).toBe(true)
    })

    it('détecte une mutation d’authentification dans un fragment', () => {
      const q = 'mutation { ...F } fragment F on Mutation { loginUser(email: "a", password: "b") { token } }'
      expect(analyser(q).authentification).toBe(true)
    })
  })

  describe('corps groupés', () => {
    // graphql-http (Payload's GraphQL server) does not run batches: refused in French up front.
    it('refuse un tableau d’opérations (400 en français)', () => {
      const corps = [
        { query: '{ Dossiers { docs { id } } }' },
        { query: 'mutation { loginUser(email: "a", password: "b") { token } }' },
      ]
      expect(analyserRequeteGraphql(json(corps), JSON_CT).erreur).toMatch(/objet JSON/)
      expect(analyserRequeteGraphql(json([]), JSON_CT).erreur).toMatch(/objet JSON/)
    })
  })

  describe('Content-Type autre que JSON', () => {
    // graphql-http answers them with an empty 415: the route says why, in French.
    it.each(['application/graphql', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', null])('refuse %s', (ct) => {
      const r = analyserRequeteGraphql(json({ query: '{ Dossiers { docs { id } } }' }), ct)
      expect(r.erreur).toMatch(/application\/json/)
    })
  })

  describe('corps invalides', () => {
    it('renvoie une erreur en français pour un JSON mal formé', () => {
      const r = analyserRequeteGraphql(brut('{"query": "{ __schema { types { name } } }"'), JSON_CT)
      expect(r.erreur).toBe('Requête GraphQL invalide : JSON mal formé.')
      expect(r.introspection).toBe(false)
      expect(r.authentification).toBe(false)
    })

    it('renvoie aussi une erreur sans Content-Type', () => {
      expect(analyserRequeteGraphql(brut('pas du json'), null).erreur).toMatch(/application\/json/)
    })

    it('laisse à GraphQL un document impossible à analyser (pas d’erreur)', () => {
      const r = analyser('{ __schema { types { name ')
      expect(r).toEqual(RIEN)
      expect(r.erreur).toBeUndefined()
    })

    it('refuse un corps vide', () => {
      expect(analyserRequeteGraphql(new Uint8Array(), JSON_CT).erreur).toMatch(/corps vide/)
    })

    it('refuse une requête absente, vide ou non textuelle', () => {
      expect(analyserRequeteGraphql(json({}), JSON_CT).erreur).toMatch(/« query »/)
      expect(analyserRequeteGraphql(json({ query: '   ' }), JSON_CT).erreur).toMatch(/« query »/)
      expect(analyserRequeteGraphql(json({ query: 42 }), JSON_CT).erreur).toMatch(/« query »/)
    })

    it.each([['"x"'], ['123'], ['null'], ['true'], ['[]']])('refuse le corps JSON non objet %s', (corps) => {
      expect(analyserRequeteGraphql(brut(corps), JSON_CT).erreur).toMatch(/objet JSON/)
    })
  })
})

describe('type de contenu à paramètres (contournement)', () => {
  const corps = (q: string) => new TextEncoder().encode(JSON.stringify({ query: q }))
  it("ne se laisse pas tromper par « application/graphql » glissé dans les paramètres", () => {
    expect(analyserRequeteGraphql(corps('{ __schema { types { name } } }'), 'application/json; charset=utf-8; x=application/graphql').introspection).toBe(true)
    expect(analyserRequeteGraphql(corps('mutation { loginUser(email: "a", password: "b") { token } }'), 'application/json;charset=utf-8;application/graphql-response+json').authentification).toBe(true)
  })
})
