import { describe, expect, it } from '@jest/globals'
import { detecterAnomalies, dureesHabituelles, DUREES_PAR_DEFAUT, mediane, type DossierAnalyse } from '@/src/domain/conformity/anomalies'

const MAINTENANT = new Date('2026-11-24T10:00:00.000Z')
const il_y_a = (jours: number) => new Date(MAINTENANT.getTime() - jours * 86_400_000).toISOString()

const base = (id: number, extra: Partial<DossierAnalyse> = {}): DossierAnalyse => ({
  id,
  reference: `MO-2026-${String(id).padStart(6, '0')}`,
  status: 'soumis',
  typeFormation: 'formation',
  opco: 1,
  beneficiaire: { nom: `Nom${id}`, prenom: 'P', email: `p${id}@exemple.fr` },
  titre: `Formation ${id}`,
  dateDebut: '2027-03-01',
  dateFin: '2027-03-02',
  coutTotalHT: 70000,
  dureeHeures: 14,
  montantValide: null,
  heuresRealisees: null,
  depuis: il_y_a(1),
  ...extra,
})

const types = (dossiers: DossierAnalyse[], payeOpco = new Map<string, number>(), sejours: { statut: string; jours: number }[] = []) =>
  detecterAnomalies({ dossiers, payeOpco, sejours }, MAINTENANT).map((a) => `${a.type}:${a.dossier}`).sort()

describe('anomalies (pur)', () => {
  it('rien à signaler sur des dossiers ordinaires', () => {
    expect(types([1, 2, 3, 4, 5, 6].map((i) => base(i)))).toEqual([])
  })

  it('doublon : même bénéficiaire (e-mail ou nom) + même formation + dates qui se chevauchent ; pas si annulé ou dates disjointes', () => {
    const b = { nom: 'Garnier', prenom: 'Léa', email: 'lea@exemple.fr' }
    const dossiers = [
      base(1, { beneficiaire: b, titre: 'Comptabilité' }),
      base(2, { beneficiaire: { ...b, email: 'LEA@exemple.fr' }, titre: 'comptabilité', dateDebut: '2027-03-02', dateFin: '2027-03-03' }),
      base(3, { beneficiaire: b, titre: 'Comptabilité', dateDebut: '2027-06-01', dateFin: '2027-06-02' }),
      base(4, { beneficiaire: b, titre: 'Comptabilité', status: 'annule' }),
    ]
    expect(types(dossiers)).toEqual(['doublon:1', 'doublon:2'])
  })

  it('coût horaire loin des pairs du même OPCO et type (au moins 5 pairs)', () => {
    const pairs = [1, 2, 3, 4, 5].map((i) => base(i, { coutTotalHT: 70000 + i * 1000 }))
    expect(types([...pairs, base(6, { coutTotalHT: 300000 })])).toEqual(['cout_horaire:6'])
    expect(types([...pairs, base(7, { coutTotalHT: 20000 })])).toEqual(['cout_horaire:7'])
    // Another OPCO: not compared; too few peers: nothing said.
    expect(types([...pairs, base(8, { coutTotalHT: 300000, opco: 2 })])).toEqual([])
    expect(types([base(1), base(2), base(9, { coutTotalHT: 300000 })])).toEqual([])
  })

  it('paiements au-delà du montant validé (agrégat par dossier), heures du certificat au-delà de la convention', () => {
    const dossiers = [base(1, { montantValide: 50000 }), base(2, { montantValide: 50000 }), base(3, { heuresRealisees: 15 }), base(4, { heuresRealisees: 14 })]
    expect(types(dossiers, new Map([['1', 60000], ['2', 50000]]))).toEqual(['heures_certificat:3', 'paiement_excedentaire:1'])
  })

  it('dossier immobile : au-delà de deux fois la durée habituelle de son statut', () => {
    expect(DUREES_PAR_DEFAUT.soumis).toBe(7)
    expect(types([base(1, { depuis: il_y_a(15) }), base(2, { depuis: il_y_a(13) })])).toEqual(['dossier_bloque:1'])
    // Usual duration measured from history once there are enough stays.
    const sejours = [3, 4, 5, 6, 7].map((j) => ({ statut: 'soumis', jours: j * 4 }))
    expect(dureesHabituelles(sejours).soumis).toBe(20)
    expect(types([base(1, { depuis: il_y_a(15) })], new Map(), sejours)).toEqual([])
    // Final statuses are never « stuck ».
    expect(types([base(1, { status: 'cloture', depuis: il_y_a(400) })])).toEqual([])
  })

  it('médiane', () => {
    expect([mediane([]), mediane([3]), mediane([3, 1, 2]), mediane([1, 2, 3, 4])]).toEqual([null, 3, 2, 2.5])
  })
})
