import { describe, expect, it } from '@jest/globals'
import { STATUTS_DOSSIER } from '@/src/domain/statuts'
import { STATUTS_ACCORD, STATUTS_AVANT_VALIDATION, STATUTS_ENVOYES_OPCO } from '@/src/domain/workflow/groupes'
import {
  BOITES_DOSSIER_PORTAIL,
  libelleEtatPiece,
  libelleOrigineDocument,
  prochaineEtapeDossier,
  TEXTES_DOSSIER_PORTAIL,
  texteDossierPortail,
} from '@/src/domain/textesDossierPortail'

describe('textes du portail par statut et par encadré', () => {
  it('chaque statut a un texte non vide dans chaque encadré', () => {
    expect(Object.keys(TEXTES_DOSSIER_PORTAIL).sort()).toEqual([...STATUTS_DOSSIER].sort())
    for (const statut of STATUTS_DOSSIER) {
      expect(Object.keys(TEXTES_DOSSIER_PORTAIL[statut]).sort()).toEqual([...BOITES_DOSSIER_PORTAIL].sort())
      for (const boite of BOITES_DOSSIER_PORTAIL) expect(TEXTES_DOSSIER_PORTAIL[statut][boite].trim().length).toBeGreaterThan(10)
    }
  })

  it('dans chaque encadré, chaque statut a son propre texte', () => {
    for (const boite of BOITES_DOSSIER_PORTAIL) {
      const textes = STATUTS_DOSSIER.map((s) => TEXTES_DOSSIER_PORTAIL[s][boite])
      expect(new Set(textes).size).toBe(STATUTS_DOSSIER.length)
    }
  })

  it('après l’envoi, plus aucun encadré ne parle de vérifier avant l’envoi ; l’accord partiel parle du reste à charge', () => {
    for (const statut of [...STATUTS_ENVOYES_OPCO, 'annule' as const]) {
      for (const boite of BOITES_DOSSIER_PORTAIL) expect(TEXTES_DOSSIER_PORTAIL[statut][boite]).not.toMatch(/avant de l’envoyer/)
      expect(STATUTS_AVANT_VALIDATION).not.toContain(statut)
    }
    expect(TEXTES_DOSSIER_PORTAIL.accepte_partiel.etape).toMatch(/reste à charge/)
    expect(TEXTES_DOSSIER_PORTAIL.accepte_partiel.etape).not.toBe(TEXTES_DOSSIER_PORTAIL.accepte.etape)
    expect(STATUTS_ACCORD).toContain('accepte_partiel')
    expect(STATUTS_ACCORD).not.toContain('refuse')
  })

  it('statut inconnu : texte neutre ; brouillon incomplet : nombre de pièces', () => {
    expect(texteDossierPortail('inconnu', 'etape')).toBe('Rien à faire pour le moment.')
    expect(prochaineEtapeDossier('brouillon', 2)).toMatch(/2 pièce\(s\) à déposer/)
    expect(prochaineEtapeDossier('brouillon', 0)).toBe(TEXTES_DOSSIER_PORTAIL.brouillon.etape)
  })

  it('documents : « Généré » ou « Déposé » selon l’origine', () => {
    expect(libelleOrigineDocument('generated')).toBe('Généré')
    expect(libelleOrigineDocument('uploaded')).toBe('Déposé')
    expect(libelleOrigineDocument(undefined)).toBe('Déposé')
    expect(libelleEtatPiece('present', 'genere')).toBe('✓ Généré')
    expect(libelleEtatPiece('present', 'beneficiaire')).toBe('✓ Déposé')
    expect(libelleEtatPiece('manquant', 'beneficiaire')).toBe('✗ Manquant')
  })
})
