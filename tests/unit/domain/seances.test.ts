import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { instantParis, lireSignature, statutApresSignatures, TAILLE_MAX_SIGNATURE, validiteJeton } from '@/src/domain/emargement'
import { heuresDesSeances, planifierSeances, tauxAssiduite, type SeancePourHeures } from '@/src/domain/seances'
import { empreinteCode, ESSAIS_MAX_CODE, etatDemandeSalarie, signatairesRequis, verifierCode } from '@/src/domain/signatureConvention'

const GRAINE = Number(process.env.FC_SEED ?? 20261204)
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

describe('planification des séances', () => {
  it('35 h du lundi au vendredi : 10 demi-journées de 3 h 30', () => {
    const r = planifierSeances('2027-01-18T00:00:00.000Z', '2027-01-22T00:00:00.000Z', 35)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.seances).toHaveLength(10)
    expect(r.seances[0]).toEqual({ date: '2027-01-18', demiJournee: 'matin', heureDebut: '09:00', heureFin: '12:30', dureeMinutes: 210 })
    expect(r.seances[1]).toEqual({ date: '2027-01-18', demiJournee: 'apres-midi', heureDebut: '14:00', heureFin: '17:30', dureeMinutes: 210 })
  })
  it('week-end et jour férié sautés (lundi de Pâques 2027)', () => {
    const r = planifierSeances('2027-03-26', '2027-03-30', 14)
    expect(r.ok && r.seances.map((s) => s.date)).toEqual(['2027-03-26', '2027-03-26', '2027-03-30', '2027-03-30'])
  })
  it('minutes qui ne se divisent pas : la somme est exacte, les écarts d’une minute au plus', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 200 }), (jours, heures) => {
        const fin = new Date(Date.UTC(2027, 5, 1) + (jours - 1) * 86_400_000).toISOString()
        const r = planifierSeances('2027-06-01', fin, heures + 0.25)
        if (!r.ok) return true
        const durees = r.seances.map((s) => s.dureeMinutes)
        return durees.reduce((a, b) => a + b, 0) === Math.round((heures + 0.25) * 60) && Math.max(...durees) - Math.min(...durees) <= 1 && Math.max(...durees) <= 240
      }),
      { seed: GRAINE, numRuns: 300 },
    )
  })
  it.each([
    [null, '2027-01-22', 35, 'dates'],
    ['2027-01-22', '2027-01-18', 35, 'précède'],
    ['2027-01-18', '2027-01-18', 35, 'plus de 4 h'],
    ['2027-01-23', '2027-01-24', 7, 'Aucun jour ouvré'],
    ['2027-01-18', '2027-01-22', 0, 'durée'],
    ['2027-01-18', '2027-01-22', Number.NaN, 'durée'],
  ])('refus : %s → %s, %s h', (debut, fin, heures, motif) => {
    const r = planifierSeances(debut, fin, heures)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.erreur).toContain(motif)
  })
})

describe('heures réalisées depuis les signatures', () => {
  const huit = (): SeancePourHeures[] => Array.from({ length: 8 }, () => ({ statut: 'signee' as const, dureeMinutes: 210 }))
  it('8 demi-journées de 3,5 h, une absence, une autre à 120 min déclarées : 23 h', () => {
    const s = huit()
    s[2] = { statut: 'absence', dureeMinutes: 210 }
    s[5] = { statut: 'signee', dureeMinutes: 210, minutesDeclarees: 120 }
    expect(heuresDesSeances(s)).toEqual({ heuresSignees: 23, heuresPrevues: 28, nonSignees: 0 })
  })
  it('8 demi-journées, l’absente finalement présente 120 min selon le formateur : 26,5 h', () => {
    const s = huit()
    s[2] = { statut: 'signee', dureeMinutes: 210, minutesDeclarees: 120 }
    expect(heuresDesSeances(s).heuresSignees).toBe(26.5)
  })
  it('non signées et annulées ne comptent pas ; déclaré au-delà du prévu plafonné', () => {
    const r = heuresDesSeances([
      { statut: 'a_signer', dureeMinutes: 210 },
      { statut: 'annulee', dureeMinutes: 210 },
      { statut: 'signee', dureeMinutes: 200, minutesDeclarees: 500 },
    ])
    expect(r).toEqual({ heuresSignees: 3.33, heuresPrevues: 6.83, nonSignees: 1 })
  })
  it('taux d’assiduité', () => {
    expect(tauxAssiduite(26.5, 28)).toBe(95)
    expect(tauxAssiduite(30, 28)).toBe(100)
    expect(tauxAssiduite(1, 0)).toBe(0)
  })
})

describe('liens d’émargement', () => {
  it('heure de Paris vers UTC, hiver et été', () => {
    expect(instantParis('2027-01-18', '09:00').toISOString()).toBe('2027-01-18T08:00:00.000Z')
    expect(instantParis('2027-07-05', '09:00').toISOString()).toBe('2027-07-05T07:00:00.000Z')
    expect(instantParis('2027-03-28', '14:00').toISOString()).toBe('2027-03-28T12:00:00.000Z') // jour du passage à l’heure d’été
  })
  it('valide du début de la séance à 23:59 le jour même (Paris)', () => {
    const seance = { date: '2027-01-18', heureDebut: '14:00' }
    expect(validiteJeton(seance, new Date('2027-01-18T12:59:59Z'))).toBe('pas_encore')
    expect(validiteJeton(seance, new Date('2027-01-18T13:00:00Z'))).toBe('valide')
    expect(validiteJeton(seance, new Date('2027-01-18T22:59:59Z'))).toBe('valide') // 23:59:59 à Paris
    expect(validiteJeton(seance, new Date('2027-01-18T23:00:00Z'))).toBe('expire') // minuit à Paris
  })
  it('statut après les signatures', () => {
    expect(statutApresSignatures('a_signer', { stagiaire: true, formateur: false, absent: false })).toBe('a_signer')
    expect(statutApresSignatures('a_signer', { stagiaire: true, formateur: true, absent: false })).toBe('signee')
    expect(statutApresSignatures('a_signer', { stagiaire: false, formateur: true, absent: true })).toBe('absence')
    expect(statutApresSignatures('annulee', { stagiaire: true, formateur: true, absent: false })).toBe('annulee')
    // A partial presence declared by the trainer closes the half-day for those minutes, trainee's signature or not.
    expect(statutApresSignatures('a_signer', { stagiaire: false, formateur: true, absent: false, presencePartielle: true })).toBe('signee')
    expect(statutApresSignatures('a_signer', { stagiaire: false, formateur: false, absent: false, presencePartielle: true })).toBe('a_signer')
  })
})

describe('image de signature', () => {
  it('un vrai PNG est accepté', () => {
    expect(lireSignature(`data:image/png;base64,${PNG_1PX}`)).toMatchObject({ ok: true, type: 'image/png' })
  })
  it('un SVG simple est accepté, un SVG actif refusé', () => {
    expect(lireSignature(`data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L10 10"/></svg>')}`)).toMatchObject({ ok: true })
    for (const svg of ['<svg onload="alert(1)"></svg>', '<svg><script>alert(1)</script></svg>', '<svg><image href="https://x.test/a.png"/></svg>', '<svg><foreignObject><p>x</p></foreignObject></svg>']) {
      expect(lireSignature(`data:image/svg+xml,${encodeURIComponent(svg)}`).ok).toBe(false)
    }
  })
  it.each([
    ['pas une chaîne', 42, 'image'],
    ['autre type', 'data:image/gif;base64,R0lGODlh', 'PNG ou SVG'],
    ['PNG annoncé, HTML en vrai', `data:image/png;base64,${Buffer.from('<html>').toString('base64')}`, 'contenu vérifié'],
    ['base64 invalide', 'data:image/png;base64,@@@', 'base64'],
    ['vide', 'data:image/png;base64,', 'vide'],
    ['trop gros', `data:image/png;base64,${Buffer.alloc(TAILLE_MAX_SIGNATURE + 1).toString('base64')}`, '200 Ko'],
  ])('%s → refus', (_cas, valeur, motif) => {
    const r = lireSignature(valeur)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.erreur).toContain(motif)
  })
})

describe('signature de la convention', () => {
  it('signataires : bipartite, tripartite pour un bilan', () => {
    expect(signatairesRequis('formation')).toEqual(['entreprise', 'organisme'])
    expect(signatairesRequis('bilan')).toEqual(['entreprise', 'salarie', 'organisme'])
  })
  it('code : bon, faux, expiré, bloqué au 5e échec', () => {
    const emisLe = '2027-01-18T10:00:00.000Z'
    const etat = { empreinte: empreinteCode('123456', 'lien-7'), emisLe, essaisFaits: 0 }
    const a = new Date('2027-01-18T10:09:59Z')
    expect(verifierCode(etat, '123456', 'lien-7', a)).toBe('ok')
    expect(verifierCode(etat, '123457', 'lien-7', a)).toBe('faux')
    expect(verifierCode(etat, '123456', 'lien-8', a)).toBe('faux') // le sel est celui du lien
    expect(verifierCode(etat, '12345', 'lien-7', a)).toBe('faux')
    expect(verifierCode(etat, '123456', 'lien-7', new Date('2027-01-18T10:10:01Z'))).toBe('expire')
    expect(verifierCode({ ...etat, essaisFaits: ESSAIS_MAX_CODE }, '123456', 'lien-7', a)).toBe('verrouille')
    expect(verifierCode({ empreinte: null, emisLe: null, essaisFaits: 0 }, '123456', 'lien-7', a)).toBe('absent')
  })
  it('bilan : pas de relance avant 3 jours, caduc après 10 jours sans signature', () => {
    const envoi = '2027-01-04T16:00:00.000Z'
    const a = (jour: string) => etatDemandeSalarie(envoi, null, new Date(`${jour}T10:00:00Z`))
    expect(a('2027-01-06')).toMatchObject({ relancePermise: false, caduque: false })
    expect(a('2027-01-07')).toMatchObject({ relancePermise: true, caduque: false })
    expect(a('2027-01-14')).toMatchObject({ relancePermise: true, caduque: false, dernierJour: '2027-01-14' })
    expect(a('2027-01-15')).toMatchObject({ relancePermise: false, caduque: true })
    expect(etatDemandeSalarie(envoi, '2027-01-10T09:00:00Z', new Date('2027-02-01T10:00:00Z'))).toMatchObject({ caduque: false, relancePermise: false })
  })
})
