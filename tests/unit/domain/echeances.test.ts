import { describe, expect, it } from '@jest/globals'
import {
  ajouterJours,
  cleRappelEcheance,
  echeancesDossier,
  estDansLesJours,
  estJourOuvre,
  jourDeDateStockee,
  jourOuvreAuPlusTard,
  jourParis,
  joursFeries,
  libelleJoursRestants,
  palierRappel,
  paques,
  prochaineEcheance,
  reglesEcheancesDe,
  texteProchaineEcheance,
  validerJoursEcheance,
  type ReglesEcheances,
} from '@/src/domain/echeances'

const AUCUNE: ReglesEcheances = { delaiDepotAvantDebutJours: null, delaiJustificatifsApresFinJours: null, validiteAccordJours: null, delaiPaiementJours: null }
/** Noon in Paris on a given day: the « today » of a test. */
const midiParis = (jour: string) => new Date(`${jour}T11:00:00Z`)

describe('calendrier', () => {
  it('Pâques, dates connues', () => {
    expect(paques(2000)).toBe('2000-04-23')
    expect(paques(2024)).toBe('2024-03-31')
    expect(paques(2025)).toBe('2025-04-20')
    expect(paques(2026)).toBe('2026-04-05')
    expect(paques(2027)).toBe('2027-03-28')
    expect(paques(2038)).toBe('2038-04-25')
  })
  it('les onze jours fériés, dont les mobiles', () => {
    const f = joursFeries(2026)
    expect(f.size).toBe(11)
    for (const j of ['2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25', '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25']) {
      expect(f.has(j)).toBe(true)
    }
    expect(f.has('2026-04-05')).toBe(false) // Pâques est un dimanche, pas un jour férié de plus
  })
  it('jours ouvrés', () => {
    expect(estJourOuvre('2026-12-04')).toBe(true) // vendredi
    expect(estJourOuvre('2026-12-05')).toBe(false) // samedi
    expect(estJourOuvre('2026-12-06')).toBe(false) // dimanche
    expect(estJourOuvre('2026-12-25')).toBe(false) // Noël, un vendredi
  })
  it('une échéance un jour non ouvré est avancée au jour ouvré précédent', () => {
    expect(jourOuvreAuPlusTard('2026-12-04')).toBe('2026-12-04')
    expect(jourOuvreAuPlusTard('2026-12-06')).toBe('2026-12-04')
    expect(jourOuvreAuPlusTard('2026-04-06')).toBe('2026-04-03') // lundi de Pâques → vendredi
    expect(jourOuvreAuPlusTard('2026-05-01')).toBe('2026-04-30')
    expect(jourOuvreAuPlusTard('2027-01-03')).toBe('2026-12-31') // dimanche, samedi, 1er janvier férié
  })
  it('années bissextiles', () => {
    expect(ajouterJours('2028-02-28', 1)).toBe('2028-02-29')
    expect(ajouterJours('2027-02-28', 1)).toBe('2027-03-01')
    expect(ajouterJours('2028-03-01', -1)).toBe('2028-02-29')
    expect(ajouterJours('2028-01-01', 366)).toBe('2029-01-01')
  })
  it('le jour est celui de Paris, heure d’été comprise', () => {
    expect(jourParis(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29') // 00:30 CET
    expect(jourParis(new Date('2026-03-29T21:30:00Z'))).toBe('2026-03-29') // 23:30 CEST
    expect(jourParis(new Date('2026-03-29T22:30:00Z'))).toBe('2026-03-30') // 00:30 CEST
    expect(jourParis(new Date('2026-10-24T22:30:00Z'))).toBe('2026-10-25')
    expect(jourParis(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01')
    expect(ajouterJours('2026-03-28', 1)).toBe('2026-03-29') // un jour de 23 h reste un jour
  })
  it('dates stockées : jour seul, minuit ou midi UTC, instant', () => {
    expect(jourDeDateStockee('2027-01-20')).toBe('2027-01-20')
    expect(jourDeDateStockee('2027-01-20T00:00:00.000Z')).toBe('2027-01-20')
    expect(jourDeDateStockee('2027-01-20T12:00:00.000Z')).toBe('2027-01-20')
    expect(jourDeDateStockee('2027-01-05T23:30:00.000Z')).toBe('2027-01-06')
    expect(jourDeDateStockee('')).toBeNull()
    expect(jourDeDateStockee('pas une date')).toBeNull()
    expect(jourDeDateStockee(null)).toBeNull()
  })
})

describe('dépôt de la demande avant le début', () => {
  const regles = { ...AUCUNE, delaiDepotAvantDebutJours: 15 }
  const dossier = { status: 'valide', formation: { dateDebut: '2027-01-20T00:00:00.000Z', dateFin: '2027-01-22T00:00:00.000Z' } }
  const depot = (aujourdhui: string, d: object = dossier) => echeancesDossier(d, regles, midiParis(aujourdhui)).find((e) => e.type === 'depot_demande')

  it('la veille, le jour, le lendemain', () => {
    expect(depot('2027-01-04')).toMatchObject({ date: '2027-01-05', joursRestants: 1, etat: 'proche' })
    expect(depot('2027-01-05')).toMatchObject({ date: '2027-01-05', joursRestants: 0, etat: 'aujourdhui' })
    expect(depot('2027-01-06')).toMatchObject({ date: '2027-01-05', joursRestants: -1, etat: 'depassee' })
    expect(depot('2026-12-20')).toMatchObject({ joursRestants: 16, etat: 'a_venir' })
    expect(depot('2026-12-29')).toMatchObject({ joursRestants: 7, etat: 'proche' })
    expect(depot('2026-12-28')).toMatchObject({ joursRestants: 8, etat: 'a_venir' })
  })
  it('envoyée à temps ou en retard, lu à l’heure de Paris', () => {
    const envoye = (envoiOpcoDate: string) => ({ ...dossier, status: 'envoye_opco', envoiOpcoDate })
    expect(depot('2027-01-10', envoye('2027-01-05T20:00:00.000Z'))).toMatchObject({ etat: 'respectee' })
    // 23:30 UTC le 5 = 00:30 le 6 à Paris : un jour trop tard.
    expect(depot('2027-01-10', envoye('2027-01-05T23:30:00.000Z'))).toMatchObject({ etat: 'depassee' })
  })
  it('un délai qui tombe un dimanche après un 1er janvier est avancé au jeudi', () => {
    const lundi = { status: 'brouillon', formation: { dateDebut: '2027-01-18T00:00:00.000Z' } }
    expect(depot('2026-12-30', lundi)).toMatchObject({ date: '2026-12-31', joursRestants: 1 })
  })
  it('sans date de début ou sans règle : pas d’échéance', () => {
    expect(echeancesDossier({ status: 'brouillon', formation: {} }, regles, midiParis('2027-01-01'))).toEqual([])
    expect(echeancesDossier(dossier, AUCUNE, midiParis('2027-01-01'))).toEqual([])
  })
})

describe('validité de l’accord', () => {
  const regles = { ...AUCUNE, validiteAccordJours: 90 }
  const accepte = (dateDebut: string) => ({ status: 'accepte', reponseOpcoDate: '2026-06-01T09:00:00.000Z', formation: { dateDebut } })
  it('fin de validité un dimanche → vendredi ; début prévu avant ou après', () => {
    const ok = echeancesDossier(accepte('2026-08-28T00:00:00.000Z'), regles, midiParis('2026-07-01'))
    expect(ok).toEqual([expect.objectContaining({ type: 'validite_accord', date: '2026-08-28', etat: 'respectee' })])
    const tard = echeancesDossier(accepte('2026-08-31T00:00:00.000Z'), regles, midiParis('2026-07-01'))
    expect(tard).toEqual([expect.objectContaining({ type: 'validite_accord', date: '2026-08-28', etat: 'depassee' })])
  })
  it('pas encore acceptée : pas d’échéance d’accord', () => {
    expect(echeancesDossier({ ...accepte('2026-08-28'), status: 'envoye_opco' }, regles, midiParis('2026-07-01'))).toEqual([])
  })
})

describe('justificatifs après la fin, puis paiement', () => {
  const regles = { ...AUCUNE, delaiJustificatifsApresFinJours: 180, delaiPaiementJours: 45 }
  const base = { formation: { dateDebut: '2026-07-06T00:00:00.000Z', dateFin: '2026-07-10T00:00:00.000Z' } }
  it('réalisée, pas encore facturée', () => {
    const e = echeancesDossier({ ...base, status: 'realise' }, regles, midiParis('2027-01-01'))
    expect(e).toEqual([expect.objectContaining({ type: 'justificatifs', date: '2027-01-06', joursRestants: 5, etat: 'proche' })])
  })
  it('facturée dans le délai, paiement attendu', () => {
    const e = echeancesDossier({ ...base, status: 'facture', dateFacture: '2026-11-02T10:00:00.000Z' }, regles, midiParis('2026-12-10'))
    expect(e.map((x) => [x.type, x.date, x.etat])).toEqual([
      ['paiement', '2026-12-17', 'proche'],
      ['justificatifs', '2027-01-06', 'respectee'],
    ])
    expect(prochaineEcheance(e)).toMatchObject({ type: 'paiement', joursRestants: 7 })
  })
  it('payée en retard, payée à temps', () => {
    const paye = (datePaiementComplet: string) => ({ ...base, status: 'paye', dateFacture: '2026-11-02', datePaiementComplet })
    expect(echeancesDossier(paye('2026-12-17T15:00:00Z'), regles, midiParis('2027-02-01')).find((e) => e.type === 'paiement')?.etat).toBe('respectee')
    expect(echeancesDossier(paye('2026-12-18T09:00:00Z'), regles, midiParis('2027-02-01')).find((e) => e.type === 'paiement')?.etat).toBe('depassee')
  })
  it('fin un 28 février d’année bissextile', () => {
    const e = echeancesDossier({ status: 'realise', formation: { dateFin: '2028-02-28' } }, { ...AUCUNE, delaiJustificatifsApresFinJours: 1 }, midiParis('2028-02-28'))
    expect(e[0]).toMatchObject({ date: '2028-02-29', joursRestants: 1 })
  })
})

describe('dossiers terminés et libellés', () => {
  const regles: ReglesEcheances = { delaiDepotAvantDebutJours: 15, delaiJustificatifsApresFinJours: 180, validiteAccordJours: 90, delaiPaiementJours: 45 }
  it.each(['annule', 'refuse', 'cloture'])('%s : aucune échéance', (status) => {
    expect(echeancesDossier({ status, formation: { dateDebut: '2027-01-20', dateFin: '2027-01-22' } }, regles, midiParis('2027-01-01'))).toEqual([])
  })
  it('la prochaine échéance est la première non tenue, dépassées comprises', () => {
    const e = echeancesDossier({ status: 'brouillon', formation: { dateDebut: '2027-01-20' } }, regles, midiParis('2027-01-10'))
    expect(prochaineEcheance(e)).toMatchObject({ type: 'depot_demande', etat: 'depassee', joursRestants: -5 })
    expect(prochaineEcheance([])).toBeNull()
  })
  it('libellés', () => {
    expect(libelleJoursRestants({ etat: 'proche', joursRestants: 1 })).toBe('dans 1 jour')
    expect(libelleJoursRestants({ etat: 'a_venir', joursRestants: 12 })).toBe('dans 12 jours')
    expect(libelleJoursRestants({ etat: 'aujourdhui', joursRestants: 0 })).toBe("aujourd'hui")
    expect(libelleJoursRestants({ etat: 'depassee', joursRestants: -2 })).toBe('dépassée de 2 jours')
    expect(libelleJoursRestants({ etat: 'respectee', joursRestants: 4 })).toBe('respectée')
  })
})

describe('champs de l’OPCO, fenêtres et rappels', () => {
  it('un nombre entier de jours entre 0 et 3650, ou vide', () => {
    for (const v of [null, undefined, 0, 1, 15, 3650]) expect(validerJoursEcheance(v)).toBe(true)
    for (const v of [-1, 3651, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '15', true, {}]) expect(typeof validerJoursEcheance(v)).toBe('string')
  })
  it('règles lues sur la fiche OPCO : valeurs invalides ignorées', () => {
    expect(reglesEcheancesDe(null)).toEqual(AUCUNE)
    expect(reglesEcheancesDe({ delaiDepotAvantDebutJours: 15, delaiJustificatifsApresFinJours: 2.5, validiteAccordJours: -3, delaiPaiementJours: 75 })).toEqual({
      ...AUCUNE,
      delaiDepotAvantDebutJours: 15,
      delaiPaiementJours: 75,
    })
  })
  it('dans les 7 / 30 jours : à tenir, entre aujourd’hui et la borne comprises', () => {
    expect(estDansLesJours({ etat: 'aujourdhui', joursRestants: 0 }, 7)).toBe(true)
    expect(estDansLesJours({ etat: 'proche', joursRestants: 7 }, 7)).toBe(true)
    expect(estDansLesJours({ etat: 'a_venir', joursRestants: 8 }, 7)).toBe(false)
    expect(estDansLesJours({ etat: 'a_venir', joursRestants: 30 }, 30)).toBe(true)
    expect(estDansLesJours({ etat: 'a_venir', joursRestants: 31 }, 30)).toBe(false)
    expect(estDansLesJours({ etat: 'depassee', joursRestants: -1 }, 30)).toBe(false)
    expect(estDansLesJours({ etat: 'respectee', joursRestants: 3 }, 30)).toBe(false)
  })
  it('rappel à 7 jours puis le jour même, jamais avant ni après', () => {
    const regles = { ...AUCUNE, delaiDepotAvantDebutJours: 15 }
    const d = { status: 'valide', formation: { dateDebut: '2027-02-01' } } // échéance : 17/01 (dimanche) → vendredi 15/01
    const palier = (jour: string) => palierRappel(echeancesDossier(d, regles, midiParis(jour))[0]!)
    expect(echeancesDossier(d, regles, midiParis('2027-01-07'))[0]!.date).toBe('2027-01-15')
    expect(palier('2027-01-07')).toBeNull()
    expect(palier('2027-01-08')).toBe('j7')
    expect(palier('2027-01-14')).toBe('j7')
    expect(palier('2027-01-15')).toBe('jour')
    expect(palier('2027-01-16')).toBeNull()
    expect(cleRappelEcheance(12, { type: 'depot_demande', date: '2027-01-15' }, 'j7', ' Equipe@X.fr ')).toBe('echeance:depot_demande:12:2027-01-15:j7:equipe@x.fr')
  })
})

describe('texte de la prochaine échéance', () => {
  it('libellé, date jj/mm/aaaa, jours restants ou dépassés', () => {
    const regles = { ...AUCUNE, delaiDepotAvantDebutJours: 15 }
    const d = { status: 'valide', formation: { dateDebut: '2027-02-01' } }
    expect(texteProchaineEcheance(prochaineEcheance(echeancesDossier(d, regles, midiParis('2027-01-12'))))).toBe('Envoi de la demande à l’OPCO — 15/01/2027 (dans 3 jours)')
    expect(texteProchaineEcheance(prochaineEcheance(echeancesDossier(d, regles, midiParis('2027-01-15'))))).toBe("Envoi de la demande à l’OPCO — 15/01/2027 (aujourd'hui)")
    expect(texteProchaineEcheance(prochaineEcheance(echeancesDossier(d, regles, midiParis('2027-01-16'))))).toBe('Envoi de la demande à l’OPCO — 15/01/2027 (dépassée de 1 jour)')
    expect(texteProchaineEcheance(null)).toBe('aucune')
  })
})

describe('délai de dépôt de 0 jour', () => {
  it('la veille du début au plus tard (jour ouvré), jamais le jour même', () => {
    const e = echeancesDossier({ status: 'valide', formation: { dateDebut: '2027-03-01' } }, { ...AUCUNE, delaiDepotAvantDebutJours: 0 }, midiParis('2027-02-20'))
    expect(e[0]).toMatchObject({ type: 'depot_demande', date: '2027-02-26' })
  })
})
