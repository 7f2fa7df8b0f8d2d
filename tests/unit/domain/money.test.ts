import {
  MESSAGE_MONTANT_CENTIMES_INVALIDE,
  MontantInvalideError,
  centimesEnEuros,
  estMontantCentimesValide,
  formaterEuros,
  lireSaisieEuros,
  parserEuros,
  validerMontantCentimes,
} from '@/src/domain/money'

const NB = '\u00a0'
const MAX = Number.MAX_SAFE_INTEGER // 9007199254740991

describe('estMontantCentimesValide', () => {
  it('accepte les entiers positifs ou nuls jusqu’à MAX_SAFE_INTEGER', () => {
    expect(estMontantCentimesValide(0)).toBe(true)
    expect(estMontantCentimesValide(1)).toBe(true)
    expect(estMontantCentimesValide(123456)).toBe(true)
    expect(estMontantCentimesValide(MAX)).toBe(true)
  })

  it('refuse négatifs, décimaux, non finis et hors entiers sûrs', () => {
    expect(estMontantCentimesValide(-1)).toBe(false)
    expect(estMontantCentimesValide(12.5)).toBe(false)
    expect(estMontantCentimesValide(0.1 + 0.2)).toBe(false)
    expect(estMontantCentimesValide(NaN)).toBe(false)
    expect(estMontantCentimesValide(Infinity)).toBe(false)
    expect(estMontantCentimesValide(MAX + 1)).toBe(false)
  })

  it('refuse les autres types, même convertibles', () => {
    for (const v of ['100', null, undefined, {}, [], true, BigInt(100)]) {
      expect(estMontantCentimesValide(v)).toBe(false)
    }
  })
})

describe('validerMontantCentimes', () => {
  it('laisse passer un champ vide (optionnel)', () => {
    expect(validerMontantCentimes(null)).toBe(true)
    expect(validerMontantCentimes(undefined)).toBe(true)
  })

  it('accepte un entier de centimes', () => {
    expect(validerMontantCentimes(0)).toBe(true)
    expect(validerMontantCentimes(150000)).toBe(true)
  })

  it('renvoie le message français sinon', () => {
    expect(MESSAGE_MONTANT_CENTIMES_INVALIDE).toBe(
      'Le montant doit être un nombre entier de centimes, positif ou nul.',
    )
    for (const v of [-1, 10.5, NaN, '100', '', {}, MAX + 1]) {
      expect(validerMontantCentimes(v)).toBe(MESSAGE_MONTANT_CENTIMES_INVALIDE)
    }
  })
})

describe('formaterEuros', () => {
  it('formate au format français avec espaces insécables U+00A0', () => {
    expect(formaterEuros(123456)).toBe(`1${NB}234,56${NB}€`)
    expect(formaterEuros(123456)).toBe('1\u00a0234,56\u00a0€')
  })

  it('gère zéro et les petits montants', () => {
    expect(formaterEuros(0)).toBe(`0,00${NB}€`)
    expect(formaterEuros(-0)).toBe(`0,00${NB}€`)
    expect(formaterEuros(5)).toBe(`0,05${NB}€`)
    expect(formaterEuros(50)).toBe(`0,50${NB}€`)
    expect(formaterEuros(99)).toBe(`0,99${NB}€`)
    expect(formaterEuros(100)).toBe(`1,00${NB}€`)
  })

  it('groupe les milliers aux bonnes frontières', () => {
    expect(formaterEuros(99999)).toBe(`999,99${NB}€`)
    expect(formaterEuros(100000)).toBe(`1${NB}000,00${NB}€`)
    expect(formaterEuros(1234567)).toBe(`12${NB}345,67${NB}€`)
    expect(formaterEuros(12345678)).toBe(`123${NB}456,78${NB}€`)
    expect(formaterEuros(100000000)).toBe(`1${NB}000${NB}000,00${NB}€`)
  })

  it('formate les négatifs', () => {
    expect(formaterEuros(-123456)).toBe(`-1${NB}234,56${NB}€`)
    expect(formaterEuros(-5)).toBe(`-0,05${NB}€`)
  })

  it('reste exact sur les très grands montants (pas de division flottante)', () => {
    expect(formaterEuros(MAX)).toBe(`90${NB}071${NB}992${NB}547${NB}409,91${NB}€`)
    expect(formaterEuros(MAX - 92)).toBe(`90${NB}071${NB}992${NB}547${NB}408,99${NB}€`)
    expect(formaterEuros(-MAX)).toBe(`-90${NB}071${NB}992${NB}547${NB}409,91${NB}€`)
  })

  it('n’utilise jamais l’espace fine insécable U+202F ni l’espace ordinaire', () => {
    const s = formaterEuros(123456789)
    expect(s).not.toMatch(/[\u202f ]/)
  })

  it('refuse un montant non entier ou hors entiers sûrs', () => {
    expect(() => formaterEuros(12.5)).toThrow(RangeError)
    expect(() => formaterEuros(NaN)).toThrow(RangeError)
    expect(() => formaterEuros(MAX + 1)).toThrow(RangeError)
    expect(() => formaterEuros('100' as unknown as number)).toThrow(RangeError)
  })
})

describe('centimesEnEuros', () => {
  it('produit un décimal à point sans séparateur de milliers', () => {
    expect(centimesEnEuros(123456)).toBe('1234.56')
    expect(centimesEnEuros(0)).toBe('0.00')
    expect(centimesEnEuros(5)).toBe('0.05')
    expect(centimesEnEuros(10)).toBe('0.10')
    expect(centimesEnEuros(100)).toBe('1.00')
    expect(centimesEnEuros(-5)).toBe('-0.05')
    expect(centimesEnEuros(-123456)).toBe('-1234.56')
    expect(centimesEnEuros(MAX)).toBe('90071992547409.91')
  })

  it('n’introduit pas d’erreur flottante (29 centimes ≠ 0.28999…)', () => {
    expect(centimesEnEuros(29)).toBe('0.29')
    expect(centimesEnEuros(1015)).toBe('10.15')
  })

  it('refuse un montant non entier', () => {
    expect(() => centimesEnEuros(1.5)).toThrow(RangeError)
    expect(() => centimesEnEuros(Infinity)).toThrow(RangeError)
  })
})

describe('parserEuros', () => {
  it('lit les formats usuels', () => {
    expect(parserEuros(`1 234,56 €`)).toBe(123456)
    expect(parserEuros('1234.56')).toBe(123456)
    expect(parserEuros('1234,5')).toBe(123450)
    expect(parserEuros('1 234 €')).toBe(123400)
    expect(parserEuros('1234')).toBe(123400)
    expect(parserEuros('0,05')).toBe(5)
    expect(parserEuros('0')).toBe(0)
    expect(parserEuros('12€')).toBe(1200)
    expect(parserEuros('  42,10  ')).toBe(4210)
    expect(parserEuros('007,50')).toBe(750)
  })

  it('accepte espaces ordinaires, insécables, fines insécables et fines', () => {
    expect(parserEuros('1\u00a0234,56\u00a0€')).toBe(123456)
    expect(parserEuros('1\u202f234,56\u202f€')).toBe(123456)
    expect(parserEuros('1\u2009234\u2009567,00')).toBe(123456700)
  })

  it('relit exactement ce que formaterEuros produit', () => {
    for (const c of [0, 1, 5, 99, 100, 123456, 100000000, 987654321, MAX]) {
      expect(parserEuros(formaterEuros(c))).toBe(c)
    }
    for (const c of [-1, -123456, -MAX]) {
      expect(parserEuros(formaterEuros(c), { autoriserNegatif: true })).toBe(c)
    }
  })

  it('est exact là où un calcul flottant se tromperait', () => {
    // Math.round(parseFloat('1.005') * 100) donne 100, pas 101 — ici 3 décimales sont refusées,
    // mais les montants à 2 décimales doivent être exacts :
    expect(parserEuros('0,29')).toBe(29) // 0.29 * 100 = 28.999999999999996
    expect(parserEuros('1,15')).toBe(115) // 1.15 * 100 = 114.99999999999999
    expect(parserEuros('90071992547409,91')).toBe(MAX)
  })

  it('refuse plus de 2 décimales, y compris « 1.234 » qu’on ne devine pas', () => {
    expect(() => parserEuros('1,234')).toThrow(MontantInvalideError)
    expect(() => parserEuros('1.234')).toThrow(/plus de 2 décimales/)
    expect(() => parserEuros('1,500')).toThrow(/plus de 2 décimales/)
  })

  it('refuse les négatifs par défaut et les accepte sur option', () => {
    expect(() => parserEuros('-12,50')).toThrow(/négatif/)
    expect(() => parserEuros('\u221212,50')).toThrow(MontantInvalideError)
    expect(() => parserEuros('-0')).toThrow(MontantInvalideError)
    expect(parserEuros('-12,50', { autoriserNegatif: true })).toBe(-1250)
    expect(parserEuros('\u22121 234,56 €', { autoriserNegatif: true })).toBe(-123456)
    expect(parserEuros('12,50', { autoriserNegatif: true })).toBe(1250)
    expect(Object.is(parserEuros('-0,00', { autoriserNegatif: true }), 0)).toBe(true)
  })

  it('refuse le n’importe quoi', () => {
    const invalides = [
      '',
      '   ',
      '€',
      'abc',
      '12abc',
      '12,',
      ',50',
      '.50',
      '1,2,3',
      '1.234,56', // point comme séparateur de milliers : ambigu
      '1,234.56',
      '12 34', // groupe de milliers irrégulier
      '1 2345',
      '1  234', // double espace
      '+12',
      '12 € 50',
      '€ 12',
      '12 EUR',
      '1e3',
      '0x10',
      'Infinity',
      'NaN',
      '--12',
    ]
    for (const t of invalides) {
      expect(() => parserEuros(t, { autoriserNegatif: true })).toThrow(MontantInvalideError)
    }
  })

  it('ignore les espaces autour de la saisie', () => {
    expect(parserEuros('1 234   ')).toBe(123400)
  })

  it('refuse les montants au-delà des entiers sûrs', () => {
    expect(() => parserEuros('90071992547409,92')).toThrow(/trop grand/)
    expect(() => parserEuros('99999999999999999999')).toThrow(MontantInvalideError)
  })

  it('refuse les entrées non textuelles', () => {
    for (const v of [1234, null, undefined, {}]) {
      expect(() => parserEuros(v as unknown as string)).toThrow(MontantInvalideError)
    }
  })

  it('produit une erreur nommée, en français, qui garde la saisie', () => {
    let erreur: unknown
    try {
      parserEuros('abc')
    } catch (e) {
      erreur = e
    }
    expect(erreur).toBeInstanceOf(MontantInvalideError)
    expect(erreur).toBeInstanceOf(Error)
    const e = erreur as MontantInvalideError
    expect(e.name).toBe('MontantInvalideError')
    expect(e.message).toBe("« abc » n'est pas un montant valide.")
    expect(e.saisie).toBe('abc')
  })
})

describe('les saisies du ticket 13 (un montant se tape en euros, jamais en centimes)', () => {
  it.each([
    ['1 260,00', 126000],
    ['1260', 126000],
    ['1 260 €', 126000],
    ['1260.5', 126050],
    ['1\u00a0260,00\u00a0€', 126000], // ce que le champ réaffiche, relu tel quel
    ['126000', 12600000], // un ancien réflexe « centimes » est lu en euros : le champ le réaffiche en clair
  ])('« %s » → %i centimes', (saisie, centimes) => {
    expect(parserEuros(saisie)).toBe(centimes)
    expect(lireSaisieEuros(saisie)).toEqual({ ok: true, centimes })
  })
})

describe('lireSaisieEuros', () => {
  it('vide : aucun montant (l’obligation est portée par le champ)', () => {
    expect(lireSaisieEuros('')).toEqual({ ok: true, centimes: null })
    expect(lireSaisieEuros('   ')).toEqual({ ok: true, centimes: null })
  })

  it('refuse avec un message français qui dit quoi taper', () => {
    for (const t of ['abc', '12,345', '-5', '1.234,56', '12 34']) {
      const r = lireSaisieEuros(t)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.message).toMatch(/Saisissez un montant en euros, par exemple 1 260,00\.$/)
    }
    expect(lireSaisieEuros('12,345')).toMatchObject({ message: expect.stringMatching(/^Le montant « 12,345 » a plus de 2 décimales/) })
    expect(lireSaisieEuros('-5')).toMatchObject({ message: expect.stringMatching(/négatif/) })
  })
})
