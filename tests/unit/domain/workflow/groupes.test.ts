import {
  DECISIONS_ACCORD,
  STATUTS_A_INSTRUIRE,
  STATUTS_ACCORD,
  STATUTS_AVANT_ENVOI,
  STATUTS_AVANT_VALIDATION,
  STATUTS_ENVOYES_OPCO,
  STATUTS_FACTURABLES,
  dansGroupe,
  statutsAtteignables,
} from '@/src/domain/workflow/groupes'

// The groups were lists written by hand in six places; derived from the table, they must say
// exactly what those lists said (docs/architecture.md's life cycle).
describe('groupes de statuts dérivés de la table des transitions', () => {
  it('envoyés à l’OPCO : l’envoi et tout ce qui suit, sans l’annulation', () => {
    expect(STATUTS_ENVOYES_OPCO).toEqual(['envoye_opco', 'pieces_demandees', 'accepte', 'accepte_partiel', 'refuse', 'en_formation', 'realise', 'facture', 'paye', 'cloture'])
  })
  it('avant l’envoi, avant la validation, à instruire', () => {
    expect(STATUTS_AVANT_ENVOI).toEqual(['brouillon', 'soumis', 'en_revue', 'valide'])
    expect(STATUTS_AVANT_VALIDATION).toEqual(['brouillon', 'soumis', 'en_revue'])
    expect(STATUTS_A_INSTRUIRE).toEqual(['soumis', 'en_revue'])
  })
  it('accord de l’OPCO et étapes suivantes ; facturables', () => {
    expect(DECISIONS_ACCORD).toEqual(['accepte', 'accepte_partiel'])
    expect(STATUTS_ACCORD).toEqual(['accepte', 'accepte_partiel', 'en_formation', 'realise', 'facture', 'paye', 'cloture'])
    expect(STATUTS_FACTURABLES).toEqual(['realise', 'facture', 'paye', 'cloture'])
  })
  it('un refus ne mène nulle part ; une demande de pièces revient à l’envoi', () => {
    expect(statutsAtteignables(['refuse'])).toEqual(['refuse'])
    expect(statutsAtteignables(['pieces_demandees'])).toContain('envoye_opco')
  })
  it('dansGroupe refuse ce qui n’est pas un statut', () => {
    expect(dansGroupe(STATUTS_ACCORD, 'paye')).toBe(true)
    expect(dansGroupe(STATUTS_ACCORD, 'annule')).toBe(false)
    expect(dansGroupe(STATUTS_ACCORD, null)).toBe(false)
    expect(dansGroupe(STATUTS_ACCORD, ['paye'])).toBe(false)
  })
})
