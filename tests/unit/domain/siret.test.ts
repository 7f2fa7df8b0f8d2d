import {
  cleLuhnValide,
  estSirenValide,
  estSiretValide,
  normaliserSiret,
  sirenDuSiret,
  validerSiret,
  SIREN_LA_POSTE,
  SIRET_SIEGE_LA_POSTE,
} from '@/src/domain/siret'

// Implémentation de référence indépendante, pour fabriquer des numéros valides.
function cleLuhn(prefixe: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidat = prefixe + String(d)
    let somme = 0
    for (let i = 0; i < candidat.length; i++) {
      let c = Number(candidat[candidat.length - 1 - i])
      if (i % 2 === 1) c = c * 2 > 9 ? c * 2 - 9 : c * 2
      somme += c
    }
    if (somme % 10 === 0) return candidat
  }
  throw new Error('impossible')
}

function sommeChiffres(s: string): number {
  return [...s].reduce((t, c) => t + Number(c), 0)
}

// Remplace le dernier chiffre par un autre : casse toujours une clé de Luhn.
function alterer(s: string): string {
  const dernier = Number(s[s.length - 1])
  return s.slice(0, -1) + String((dernier + 1) % 10)
}

const GOOGLE_FRANCE = '73282932000074'

describe('cleLuhnValide', () => {
  it('accepte des numéros Luhn connus', () => {
    expect(cleLuhnValide('79927398713')).toBe(true) // exemple canonique de Luhn
    expect(cleLuhnValide(GOOGLE_FRANCE)).toBe(true)
    expect(cleLuhnValide('732829320')).toBe(true)
  })

  it('refuse une clé incorrecte', () => {
    expect(cleLuhnValide('79927398710')).toBe(false)
    expect(cleLuhnValide(alterer(GOOGLE_FRANCE))).toBe(false)
  })

  it('double les chiffres en partant de la droite, quelle que soit la longueur', () => {
    // '18' : 1 doublé = 2, + 8 = 10 → valide ; doubler depuis la gauche donnerait 2+16→2+7=9.
    expect(cleLuhnValide('18')).toBe(true)
    expect(cleLuhnValide('59')).toBe(true) // 5*2=10→1, +9 = 10
    expect(cleLuhnValide('95')).toBe(false)
  })

  it('refuse le vide et les caractères non numériques', () => {
    expect(cleLuhnValide('')).toBe(false)
    expect(cleLuhnValide('7992739871a')).toBe(false)
    expect(cleLuhnValide(' 79927398713')).toBe(false)
    expect(cleLuhnValide(12 as unknown as string)).toBe(false)
  })
})

describe('estSirenValide', () => {
  it('accepte des SIREN réels et générés', () => {
    expect(estSirenValide('732829320')).toBe(true)
    expect(estSirenValide(SIREN_LA_POSTE)).toBe(true)
    expect(estSirenValide(cleLuhn('12345678'))).toBe(true)
    expect(estSirenValide(cleLuhn('98765432'))).toBe(true)
  })

  it('refuse une clé incorrecte', () => {
    expect(estSirenValide('732829321')).toBe(false)
    expect(estSirenValide(alterer(cleLuhn('12345678')))).toBe(false)
  })

  it('exige exactement 9 chiffres', () => {
    expect(estSirenValide(cleLuhn('1234567'))).toBe(false) // 8 chiffres Luhn-valides
    expect(estSirenValide(cleLuhn('123456789'))).toBe(false) // 10 chiffres Luhn-valides
    expect(estSirenValide('')).toBe(false)
    expect(estSirenValide('73282932A')).toBe(false)
    expect(estSirenValide('732 829 320')).toBe(false)
  })

  it('refuse 000000000, qui passe Luhn mais n’est jamais attribué', () => {
    expect(cleLuhnValide('000000000')).toBe(true)
    expect(estSirenValide('000000000')).toBe(false)
  })

  it('refuse les types autres que string', () => {
    expect(estSirenValide(732829320 as unknown as string)).toBe(false)
    expect(estSirenValide(null as unknown as string)).toBe(false)
  })
})

describe('estSiretValide', () => {
  it('accepte un SIRET réel et des SIRET générés', () => {
    expect(estSiretValide(GOOGLE_FRANCE)).toBe(true)
    const siren = cleLuhn('12345678')
    expect(estSiretValide(cleLuhn(siren + '0001'))).toBe(true)
    expect(estSiretValide(cleLuhn(siren + '9999'))).toBe(true)
  })

  it('refuse une clé incorrecte', () => {
    expect(estSiretValide(alterer(GOOGLE_FRANCE))).toBe(false)
    expect(estSiretValide('12345678900010')).toBe(false)
  })

  it('refuse un SIRET dont la clé globale est bonne mais le SIREN invalide', () => {
    const sirenFaux = alterer(cleLuhn('12345678'))
    const siret = cleLuhn(sirenFaux + '0001')
    expect(cleLuhnValide(siret)).toBe(true)
    expect(estSiretValide(siret)).toBe(false)
  })

  it('exige exactement 14 chiffres', () => {
    expect(estSiretValide(GOOGLE_FRANCE.slice(0, 13))).toBe(false)
    expect(estSiretValide(GOOGLE_FRANCE + '0')).toBe(false)
    expect(estSiretValide(cleLuhn('732829320000'))).toBe(false) // 13 chiffres Luhn
    expect(estSiretValide('7328293200007A')).toBe(false)
    expect(estSiretValide('732 829 320 00074')).toBe(false) // non normalisé
    expect(estSiretValide('')).toBe(false)
    expect(estSiretValide('00000000000000')).toBe(false)
  })

  it('refuse les types autres que string', () => {
    expect(estSiretValide(73282932000074 as unknown as string)).toBe(false)
    expect(estSiretValide(undefined as unknown as string)).toBe(false)
    expect(estSiretValide({} as unknown as string)).toBe(false)
  })

  describe('exception La Poste (SIREN 356000000)', () => {
    it('accepte un établissement dont la somme des chiffres est un multiple de 5, même hors Luhn', () => {
      const siret = '35600000009075' // bureau de poste réel
      expect(sommeChiffres(siret) % 5).toBe(0)
      expect(cleLuhnValide(siret)).toBe(false)
      expect(estSiretValide(siret)).toBe(true)

      expect(sommeChiffres('35600000000001')).toBe(15)
      expect(estSiretValide('35600000000001')).toBe(true)
      expect(estSiretValide('35600000000010')).toBe(true)
      expect(estSiretValide('35600000099999')).toBe(false) // 14 + 45 = 59
      expect(estSiretValide('35600000099995')).toBe(true) // 14 + 41 = 55
    })

    it('refuse un établissement dont la somme n’est pas un multiple de 5, même s’il passe Luhn', () => {
      const siret = '35600000000014'
      expect(cleLuhnValide(siret)).toBe(true)
      expect(sommeChiffres(siret)).toBe(19)
      expect(estSiretValide(siret)).toBe(false)
      expect(estSiretValide('35600000000002')).toBe(false)
    })

    it('accepte le siège (Luhn-valide, somme 26)', () => {
      expect(SIRET_SIEGE_LA_POSTE).toBe('35600000000048')
      expect(sommeChiffres(SIRET_SIEGE_LA_POSTE)).toBe(26)
      expect(cleLuhnValide(SIRET_SIEGE_LA_POSTE)).toBe(true)
      expect(estSiretValide(SIRET_SIEGE_LA_POSTE)).toBe(true)
    })

    it('balaye tous les NIC d’une plage : valide ⇔ somme multiple de 5 (hors siège)', () => {
      for (let nic = 0; nic < 1000; nic++) {
        const siret = SIREN_LA_POSTE + String(nic).padStart(5, '0')
        const attendu = siret === SIRET_SIEGE_LA_POSTE || sommeChiffres(siret) % 5 === 0
        expect([siret, estSiretValide(siret)]).toEqual([siret, attendu])
      }
    })

    it('ne s’applique qu’au SIREN exact de La Poste', () => {
      // 356000001 : somme 15, multiple de 5, mais ce n'est pas La Poste et son SIREN échoue à Luhn.
      expect(estSiretValide('35600000100000')).toBe(false)
      // SIREN valide quelconque : un SIRET non-Luhn dont la somme est multiple de 5 reste refusé.
      const siren = '732829320'
      let trouves = 0
      for (let nic = 0; nic < 200; nic++) {
        const siret = siren + String(nic).padStart(5, '0')
        if (sommeChiffres(siret) % 5 === 0 && !cleLuhnValide(siret)) {
          expect([siret, estSiretValide(siret)]).toEqual([siret, false])
          trouves++
        }
      }
      expect(trouves).toBeGreaterThan(10)
    })
  })
})

describe('normaliserSiret', () => {
  it('retire espaces, points, tirets et espaces insécables', () => {
    expect(normaliserSiret('123 456 789 00012')).toBe('12345678900012')
    expect(normaliserSiret('123.456.789-00012')).toBe('12345678900012')
    expect(normaliserSiret(' 732\u00a0829\u202f320\t00074 ')).toBe(GOOGLE_FRANCE)
  })

  it('laisse les autres caractères, pour que la validation les signale', () => {
    expect(normaliserSiret('732 829 32O 00074')).toBe('73282932O00074')
    expect(normaliserSiret('732/829')).toBe('732/829')
  })
})

describe('sirenDuSiret', () => {
  it('renvoie les 9 premiers chiffres', () => {
    expect(sirenDuSiret(GOOGLE_FRANCE)).toBe('732829320')
    expect(sirenDuSiret('356 000 000 09075')).toBe(SIREN_LA_POSTE)
  })

  it('refuse ce qui n’est pas un SIRET à 14 chiffres', () => {
    expect(() => sirenDuSiret('732829320')).toThrow(RangeError)
    expect(() => sirenDuSiret('7328293200007A')).toThrow(RangeError)
    expect(() => sirenDuSiret('')).toThrow(RangeError)
  })
})

describe('validerSiret', () => {
  it('renvoie true pour un SIRET valide, même saisi avec séparateurs', () => {
    expect(validerSiret(GOOGLE_FRANCE)).toBe(true)
    expect(validerSiret('732 829 320 00074')).toBe(true)
    expect(validerSiret('356.000.000-09075')).toBe(true)
    expect(validerSiret(SIRET_SIEGE_LA_POSTE)).toBe(true)
  })

  it('signale une clé incorrecte en citant le numéro normalisé', () => {
    expect(validerSiret('12345678900010')).toBe(
      'Le SIRET 12345678900010 est invalide (clé de contrôle incorrecte).',
    )
    expect(validerSiret('123 456 789 00010')).toBe(
      'Le SIRET 12345678900010 est invalide (clé de contrôle incorrecte).',
    )
    expect(validerSiret('35600000000014')).toBe(
      'Le SIRET 35600000000014 est invalide (clé de contrôle incorrecte).',
    )
  })

  it('signale une mauvaise longueur', () => {
    expect(validerSiret('7328293200007')).toBe('Le SIRET doit comporter 14 chiffres.')
    expect(validerSiret('732829320000740')).toBe('Le SIRET doit comporter 14 chiffres.')
    expect(validerSiret('732829320')).toBe('Le SIRET doit comporter 14 chiffres.')
  })

  it('signale les lettres', () => {
    expect(validerSiret('7328293200007A')).toBe('Le SIRET ne doit contenir que des chiffres.')
    expect(validerSiret('abc')).toBe('Le SIRET ne doit contenir que des chiffres.')
  })

  it('signale une saisie vide', () => {
    expect(validerSiret('')).toBe('Le SIRET est obligatoire.')
    expect(validerSiret('   ')).toBe('Le SIRET est obligatoire.')
  })

  it('renvoie un message (jamais true ni exception) pour un type inattendu', () => {
    for (const v of [73282932000074, null, undefined, {}, [GOOGLE_FRANCE], true]) {
      expect(validerSiret(v)).toBe('Le SIRET doit comporter 14 chiffres.')
    }
  })
})
