import { describe, expect, it } from '@jest/globals'
import {
  detecterTypeFichier,
  nettoyerNomFichier,
  nomFichierStocke,
  TAILLE_MAX_DOCUMENT,
  TYPES_FICHIER_ACCEPTES,
  verifierContenuFichier,
  verifierNomFichier,
} from '@/src/domain/fichiers'

const octets = (...valeurs: number[]): Uint8Array => new Uint8Array(valeurs)
const texte = (s: string): Uint8Array => new TextEncoder().encode(s)
const avecSuite = (debut: Uint8Array, suite = 32): Uint8Array => {
  const out = new Uint8Array(debut.length + suite)
  out.set(debut)
  out.fill(0x41, debut.length)
  return out
}

const PDF = texte('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')
const PNG = avecSuite(octets(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))
const JPEG = avecSuite(octets(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46))

describe('detecterTypeFichier', () => {
  it('reconnaît un PDF par sa signature %PDF-', () => {
    expect(detecterTypeFichier(PDF)).toBe('application/pdf')
  })

  it('reconnaît un PNG par sa signature complète de 8 octets', () => {
    expect(detecterTypeFichier(PNG)).toBe('image/png')
  })

  it('reconnaît un JPEG (JFIF et EXIF)', () => {
    expect(detecterTypeFichier(JPEG)).toBe('image/jpeg')
    expect(detecterTypeFichier(avecSuite(octets(0xff, 0xd8, 0xff, 0xe1)))).toBe('image/jpeg')
  })

  it('accepte une signature exacte sans rien après', () => {
    expect(detecterTypeFichier(texte('%PDF-'))).toBe('application/pdf')
    expect(detecterTypeFichier(octets(0xff, 0xd8, 0xff))).toBe('image/jpeg')
  })

  it('refuse un fichier vide', () => {
    expect(detecterTypeFichier(new Uint8Array())).toBeNull()
  })

  it('refuse du HTML, même renommé en .pdf (le nom n’est jamais lu)', () => {
    expect(detecterTypeFichier(texte('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'))).toBeNull()
    expect(detecterTypeFichier(texte('<html>%PDF-1.4</html>'))).toBeNull()
  })

  it('exige la signature au tout début du contenu', () => {
    expect(detecterTypeFichier(texte(' %PDF-1.7'))).toBeNull()
    expect(detecterTypeFichier(texte('\uFEFF%PDF-1.7'))).toBeNull()
  })

  it('refuse les signatures tronquées', () => {
    expect(detecterTypeFichier(texte('%PDF'))).toBeNull()
    expect(detecterTypeFichier(texte('%PDF1.7'))).toBeNull()
    expect(detecterTypeFichier(octets(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBeNull()
    expect(detecterTypeFichier(octets(0xff, 0xd8))).toBeNull()
    expect(detecterTypeFichier(octets(0xff))).toBeNull()
  })

  it('refuse une signature PNG altérée sur un seul octet', () => {
    const altere = PNG.slice()
    altere[7] = 0x00
    expect(detecterTypeFichier(altere)).toBeNull()
  })

  it('refuse SVG, GIF et ZIP (dont les documents Office)', () => {
    expect(detecterTypeFichier(texte('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull()
    expect(detecterTypeFichier(texte('<svg onload="alert(1)"/>'))).toBeNull()
    expect(detecterTypeFichier(avecSuite(texte('GIF89a')))).toBeNull()
    expect(detecterTypeFichier(avecSuite(texte('GIF87a')))).toBeNull()
    expect(detecterTypeFichier(avecSuite(octets(0x50, 0x4b, 0x03, 0x04)))).toBeNull()
  })

  it('ne renvoie que des types de la liste acceptée', () => {
    for (const contenu of [PDF, PNG, JPEG]) {
      expect(TYPES_FICHIER_ACCEPTES).toContain(detecterTypeFichier(contenu))
    }
  })
})

describe('nettoyerNomFichier', () => {
  const SUR = /^[A-Za-z0-9_][A-Za-z0-9._-]*\.(pdf|png|jpg)$/

  it('garde un nom déjà propre', () => {
    expect(nettoyerNomFichier('convention_2026.pdf', 'application/pdf')).toBe('convention_2026.pdf')
  })

  it('retire tout chemin (traversée de répertoires)', () => {
    expect(nettoyerNomFichier('../../etc/passwd.pdf', 'application/pdf')).toBe('passwd.pdf')
    expect(nettoyerNomFichier('..\\..\\windows\\system32\\evil.pdf', 'application/pdf')).toBe('evil.pdf')
    expect(nettoyerNomFichier('C:\\Users\\Jean\\Mes documents\\attestation.pdf', 'application/pdf')).toBe('attestation.pdf')
    expect(nettoyerNomFichier('/var/www/../../x.png', 'image/png')).toBe('x.png')
  })

  it('retire les accents au lieu de supprimer les lettres', () => {
    expect(nettoyerNomFichier('Relevé d’été.pdf', 'application/pdf')).toBe('Releve-d-ete.pdf')
    expect(nettoyerNomFichier('Attestation_Hélène_Çà.pdf', 'application/pdf')).toBe('Attestation_Helene_Ca.pdf')
  })

  it('remplace les espaces et caractères spéciaux par un seul tiret', () => {
    expect(nettoyerNomFichier('mon   fichier  (final) #2.png', 'image/png')).toBe('mon-fichier-final-2.png')
  })

  it('écarte les caractères non latins et les émojis sans laisser de tiret au bord', () => {
    expect(nettoyerNomFichier('😀 photo.jpg', 'image/jpeg')).toBe('photo.jpg')
    expect(nettoyerNomFichier('日本語.pdf', 'application/pdf')).toBe('document.pdf')
  })

  it('remplace l’extension par celle du type détecté', () => {
    expect(nettoyerNomFichier('photo.pdf', 'image/png')).toBe('photo.png')
    expect(nettoyerNomFichier('scan.JPEG', 'image/jpeg')).toBe('scan.jpg')
    expect(nettoyerNomFichier('facture.html', 'application/pdf')).toBe('facture.pdf')
    expect(nettoyerNomFichier('sans-extension', 'image/jpeg')).toBe('sans-extension.jpg')
  })

  it('ne produit pas de fichier caché', () => {
    expect(nettoyerNomFichier('.htaccess.png', 'image/png')).toBe('htaccess.png')
  })

  it('utilise « document » quand il ne reste rien du nom', () => {
    expect(nettoyerNomFichier('', 'application/pdf')).toBe('document.pdf')
    expect(nettoyerNomFichier('.pdf', 'application/pdf')).toBe('document.pdf')
    expect(nettoyerNomFichier('...', 'image/png')).toBe('document.png')
    expect(nettoyerNomFichier('../', 'image/jpeg')).toBe('document.jpg')
    expect(nettoyerNomFichier('---.pdf', 'application/pdf')).toBe('document.pdf')
  })

  it('tronque les noms très longs à 90 caractères avant l’extension', () => {
    const nom = nettoyerNomFichier(`${'a'.repeat(500)}.pdf`, 'application/pdf')
    expect(nom).toBe(`${'a'.repeat(90)}.pdf`)
    expect(nom.length).toBeLessThanOrEqual(100)
  })

  it('produit toujours un nom sûr, quelle que soit l’entrée', () => {
    const entrees = [
      '../../etc/passwd.pdf',
      '<script>alert(1)</script>.pdf',
      'nom\u0000nul.pdf',
      'a/b\\c/d e.f.g.h',
      '%2e%2e%2fsecret.pdf',
      '\u202Egnp.exe',
      'CON',
      `${'é'.repeat(300)}.png`,
      '   ',
    ]
    for (const entree of entrees) {
      for (const type of TYPES_FICHIER_ACCEPTES) {
        const nom = nettoyerNomFichier(entree, type)
        expect(nom).toMatch(SUR)
        expect(nom).not.toMatch(/[\\/]/)
        expect(nom.length).toBeLessThanOrEqual(100)
      }
    }
  })
})

describe('verifierContenuFichier', () => {
  it('accepte un PDF, un PNG et un JPEG de taille raisonnable', () => {
    expect(verifierContenuFichier(PDF, PDF.length)).toBeNull()
    expect(verifierContenuFichier(PNG, PNG.length)).toBeNull()
    expect(verifierContenuFichier(JPEG, JPEG.length)).toBeNull()
  })

  it('refuse un fichier vide avec un message en français', () => {
    expect(verifierContenuFichier(new Uint8Array(), 0)).toBe('Le fichier est vide.')
    // La taille prime : même des octets valides avec une taille 0 sont refusés.
    expect(verifierContenuFichier(PDF, 0)).toBe('Le fichier est vide.')
  })

  it('accepte exactement 10 Mo et refuse au-delà', () => {
    expect(TAILLE_MAX_DOCUMENT).toBe(10 * 1024 * 1024)
    expect(verifierContenuFichier(PDF, TAILLE_MAX_DOCUMENT)).toBeNull()
    const message = verifierContenuFichier(PDF, TAILLE_MAX_DOCUMENT + 1)
    expect(message).toBe('Le fichier dépasse la taille maximale de 10 Mo.')
  })

  it('refuse un type non accepté en expliquant que le contenu est vérifié', () => {
    const message = verifierContenuFichier(texte('<html></html>'), 13)
    expect(message).not.toBeNull()
    expect(message).toMatch(/^Type de fichier refusé/)
    expect(message).toContain('PDF, PNG et JPEG')
    expect(message).toContain('contenu')
  })

  it('vérifie la taille avant le type', () => {
    expect(verifierContenuFichier(texte('GIF89a'), TAILLE_MAX_DOCUMENT + 1)).toMatch(/taille maximale/)
  })
})

describe('verifierNomFichier', () => {
  it.each(['devis.pdf', 'Devis été 2027 (signé).pdf', 'Relevé d’été #2.png', 'aux-comptes.pdf', 'console.pdf', 'a'.repeat(200)])('accepte « %s »', (nom) => {
    expect(verifierNomFichier(nom)).toBeNull()
  })

  it.each([
    ['un chemin relatif', '../../etc/passwd', /chemin/],
    ['un chemin Windows', '..\\..\\windows\\win.ini', /chemin/],
    ['un chemin absolu', '/etc/passwd.pdf', /chemin/],
    ['un octet NUL', 'devis.pdf\u0000.html', /contrôle/],
    ['un retour à la ligne', 'devis\r\n.pdf', /contrôle/],
    ['un caractère de direction inversée', 'facture\u202Efdp.exe', /contrôle/],
    ['un nom de 201 caractères', `${'a'.repeat(197)}.pdf`, /200 caractères/],
    ['une balise <script>', '<script>alert(1)<\/script>.pdf', /chemin|interdits/],
    ['une balise <img>', '<img src=x onerror=alert(1)>.pdf', /interdits/],
    ['des guillemets', 'devis"onload=x.pdf', /interdits/],
    ['un nom réservé CON', 'CON.pdf', /réservé par Windows/],
    ['un nom réservé nul sans extension', 'nul', /réservé par Windows/],
    ['un nom réservé COM1', 'com1.tar.pdf', /réservé par Windows/],
    ['un nom réservé LPT9', 'LPT9', /réservé par Windows/],
  ])('refuse %s, en français', (_cas, nom, motif) => {
    const message = verifierNomFichier(nom)
    expect(message).toMatch(/^Nom de fichier refusé : /)
    expect(message).toMatch(motif)
  })
})

describe('nomFichierStocke', () => {
  it('ajoute le suffixe avant l’extension', () => {
    expect(nomFichierStocke('devis.pdf', 'a1b2c3d4')).toBe('devis-a1b2c3d4.pdf')
    expect(nomFichierStocke('document.png', '00ff00ff')).toBe('document-00ff00ff.png')
  })

  it('garde un nom sûr', () => {
    for (const type of TYPES_FICHIER_ACCEPTES) {
      expect(nomFichierStocke(nettoyerNomFichier('../Été <b>.pdf', type), 'deadbeef')).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*-deadbeef\.(pdf|png|jpg)$/)
    }
  })
})
