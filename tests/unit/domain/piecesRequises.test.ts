import { describe, expect, it } from '@jest/globals'
import { listerPieces, piecesRequises, type DocumentDuDossier, type EtatPiece } from '@/src/domain/piecesRequises'
import { STATUTS_DOSSIER, type StatutDossier } from '@/src/domain/statuts'

const etats = (l: ReturnType<typeof listerPieces>): Record<string, EtatPiece> => Object.fromEntries(l.pieces.map((p) => [p.type, p.etat]))
let n = 0
const doc = (documentType: string, origin: 'uploaded' | 'generated', extra: Partial<DocumentDuDossier> = {}): DocumentDuDossier => ({
  id: ++n,
  documentType,
  origin,
  filename: `${documentType}-${n}.pdf`,
  url: `/api/documents/file/${documentType}-${n}.pdf`,
  ...extra,
})

describe('piecesRequises — quelles pièces selon le type de dossier', () => {
  it('formation : devis et programme déposés, convention et DPC générées, émargement, certificat, facture', () => {
    expect(piecesRequises('formation').map((p) => [p.type, p.fournisseur, p.requiseDes])).toEqual([
      ['devis', 'beneficiaire', 'soumis'],
      ['programme', 'beneficiaire', 'soumis'],
      ['convention', 'genere', 'valide'],
      ['demande_prise_en_charge', 'genere', 'valide'],
      ['feuille_emargement', 'organisme', 'en_formation'],
      ['certificat_realisation', 'genere', 'realise'],
      ['facture', 'genere', 'facture'],
    ])
  })

  it('bilan : la convention tripartite remplace la convention de formation, sans programme séparé', () => {
    const types = piecesRequises('bilan').map((p) => p.type)
    expect(types).toContain('convention_bilan')
    expect(types).not.toContain('convention')
    expect(types).not.toContain('programme')
    expect(types).toEqual(['devis', 'convention_bilan', 'demande_prise_en_charge', 'feuille_emargement', 'certificat_realisation', 'facture'])
  })

  it('chaque pièce a un libellé français et une explication', () => {
    for (const t of ['formation', 'bilan'] as const) {
      for (const p of piecesRequises(t)) {
        expect(p.libelle.length).toBeGreaterThan(3)
        expect(p.moment).toMatch(/\.$/)
      }
    }
  })
})

describe('listerPieces — présent, manquant, à venir', () => {
  it('brouillon vide : rien ne manque encore, tout est à venir', () => {
    const l = listerPieces({ typeFormation: 'formation', status: 'brouillon' }, [])
    expect(new Set(Object.values(etats(l)))).toEqual(new Set(['a_venir']))
    expect(l).toMatchObject({ complet: true, manquantes: 0 })
    expect(l.pieces.every((p) => !p.exigible)).toBe(true)
  })

  it('soumis sans pièces : devis et programme manquent, le reste est à venir', () => {
    const l = listerPieces({ typeFormation: 'formation', status: 'soumis' }, [])
    expect(etats(l)).toEqual({
      devis: 'manquant',
      programme: 'manquant',
      convention: 'a_venir',
      demande_prise_en_charge: 'a_venir',
      feuille_emargement: 'a_venir',
      certificat_realisation: 'a_venir',
      facture: 'a_venir',
    })
    expect(l).toMatchObject({ complet: false, manquantes: 2 })
  })

  it('une pièce déposée avant son statut est présente, avec ses documents', () => {
    const devis = doc('devis', 'uploaded')
    const l = listerPieces({ typeFormation: 'formation', status: 'brouillon' }, [devis])
    const p = l.pieces.find((x) => x.type === 'devis')!
    expect(p.etat).toBe('present')
    expect(p.documents).toEqual([devis])
  })

  it('validé : convention et DPC doivent être générées ; une copie déposée ne compte pas comme générée', () => {
    const docs = [doc('devis', 'uploaded'), doc('programme', 'uploaded'), doc('convention', 'uploaded')]
    const l = listerPieces({ typeFormation: 'formation', status: 'valide' }, docs)
    expect(etats(l)).toMatchObject({ devis: 'present', programme: 'present', convention: 'manquant', demande_prise_en_charge: 'manquant' })
    const genere = listerPieces({ typeFormation: 'formation', status: 'valide' }, [...docs, doc('convention', 'generated'), doc('demande_prise_en_charge', 'generated')])
    expect(genere).toMatchObject({ complet: true, manquantes: 0 })
  })

  it('une pièce à déposer compte quelle que soit son origine (un admin peut la déposer pour le bénéficiaire)', () => {
    const l = listerPieces({ typeFormation: 'formation', status: 'soumis' }, [doc('devis', 'generated'), doc('programme', 'uploaded')])
    expect(etats(l)).toMatchObject({ devis: 'present', programme: 'present' })
  })

  it('en formation : les feuilles d’émargement sont exigées avant de déclarer la réalisation', () => {
    const l = listerPieces({ typeFormation: 'formation', status: 'en_formation' }, [])
    expect(etats(l)).toMatchObject({ feuille_emargement: 'manquant', certificat_realisation: 'a_venir', facture: 'a_venir' })
  })

  it('clôturé et complet', () => {
    const docs = [
      doc('devis', 'uploaded'),
      doc('programme', 'uploaded'),
      doc('convention', 'generated'),
      doc('demande_prise_en_charge', 'generated'),
      doc('feuille_emargement', 'uploaded'),
      doc('certificat_realisation', 'generated'),
      doc('facture', 'generated'),
    ]
    const l = listerPieces({ typeFormation: 'formation', status: 'cloture' }, docs)
    expect(l.complet).toBe(true)
    expect(l.pieces.every((p) => p.etat === 'present' && p.exigible)).toBe(true)
  })

  it('refusé : les pièces d’après l’accord ne seront jamais demandées', () => {
    const l = listerPieces({ typeFormation: 'formation', status: 'refuse' }, [doc('devis', 'uploaded')])
    expect(etats(l)).toEqual({
      devis: 'present',
      programme: 'manquant',
      convention: 'manquant',
      demande_prise_en_charge: 'manquant',
      feuille_emargement: 'non_requis',
      certificat_realisation: 'non_requis',
      facture: 'non_requis',
    })
  })

  it('annulé : plus rien n’est exigé, les pièces présentes restent listées', () => {
    const l = listerPieces({ typeFormation: 'bilan', status: 'annule' }, [doc('devis', 'uploaded')])
    expect(etats(l)).toMatchObject({ devis: 'present', convention_bilan: 'non_requis', facture: 'non_requis' })
    expect(l).toMatchObject({ complet: true, manquantes: 0 })
    expect(l.pieces.every((p) => !p.exigible)).toBe(true)
  })

  it('pièces demandées par l’OPCO : même exigence qu’à l’envoi', () => {
    const l = listerPieces({ typeFormation: 'bilan', status: 'pieces_demandees' }, [doc('devis', 'uploaded'), doc('convention_bilan', 'generated')])
    expect(etats(l)).toMatchObject({ devis: 'present', convention_bilan: 'present', demande_prise_en_charge: 'manquant', feuille_emargement: 'a_venir' })
  })

  it('ignore les documents d’autres types et classe les versions de la plus récente à la plus ancienne', () => {
    const ancienne = doc('convention', 'generated', { version: 1, createdAt: '2027-01-01T10:00:00.000Z' })
    const recente = doc('convention', 'generated', { version: 2, createdAt: '2027-01-02T10:00:00.000Z' })
    const l = listerPieces({ typeFormation: 'formation', status: 'valide' }, [doc('justificatif', 'uploaded'), doc('autre', 'uploaded'), ancienne, recente])
    expect(l.pieces.find((p) => p.type === 'convention')!.documents.map((d) => d.version)).toEqual([2, 1])
    expect(l.pieces.flatMap((p) => p.documents).some((d) => d.documentType === 'justificatif' || d.documentType === 'autre')).toBe(false)
  })

  it('donne pour chaque statut un état cohérent avec l’exigibilité', () => {
    for (const status of STATUTS_DOSSIER as readonly StatutDossier[]) {
      for (const typeFormation of ['formation', 'bilan'] as const) {
        const l = listerPieces({ typeFormation, status }, [])
        for (const p of l.pieces) {
          expect(p.etat === 'manquant').toBe(p.exigible)
          expect(p.libelleRequiseDes.length).toBeGreaterThan(0)
          expect(p.libelleFournisseur.length).toBeGreaterThan(0)
        }
        expect(l.manquantes).toBe(l.pieces.filter((p) => p.etat === 'manquant').length)
      }
    }
  })
})
