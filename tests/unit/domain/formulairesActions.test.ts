import { describe, expect, it } from '@jest/globals'
import { champsAction, champVisible, construireParametres, decrireActions, libelleChemin } from '@/src/domain/formulairesActions'
import { actionsPossibles } from '@/src/domain/workflow'
import { STATUTS_DOSSIER } from '@/src/domain/statuts'
import { ACTEURS, dossier } from './workflow/fixtures'

describe('formulaires des actions du workflow', () => {
  it('propose exactement les actions possibles (hors action système), avec leurs libellés', () => {
    for (const statut of STATUTS_DOSSIER) {
      for (const acteur of Object.values(ACTEURS)) {
        const d = dossier(statut)
        expect(decrireActions(d, acteur).map((a) => a.action)).toEqual(actionsPossibles(d, acteur).filter((a) => a !== 'paiement-complet'))
      }
    }
    const revue = decrireActions(dossier('soumis'), ACTEURS.admin)
    expect(revue.map((a) => [a.action, a.libelle, a.style])).toEqual([
      ['review', 'Passer en revue', 'principale'],
      ['cancel', 'Annuler', 'danger'],
    ])
  })

  it("la réponse de l'OPCO demande décision, n° et montant (accord), motif + commentaire (refus), pièces", () => {
    const champs = champsAction('answer', dossier('envoye_opco', { coutTotalHT: 140000, montantEstime: 0 }))
    expect(champs.map((c) => c.nom)).toEqual(['decision', 'numeroDossierOpco', 'montantValide', 'motif', 'commentaire', 'pieces'])
    expect(champs[0]!.options!.map((o) => o.label)).toEqual(['Accord', 'Accord partiel', 'Refus', 'Pièces complémentaires demandées'])
    expect(champs[2]!.aide).toBe('Montant demandé : 1\u00a0400,00\u00a0€')
    expect(champs[3]!.options!.length).toBeGreaterThan(3)
    const visibles = (decision: string) => champs.filter((c) => champVisible(c, { decision })).map((c) => c.nom)
    expect(visibles('accepte')).toEqual(['decision', 'numeroDossierOpco', 'montantValide'])
    expect(visibles('refuse')).toEqual(['decision', 'motif', 'commentaire'])
    expect(visibles('pieces_demandees')).toEqual(['decision', 'pieces'])
    expect(champsAction('complete', dossier('en_formation'))[0]).toMatchObject({ nom: 'heuresRealisees', type: 'heures' })
    expect(champsAction('cancel', dossier('soumis'))[0]).toMatchObject({ nom: 'commentaire', obligatoire: false })
    expect(champsAction('review', dossier('soumis'))).toEqual([])
  })

  it('convertit les saisies : euros → centimes, heures à virgule, une pièce par ligne ; champs masqués et vides non envoyés', () => {
    const champs = champsAction('answer', dossier('envoye_opco'))
    expect(construireParametres(champs, { decision: 'accepte', numeroDossierOpco: ' ATL-1 ', montantValide: '1 234,56 €', motif: 'autre', pieces: 'x' })).toEqual({
      ok: true,
      parametres: { decision: 'accepte', numeroDossierOpco: 'ATL-1', montantValide: 123456 },
    })
    expect(construireParametres(champs, { decision: 'pieces_demandees', pieces: 'Programme\n\n  Devis signé  \n' })).toEqual({
      ok: true,
      parametres: { decision: 'pieces_demandees', pieces: ['Programme', 'Devis signé'] },
    })
    expect(construireParametres(champs, { decision: 'refuse', commentaire: '' })).toEqual({ ok: true, parametres: { decision: 'refuse' } })
    const faux = construireParametres(champs, { decision: 'accepte', montantValide: 'douze euros' })
    expect(faux.ok).toBe(false)
    if (!faux.ok) expect(faux.erreurs.montantValide).toMatch(/montant valide/)
    const h = champsAction('complete', dossier('en_formation'))
    expect(construireParametres(h, { heuresRealisees: '10,5' })).toEqual({ ok: true, parametres: { heuresRealisees: 10.5 } })
    expect(construireParametres(h, { heuresRealisees: '14 h' })).toEqual({ ok: true, parametres: { heuresRealisees: 14 } })
    expect(construireParametres(h, { heuresRealisees: 'beaucoup' }).ok).toBe(false)
  })

  it('nomme en français les éléments en cause renvoyés par le serveur', () => {
    const champs = champsAction('answer', dossier('envoye_opco'))
    expect(libelleChemin('parametres.montantValide', champs)).toBe('Montant pris en charge (€)')
    expect(libelleChemin('formation.dateDebut')).toBe('Date de début')
    expect(libelleChemin('inconnu.chemin')).toBe('inconnu.chemin')
  })
})
