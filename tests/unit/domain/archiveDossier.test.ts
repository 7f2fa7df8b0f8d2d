import { describe, expect, it } from '@jest/globals'
import {
  celluleSure,
  construireManifeste,
  contenuEml,
  dedoublonner,
  dernieresVersions,
  emailDuParcours,
  lignesJournal,
  lignesManifeste,
  nomArchive,
  nomDocument,
  nomEmail,
  nomFichierSur,
  type DocumentArchivable,
} from '@/src/domain/archiveDossier'

const genere = (id: number, type: string, version: number, generation: number, facture: number | null = null): DocumentArchivable => ({
  id,
  documentType: type,
  origin: 'generated',
  version,
  filename: `DOS-2026-0001-${type}-v${version}.pdf`,
  createdAt: `2026-02-0${Math.min(version, 9)}T10:00:00.000Z`,
  generation: { id: generation, documentType: type, facture },
})

describe('archive du dossier : dernières versions', () => {
  it('garde la dernière version de chaque document généré, chaque pièce déposée, chaque facture', () => {
    const docs: DocumentArchivable[] = [
      genere(1, 'convention', 1, 10),
      genere(2, 'convention', 2, 11),
      genere(3, 'convention', 3, 12),
      genere(4, 'demande_prise_en_charge', 1, 13),
      genere(5, 'facture', 1, 14, 100),
      genere(6, 'facture', 1, 15, 101),
      { id: 7, documentType: 'devis', origin: 'uploaded', version: 1, filename: 'devis-0a1b2c3d.pdf', createdAt: '2026-01-05T09:00:00.000Z' },
      { id: 8, documentType: 'devis', origin: 'uploaded', version: 1, filename: 'devis-corrige-0a1b2c3e.pdf', createdAt: '2026-01-06T09:00:00.000Z' },
      // Produced by the server without a generation row (older data): in its type's series, v3 wins.
      { id: 9, documentType: 'convention', origin: 'generated', version: 1, filename: 'convention-9.pdf', createdAt: '2026-01-01T09:00:00.000Z', generation: null },
      // Signed conventions carry the version of the convention they sign, without a generation row.
      { id: 10, documentType: 'convention_signee', origin: 'generated', version: 2, filename: 'signee-v2.pdf', createdAt: '2026-02-05T09:00:00.000Z', generation: null },
      { id: 11, documentType: 'convention_signee', origin: 'generated', version: 3, filename: 'signee-v3.pdf', createdAt: '2026-02-09T09:00:00.000Z', generation: null },
    ]
    const ids = dernieresVersions(docs).map((d) => d.id)
    expect(ids.sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 11])
    // Whatever the order they are read in.
    expect(dernieresVersions([...docs].reverse()).map((d) => d.id).sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 11])
  })

  it('à version égale, la plus récente puis le plus grand id', () => {
    const a = { ...genere(1, 'convention', 2, 10), createdAt: '2026-02-01T10:00:00.000Z' }
    const b = { ...genere(2, 'convention', 2, 11), createdAt: '2026-02-03T10:00:00.000Z' }
    expect(dernieresVersions([b, a]).map((d) => d.id)).toEqual([2])
    const c = { ...b, id: 3 }
    expect(dernieresVersions([c, b]).map((d) => d.id)).toEqual([3])
  })
})

describe('archive du dossier : noms de fichiers', () => {
  it('lisibles et en français', () => {
    expect(nomDocument(genere(3, 'convention', 3, 12))).toBe('Convention de formation v3.pdf')
    expect(nomDocument(genere(4, 'demande_prise_en_charge', 1, 13))).toBe('Demande de prise en charge.pdf')
    expect(nomDocument(genere(5, 'facture', 1, 14, 100))).toBe('Facture 100.pdf')
    expect(nomDocument({ id: 7, documentType: 'devis', origin: 'uploaded', filename: 'Devis-signe-0a1b2c3d.pdf' })).toBe('Devis - Devis signe.pdf')
    expect(nomDocument({ id: 7, documentType: 'feuille_emargement', origin: 'uploaded', filename: 'scan.PNG' })).toBe('Feuille d’émargement - scan.png')
    expect(nomDocument({ id: 7, documentType: 'inconnu', origin: 'uploaded', filename: null })).toBe('inconnu')
  })

  it('jamais un chemin, un caractère interdit sous Windows, un caractère de contrôle ou un nom vide', () => {
    for (const hostile of ['../../etc/passwd', 'a\\b', 'C:\\x', 'nul\u0000l', 'a\r\nb', '<script>', '...', '   ', 'x'.repeat(500), '"*?|']) {
      const n = nomFichierSur(hostile)
      expect(n).not.toMatch(/[\\/:*?"<>|\u0000-\u001f]/)
      expect(n).not.toMatch(/^\.|\.$/)
      expect(n.length).toBeGreaterThan(0)
      expect(Array.from(n).length).toBeLessThanOrEqual(120)
    }
    expect(nomFichierSur('Crème brûlée')).toBe('Crème brûlée')
    expect(nomFichierSur('Cre\u0300me')).toBe('Crème')
  })

  it('dédoublonnés sans tenir compte de la casse, l’extension gardée', () => {
    expect(dedoublonner(['documents/Devis.pdf', 'documents/devis.pdf', 'documents/Devis.pdf', 'documents/Devis (2).pdf', 'journal'])).toEqual([
      'documents/Devis.pdf',
      'documents/devis (2).pdf',
      'documents/Devis (3).pdf',
      'documents/Devis (2) (2).pdf',
      'journal',
    ])
  })

  it('nom de l’archive : ASCII, référence du dossier, jour de Paris', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Paris.
    expect(nomArchive('DOS-2026-0042', 42, new Date('2026-12-31T23:30:00Z'))).toBe('archive-DOS-2026-0042-2027-01-01.zip')
    expect(nomArchive('Réf "x"\r\n/..', 7, new Date('2026-06-01T10:00:00Z'))).toBe('archive-Ref-x-2026-06-01.zip')
    expect(nomArchive(null, 7, new Date('2026-06-01T10:00:00Z'))).toBe('archive-dossier-7-2026-06-01.zip')
  })

  it('e-mail : date et heure de Paris puis l’objet', () => {
    expect(nomEmail({ subject: 'Votre dossier DOS-1 est validé', createdAt: '2026-07-14T08:05:00.000Z' })).toBe('2026-07-14 10h05 - Votre dossier DOS-1 est validé.eml')
    expect(nomEmail({ subject: '../../x', createdAt: 'pas une date' })).toBe('date inconnue - ..-..-x.eml')
  })
})

describe('archive du dossier : e-mails', () => {
  const email = {
    id: 5,
    to: 'claire@exemple.fr',
    subject: 'Dossier validé — étape suivante',
    template: 'dossier_valide',
    status: 'bounced',
    text: 'Bonjour,\nvotre dossier est validé.',
    html: '<p>Bonjour</p>',
    createdAt: '2026-03-01T09:00:00.000Z',
    sentAt: '2026-03-01T09:01:00.000Z',
    lastError: 'boîte pleine\r\nBcc: pirate@exemple.fr',
    attempts: 2,
  }

  it('un .eml avec ses en-têtes, son statut d’envoi et ses deux corps', () => {
    const eml = contenuEml(email, { nom: 'MonOPCO', adresse: 'notifications@monopco.fr' })
    const [entetes, corps] = [eml.split('\r\n\r\n')[0]!, eml.split('\r\n\r\n').slice(1).join('\r\n\r\n')]
    expect(entetes).toContain('From: MonOPCO <notifications@monopco.fr>')
    expect(entetes).toContain('To: claire@exemple.fr')
    expect(entetes).toContain(`Subject: =?UTF-8?B?${Buffer.from(email.subject).toString('base64')}?=`)
    expect(entetes).toContain('Date: Sun, 01 Mar 2026 09:01:00 +0000')
    expect(entetes).toContain('X-MonOPCO-Modele: dossier_valide')
    expect(entetes).toContain('X-MonOPCO-Tentatives: 2')
    expect(entetes).toMatch(/X-MonOPCO-Statut: =\?UTF-8\?B\?/)
    expect(Buffer.from(/X-MonOPCO-Statut: =\?UTF-8\?B\?(.*)\?=/.exec(entetes)![1]!, 'base64').toString()).toBe('Rejeté (bounced)')
    // A value with a line break stays on its header line: no injected header.
    expect(entetes.split('\r\n').some((l) => l.startsWith('Bcc:'))).toBe(false)
    expect(corps).toContain('votre dossier est validé.')
    expect(corps).toContain('<p>Bonjour</p>')
  })

  it('les e-mails du parcours pour les OPCO ; ni les notifications de messages, ni les comptes', () => {
    for (const m of ['dossier_valide', 'dossier_opco', 'relance_opco', 'relance_pieces', 'reponse_opco', 'accuse_reception']) expect([m, emailDuParcours(m)]).toEqual([m, true])
    for (const m of ['message_recu', 'message_recu_equipe', 'mot_de_passe', 'bienvenue', 'rattachement_demande', 'autre']) expect([m, emailDuParcours(m)]).toEqual([m, false])
  })
})

describe('archive du dossier : journal et manifeste', () => {
  it('aucune cellule qu’un tableur exécuterait', () => {
    for (const v of ['=1+1', '+33', '-2', '@SUM(A1)', '\tx', '\rx']) expect(celluleSure(v).startsWith("'")).toBe(true)
    expect(celluleSure('Brouillon → Soumis')).toBe('Brouillon → Soumis')
    const [l] = lignesJournal([{ date: '2026-03-01T09:00:00.000Z', type: 'transition', titre: '=HYPERLINK("x")', detail: 'par A' }])
    expect(l).toEqual({ 'Date (heure de Paris)': '01/03/2026 10:00', Type: 'Étape', Événement: '\'=HYPERLINK("x")', Détail: 'par A' })
  })

  it('manifeste : dossier, date de Paris, demandeur, chaque fichier avec son origine', () => {
    const m = construireManifeste(
      {
        dossier: { id: 4, reference: 'DOS-2026-0004' },
        demandePar: { id: 1, role: 'opco', libelle: 'Julie Martin (opco)' },
        fichiers: [{ chemin: 'documents/Devis.pdf', sha256: 'a'.repeat(64), octets: 12, origine: { collection: 'documents', id: 9, description: 'Devis (déposé)' } }],
        absents: [],
        emailsNonInclus: 0,
      },
      new Date('2026-08-01T22:30:00Z'),
    )
    expect(m).toMatchObject({ format: 'monopco-archive-dossier', version: 1, genereLe: '02/08/2026 00:30', genereLeIso: '2026-08-01T22:30:00.000Z' })
    expect(lignesManifeste(m)).toEqual([{ Fichier: 'documents/Devis.pdf', 'SHA-256': 'a'.repeat(64), Octets: '12', Collection: 'documents', Identifiant: '9', Description: 'Devis (déposé)' }])
  })
})
