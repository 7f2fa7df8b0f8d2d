import fc from 'fast-check'
import {
  identifiantLie,
  PROFONDEUR_JSON_MAX,
  profondeurJson,
  verifierCaseACocher,
  verifierDate,
  verifierGroupe,
  verifierJson,
  verifierNombre,
  verifierRelation,
  verifierSelect,
  verifierTableau,
  verifierTexte,
  verifierTexteRiche,
} from '@/src/domain/valeursChamps'

const graine = Number(process.env.FC_SEED ?? 20261203)

describe('verifierDate', () => {
  it('accepte les jours réels, vides compris', () => {
    for (const v of [null, undefined, '2026-03-15', '2024-02-29', '2026-03-15T10:00:00.000Z', new Date('2026-01-01')]) expect([v, verifierDate(v)]).toEqual([v, true])
  })
  it('refuse ce que la base garderait sans pouvoir le relire', () => {
    for (const v of ['not-a-date', '', 0, false, 1735689600000, '2026-02-30', '2026-13-01', [], {}, true, new Date('x')]) {
      expect(typeof verifierDate(v)).toBe('string')
    }
  })
  it('ne laisse passer aucune chaîne que Date ferait glisser (généré)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (a, m, j) => {
        const texte = `${String(a).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(j).padStart(2, '0')}`
        const d = new Date(`${texte}T00:00:00Z`)
        const reel = d.getUTCFullYear() === a && d.getUTCMonth() + 1 === m && d.getUTCDate() === j
        return (verifierDate(texte) === true) === reel
      }),
      { seed: graine, numRuns: 2000 },
    )
  })
})

describe('verifierNombre', () => {
  it('bornes, entiers sûrs et textes canoniques', () => {
    expect(verifierNombre(12, { min: 0, max: 100 })).toBe(true)
    expect(verifierNombre('12', { min: 0 })).toBe(true)
    expect(verifierNombre('3.5')).toBe(true)
    expect(verifierNombre(null)).toBe(true)
    expect(verifierNombre(-1, { min: 0 })).toMatch(/supérieure ou égale à 0/)
    expect(verifierNombre(2 ** 53, { min: 0 })).toMatch(/trop grand/)
    expect(verifierNombre(1_000_001, { max: 1_000_000 })).toMatch(/inférieure ou égale/)
    for (const v of ['2026-01-01', '12abc', '', true, {}, [], NaN, Infinity, ' ']) expect([v, typeof verifierNombre(v)]).toEqual([v, 'string'])
  })
  it('hasMany : une liste de nombres', () => {
    expect(verifierNombre([1, 2], { hasMany: true })).toBe(true)
    expect(typeof verifierNombre(1, { hasMany: true })).toBe('string')
    expect(typeof verifierNombre([1, 'x'], { hasMany: true })).toBe('string')
  })
  it('accepte exactement les nombres finis bornés (généré)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.anything()), (v) => {
        const attendu = v == null || (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER && v >= 0 && v <= 5000)
        if (typeof v === 'string') return true
        return (verifierNombre(v, { min: 0, max: 5000 }) === true) === attendu
      }),
      { seed: graine, numRuns: 2000 },
    )
  })
})

describe('verifierSelect', () => {
  const valeurs = ['formation', 'bilan']
  it('une valeur textuelle de la liste seulement', () => {
    expect(verifierSelect('bilan', valeurs)).toBe(true)
    expect(verifierSelect(null, valeurs)).toBe(true)
    for (const v of [true, 1, ['bilan'], { value: 'bilan' }, 'Bilan', '']) expect([v, typeof verifierSelect(v, valeurs)]).toEqual([v, 'string'])
    expect(verifierSelect(['bilan'], valeurs, { hasMany: true })).toBe(true)
    expect(typeof verifierSelect(['x'], valeurs, { hasMany: true })).toBe('string')
  })
})

describe('relations, textes, groupes, tableaux, cases', () => {
  it('identifiants', () => {
    expect(identifiantLie(5)).toBe(5)
    expect(identifiantLie('5')).toBe(5)
    expect(identifiantLie({ id: 7 })).toBe(7)
    expect(identifiantLie(null)).toBeNull()
    for (const v of [0, -1, 1.5, '05', 'abc', true, [], {}, 2 ** 53, '99999999999999999']) expect([v, identifiantLie(v)]).toEqual([v, 'invalide'])
    expect(verifierRelation([1, 2], { hasMany: true })).toBe(true)
    expect(typeof verifierRelation([1, 'x'], { hasMany: true })).toBe('string')
    expect(typeof verifierRelation('abc')).toBe('string')
  })
  it('types simples', () => {
    expect(verifierTexte('a')).toBe(true)
    expect(typeof verifierTexte(12)).toBe('string')
    expect(typeof verifierTexte({})).toBe('string')
    expect(verifierTexte(['a'], { hasMany: true })).toBe(true)
    expect(verifierCaseACocher(false)).toBe(true)
    expect(typeof verifierCaseACocher('true')).toBe('string')
    expect(verifierGroupe({})).toBe(true)
    expect(typeof verifierGroupe('x')).toBe('string')
    expect(typeof verifierGroupe([])).toBe('string')
    expect(verifierTableau([{}])).toBe(true)
    expect(typeof verifierTableau([1])).toBe('string')
    expect(typeof verifierTableau({})).toBe('string')
  })
})

describe('verifierTexteRiche', () => {
  const texte = (children: unknown[]) => ({ root: { type: 'root', version: 1, children } })
  it('un état Lexical de texte', () => {
    expect(verifierTexteRiche(texte([{ type: 'paragraph', version: 1, children: [{ type: 'text', text: 'Bonjour', version: 1 }] }]))).toBe(true)
    expect(verifierTexteRiche(null)).toBe(true)
  })
  it('refuse les formes mal faites et les nœuds qui liraient un autre document', () => {
    for (const v of ['texte', 12, [], {}, { root: 5 }, { root: { type: 'paragraph', children: [] } }, texte([5]), texte([{ type: 'text', text: 5 }]),
      texte([{ type: 'paragraph', children: 'x' }]), texte([{ type: 'upload', relationTo: 'documents', value: 1 }]), texte([{ children: [] }])]) {
      expect([v, typeof verifierTexteRiche(v)]).toEqual([v, 'string'])
    }
  })
  it('refuse un état trop profond sans déborder la pile', () => {
    let n: Record<string, unknown> = { type: 'text', text: 'x' }
    for (let i = 0; i < 10_000; i++) n = { type: 'paragraph', children: [n] }
    expect(verifierTexteRiche({ root: { type: 'root', children: [n] } })).toMatch(/imbriqué/)
  })
})

describe('profondeurJson', () => {
  it('compte les niveaux sans récursion', () => {
    expect(profondeurJson(1)).toBe(0)
    expect(profondeurJson({})).toBe(1)
    expect(profondeurJson({ a: [{ b: 1 }] })).toBe(3)
    const profond = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000))
    expect(profondeurJson(profond, PROFONDEUR_JSON_MAX)).toBeGreaterThan(PROFONDEUR_JSON_MAX)
    expect(typeof verifierJson(profond)).toBe('string')
    expect(verifierJson({ a: 1 })).toBe(true)
  })
})
