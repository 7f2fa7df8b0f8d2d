import { describe, expect, it } from '@jest/globals'
import {
  etatDerniereSauvegarde,
  tailleFr,
  archivesASupprimer,
  cheminSur,
  construireManifeste,
  dateDeNomArchive,
  ecartsContenu,
  ecartsTables,
  ErreurSauvegarde,
  fichiersStockes,
  lireDerniereSauvegarde,
  lireManifeste,
  nomArchive,
  nomArchiveLibre,
} from '@/src/domain/sauvegarde'
import { lireConfigSauvegarde } from '@/src/config/env'

const H = (c: string) => c.repeat(64)
const manifeste = () =>
  construireManifeste({
    creeLe: new Date('2026-03-14T02:15:09.123Z'),
    application: { nom: 'monopco', version: '0.1.0' },
    base: { type: 'sqlite', tables: { users: 3, invoices: 2, payload_migrations: 5 }, migrations: ['20261124_030720_initial'] },
    stockage: { type: 'local' },
    fichiers: [
      { chemin: 'fichiers/documents/b.pdf', octets: 10, sha256: H('b') },
      { chemin: 'base/monopco.sqlite', octets: 4096, sha256: H('a') },
    ],
  })

describe('nom des archives', () => {
  it('monopco-AAAAMMJJ-HHMMSS.tar.gz en UTC, relu en la même date', () => {
    const d = new Date('2026-03-04T02:05:09.999Z')
    expect(nomArchive(d)).toBe('monopco-20260304-020509.tar.gz')
    expect(dateDeNomArchive('monopco-20260304-020509.tar.gz')?.toISOString()).toBe('2026-03-04T02:05:09.000Z')
    expect(dateDeNomArchive('monopco-20260304-020509-2.tar.gz')?.toISOString()).toBe('2026-03-04T02:05:09.000Z')
  })
  it('tout autre nom n’est pas une archive (date impossible comprise)', () => {
    for (const n of ['derniere-sauvegarde.json', 'monopco-20260230-000000.tar.gz', 'monopco-20260304-020509.tar', 'x-monopco-20260304-020509.tar.gz', 'monopco-20260304-246000.tar.gz']) {
      expect(dateDeNomArchive(n)).toBeNull()
    }
  })
  it('deux sauvegardes dans la même seconde : -2, -3…', () => {
    const d = new Date('2026-03-04T02:05:09Z')
    const pris = new Set(['monopco-20260304-020509.tar.gz', 'monopco-20260304-020509-2.tar.gz'])
    expect(nomArchiveLibre(d, (n) => pris.has(n))).toBe('monopco-20260304-020509-3.tar.gz')
    expect(nomArchiveLibre(d, () => false)).toBe('monopco-20260304-020509.tar.gz')
  })
})

describe('rétention', () => {
  const noms = [
    'monopco-20260301-020000.tar.gz',
    'derniere-sauvegarde.json',
    'monopco-20260303-020000.tar.gz',
    'monopco-20260302-020000.tar.gz',
    'monopco-20260303-020000-2.tar.gz',
    'notes.txt',
    '.sauvegarde-en-cours-abc',
  ]
  it('garde les N plus récentes par la date du nom, ne touche à rien d’autre', () => {
    expect(archivesASupprimer(noms, 2)).toEqual(['monopco-20260302-020000.tar.gz', 'monopco-20260301-020000.tar.gz'])
    expect(archivesASupprimer(noms, 7)).toEqual([])
    expect(archivesASupprimer(noms, 1)).toEqual(['monopco-20260303-020000.tar.gz', 'monopco-20260302-020000.tar.gz', 'monopco-20260301-020000.tar.gz'])
  })
  it('garder 0 est refusé (on ne supprime jamais la sauvegarde qu’on vient d’écrire)', () => {
    expect(() => archivesASupprimer(noms, 0)).toThrow(ErreurSauvegarde)
  })
})

describe('chemins dans une archive', () => {
  it('relatifs, sans .. ni barre oblique inverse', () => {
    expect(cheminSur('fichiers/documents/Devis-1.pdf')).toBe(true)
    for (const c of ['', '/etc/passwd', '../x', 'fichiers/../../x', 'a//b', 'a/./b', 'a\\b', 'a\u0000b', 'fichiers/']) expect(cheminSur(c)).toBe(false)
  })
})

describe('manifeste', () => {
  it('construit : fichiers triés, base repérée, tables triées ; relu à l’identique', () => {
    const m = manifeste()
    expect(m.fichiers.map((f) => f.chemin)).toEqual(['base/monopco.sqlite', 'fichiers/documents/b.pdf'])
    expect(m.base.fichier).toBe('base/monopco.sqlite')
    expect(Object.keys(m.base.tables)).toEqual(['invoices', 'payload_migrations', 'users'])
    expect(m.creeLe).toBe('2026-03-14T02:15:09.123Z')
    expect(lireManifeste(JSON.stringify(m))).toEqual(m)
  })
  it('refuse une base absente de la liste ou un chemin dangereux', () => {
    expect(() => construireManifeste({ ...manifeste(), creeLe: new Date(), base: { type: 'postgres', tables: {}, migrations: [] }, fichiers: [] })).toThrow(/la base/)
    expect(() =>
      construireManifeste({ creeLe: new Date(), application: { nom: 'm', version: '1' }, base: { type: 'sqlite', tables: {}, migrations: [] }, stockage: { type: 'local' }, fichiers: [{ chemin: '../x', octets: 1, sha256: H('c') }] }),
    ).toThrow(/chemin/)
  })
  it('refuse en français un manifeste illisible, d’un autre format ou incohérent', () => {
    const m = manifeste() as unknown as Record<string, unknown>
    const cas: [unknown, RegExp][] = [
      ['{', /JSON invalide/],
      [{ ...m, format: 'autre' }, /format « autre » inconnu/],
      [{ ...m, version: 2 }, /version 2 non prise en charge/],
      [{ ...m, creeLe: 'hier' }, /date de création/],
      [{ ...m, base: { ...(m.base as object), type: 'mongodb' } }, /type de base/],
      [{ ...m, base: { ...(m.base as object), tables: { users: -1 } } }, /nombres de lignes/],
      [{ ...m, stockage: { type: 'ftp' } }, /type de stockage/],
      [{ ...m, fichiers: [{ chemin: 'base/monopco.sqlite', octets: 1, sha256: 'abc' }] }, /entrée de la liste/],
      [{ ...m, fichiers: [{ chemin: '../../etc/passwd', octets: 1, sha256: H('a') }] }, /chemin de fichier refusé/],
      [{ ...m, fichiers: [{ chemin: 'fichiers/a', octets: 1, sha256: H('a') }] }, /n'est pas dans la liste/],
      [{ ...m, fichiers: [...(m.fichiers as object[]), (m.fichiers as object[])[0]] }, /listé deux fois/],
    ]
    for (const [v, attendu] of cas) expect(() => lireManifeste(typeof v === 'string' ? v : JSON.stringify(v))).toThrow(attendu)
  })
  it('fichiersStockes : les fichiers déposés, relatifs à fichiers/', () => {
    expect(fichiersStockes(manifeste())).toEqual([{ chemin: 'documents/b.pdf', octets: 10, sha256: H('b') }])
  })
})

describe('écarts', () => {
  it('contenu : manquant, altéré, en trop', () => {
    const m = manifeste()
    const intact = new Map(m.fichiers.map((f) => [f.chemin, { octets: f.octets, sha256: f.sha256 }]))
    expect(ecartsContenu(m, intact)).toEqual([])
    const abime = new Map(intact)
    abime.set('fichiers/documents/b.pdf', { octets: 10, sha256: H('c') })
    abime.delete('base/monopco.sqlite')
    abime.set('fichiers/intrus.sh', { octets: 1, sha256: H('d') })
    expect(ecartsContenu(m, abime)).toEqual([
      'fichier manquant : base/monopco.sqlite',
      'empreinte différente : fichiers/documents/b.pdf',
      'fichier non listé dans le manifeste : fichiers/intrus.sh',
    ])
  })
  it('tables : nombre différent, table manquante ou en trop', () => {
    expect(ecartsTables({ a: 1, b: 2 }, { a: 1, b: 2 })).toEqual([])
    expect(ecartsTables({ a: 1, b: 2 }, { a: 3, c: 0 })).toEqual(['a : 3 lignes au lieu de 1', 'table manquante : b', 'table absente du manifeste : c'])
  })
})

describe('dernière sauvegarde', () => {
  it('relue si complète, sinon null', () => {
    const d = { date: '2026-03-14T02:15:09.123Z', fichier: '/sauvegardes/monopco-20260314-021509.tar.gz', octets: 1234 }
    expect(lireDerniereSauvegarde(d)).toEqual(d)
    expect(lireDerniereSauvegarde(null)).toBeNull()
    expect(lireDerniereSauvegarde({ ...d, date: 'x' })).toBeNull()
    expect(lireDerniereSauvegarde({ ...d, octets: -1 })).toBeNull()
  })
})

describe('BACKUP_CRON, BACKUP_DIR, BACKUP_KEEP (src/config/env.ts)', () => {
  it('par défaut : pas de sauvegarde planifiée, data/sauvegardes, 7 archives', () => {
    const c = lireConfigSauvegarde({})
    expect(c).toEqual({ cron: null, dossier: expect.stringMatching(/\/data\/sauvegardes$/), garder: 7 })
    expect(lireConfigSauvegarde({ BACKUP_CRON: ' 30 2 * * * ', BACKUP_DIR: '/var/backups/monopco', BACKUP_KEEP: '30' })).toEqual({ cron: '30 2 * * *', dossier: '/var/backups/monopco', garder: 30 })
  })
  it('une valeur invalide arrête le démarrage avec un message en français qui nomme la variable', () => {
    expect(() => lireConfigSauvegarde({ BACKUP_CRON: 'chaque nuit' })).toThrow(/BACKUP_CRON invalide : « chaque nuit » n'est pas une expression cron/)
    expect(() => lireConfigSauvegarde({ BACKUP_KEEP: '0' })).toThrow(/BACKUP_KEEP invalide : doit être compris entre 1 et 1000/)
    expect(() => lireConfigSauvegarde({ BACKUP_KEEP: 'sept' })).toThrow(/BACKUP_KEEP invalide : « sept » n'est pas un entier/)
    expect(() => lireConfigSauvegarde({ BACKUP_DIR: 'a\nb' })).toThrow(/BACKUP_DIR invalide/)
  })
})


describe('dernière sauvegarde sur l’accueil de l’admin', () => {
  const maintenant = new Date('2026-12-03T10:00:00Z')
  it('aucune sauvegarde : une alerte qui dit quoi faire', () => {
    expect(etatDerniereSauvegarde(null, maintenant)).toEqual({ texte: expect.stringMatching(/^Aucune sauvegarde enregistrée.*BACKUP_CRON.*npm run backup/), alerte: true })
  })
  it('récente : date à l’heure de Paris et taille, sans alerte', () => {
    expect(etatDerniereSauvegarde({ date: '2026-12-03T01:30:00Z', fichier: 'a.tar.gz', octets: 1_468_006 }, maintenant)).toEqual({ texte: 'Dernière sauvegarde : 03/12/2026 02:30 (1,4 Mo)', alerte: false })
  })
  it('plus de 26 heures : alerte', () => {
    const r = etatDerniereSauvegarde({ date: '2026-12-02T07:59:00Z', fichier: 'a.tar.gz', octets: 2048 }, maintenant)
    expect(r).toEqual({ texte: 'Dernière sauvegarde : 02/12/2026 08:59 (2 Ko), il y a plus de 26 heures.', alerte: true })
  })
  it('tailles en français', () => {
    expect(tailleFr(1)).toBe('1 octet')
    expect(tailleFr(1023)).toBe('1023 octets')
    expect(tailleFr(1536)).toBe('1,5 Ko')
    expect(tailleFr(3 * 1024 ** 3)).toBe('3 Go')
  })
})
