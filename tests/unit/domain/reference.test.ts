import {
  REGEX_REFERENCE_DOSSIER,
  SEQUENCE_MAX,
  formaterReferenceDossier,
  parserReferenceDossier,
  prochaineSequence,
} from '@/src/domain/reference'

describe('formaterReferenceDossier', () => {
  it('produit MO-<année>-<6 chiffres>', () => {
    expect(formaterReferenceDossier(2026, 123)).toBe('MO-2026-000123')
    expect(formaterReferenceDossier(2026, 1)).toBe('MO-2026-000001')
    expect(formaterReferenceDossier(2027, 999999)).toBe('MO-2027-999999')
    expect(SEQUENCE_MAX).toBe(999999)
  })

  it('refuse une séquence hors 1..999999 ou non entière', () => {
    for (const s of [0, -1, 1_000_000, 1.5, NaN, Infinity]) {
      expect(() => formaterReferenceDossier(2026, s)).toThrow(RangeError)
    }
  })

  it('refuse une année qui ne tient pas sur 4 chiffres', () => {
    for (const a of [999, 10000, 2026.5, NaN, -2026]) {
      expect(() => formaterReferenceDossier(a, 1)).toThrow(RangeError)
    }
  })

  it('trie les références dans l’ordre de création (ordre lexicographique = ordre numérique)', () => {
    const refs = [9, 10, 100, 99999, 100000].map((s) => formaterReferenceDossier(2026, s))
    expect([...refs].sort()).toEqual(refs)
  })
})

describe('REGEX_REFERENCE_DOSSIER', () => {
  it('reconnaît le format exact et rien d’autre', () => {
    expect(REGEX_REFERENCE_DOSSIER.test('MO-2026-000123')).toBe(true)
    for (const r of [
      'MO-2026-00123',
      'MO-2026-0001234',
      'mo-2026-000123',
      'MO-26-000123',
      ' MO-2026-000123',
      'MO-2026-000123 ',
      'XMO-2026-000123',
      'MO_2026_000123',
    ]) {
      expect(REGEX_REFERENCE_DOSSIER.test(r)).toBe(false)
    }
  })

  it('donne le même résultat à chaque appel (pas d’état lastIndex)', () => {
    expect(REGEX_REFERENCE_DOSSIER.test('MO-2026-000123')).toBe(true)
    expect(REGEX_REFERENCE_DOSSIER.test('MO-2026-000123')).toBe(true)
  })
})

describe('parserReferenceDossier', () => {
  it('extrait année et séquence', () => {
    expect(parserReferenceDossier('MO-2026-000123')).toEqual({ annee: 2026, sequence: 123 })
    expect(parserReferenceDossier('MO-2030-999999')).toEqual({ annee: 2030, sequence: 999999 })
  })

  it('est l’inverse de formaterReferenceDossier', () => {
    for (const [a, s] of [
      [2026, 1],
      [2026, 42],
      [1999, 999999],
    ] as const) {
      expect(parserReferenceDossier(formaterReferenceDossier(a, s))).toEqual({
        annee: a,
        sequence: s,
      })
    }
  })

  it('renvoie null pour ce qui n’est pas une référence valide', () => {
    for (const r of ['', 'MO-2026-123', 'MO-2026-000000', 'MO-0999-000001', 'DOS-2026-000001']) {
      expect(parserReferenceDossier(r)).toBeNull()
    }
    for (const v of [null, undefined, 2026, {}]) {
      expect(parserReferenceDossier(v as unknown as string)).toBeNull()
    }
  })
})

describe('prochaineSequence', () => {
  it('commence à 1 sans référence existante', () => {
    expect(prochaineSequence(null, 2026)).toBe(1)
    expect(prochaineSequence(undefined, 2026)).toBe(1)
  })

  it('incrémente la dernière séquence de la même année', () => {
    expect(prochaineSequence('MO-2026-000001', 2026)).toBe(2)
    expect(prochaineSequence('MO-2026-000123', 2026)).toBe(124)
    expect(prochaineSequence('MO-2026-099999', 2026)).toBe(100000)
    expect(prochaineSequence('MO-2026-999998', 2026)).toBe(999999)
  })

  it('repart à 1 quand la dernière référence est d’une autre année', () => {
    expect(prochaineSequence('MO-2025-004512', 2026)).toBe(1)
    expect(prochaineSequence('MO-2027-000010', 2026)).toBe(1)
  })

  it('refuse de dépasser 999999 dans l’année', () => {
    expect(() => prochaineSequence('MO-2026-999999', 2026)).toThrow(RangeError)
    // ...mais l'année suivante repart normalement.
    expect(prochaineSequence('MO-2026-999999', 2027)).toBe(1)
  })

  it('lève une erreur sur une référence illisible plutôt que de repartir à 1', () => {
    expect(() => prochaineSequence('MO-2026-12', 2026)).toThrow(/illisible/)
    expect(() => prochaineSequence('', 2026)).toThrow(/illisible/)
  })

  it('refuse une année invalide', () => {
    expect(() => prochaineSequence(null, 26)).toThrow(RangeError)
    expect(() => prochaineSequence(null, 2026.5)).toThrow(RangeError)
  })

  it('enchaîne avec formaterReferenceDossier', () => {
    let derniere: string | null = null
    const creees: string[] = []
    for (let i = 0; i < 3; i++) {
      derniere = formaterReferenceDossier(2026, prochaineSequence(derniere, 2026))
      creees.push(derniere)
    }
    expect(creees).toEqual(['MO-2026-000001', 'MO-2026-000002', 'MO-2026-000003'])
  })
})
