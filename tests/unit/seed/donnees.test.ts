import { completerCleLuhn as completerLuhn, construireSiret as siretDemo } from '@/src/domain/siret'
import { estSiretValide, estSirenValide } from '@/src/domain/siret'
import { estNdaValide } from '@/src/domain/nda'
import { estMontantCentimesValide } from '@/src/domain/money'
import { STATUTS_DOSSIER } from '@/src/domain/statuts'
import { STATUTS_ENVOYES_OPCO } from '@/src/domain/workflow/groupes'
import { estimerFinancement, type RegleFinancement } from '@/src/domain/funding'
import { estimerDossier } from '@/src/domain/funding/dossier'
import {
  construireDonneesDemo,
  mulberry32,
  numeroTvaFr,
  type DossierDemo,
  type TexteRiche,
} from '@/src/seed/donnees'

const t = (iso: string): number => new Date(iso).getTime()
const { opcos } = construireDonneesDemo(new Date('2026-11-24T10:30:00.000Z'))

// The data depends on the day the seed runs: check it on weekends, at year and month ends, on a
// leap day, at both ends of the UTC day, and on a spread of ordinary days.
const JOURS = [
  '2026-11-24T10:30:00.000Z',
  '2026-11-28T00:00:00.000Z', // Saturday, midnight
  '2026-11-29T23:59:59.000Z', // Sunday, last second
  '2026-12-31T12:00:00.000Z',
  '2027-01-01T06:00:00.000Z',
  '2028-02-29T15:00:00.000Z',
  ...Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(2026, 0, 3) + i * 31 * 86_400_000 + i * 3_600_000).toISOString()),
]

function texteValide(doc: TexteRiche): boolean {
  const root = doc.root
  return (
    root.type === 'root' &&
    root.children.length > 0 &&
    root.children.every((p) => p.type === 'paragraph' && p.children.every((n) => n.type === 'text' && n.text.trim().length > 0))
  )
}

const montants = (d: DossierDemo): Array<number | undefined> => [d.coutTotalHT, d.montantEstime, d.montantValide]

describe('helpers', () => {
  test('completerLuhn and siretDemo give numbers estSiretValide accepts', () => {
    expect(completerLuhn('73282932')).toBe('732829320') // a published, real SIREN
    for (let i = 0; i < 200; i++) {
      const siren8 = String(10_000_000 + i * 437_911).slice(0, 8)
      const siret = siretDemo(siren8, String(i).padStart(4, '0'))
      expect(estSiretValide(siret)).toBe(true)
    }
    expect(() => siretDemo('1234', '0001')).toThrow(RangeError)
  })

  test('numeroTvaFr computes the French VAT key', () => {
    expect(numeroTvaFr('732829320')).toBe('FR44732829320')
  })

  test('mulberry32 is deterministic', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    expect([a(), a(), a()]).toEqual([b(), b(), b()])
  })

  test('the demo rules give the docs/domaine.md examples through the real estimate (src/domain/funding)', () => {
    const estimer = (regles: readonly RegleFinancement[], typeFormation: 'formation' | 'bilan', effectif: number, dureeHeures: number, coutTotalHT: number) =>
      estimerFinancement({ regles, typeFormation, effectif, dureeHeures, coutTotalHT, annee: 2026 })
    const atlas = opcos.find((o) => o.code === 'ATLAS')!.reglesFinancement
    expect(estimer(atlas, 'formation', 8, 35, 500_000).montantEstime).toBe(35 * 5_500)
    expect(estimer(atlas, 'formation', 8, 200, 900_000).montantEstime).toBe(600_000)
    // 11+ employees: the indicative 2026 rule (55 € HT/h), the docs/domaine.md example covers under 11 only.
    expect(estimer(atlas, 'formation', 23, 35, 500_000).montantEstime).toBe(35 * 5_500)
    // Constructys: « bâtiment » comes before « travaux publics », the order the estimate keeps between equals.
    const constructys = opcos.find((o) => o.code === 'CONSTRUCTYS')!.reglesFinancement
    expect(estimer(constructys, 'formation', 27, 21, 300_000).montantEstime).toBe(21 * 2_400)
    expect(estimer(constructys, 'bilan', 27, 24, 300_000).montantEstime).toBe(200_000)
    const ep = opcos.find((o) => o.code === 'OPCOEP')!.reglesFinancement
    expect(estimer(ep, 'formation', 4, 3, 100_000).avertissements.join(' ')).toMatch(/inférieure au minimum de 4 h/)
    expect(estimer(ep, 'formation', 30, 14, 500_000).montantEstime).toBe(300_000)
  })
})

describe.each(JOURS)('demo data set built on %s', (jourIso) => {
  const AUJOURDHUI = new Date(jourIso)
  const maintenant = AUJOURDHUI.getTime()
  const { opcos, organismes, entreprises, utilisateurs, dossiers, paiements, messages } = construireDonneesDemo(AUJOURDHUI, { adminEmail: 'admin@monopco.local' })

  test('is deterministic for a given day', () => {
    const minuit = new Date(jourIso.slice(0, 10) + 'T00:00:00.000Z')
    expect(construireDonneesDemo(AUJOURDHUI, { adminEmail: 'admin@monopco.local' })).toEqual(construireDonneesDemo(minuit, { adminEmail: 'admin@monopco.local' }))
  })

  test('the 11 OPCOs, each with example funding rules', () => {
    expect(opcos.map((o) => o.code).sort()).toEqual(
      ['AFDAS', 'AKTO', 'ATLAS', 'CONSTRUCTYS', 'MOBILITES', 'OCAPIAT', 'OPCO2I', 'OPCOEP', 'OPCOMMERCE', 'SANTE', 'UNIFORMATION'].sort(),
    )
    for (const o of opcos) {
      expect(o.contactEmail).toBe(`dossiers@${o.code.toLowerCase()}.exemple.fr`)
      expect(o.reglesFinancement.length).toBeGreaterThan(0)
      for (const r of o.reglesFinancement) {
        expect(r.exemple).toBe(true)
        for (const m of [r.plafondHoraireHT, r.plafondActionHT, r.plafondAnnuelHT]) if (m !== undefined) expect(estMontantCentimesValide(m)).toBe(true)
      }
      if (!['OPCOEP', 'CONSTRUCTYS', 'ATLAS'].includes(o.code)) expect(o.reglesFinancement[0]!.libelle).toMatch(/^Exemple indicatif — à vérifier/)
      // Fictitious but valid: an OPCO invoice (e-invoice) carries its buyer's SIREN.
      expect(estSiretValide(o.siret)).toBe(true)
      expect(o.siret.startsWith('99')).toBe(true)
    }
    expect(new Set(opcos.map((o) => o.siret)).size).toBe(opcos.length)
  })

  test('every SIRET is valid, every NDA has 11 digits, natural keys are unique', () => {
    for (const s of [...organismes.map((o) => o.siret), ...entreprises.map((e) => e.siret)]) expect(estSiretValide(s)).toBe(true)
    for (const o of organismes) expect(estNdaValide(o.nda)).toBe(true)
    expect(new Set([...organismes, ...entreprises].map((x) => x.siret)).size).toBe(organismes.length + entreprises.length)
    expect(new Set(utilisateurs.map((u) => u.email)).size).toBe(utilisateurs.length)
  })

  // Every provider has a VAT number: an e-invoice needs the seller's, exempt (EN 16931 BR-E-02) or not.
  test('providers: a VAT number for each (its own SIREN), one bilans-only, one with Qualiopi expired in 2025', () => {
    expect(organismes).toHaveLength(3)
    for (const o of organismes) {
      expect(o.numeroTva).toMatch(/^FR\d{11}$/)
      expect(o.numeroTva!.slice(4)).toBe(o.siret.slice(0, 9))
      expect(estSirenValide(o.numeroTva!.slice(4))).toBe(true)
      expect(t(o.qualiopi.validiteDebut)).toBeLessThan(t(o.qualiopi.validiteFin))
    }
    expect(organismes.some((o) => o.qualiopi.bilansCompetences && !o.qualiopi.actionsFormation)).toBe(true)
    expect(organismes.some((o) => o.qualiopi.validiteFin.startsWith('2025-'))).toBe(true)
  })

  test('companies: 6, NAF/IDCC well formed, headcounts below 11, 11–49 and 50+', () => {
    expect(entreprises).toHaveLength(6)
    for (const e of entreprises) {
      expect(e.codeNaf).toMatch(/^\d{2}\.\d{2}[A-Z]$/)
      expect(e.idcc).toMatch(/^\d{4}$/)
      expect(e.adresse.codePostal).toMatch(/^\d{5}$/)
      // Conventions print who signs for the company.
      expect(e.signataire.nom && e.signataire.prenom && e.signataire.fonction).toBeTruthy()
      expect(opcos.some((o) => o.code === e.opco)).toBe(true)
    }
    const effectifs = entreprises.map((e) => e.effectif)
    expect(effectifs.some((n) => n < 11)).toBe(true)
    expect(effectifs.some((n) => n >= 11 && n < 50)).toBe(true)
    expect(effectifs.some((n) => n >= 50)).toBe(true)
  })

  test('users: passwords of 10+ characters, OPCO users attached to an OPCO, portal users to a company', () => {
    for (const u of utilisateurs) {
      expect(u.password.length).toBeGreaterThanOrEqual(10)
      if (u.role === 'opco') expect(u.opco).toBeDefined()
      if (u.role === 'user') expect(entreprises.some((e) => e.siret === u.company)).toBe(true)
    }
  })

  test('every status has at least 2 dossiers, both types are present', () => {
    expect(dossiers.length).toBeGreaterThanOrEqual(40)
    for (const s of STATUTS_DOSSIER) expect(dossiers.filter((d) => d.status === s).length).toBeGreaterThanOrEqual(2)
    expect(dossiers.some((d) => d.typeFormation === 'bilan')).toBe(true)
    expect(dossiers.some((d) => d.typeFormation === 'formation')).toBe(true)
  })

  test('money: integer cents, cost 1 200–9 000 €, validated ≤ estimated ≤ cost, partial below estimate', () => {
    for (const d of dossiers) {
      for (const m of montants(d)) if (m !== undefined) expect(estMontantCentimesValide(m)).toBe(true)
      expect(d.coutTotalHT).toBeGreaterThanOrEqual(120_000)
      expect(d.coutTotalHT).toBeLessThanOrEqual(900_000)
      expect(d.montantEstime).toBeLessThanOrEqual(d.coutTotalHT)
      if (d.montantValide !== undefined) {
        expect(d.montantValide).toBeLessThanOrEqual(d.coutTotalHT)
        expect(d.montantValide).toBeLessThanOrEqual(d.montantEstime)
      }
      const accepte = ['accepte', 'accepte_partiel', 'en_formation', 'realise', 'facture', 'paye', 'cloture'].includes(d.status)
      expect(d.montantValide !== undefined).toBe(accepte)
      if (d.status === 'accepte_partiel') expect(d.montantValide!).toBeLessThan(d.montantEstime)
    }
    for (const p of paiements) expect(estMontantCentimesValide(p.montant) && p.montant > 0).toBe(true)
  })

  test('the amount requested is the estimate the dossiers collection computes (src/domain/funding), annual ceiling not reduced', () => {
    for (const d of dossiers) {
      const { montantEstime } = estimerDossier(
        {
          regles: opcos.find((o) => o.code === d.opco)!.reglesFinancement,
          opcoRenseigne: true,
          typeFormation: d.typeFormation,
          effectif: entreprises.find((e) => e.siret === d.company)!.effectif,
          dureeHeures: d.formation.dureeHeures,
          coutTotalHT: d.coutTotalHT,
          dateDebut: d.formation.dateDebut,
        },
        AUJOURDHUI,
      )
      expect(d.montantEstime).toBe(montantEstime ?? d.coutTotalHT)
    }
  })

  test('bilans last at most 24 h with the bilans provider; hours are half-hour multiples', () => {
    for (const d of dossiers) {
      expect(Number.isInteger(d.formation.dureeHeures * 2)).toBe(true)
      if (d.typeFormation === 'bilan') {
        expect(d.formation.dureeHeures).toBeLessThanOrEqual(24)
        expect(organismes.find((o) => o.siret === d.formation.organisme)!.qualiopi.bilansCompetences).toBe(true)
      }
    }
  })

  test('references: owner is the user of the company, OPCO is the company’s', () => {
    for (const d of dossiers) {
      const e = entreprises.find((x) => x.siret === d.company)!
      expect(d.opco).toBe(e.opco)
      const owner = utilisateurs.find((u) => u.email === d.owner)!
      expect(owner.role).toBe('user')
      expect(owner.company).toBe(d.company)
      expect(organismes.some((o) => o.siret === d.formation.organisme)).toBe(true)
      expect(texteValide(d.formation.objectifs)).toBe(true)
      expect(texteValide(d.justification)).toBe(true)
      expect('reference' in d).toBe(false)
    }
    expect(new Set(dossiers.map((d) => d.owner)).size).toBe(2)
  })

  test('the ATLAS demo user has dossiers to see and ATLAS dossiers it must not see', () => {
    const atlas = dossiers.filter((d) => d.opco === 'ATLAS')
    const visibles = atlas.filter((d) => (STATUTS_ENVOYES_OPCO as readonly string[]).includes(d.status))
    expect(visibles.length).toBeGreaterThanOrEqual(5)
    expect(atlas.length - visibles.length).toBeGreaterThanOrEqual(3)
    expect(dossiers.some((d) => d.opco !== 'ATLAS' && (STATUTS_ENVOYES_OPCO as readonly string[]).includes(d.status))).toBe(true)
  })

  test('dates fit the status: drafts in the future, done trainings in the past, workflow in order', () => {
    for (const d of dossiers) {
      const debut = t(d.formation.dateDebut)
      const fin = t(d.formation.dateFin)
      expect(fin).toBeGreaterThanOrEqual(debut)
      if (['brouillon', 'soumis', 'en_revue', 'valide', 'envoye_opco', 'pieces_demandees', 'accepte', 'accepte_partiel'].includes(d.status)) {
        expect(debut).toBeGreaterThan(maintenant)
      }
      if (d.status === 'en_formation') {
        expect(debut).toBeLessThan(maintenant)
        expect(fin).toBeGreaterThan(maintenant)
      }
      if (['realise', 'facture', 'paye', 'cloture'].includes(d.status)) expect(fin).toBeLessThan(maintenant)

      const envoye = (STATUTS_ENVOYES_OPCO as readonly string[]).includes(d.status)
      expect(d.envoiOpcoDate !== undefined).toBe(envoye)
      expect(d.numeroDossierOpco !== undefined).toBe(envoye)
      if (['valide', ...STATUTS_ENVOYES_OPCO].includes(d.status)) {
        expect(d.validationAdminDate).toBeDefined()
        expect(d.validationAdminBy).toBe('admin@monopco.local')
      }
      expect(d.reponseOpcoDate !== undefined).toBe(envoye && d.status !== 'envoye_opco')
      for (const x of [d.validationAdminDate, d.envoiOpcoDate, d.reponseOpcoDate]) if (x !== undefined) expect(t(x)).toBeLessThan(maintenant)
      if (d.validationAdminDate && d.envoiOpcoDate) expect(t(d.validationAdminDate)).toBeLessThan(t(d.envoiOpcoDate))
      if (d.envoiOpcoDate && d.reponseOpcoDate) expect(t(d.envoiOpcoDate)).toBeLessThan(t(d.reponseOpcoDate))
      // The request goes before the start, except the refusal that illustrates a late request.
      if (d.envoiOpcoDate && !d.motifRefus?.includes('après le début')) expect(t(d.envoiOpcoDate)).toBeLessThan(debut)
      if (d.reponseOpcoDate && d.status !== 'refuse') expect(t(d.reponseOpcoDate)).toBeLessThan(debut)
      expect(d.motifRefus !== undefined).toBe(d.status === 'refuse')
    }
  })

  test('the provider’s Qualiopi covers each start date, except the refusal that shows it', () => {
    for (const d of dossiers) {
      const o = organismes.find((x) => x.siret === d.formation.organisme)!
      const couvert =
        (d.typeFormation === 'bilan' ? o.qualiopi.bilansCompetences : o.qualiopi.actionsFormation) &&
        t(o.qualiopi.validiteDebut) <= t(d.formation.dateDebut) &&
        t(d.formation.dateDebut) <= t(o.qualiopi.validiteFin)
      expect(couvert).toBe(!d.motifRefus?.includes('Qualiopi'))
    }
  })

  test('payments and payment statuses agree', () => {
    const refs = new Set(paiements.map((p) => `${p.payeur}|${p.reference}`))
    expect(refs.size).toBe(paiements.length)
    for (const d of dossiers) {
      const recus = paiements.filter((p) => p.dossier === d.cle)
      const total = recus.reduce((s, p) => s + p.montant, 0)
      const opco = recus.filter((p) => p.payeur === 'opco').reduce((s, p) => s + p.montant, 0)
      expect(total).toBeLessThanOrEqual(d.coutTotalHT)
      for (const p of recus) {
        expect(t(p.date)).toBeLessThan(maintenant)
        expect(t(p.date)).toBeGreaterThan(t(d.formation.dateFin))
      }
      if (d.status === 'paye' || d.status === 'cloture') {
        expect(d.paymentStatus).toBe('paye')
        expect(opco).toBe(d.montantValide)
        expect(total).toBe(d.coutTotalHT)
      } else if (d.status === 'facture') {
        // Only the company's share may have come in: nothing from the OPCO yet.
        expect(d.paymentStatus).toBe('aucun')
        expect(opco).toBe(0)
      } else {
        expect(d.paymentStatus).toBe('aucun')
        expect(recus).toHaveLength(0)
      }
    }
    expect(dossiers.filter((d) => d.status === 'facture' && paiements.some((p) => p.dossier === d.cle)).length).toBeGreaterThan(0)
  })

  test('IDCC → OPCO table: unique 4-digit IDCCs, known OPCOs, all flagged as examples', () => {
    const { correspondancesIdcc } = construireDonneesDemo(AUJOURDHUI)
    const codes = new Set(opcos.map((o) => o.code))
    expect(correspondancesIdcc.length).toBeGreaterThanOrEqual(15)
    expect(new Set(correspondancesIdcc.map((c) => c.idcc)).size).toBe(correspondancesIdcc.length)
    for (const c of correspondancesIdcc) {
      expect(c.idcc).toMatch(/^\d{4}$/)
      expect(codes.has(c.opco)).toBe(true)
      expect(c.exemple).toBe(true)
    }
    expect(correspondancesIdcc.find((c) => c.idcc === '1486')?.opco).toBe('ATLAS')
  })

  test('messages: 3 to 5, on existing dossiers, written by the owner or the admin', () => {
    expect(messages.length).toBeGreaterThanOrEqual(3)
    expect(messages.length).toBeLessThanOrEqual(5)
    for (const m of messages) {
      const d = dossiers.find((x) => x.cle === m.dossier)!
      expect([d.owner, 'admin@monopco.local']).toContain(m.auteur)
      expect(texteValide(m.body)).toBe(true)
    }
  })
})
