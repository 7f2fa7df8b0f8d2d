import { describe, expect, it } from '@jest/globals'
import { verifierConformite } from '@/src/domain/conformity'
import type { EntreeConformite, SeanceConformite } from '@/src/domain/conformity/types'
import { champsAction } from '@/src/domain/formulairesActions'
import { heuresDesSeances, heuresProposees, seancesParJour } from '@/src/domain/seances'
import { evaluerTransition, type DossierWorkflow, type ParametresTransition } from '@/src/domain/workflow'
import { JEU_CONFORMITE } from '@/tests/fixtures/conformite'
import { ACTEURS, dossier, MAINTENANT } from './workflow/fixtures'

/**
 * Hours done from the signed sessions (issue 17, item 4). The example, « 8 half-days of
 * 3.5 h, one absent, one trainer-declared 120 min → 26.5 h », read as: 7 half-days signed by both
 * (24.5 h) and the one the trainee did not sign, where the trainer declared 120 min of presence
 * (2 h) → 26.5 h. The other reading (one half-day absent AND another at 120 min) gives 23 h.
 */
const huit = (): SeanceConformite[] =>
  Array.from({ length: 8 }, (_, i) => ({ date: `2027-01-${String(18 + Math.floor(i / 2)).padStart(2, '0')}`, demiJournee: i % 2 === 0 ? 'matin' : 'apres-midi', statut: 'signee', dureeMinutes: 210 }))
const lecture26 = () => huit().map((s, i) => (i === 2 ? { ...s, minutesDeclarees: 120 } : s))
const lecture23 = () => huit().map((s, i) => (i === 2 ? { ...s, statut: 'absence' } : i === 5 ? { ...s, minutesDeclarees: 120 } : s))
const heures = (s: SeanceConformite[]) => heuresDesSeances(s.map((x) => ({ statut: x.statut as 'signee', dureeMinutes: x.dureeMinutes, minutesDeclarees: x.minutesDeclarees })))

const enFormation = (s: SeanceConformite[] | null): DossierWorkflow => ({
  ...dossier('en_formation', { formation: { ...dossier('brouillon').formation, dureeHeures: 28 } }),
  heuresSeances: s ? heures(s) : null,
})
const completer = (d: DossierWorkflow, p: ParametresTransition) => evaluerTransition(d, ACTEURS.admin, 'complete', p, MAINTENANT)

describe('heures proposées à la réalisation', () => {
  it('lecture retenue : 26,5 h ; autre lecture : 23 h', () => {
    expect(heures(lecture26()).heuresSignees).toBe(26.5)
    expect(heures(lecture23()).heuresSignees).toBe(23)
  })
  it('arrondi à la demi-heure inférieure (jamais plus que prouvé)', () => {
    expect(heuresProposees(26.5)).toBe(26.5)
    expect(heuresProposees(3.33)).toBe(3)
    expect(heuresProposees(3.99)).toBe(3.5)
    expect(heuresProposees(0)).toBe(0)
  })
  it('sans valeur saisie : les heures émargées sont retenues', () => {
    const r = completer(enFormation(lecture26()), {})
    expect(r.ok && r.champs).toEqual({ heuresRealisees: 26.5 })
    expect(r.ok && r.evenement).toMatchObject({ heuresRealisees: 26.5, heuresEmargees: 26.5, heuresPrevues: 28 })
  })
  it('la même valeur saisie : acceptée sans motif', () => {
    expect(completer(enFormation(lecture23()), { heuresRealisees: 23 }).ok).toBe(true)
  })
  it('une autre valeur sans motif : 422 qui nomme le motif', () => {
    const r = completer(enFormation(lecture26()), { heuresRealisees: 28 })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.code).toBe(422)
    expect(r.manquants).toEqual(['parametres.motifHeures'])
    expect(r.message).toContain('différentes des heures émargées (26,5 h)')
    expect(completer(enFormation(lecture26()), { heuresRealisees: 20, motifHeures: '   ' }).ok).toBe(false)
  })
  it('une autre valeur avec motif : retenue, motif écrit', () => {
    const r = completer(enFormation(lecture26()), { heuresRealisees: 28, motifHeures: ' Feuilles papier du 19/01 déposées ' })
    expect(r.ok && r.champs).toEqual({ heuresRealisees: 28, motifHeures: 'Feuilles papier du 19/01 déposées' })
  })
  it('motif non textuel ou trop long : 422', () => {
    expect(completer(enFormation(lecture26()), { heuresRealisees: 28, motifHeures: 12 }).ok).toBe(false)
    expect(completer(enFormation(lecture26()), { heuresRealisees: 28, motifHeures: 'x'.repeat(2001) }).ok).toBe(false)
  })
  it('aucune heure émargée et rien de saisi : 422 en français', () => {
    const r = completer(enFormation(huit().map((s) => ({ ...s, statut: 'a_signer' }))), {})
    expect(!r.ok && r.message).toContain('aucune heure émargée')
  })
  it('dossier sans séance : comme avant, les heures saisies (obligatoires)', () => {
    expect(completer(enFormation(null), { heuresRealisees: 21 }).ok).toBe(true)
    expect(completer(enFormation(null), {}).ok).toBe(false)
  })
  it('le formulaire propose les heures émargées et demande le motif', () => {
    const champs = champsAction('complete', enFormation(lecture26()))
    expect(champs.map((c) => [c.nom, c.defaut])).toEqual([
      ['heuresRealisees', '26,5'],
      ['motifHeures', undefined],
    ])
    expect(champs[0]!.aide).toContain('Heures émargées : 26,5 h sur 28 h')
  })
})

describe('conformité : heures et émargement', () => {
  const base = JEU_CONFORMITE[0]!.entree
  const avec = (dossier: Partial<EntreeConformite['dossier']>, seances: SeanceConformite[]): EntreeConformite => ({
    ...base,
    dossier: { ...base.dossier, formation: { ...base.dossier.formation, dateDebut: '2027-01-18', dateFin: '2027-01-21', dureeHeures: 28 }, ...dossier },
    seances,
  })
  const regles = (e: EntreeConformite, maintenant: Date) => verifierConformite(e, maintenant).filter((c) => c.regle === 'heures-emargement' || c.regle === 'seances-non-signees')
  it('heures au-delà des heures émargées sans motif : bloquant', () => {
    expect(regles(avec({ heuresRealisees: 28 }, lecture26()), new Date('2027-01-22T10:00:00Z'))).toEqual([
      { regle: 'heures-emargement', severite: 'bloquant', message: expect.stringContaining('supérieures aux heures émargées (26,5 h)'), champs: ['heuresRealisees', 'motifHeures', 'seances'] },
    ])
    expect(regles(avec({ heuresRealisees: 28, motifHeures: 'Feuilles papier' }, lecture26()), new Date('2027-01-22T10:00:00Z'))).toEqual([])
    expect(regles(avec({ heuresRealisees: 26.5 }, lecture26()), new Date('2027-01-22T10:00:00Z'))).toEqual([])
    expect(regles(avec({ heuresRealisees: 28 }, []), new Date('2027-01-22T10:00:00Z'))).toEqual([])
  })
  it('séances à signer après la fin : avertissement qui nomme le champ et les dates', () => {
    const s = huit().map((x, i) => (i === 3 || i === 6 ? { ...x, statut: 'a_signer' } : x))
    expect(regles(avec({}, s), new Date('2027-01-21T16:00:00Z'))).toEqual([])
    expect(regles(avec({}, s), new Date('2027-01-22T08:00:00Z'))).toEqual([
      { regle: 'seances-non-signees', severite: 'avertissement', message: expect.stringContaining('19/01/2027 après-midi, 21/01/2027 matin'), champs: ['seances'] },
    ])
  })
})

describe('séances par jour (calendrier et portail)', () => {
  it('jj/mm/aaaa, matin avant après-midi, statut et signataires', () => {
    const jours = seancesParJour([
      { id: 2, date: '2027-01-18T00:00:00.000Z', demiJournee: 'apres-midi', heureDebut: '14:00', heureFin: '17:30', statut: 'a_signer' },
      { id: 1, date: '2027-01-18T00:00:00.000Z', demiJournee: 'matin', heureDebut: '09:00', heureFin: '12:30', statut: 'signee', signatures: [{ role: 'stagiaire', nom: 'Marie Martin' }] },
      { id: 3, date: '2027-01-19T00:00:00.000Z', demiJournee: 'matin', heureDebut: '09:00', heureFin: '12:30', statut: 'absence' },
    ])
    expect(jours.map((j) => [j.jour, j.seances.map((s) => `${s.demiJournee} ${s.horaires} ${s.libelleStatut}`)])).toEqual([
      ['18/01/2027', ['Matin 09:00–12:30 Signée', 'Après-midi 14:00–17:30 À signer']],
      ['19/01/2027', ['Matin 09:00–12:30 Absence']],
    ])
    expect(jours[0]!.seances[0]!.signataires).toEqual(['Stagiaire : Marie Martin'])
  })
})
