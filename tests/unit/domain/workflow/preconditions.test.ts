import { describe, expect, it } from '@jest/globals'
import { formaterEuros } from '@/src/domain/money'
import {
  evaluerTransition,
  montantDemande,
  MOTIFS_REFUS,
  PLAFOND_HEURES_BILAN_DEFAUT,
  type Acteur,
  type ActionDossier,
  type DossierWorkflow,
  type ParametresTransition,
  type ResultatTransition,
  type TransitionRefusee,
} from '@/src/domain/workflow'
import { ACTEURS, dossier, MAINTENANT } from './fixtures'

function refus422(r: ResultatTransition): TransitionRefusee {
  if (r.ok) throw new Error('transition acceptée à tort')
  expect(r.code).toBe(422)
  return r
}

const evaluer = (d: DossierWorkflow, action: ActionDossier, params: ParametresTransition = {}, acteur: Acteur = ACTEURS.admin) =>
  evaluerTransition(d, acteur, action, params, MAINTENANT)

describe('submit et validate : contenu obligatoire', () => {
  const TOUS_MANQUANTS = [
    'beneficiaire.nom',
    'beneficiaire.prenom',
    'beneficiaire.email',
    'company',
    'opco',
    'formation.titre',
    'formation.organisme',
    'formation.dureeHeures',
    'formation.dateDebut',
    'formation.dateFin',
    'coutTotalHT',
  ]

  it.each(['submit', 'validate'] as const)('%s d’un dossier vide : tout est listé, dans le message aussi', (action) => {
    const statut = action === 'submit' ? 'brouillon' : 'en_revue'
    const r = refus422(evaluer({ status: statut, owner: 7 }, action))
    expect(r.manquants).toEqual(TOUS_MANQUANTS)
    for (const mot of ['nom du bénéficiaire', 'prénom du bénéficiaire', 'e-mail du bénéficiaire', 'entreprise', 'OPCO', 'intitulé', 'organisme', 'durée', 'date de début', 'date de fin', 'coût total HT']) {
      expect(r.message).toContain(mot)
    }
  })

  it('le bénéficiaire propriétaire reçoit la même liste', () => {
    const r = refus422(evaluer(dossier('brouillon', { company: null, beneficiaire: { nom: 'A', prenom: ' ', email: 'a@b.fr' } }), 'submit', {}, ACTEURS.proprietaire))
    expect(r.manquants).toEqual(['beneficiaire.prenom', 'company'])
  })

  it.each<[string, Partial<DossierWorkflow>, string, string]>([
    ['e-mail invalide', { beneficiaire: { nom: 'A', prenom: 'B', email: 'pas-un-email' } }, 'beneficiaire.email', 'invalide'],
    ['durée nulle', { formation: { ...dossier('brouillon').formation, dureeHeures: 0 } }, 'formation.dureeHeures', 'durée invalide'],
    ['durée au quart d’heure', { formation: { ...dossier('brouillon').formation, dureeHeures: 7.25 } }, 'formation.dureeHeures', 'demi-heure'],
    ['date de début invalide', { formation: { ...dossier('brouillon').formation, dateDebut: '2026-02-30' } }, 'formation.dateDebut', 'date de début invalide'],
    ['date de fin avant le début', { formation: { ...dossier('brouillon').formation, dateFin: '2026-03-31' } }, 'formation.dateFin', 'précède'],
    ['coût nul', { coutTotalHT: 0 }, 'coutTotalHT', 'coût total HT manquant'],
    ['coût en euros décimaux', { coutTotalHT: 2100.5 }, 'coutTotalHT', 'centimes'],
    ['coût négatif', { coutTotalHT: -100 }, 'coutTotalHT', 'invalide'],
  ])('%s', (_, surcharge, champ, extrait) => {
    const r = refus422(evaluer(dossier('brouillon', surcharge), 'submit'))
    expect(r.manquants).toEqual([champ])
    expect(r.message).toContain(extrait)
  })

  describe('date de début dans le futur (une demande après le début est refusée par l’OPCO)', () => {
    const avecDebut = (dateDebut: string | Date) =>
      dossier('brouillon', { formation: { ...dossier('brouillon').formation, dateDebut, dateFin: '2026-12-31' } })

    it.each(['2026-03-01', '2026-03-01T23:59:00.000Z', '2026-02-15T12:00:00.000Z', '2025-01-01'])('début le %s : refusé', (debut) => {
      const r = refus422(evaluer(avecDebut(debut), 'submit'))
      expect(r.manquants).toEqual(['formation.dateDebut'])
      expect(r.message).toContain('après le début de la formation')
    })

    it.each(['2026-03-02', '2026-03-02T00:00:00.000Z', new Date('2026-06-01T12:00:00Z')])('début le %s : accepté', (debut) => {
      expect(evaluer(avecDebut(debut), 'submit').ok).toBe(true)
    })

    it('validate et send le vérifient aussi : le temps a pu passer depuis le dépôt', () => {
      const tard = new Date('2026-04-01T08:00:00Z')
      expect(evaluerTransition(dossier('en_revue'), ACTEURS.admin, 'validate', {}, tard)).toMatchObject({ code: 422, manquants: ['formation.dateDebut'] })
      expect(evaluerTransition(dossier('valide'), ACTEURS.admin, 'send', {}, tard)).toMatchObject({ code: 422, manquants: ['formation.dateDebut'] })
    })
  })

  describe('bilan de compétences : 24 h au plus', () => {
    const bilan = (dureeHeures: number, plafondHeuresBilan?: number) =>
      dossier('brouillon', { typeFormation: 'bilan', plafondHeuresBilan, formation: { ...dossier('brouillon').formation, dureeHeures } })

    it('24 h : accepté', () => {
      expect(PLAFOND_HEURES_BILAN_DEFAUT).toBe(24)
      expect(evaluer(bilan(24), 'submit').ok).toBe(true)
    })

    it('24,5 h : refusé', () => {
      const r = refus422(evaluer(bilan(24.5), 'submit'))
      expect(r.manquants).toEqual(['formation.dureeHeures'])
      expect(r.message).toContain('ne peut pas dépasser 24 h (durée saisie : 24,5 h)')
    })

    it('le plafond est une donnée : un autre plafond porté par le dossier s’applique', () => {
      expect(evaluer(bilan(30, 32), 'submit').ok).toBe(true)
      expect(evaluer(bilan(30, 20), 'submit').ok).toBe(false)
    })

    it('une formation n’est pas concernée', () => {
      expect(evaluer(dossier('brouillon', { formation: { ...dossier('brouillon').formation, dureeHeures: 35 } }), 'submit').ok).toBe(true)
    })
  })
})

describe('send : documents générés, quand la capacité documents l’exige', () => {
  it('sans le drapeau, aucun document n’est exigé', () => {
    expect(evaluer(dossier('valide', { exigerDocumentsGeneres: false, documentsGeneres: [] }), 'send').ok).toBe(true)
    expect(evaluer(dossier('valide', { exigerDocumentsGeneres: undefined, documentsGeneres: null }), 'send').ok).toBe(true)
  })

  it('avec le drapeau et aucun document : convention et demande de prise en charge manquent', () => {
    const r = refus422(evaluer(dossier('valide', { documentsGeneres: [] }), 'send'))
    expect(r.manquants).toEqual(['documents.convention', 'documents.demande_prise_en_charge'])
    expect(r.message).toContain('convention de formation non générée')
    expect(r.message).toContain('demande de prise en charge non générée')
  })

  it('bilan : c’est la convention de bilan qui est réclamée', () => {
    const r = refus422(evaluer(dossier('valide', { typeFormation: 'bilan', documentsGeneres: ['demande_prise_en_charge'] }), 'send'))
    expect(r.manquants).toEqual(['documents.convention_bilan'])
  })

  it.each([
    [['convention', 'demande_prise_en_charge']],
    [['convention_bilan', 'demande_prise_en_charge', 'programme']],
  ])('%j : accepté', (docs) => {
    expect(evaluer(dossier('valide', { documentsGeneres: docs }), 'send').ok).toBe(true)
  })

  it('la convention seule ne suffit pas', () => {
    expect(refus422(evaluer(dossier('valide', { documentsGeneres: ['convention'] }), 'send')).manquants).toEqual(['documents.demande_prise_en_charge'])
  })

  it('convention générée mais pas signée par toutes les parties : refusé, la signature nommée (issue 17)', () => {
    const r = refus422(evaluer(dossier('valide', { conventionSignee: false }), 'send'))
    expect(r.manquants).toEqual(['documents.convention_signee'])
    expect(r.message).toContain('convention non signée par toutes les parties')
    expect(evaluer(dossier('valide', { conventionSignee: true }), 'send').ok).toBe(true)
    // Not generated at all: the generation is what is missing, said once.
    expect(refus422(evaluer(dossier('valide', { conventionSignee: false, documentsGeneres: ['demande_prise_en_charge'] }), 'send')).manquants).toEqual(['documents.convention'])
  })
})

describe('answer', () => {
  const envoye = (s: Partial<DossierWorkflow> = {}) => dossier('envoye_opco', { montantValide: null, ...s })

  it.each([undefined, null, '', 'accord', 'ACCEPTE', 42])('décision %p → 422', (decision) => {
    const r = refus422(evaluer(envoye(), 'answer', { decision }, ACTEURS.opco_du_dossier))
    expect(r.manquants).toEqual(['parametres.decision'])
    expect(r.message).toContain('accepte, accepte_partiel, refuse, pieces_demandees')
  })

  it('paramètres absents → 422 décision', () => {
    expect(refus422(evaluerTransition(envoye(), ACTEURS.admin, 'answer', null, MAINTENANT)).manquants).toEqual(['parametres.decision'])
  })

  describe('accepte', () => {
    it('sans numéro ni montant : les deux sont listés', () => {
      const r = refus422(evaluer(envoye(), 'answer', { decision: 'accepte' }))
      expect(r.manquants).toEqual(['parametres.numeroDossierOpco', 'parametres.montantValide'])
    })

    it.each([0, -1, 1000.5, '1000', Number.NaN])('montant %p invalide', (montantValide) => {
      const r = refus422(evaluer(envoye(), 'answer', { decision: 'accepte', numeroDossierOpco: 'N', montantValide }))
      expect(r.manquants).toEqual(['parametres.montantValide'])
    })

    it('numéro trop long', () => {
      const r = refus422(evaluer(envoye(), 'answer', { decision: 'accepte', numeroDossierOpco: 'X'.repeat(51), montantValide: 1 }))
      expect(r.manquants).toEqual(['parametres.numeroDossierOpco'])
    })

    it('montant supérieur à l’estimation demandée : refusé au centime près', () => {
      const r = refus422(evaluer(envoye(), 'answer', { decision: 'accepte', numeroDossierOpco: 'N', montantValide: 150_001 }))
      expect(r.message).toContain(`(${formaterEuros(150_001)}) supérieur au montant demandé (${formaterEuros(150_000)})`)
      expect(evaluer(envoye(), 'answer', { decision: 'accepte', numeroDossierOpco: 'N', montantValide: 150_000 }).ok).toBe(true)
    })

    it('sans estimation (ou estimation à 0), le montant demandé est le coût total', () => {
      for (const montantEstime of [null, 0]) {
        const d = envoye({ montantEstime })
        expect(montantDemande(d)).toBe(210_000)
        expect(evaluer(d, 'answer', { decision: 'accepte', numeroDossierOpco: 'N', montantValide: 210_000 }).ok).toBe(true)
        expect(evaluer(d, 'answer', { decision: 'accepte', numeroDossierOpco: 'N', montantValide: 210_001 }).ok).toBe(false)
      }
    })

    it('ni estimation ni coût : le montant demandé est inconnu', () => {
      const r = refus422(evaluer(envoye({ montantEstime: null, coutTotalHT: null }), 'answer', { decision: 'accepte', numeroDossierOpco: 'N', montantValide: 100 }))
      expect(r.manquants).toEqual(['coutTotalHT'])
    })
  })

  describe('accepte_partiel', () => {
    it('montant égal à la demande : c’est un accord total', () => {
      const r = refus422(evaluer(envoye(), 'answer', { decision: 'accepte_partiel', numeroDossierOpco: 'N', montantValide: 150_000 }))
      expect(r.manquants).toEqual(['parametres.montantValide'])
      expect(r.message).toContain('accord total')
    })

    it('montant supérieur : refusé', () => {
      expect(refus422(evaluer(envoye(), 'answer', { decision: 'accepte_partiel', numeroDossierOpco: 'N', montantValide: 200_000 })).manquants).toEqual([
        'parametres.montantValide',
      ])
    })

    it('numéro de dossier OPCO exigé aussi', () => {
      expect(refus422(evaluer(envoye(), 'answer', { decision: 'accepte_partiel', montantValide: 1 })).manquants).toEqual(['parametres.numeroDossierOpco'])
    })
  })

  describe('refuse', () => {
    it('ni motif ni commentaire', () => {
      const r = refus422(evaluer(envoye(), 'answer', { decision: 'refuse' }))
      expect(r.manquants).toEqual(['parametres.motif', 'parametres.commentaire'])
      expect(r.message).toContain('hors_delai')
    })

    it.each(['inconnu', '', 'HORS_DELAI'])('motif %p hors liste', (motif) => {
      expect(refus422(evaluer(envoye(), 'answer', { decision: 'refuse', motif, commentaire: 'x' })).manquants).toEqual(['parametres.motif'])
    })

    it.each(['', '   ', 12])('commentaire %p vide', (commentaire) => {
      expect(refus422(evaluer(envoye(), 'answer', { decision: 'refuse', motif: 'autre', commentaire })).manquants).toEqual(['parametres.commentaire'])
    })

    it('commentaire trop long pour le champ motifRefus', () => {
      expect(refus422(evaluer(envoye(), 'answer', { decision: 'refuse', motif: 'autre', commentaire: 'x'.repeat(1801) })).manquants).toEqual([
        'parametres.commentaire',
      ])
    })

    it.each(MOTIFS_REFUS.map((m) => m.value))('motif %s accepté', (motif) => {
      expect(evaluer(envoye(), 'answer', { decision: 'refuse', motif, commentaire: 'Précision' }).ok).toBe(true)
    })

    it('MOTIFS_REFUS : les 8 motifs, chacun avec un libellé français', () => {
      expect(MOTIFS_REFUS.map((m) => m.value)).toEqual([
        'hors_delai',
        'plafond_depasse',
        'entreprise_non_eligible',
        'organisme_non_certifie',
        'dossier_incomplet',
        'action_non_eligible',
        'fonds_epuises',
        'autre',
      ])
      for (const m of MOTIFS_REFUS) expect(m.label.length).toBeGreaterThan(3)
    })
  })

  describe('pieces_demandees', () => {
    it.each([undefined, [], 'Devis', [''], ['  '], [3], ['ok', 'x'.repeat(301)]])('pièces %p → 422', (pieces) => {
      expect(refus422(evaluer(envoye(), 'answer', { decision: 'pieces_demandees', pieces })).manquants).toEqual(['parametres.pieces'])
    })

    it('plus de 50 pièces → 422', () => {
      const pieces = Array.from({ length: 51 }, (_, i) => `Pièce ${i}`)
      expect(refus422(evaluer(envoye(), 'answer', { decision: 'pieces_demandees', pieces })).manquants).toEqual(['parametres.pieces'])
    })
  })
})

describe('complete : heures réalisées', () => {
  const enFormation = (dureeHeures: number | null = 21) => dossier('en_formation', { formation: { ...dossier('brouillon').formation, dureeHeures } })

  it.each([undefined, null])('heures %p manquantes', (heuresRealisees) => {
    const r = refus422(evaluer(enFormation(), 'complete', { heuresRealisees }))
    expect(r.manquants).toEqual(['parametres.heuresRealisees'])
    expect(r.message).toContain('heures réalisées manquantes')
  })

  it.each([0, -1, 7.25, '21', Number.POSITIVE_INFINITY])('heures %p invalides', (heuresRealisees) => {
    expect(refus422(evaluer(enFormation(), 'complete', { heuresRealisees })).manquants).toEqual(['parametres.heuresRealisees'])
  })

  it('plus d’heures que prévu : refusé (service fait seulement)', () => {
    const r = refus422(evaluer(enFormation(14), 'complete', { heuresRealisees: 14.5 }))
    expect(r.message).toContain('heures réalisées (14,5 h) supérieures aux heures prévues (14 h)')
  })

  it('exactement les heures prévues, ou moins : accepté', () => {
    expect(evaluer(enFormation(14), 'complete', { heuresRealisees: 14 }).ok).toBe(true)
    expect(evaluer(enFormation(14), 'complete', { heuresRealisees: 0.5 }).ok).toBe(true)
  })

  it('durée prévue absente : signalée', () => {
    expect(refus422(evaluer(enFormation(null), 'complete', { heuresRealisees: 3 })).manquants).toEqual(['formation.dureeHeures'])
  })
})

describe('paiement-complet', () => {
  const facture = (s: Partial<DossierWorkflow>) => dossier('facture', s)

  it.each<[Partial<DossierWorkflow>, string]>([
    [{ montantValide: null }, 'montantValide'],
    [{ montantValide: 0 }, 'montantValide'],
    [{ montantPaye: 149_999 }, 'montantPaye'],
    [{ montantPaye: null }, 'montantPaye'],
  ])('%j → 422 %s', (s, champ) => {
    expect(refus422(evaluer(facture(s), 'paiement-complet', {}, ACTEURS.systeme)).manquants).toEqual([champ])
  })

  it('paiements égaux ou supérieurs au montant validé : payé', () => {
    expect(evaluer(facture({ montantPaye: 150_000 }), 'paiement-complet', {}, ACTEURS.systeme).ok).toBe(true)
    expect(evaluer(facture({ montantPaye: 150_001 }), 'paiement-complet', {}, ACTEURS.systeme).ok).toBe(true)
  })
})

describe('commentaire facultatif (cancel, complete-documents)', () => {
  it('un commentaire non textuel ou trop long → 422', () => {
    expect(refus422(evaluer(dossier('brouillon'), 'cancel', { commentaire: 12 })).manquants).toEqual(['parametres.commentaire'])
    expect(refus422(evaluer(dossier('pieces_demandees'), 'complete-documents', { commentaire: 'x'.repeat(1801) })).manquants).toEqual([
      'parametres.commentaire',
    ])
  })
})

describe('invoice : ce que les factures demandent doit être là', () => {
  it('refuse sans heures réalisées ni montant validé (subrogation), en les nommant', () => {
    const r = refus422(evaluer(dossier('realise', { heuresRealisees: null, montantValide: null }), 'invoice'))
    expect(r.manquants).toEqual(['heuresRealisees', 'montantValide'])
  })
  it('sans subrogation, le montant validé n’est pas exigé', () => {
    expect(evaluer(dossier('realise', { subrogation: false, montantValide: null }), 'invoice').ok).toBe(true)
  })
})

describe('paiement complet : l’OPCO doit ses factures une fois facturé', () => {
  it('compare les paiements au montant attendu de l’OPCO plutôt qu’au montant validé', () => {
    // 13,5 h faites sur 21 : la facture OPCO est proratisée, l'OPCO paie moins que le validé.
    expect(evaluer(dossier('facture', { montantValide: 150_000, montantAttenduOpco: 96_428, montantPaye: 96_428 }), 'paiement-complet', {}, ACTEURS.systeme).ok).toBe(true)
    const r = refus422(evaluer(dossier('facture', { montantValide: 150_000, montantAttenduOpco: 96_428, montantPaye: 90_000 }), 'paiement-complet', {}, ACTEURS.systeme))
    expect(r.message).toMatch(/964,28/)
  })
})
