import fc from 'fast-check'
import {
  classerDate,
  classerNombre,
  classerRelation,
  classerSelect,
  dateLisible,
  decider,
  formaterRapport,
  anomalie,
  nombreLisible,
  selectLisible,
  type ColonneStockee,
} from '@/src/domain/donneesStockees'

const txt = (texte: string | null) => ({ texte, typeStockage: 'text' as const })

describe('classerDate (SQLite, texte brut)', () => {
  it('accepte toute date ISO 8601 réelle (Payload garde la chaîne reçue)', () => {
    expect(classerDate(txt('2027-03-01T00:00:00.000Z'), 'sqlite')).toEqual({ etat: 'ok' })
    expect(classerDate(txt('2027-03-01'), 'sqlite')).toEqual({ etat: 'ok' })
    expect(classerDate(txt('2027-03-01T10:00:00+02:00'), 'sqlite')).toEqual({ etat: 'ok' })
    expect(classerDate({ texte: null, typeStockage: 'null' }, 'sqlite')).toEqual({ etat: 'ok' })
  })
  it('normalise ce qui est certain : espaces autour, horodatage en ms, chaîne vide', () => {
    expect(classerDate(txt(' 2027-03-01 '), 'sqlite')).toMatchObject({ etat: 'normalisable', valeur: '2027-03-01T00:00:00.000Z' })
    expect(classerDate(txt('2027-03-01T10:00:00+02:00\n'), 'sqlite')).toMatchObject({ etat: 'normalisable', valeur: '2027-03-01T08:00:00.000Z' })
    expect(classerDate(txt(String(Date.UTC(2027, 2, 1))), 'sqlite')).toMatchObject({ etat: 'normalisable', valeur: '2027-03-01T00:00:00.000Z' })
    expect(classerDate({ texte: String(Date.UTC(2027, 2, 1)), typeStockage: 'integer' }, 'sqlite')).toMatchObject({ etat: 'normalisable' })
    expect(classerDate(txt(''), 'sqlite')).toMatchObject({ etat: 'normalisable', valeur: null })
  })
  it('refuse le reste : texte, 0 / false (stockés 0.0), petit nombre, jour impossible, heure sans fuseau', () => {
    expect(classerDate(txt('not-a-date'), 'sqlite')).toMatchObject({ etat: 'invalide', illisible: true })
    expect(classerDate(txt('0.0'), 'sqlite')).toMatchObject({ etat: 'invalide' })
    expect(classerDate({ texte: '0', typeStockage: 'integer' }, 'sqlite')).toMatchObject({ etat: 'invalide' })
    expect(classerDate(txt('42'), 'sqlite')).toMatchObject({ etat: 'invalide' })
    expect(classerDate(txt('2026-02-30T00:00:00.000Z'), 'sqlite')).toMatchObject({ etat: 'invalide', illisible: false })
    expect(classerDate(txt('2026-02-30'), 'sqlite')).toMatchObject({ etat: 'invalide' })
    expect(classerDate(txt('2027-03-01T10:00'), 'sqlite')).toMatchObject({ etat: 'invalide' })
  })
})

describe('classerDate (PostgreSQL, texte du timestamptz)', () => {
  it('accepte le format de PostgreSQL et l’ISO du JSON', () => {
    expect(classerDate({ texte: '2027-03-01 00:00:00+00' }, 'postgres')).toEqual({ etat: 'ok' })
    expect(classerDate({ texte: '2027-03-01 10:00:00.123+02' }, 'postgres')).toEqual({ etat: 'ok' })
    expect(classerDate({ texte: '2027-03-01 10:00:00+05:30' }, 'postgres')).toEqual({ etat: 'ok' })
    expect(classerDate({ texte: '2027-03-01T00:00:00+00:00' }, 'postgres')).toEqual({ etat: 'ok' })
  })
  it('refuse l’infini et ce que JavaScript ne sait pas lire', () => {
    expect(classerDate({ texte: 'infinity' }, 'postgres')).toMatchObject({ etat: 'invalide', motif: 'date infinie', illisible: true })
    expect(classerDate({ texte: '-infinity' }, 'postgres')).toMatchObject({ etat: 'invalide', illisible: true })
    expect(classerDate({ texte: '0044-03-15 00:00:00+00 BC' }, 'postgres')).toMatchObject({ etat: 'invalide' })
    expect(classerDate({ texte: '20000-01-01 00:00:00+00' }, 'postgres')).toMatchObject({ etat: 'invalide' })
  })
})

describe('classerNombre', () => {
  it('accepte les entiers sûrs et les décimaux quand rien n’exige un entier', () => {
    expect(classerNombre({ texte: '140000', typeStockage: 'integer' }, { entier: true })).toEqual({ etat: 'ok' })
    expect(classerNombre({ texte: '14.5', typeStockage: 'real' })).toEqual({ etat: 'ok' })
    expect(classerNombre({ texte: '140000' })).toEqual({ etat: 'ok' })
  })
  it('repère 2^53 et au-delà, y compris un entier 64 bits exact', () => {
    expect(classerNombre({ texte: '9007199254740992', typeStockage: 'integer' })).toMatchObject({ etat: 'invalide', illisible: true })
    expect(classerNombre({ texte: '9223372036854775807', typeStockage: 'integer' })).toMatchObject({ etat: 'invalide' })
    expect(classerNombre({ texte: '9007199254740991', typeStockage: 'integer' })).toEqual({ etat: 'ok' })
    // PostgreSQL le relit (en texte) : invalide mais pas illisible.
    expect(classerNombre({ texte: '9007199254740992' })).toMatchObject({ etat: 'invalide', illisible: false })
    expect(classerNombre({ texte: '1.0e+300', typeStockage: 'real' })).toMatchObject({ etat: 'invalide' })
  })
  it('repère une date, du texte, NaN et l’infini', () => {
    expect(classerNombre({ texte: '2027-03-01', typeStockage: 'text' }, { entier: true })).toMatchObject({ etat: 'invalide', illisible: true })
    expect(classerNombre({ texte: 'NaN' })).toMatchObject({ etat: 'invalide' })
    expect(classerNombre({ texte: 'Infinity' })).toMatchObject({ etat: 'invalide' })
    expect(classerNombre({ texte: 'Inf', typeStockage: 'real' })).toMatchObject({ etat: 'invalide' })
  })
  it('un entier sûr écrit en texte est normalisé ; un décimal là où un entier est attendu, non', () => {
    expect(classerNombre({ texte: ' 1200 ', typeStockage: 'text' }, { entier: true })).toMatchObject({ etat: 'normalisable', valeur: 1200 })
    expect(classerNombre({ texte: '', typeStockage: 'text' })).toMatchObject({ etat: 'normalisable', valeur: null })
    expect(classerNombre({ texte: '12.5', typeStockage: 'real' }, { entier: true })).toMatchObject({ etat: 'invalide', illisible: false })
    expect(classerNombre({ texte: ' 12.5 ', typeStockage: 'text' }, { entier: true })).toMatchObject({ etat: 'invalide' })
  })
  it('bornes min / max', () => {
    expect(classerNombre({ texte: '-1', typeStockage: 'integer' }, { min: 0 })).toMatchObject({ etat: 'invalide', illisible: false })
    expect(classerNombre({ texte: '2000000', typeStockage: 'integer' }, { max: 1_000_000 })).toMatchObject({ etat: 'invalide' })
  })
})

describe('classerSelect', () => {
  const options = [{ value: 'formation', label: 'Formation' }, { value: 'bilan', label: 'Bilan de compétences' }]
  it('ok dans la liste, normalisé si une seule option correspond à la casse, aux espaces ou au libellé près', () => {
    expect(classerSelect(txt('bilan'), options)).toEqual({ etat: 'ok' })
    expect(classerSelect(txt(' Formation '), options)).toMatchObject({ etat: 'normalisable', valeur: 'formation' })
    expect(classerSelect(txt('bilan de compétences'), options)).toMatchObject({ etat: 'normalisable', valeur: 'bilan' })
    expect(classerSelect(txt(''), options)).toMatchObject({ etat: 'normalisable', valeur: null })
  })
  it('true, 1, une option retirée : invalides (la valeur par défaut n’est pas certaine)', () => {
    expect(classerSelect(txt('true'), options)).toMatchObject({ etat: 'invalide' })
    expect(classerSelect({ texte: '1', typeStockage: 'integer' }, options)).toMatchObject({ etat: 'invalide' })
    expect(classerSelect(txt('1.0'), options)).toMatchObject({ etat: 'invalide' })
    expect(classerSelect({ texte: 'ancien' }, options)).toMatchObject({ etat: 'invalide' })
  })
})

describe('classerRelation', () => {
  it('repère un identifiant qui n’en est pas un et un document absent', () => {
    expect(classerRelation({ texte: '12', typeStockage: 'integer' }, true)).toEqual({ etat: 'ok' })
    expect(classerRelation({ texte: 'abc', typeStockage: 'text' }, false)).toMatchObject({ etat: 'invalide', illisible: true })
    expect(classerRelation({ texte: '999', typeStockage: 'integer' }, false)).toMatchObject({ etat: 'invalide', illisible: false })
  })
})

describe('decider', () => {
  const col = (extra: Partial<ColonneStockee> = {}): ColonneStockee => ({
    collection: 'dossiers', champ: 'formation.dateFin', table: 'dossiers', colonne: 'formation_date_fin', genre: 'date', requis: false, aUnDefaut: false, ...extra,
  })
  it('remplace le certain, vide l’incertain facultatif, signale l’incertain obligatoire ou avec défaut', () => {
    expect(decider(col(), { etat: 'normalisable', valeur: '2027-03-01T00:00:00.000Z', motif: '' })).toEqual({ action: 'remplacer', valeur: '2027-03-01T00:00:00.000Z' })
    expect(decider(col(), { etat: 'normalisable', valeur: null, motif: '' })).toEqual({ action: 'remplacer', valeur: null })
    expect(decider(col({ requis: true }), { etat: 'normalisable', valeur: null, motif: '' })).toEqual({ action: 'signaler' })
    expect(decider(col(), { etat: 'invalide', motif: '', illisible: true })).toEqual({ action: 'vider' })
    expect(decider(col({ requis: true }), { etat: 'invalide', motif: '', illisible: true })).toEqual({ action: 'signaler' })
    expect(decider(col({ aUnDefaut: true }), { etat: 'invalide', motif: '', illisible: true })).toEqual({ action: 'signaler' })
  })
  it('le rapport nomme collection, identifiant, champ, valeur et décision', () => {
    const a = anomalie(col(), { id: '12', ligne: '12' }, txt('not-a-date'), 'sqlite')!
    const b = anomalie(col({ collection: 'payments', champ: 'date', requis: true }), { id: '3', ligne: '3' }, txt('hier'), 'sqlite')!
    const r = formaterRapport([a, b], 'sqlite')
    expect(r).toContain('dossiers :')
    expect(r).toContain('n° 12, formation.dateFin = « not-a-date »')
    expect(r).toContain('n° 3, date = « hier »')
    expect(r).toContain('À DÉCIDER')
    expect(r).toContain('dont 1 à décider')
    expect(formaterRapport([], 'postgres')).toContain('aucune valeur')
  })
})

describe('lecture tolérante', () => {
  it('dates : la date lisible, ou null', () => {
    expect(dateLisible('2027-03-01T00:00:00.000Z', 'sqlite')).toBe('2027-03-01T00:00:00.000Z')
    expect(dateLisible('not-a-date', 'sqlite')).toBeNull()
    expect(dateLisible('', 'sqlite')).toBeNull()
    expect(dateLisible('2026-02-30T00:00:00.000Z', 'sqlite')).toBeNull()
    expect(dateLisible('2027-03-01 00:00:00+00', 'postgres')).toBe('2027-03-01T00:00:00.000Z')
    expect(dateLisible('infinity', 'postgres')).toBeNull()
  })
  it('dates : le chemin rapide (ce que Payload écrit) répond comme le classement complet', () => {
    expect(dateLisible('2027-03-01 10:20:30.5+00', 'postgres')).toBe('2027-03-01T10:20:30.500Z')
    expect(dateLisible('2027-03-01 10:20:30.123456+00', 'postgres')).toBe('2027-03-01T10:20:30.123Z')
    expect(dateLisible('2027-03-01 10:20:30+02', 'postgres')).toBe('2027-03-01T08:20:30.000Z')
    expect(dateLisible('2026-02-30 00:00:00+00', 'postgres')).toBeNull()
    expect(dateLisible('2026-02-29T00:00:00.000Z', 'sqlite')).toBeNull()
    expect(dateLisible('2028-02-29T00:00:00.000Z', 'sqlite')).toBe('2028-02-29T00:00:00.000Z')
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString()
        expect(dateLisible(iso, 'sqlite')).toBe(iso)
        expect(dateLisible(`${iso.slice(0, 10)} ${iso.slice(11, 23)}+00`, 'postgres')).toBe(iso)
      }),
    )
  })
  it('nombres et listes', () => {
    expect(nombreLisible('2027-03-01')).toBeNull()
    expect(nombreLisible('NaN')).toBeNull()
    expect(nombreLisible(12)).toBe(12)
    expect(nombreLisible('140000')).toBe('140000')
    expect(selectLisible('true', [{ value: 'a' }])).toBeNull()
    expect(selectLisible(1, [{ value: 'a' }])).toBeNull()
    expect(selectLisible('a', [{ value: 'a' }])).toBe('a')
  })
})
