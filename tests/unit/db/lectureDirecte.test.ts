import { describe, expect, it } from '@jest/globals'
import { cheminFichierSqlite } from '@/src/db/lectureDirecte'

describe('cheminFichierSqlite : la connexion directe ne s’ouvre que sur un fichier local en clair', () => {
  it('rend le chemin des URL file:', () => {
    expect(cheminFichierSqlite({ url: 'file:./data/monopco.db' })).toBe('./data/monopco.db')
    expect(cheminFichierSqlite({ url: 'file:/srv/monopco/monopco.db?mode=rwc' })).toBe('/srv/monopco/monopco.db')
    expect(cheminFichierSqlite({ url: 'file:///srv/monopco/mon%20opco.db' })).toBe('/srv/monopco/mon opco.db')
  })
  it('refuse la mémoire, les bases distantes et chiffrées (l’adaptateur de Payload les lit)', () => {
    for (const config of [undefined, {}, { url: ':memory:' }, { url: 'file::memory:' }, { url: 'file:' }, { url: 'libsql://base.example' }, { url: 'http://127.0.0.1:8080' }, { url: 'file:./a.db', authToken: 'x' }, { url: 'file:./a.db', encryptionKey: 'k' }]) {
      expect([config, cheminFichierSqlite(config)]).toEqual([config, null])
    }
  })
})
