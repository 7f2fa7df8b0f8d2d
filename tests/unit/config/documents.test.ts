import { afterAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  chargerConfigurationDocuments,
  ConfigurationDocumentsInvalideError,
  fusionnerConfiguration,
  validerConfigurationDocuments,
} from '@/src/config/documents'

const dossier = fs.mkdtempSync(path.join(os.tmpdir(), 'monopco-config-documents-'))
afterAll(() => fs.rmSync(dossier, { recursive: true, force: true }))

let n = 0
/** Writes an override file and returns its path. */
function surcharge(contenu: unknown): string {
  const chemin = path.join(dossier, `surcharge-${++n}.json`)
  fs.writeFileSync(chemin, typeof contenu === 'string' ? contenu : JSON.stringify(contenu))
  return chemin
}

function refus(f: () => unknown, cle: string): ConfigurationDocumentsInvalideError {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationDocumentsInvalideError)
    expect((e as ConfigurationDocumentsInvalideError).cle).toBe(cle)
    expect((e as Error).message).toContain(`« ${cle} »`)
    return e as ConfigurationDocumentsInvalideError
  }
  throw new Error(`aucune erreur pour la clé ${cle}`)
}

const base = () => JSON.parse(fs.readFileSync('templates/pdf/configuration.json', 'utf8')) as Record<string, any>

describe('configuration des documents — fichier du dépôt', () => {
  const c = chargerConfigurationDocuments()

  it('est valide et porte les références légales et les conditions de paiement', () => {
    expect(c.references.conventionFormation).toBe('articles L6353-1 et D6353-1 du Code du travail')
    expect(c.references.conventionBilan).toBe('article R6313-8 du Code du travail')
    expect(c.references.natureAction).toBe('article L6313-1 du Code du travail')
    expect(c.references.facture).toContain('L441-9')
    expect(c.mentions.tva.exoneration_261).toContain('261-4-4°-a')
    expect(c.mentions.tva.franchise_293B).toContain('293 B')
    expect(c.facturation.indemniteRecouvrementCentimes).toBe(4000)
    expect(c.facturation.delaiPaiementJours).toBe(30)
    expect(c.bilan.delaiReflexionJours).toBe(10)
  })

  it('porte la marque de l’opérateur (couleur hexadécimale, logo intégré ou absent)', () => {
    expect(c.operateur.nom).toBe('MonOPCO')
    expect(c.operateur.couleurAccent).toMatch(/^#[0-9a-f]{6}$/i)
    expect(c.operateur.logo).toBeNull()
  })
})

describe('configuration des documents — surcharge par DOCUMENTS_CONFIG_PATH', () => {
  it('fusionne en profondeur : seules les clés fournies changent', () => {
    const logo = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
    const c = chargerConfigurationDocuments(
      surcharge({ operateur: { nom: 'Formalis', logo, adresse: { ville: 'Lille', codePostal: '59000' } }, facturation: { delaiPaiementJours: 45 } }),
    )
    expect(c.operateur).toMatchObject({ nom: 'Formalis', logo, adresse: { rue: '10 rue de la Formation', codePostal: '59000', ville: 'Lille' } })
    expect(c.facturation.delaiPaiementJours).toBe(45)
    expect(c.facturation.indemniteRecouvrementCentimes).toBe(4000)
    expect(c.references.conventionBilan).toBe('article R6313-8 du Code du travail')
  })

  it('une loi qui change : nouvel article et nouveau montant sans toucher au code', () => {
    const c = chargerConfigurationDocuments(
      surcharge({ references: { conventionFormation: 'articles L6353-1 et D6353-1 (version 2027)' }, facturation: { indemniteRecouvrementCentimes: 5000 } }),
    )
    expect(c.references.conventionFormation).toBe('articles L6353-1 et D6353-1 (version 2027)')
    expect(c.facturation.indemniteRecouvrementCentimes).toBe(5000)
  })

  it('refuse une clé inconnue (faute de frappe) en la nommant', () => {
    const e = refus(() => chargerConfigurationDocuments(surcharge({ facturation: { delaiPaiementJour: 45 } })), 'facturation.delaiPaiementJour')
    expect(e.message).toMatch(/inconnue/)
    expect(e.message).toContain('surcharge-')
  })

  it('refuse les valeurs invalides en nommant la clé', () => {
    refus(() => chargerConfigurationDocuments(surcharge({ facturation: { delaiPaiementJours: 90 } })), 'facturation.delaiPaiementJours')
    refus(() => chargerConfigurationDocuments(surcharge({ facturation: { delaiPaiementJours: '30' } })), 'facturation.delaiPaiementJours')
    refus(() => chargerConfigurationDocuments(surcharge({ facturation: { indemniteRecouvrementCentimes: 40.5 } })), 'facturation.indemniteRecouvrementCentimes')
    refus(() => chargerConfigurationDocuments(surcharge({ references: { conventionBilan: '' } })), 'references.conventionBilan')
    refus(() => chargerConfigurationDocuments(surcharge({ operateur: { siret: '12345678901234' } })), 'operateur.siret')
    refus(() => chargerConfigurationDocuments(surcharge({ operateur: { emailContact: 'pas-un-email' } })), 'operateur.emailContact')
    refus(() => chargerConfigurationDocuments(surcharge({ operateur: { adresse: { codePostal: '7501' } } })), 'operateur.adresse.codePostal')
    refus(() => chargerConfigurationDocuments(surcharge({ mentions: { tva: null } })), 'mentions.tva')
  })

  it('refuse une couleur qui pourrait porter du CSS et un logo qui ne serait pas intégré', () => {
    refus(() => chargerConfigurationDocuments(surcharge({ operateur: { couleurAccent: 'red;background:url(http://127.0.0.1/x)' } })), 'operateur.couleurAccent')
    refus(() => chargerConfigurationDocuments(surcharge({ operateur: { logo: 'http://127.0.0.1/logo.png' } })), 'operateur.logo')
    refus(() => chargerConfigurationDocuments(surcharge({ operateur: { logo: 'data:text/html;base64,PHNjcmlwdD4=' } })), 'operateur.logo')
    refus(() => chargerConfigurationDocuments(surcharge({ operateur: { logo: 'data:image/png;base64,AAA"><script>' } })), 'operateur.logo')
  })

  it('refuse une formulation qui a perdu ses emplacements', () => {
    const e = refus(
      () => chargerConfigurationDocuments(surcharge({ mentions: { declarationActivite: "Déclaration d'activité enregistrée sous le numéro {nda}" } })),
      'mentions.declarationActivite',
    )
    expect(e.message).toContain('{region}')
  })

  it('fichier absent ou JSON invalide : erreur qui nomme DOCUMENTS_CONFIG_PATH et le fichier', () => {
    const absent = path.join(dossier, 'absent.json')
    expect(refus(() => chargerConfigurationDocuments(absent), 'DOCUMENTS_CONFIG_PATH').message).toContain(absent)
    expect(refus(() => chargerConfigurationDocuments(surcharge('{ "operateur": ')), 'DOCUMENTS_CONFIG_PATH').message).toMatch(/JSON/)
  })
})

describe('validerConfigurationDocuments et fusionnerConfiguration', () => {
  it('signale une clé manquante', () => {
    const c = base()
    delete c.facturation.escompte
    refus(() => validerConfigurationDocuments(c), 'facturation.escompte')
  })

  it('refuse une racine qui n’est pas un objet', () => {
    refus(() => validerConfigurationDocuments([]), '(racine)')
  })

  it('ne modifie pas ses entrées, remplace tableaux et scalaires, ignore __proto__', () => {
    const a = { x: { y: 1, z: [1, 2] }, k: 'a' }
    const b = JSON.parse('{"x": {"z": [3]}, "__proto__": {"pollue": true}}') as unknown
    const fusion = fusionnerConfiguration(a, b) as Record<string, any>
    expect(fusion).toEqual({ x: { y: 1, z: [3] }, k: 'a' })
    expect(a).toEqual({ x: { y: 1, z: [1, 2] }, k: 'a' })
    expect(({} as Record<string, unknown>).pollue).toBeUndefined()
    expect(Object.getPrototypeOf(fusion)).toBe(Object.prototype)
  })
})
