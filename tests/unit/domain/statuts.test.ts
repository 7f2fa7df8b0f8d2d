import { describe, expect, it } from '@jest/globals'
import {
  estStatutDossier,
  LIBELLES_STATUT,
  STATUTS_DOSSIER,
  STATUTS_EDITABLES_PAR_BENEFICIAIRE,
} from '@/src/domain/statuts'

describe('estStatutDossier', () => {
  it.each([...STATUTS_DOSSIER])('reconnaît « %s »', (statut) => {
    expect(estStatutDossier(statut)).toBe(true)
  })

  it.each(['', 'BROUILLON', ' brouillon', 'brouillon ', 'en revue', 'inconnu', 'toString', 'constructor', 'length'])(
    'refuse la chaîne « %s »',
    (valeur) => {
      expect(estStatutDossier(valeur)).toBe(false)
    },
  )

  it.each([undefined, null, 0, 1, true, {}, ['brouillon'], { toString: () => 'brouillon' }])('refuse la valeur non textuelle %p', (valeur) => {
    expect(estStatutDossier(valeur)).toBe(false)
  })
})

describe('LIBELLES_STATUT', () => {
  it('a un libellé pour chaque statut, et rien d’autre', () => {
    expect(Object.keys(LIBELLES_STATUT).sort()).toEqual([...STATUTS_DOSSIER].sort())
  })

  it.each([...STATUTS_DOSSIER])('donne un libellé français non vide, commençant par une majuscule, à « %s »', (statut) => {
    const libelle = LIBELLES_STATUT[statut]
    expect(typeof libelle).toBe('string')
    expect(libelle.trim()).toBe(libelle)
    expect(libelle).toMatch(/^\p{Lu}/u)
    expect(libelle).not.toBe(statut)
    expect(libelle).not.toContain('_')
  })

  it('n’utilise pas deux fois le même libellé', () => {
    const libelles = Object.values(LIBELLES_STATUT)
    expect(new Set(libelles).size).toBe(libelles.length)
  })

  it('emploie les accents français', () => {
    expect(LIBELLES_STATUT.valide).toBe('Validé')
    expect(LIBELLES_STATUT.envoye_opco).toBe("Envoyé à l'OPCO")
    expect(LIBELLES_STATUT.cloture).toBe('Clôturé')
  })

  it('n’a pas de doublon dans la liste des statuts', () => {
    expect(new Set(STATUTS_DOSSIER).size).toBe(STATUTS_DOSSIER.length)
  })
})

describe('STATUTS_EDITABLES_PAR_BENEFICIAIRE', () => {
  it('ne contient que des statuts connus, dont le brouillon mais pas les statuts finaux', () => {
    for (const s of STATUTS_EDITABLES_PAR_BENEFICIAIRE) expect(estStatutDossier(s)).toBe(true)
    expect(STATUTS_EDITABLES_PAR_BENEFICIAIRE).toContain('brouillon')
    for (const s of ['valide', 'accepte', 'paye', 'cloture', 'annule'] as const) {
      expect(STATUTS_EDITABLES_PAR_BENEFICIAIRE).not.toContain(s)
    }
  })
})
