import { describe, expect, it } from '@jest/globals'
import { construireHistorique, decrireTransition, premiereLigne } from '@/src/domain/historique'
import { texteRiche } from '@/src/domain/texteRiche'

describe('historique du dossier', () => {
  it('décrit une transition en français : action, statuts, auteur, champs changés', () => {
    const t = decrireTransition(
      { action: 'answer', status: { avant: 'envoye_opco', apres: 'accepte' }, montantValide: { avant: null, apres: 120000 }, numeroDossierOpco: { avant: null, apres: 'ATL-42' } },
      'Julien Mercier (OPCO)',
    )
    expect(t.titre).toBe("Enregistrer la réponse de l'OPCO")
    expect(t.detail).toBe("Envoyé à l'OPCO → Accepté · par Julien Mercier (OPCO) · Montant validé : 1\u00a0200,00\u00a0€ · N° OPCO : ATL-42")
    expect(decrireTransition({ action: 'complete', status: { avant: 'en_formation', apres: 'realise' }, heuresRealisees: { avant: null, apres: 10.5 } }, 'A').detail).toContain('Heures réalisées : 10,5 h')
    expect(decrireTransition({ action: 'submit', status: { avant: 'brouillon', apres: 'soumis' }, certification: { texte: 'Je certifie…', date: '2026-03-01T09:00:00.000Z' } }, 'Camille').detail).toBe('Brouillon → Soumis · par Camille · Exactitude des informations certifiée')
    expect(decrireTransition(null, 'système')).toEqual({ titre: 'Transition', detail: 'par système' })
  })

  it('garde la première ligne non vide d’un message, tronquée', () => {
    expect(premiereLigne(texteRiche('', 'Bonjour,', 'la suite'))).toBe('Bonjour,')
    expect(premiereLigne('  \nLigne 2\nLigne 3')).toBe('Ligne 2')
    expect(premiereLigne(texteRiche('x'.repeat(300)))).toHaveLength(140)
    expect(premiereLigne(texteRiche('x'.repeat(300))).endsWith('…')).toBe(true)
    expect(premiereLigne(null)).toBe('')
    expect(premiereLigne({ root: { children: [{ type: 'paragraph', children: [{ text: 'A ' }, { type: 'link', children: [{ text: 'lien' }] }] }] } })).toBe('A lien')
  })

  it('fusionne transitions, documents et messages par ordre chronologique (tri stable)', () => {
    const h = construireHistorique({
      transitions: [
        { date: '2026-03-02T10:00:00.000Z', acteur: 'Admin (équipe MonOPCO)', changes: { action: 'review', status: { avant: 'soumis', apres: 'en_revue' } } },
        { date: '2026-03-01T09:00:00.000Z', acteur: 'Camille', changes: { action: 'submit', status: { avant: 'brouillon', apres: 'soumis' } } },
      ],
      documents: [{ date: '2026-03-01T12:00:00.000Z', typeDocument: 'Devis', origine: 'uploaded', fichier: 'devis.pdf', auteur: 'Camille Martin (bénéficiaire)' }],
      messages: [
        { date: '2026-03-02T10:00:00.000Z', auteur: 'Camille', corps: texteRiche('Merci !') },
        { date: '2026-02-28T08:00:00.000Z', auteur: 'Camille', corps: 'Première question' },
      ],
    })
    expect(h.map((e) => e.type)).toEqual(['message', 'transition', 'document', 'transition', 'message'])
    expect(h.map((e) => e.date)).toEqual([...h.map((e) => e.date)].sort())
    expect(h[0]).toEqual({ date: '2026-02-28T08:00:00.000Z', type: 'message', titre: 'Message de Camille', detail: 'Première question' })
    expect(h[1]!.titre).toBe('Soumettre')
    expect(h[2]).toEqual({ date: '2026-03-01T12:00:00.000Z', type: 'document', titre: 'Devis (déposé)', detail: 'devis.pdf · déposé par Camille Martin (bénéficiaire)' })
    expect(construireHistorique({ documents: [{ date: '2026-01-01T00:00:00Z', typeDocument: 'Convention de formation', origine: 'generated', fichier: 'c.pdf' }] })[0]!.detail).toBe('c.pdf · généré par MonOPCO')
    expect(construireHistorique({})).toEqual([])
  })
})
