import { describe, expect, it } from '@jest/globals'
import { constatsBloquants, rapportConformite, verifierConformite } from '@/src/domain/conformity'
import { mesurerJeu } from '@/src/domain/conformity/mesure'
import { evaluerTransition } from '@/src/domain/workflow'
import { JEU_CONFORMITE, MAINTENANT_JEU } from '@/tests/fixtures/conformite'

describe('jeu étiqueté de dossiers (tests/fixtures/conformite.ts)', () => {
  it('compte au moins 40 dossiers, conformes et défectueux', () => {
    expect(JEU_CONFORMITE.length).toBeGreaterThanOrEqual(40)
    expect(JEU_CONFORMITE.filter((c) => c.defauts.length === 0).length).toBeGreaterThanOrEqual(10)
    expect(new Set(JEU_CONFORMITE.map((c) => c.nom)).size).toBe(JEU_CONFORMITE.length)
  })

  it.each(JEU_CONFORMITE.map((c) => [c.nom, c] as const))('%s : chaque défaut semé est trouvé, rien de plus', (_nom, c) => {
    const constats = verifierConformite(c.entree, MAINTENANT_JEU)
    const levees = [...new Set(constats.filter((k) => k.severite !== 'info').map((k) => k.regle))].sort()
    expect(levees).toEqual([...new Set(c.defauts)].sort())
    if (c.defauts.length === 0) expect(constats.filter((k) => k.severite === 'bloquant')).toEqual([])
    for (const k of constats) {
      // A French sentence that says what to do, and the fields concerned.
      expect(k.message.length).toBeGreaterThan(30)
      expect(k.champs.length).toBeGreaterThan(0)
    }
  })

  it('rappel et précision de 100 % sur le jeu', () => {
    const m = mesurerJeu(JEU_CONFORMITE, MAINTENANT_JEU)
    expect(m.manques).toEqual([])
    expect(m.enTrop).toEqual([])
    expect(m.conformesBloques).toEqual([])
    expect([m.rappel, m.precision]).toEqual([1, 1])
  })
})

describe('rapport de conformité', () => {
  it('score, comptes, date et résumé en mots simples', () => {
    const conforme = rapportConformite(JEU_CONFORMITE[0]!.entree, MAINTENANT_JEU)
    expect(conforme).toMatchObject({ score: 100, bloquants: 0, avertissements: 0, calculeLe: MAINTENANT_JEU.toISOString() })
    expect(conforme.resume).toMatch(/complet/)
    const multiple = JEU_CONFORMITE.find((c) => c.nom === 'programme et objectifs absents, coût trop élevé')!
    const r = rapportConformite(multiple.entree, MAINTENANT_JEU)
    expect([r.bloquants, r.avertissements, r.score]).toEqual([1, 2, 40])
    expect(r.resume).toMatch(/1 point à corriger.*2 points d’attention/)
    expect(constatsBloquants(r).map((c) => c.regle)).toEqual(['programme-present'])
  })

  it('ne touche jamais son entrée (pure)', () => {
    const c = JEU_CONFORMITE.find((x) => x.nom === 'organisme sans Qualiopi')!
    const avant = JSON.stringify(c.entree)
    verifierConformite(c.entree, MAINTENANT_JEU)
    expect(JSON.stringify(c.entree)).toBe(avant)
  })
})

describe('la validation refuse un constat bloquant, et lui seul (machine à états)', () => {
  const base = {
    id: 7,
    status: 'en_revue' as const,
    typeFormation: 'formation' as const,
    owner: 2,
    company: 1,
    opco: 1,
    beneficiaire: { nom: 'Martin', prenom: 'Lucie', email: 'lucie@exemple.fr' },
    formation: { titre: 'Agile', organisme: 1, dureeHeures: 14, dateDebut: '2027-03-01', dateFin: '2027-03-02', modalite: 'presentiel' },
    coutTotalHT: 70000,
  }
  const admin = { role: 'admin' as const, id: 1 }

  it('bloquant → 422 qui cite le constat et ses champs', () => {
    const cas = JEU_CONFORMITE.find((x) => x.nom === 'organisme sans Qualiopi')!
    const conformite = rapportConformite(cas.entree, MAINTENANT_JEU)
    const r = evaluerTransition({ ...base, conformite }, admin, 'validate', {}, MAINTENANT_JEU)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.code).toBe(422)
    expect(r.message).toMatch(/Qualiopi/)
    expect(r.message).toMatch(/\[organisme-qualiopi\]/)
    expect(r.manquants).toContain('formation.organisme')
  })

  it('avertissements seuls → la validation passe (une personne décide)', () => {
    const cas = JEU_CONFORMITE.find((x) => x.nom === 'coût horaire au-dessus du plafond')!
    const conformite = rapportConformite(cas.entree, MAINTENANT_JEU)
    expect(conformite.avertissements).toBe(1)
    expect(evaluerTransition({ ...base, conformite }, admin, 'validate', {}, MAINTENANT_JEU).ok).toBe(true)
  })

  it('les autres actions ignorent le rapport', () => {
    const cas = JEU_CONFORMITE.find((x) => x.nom === 'organisme sans Qualiopi')!
    const conformite = rapportConformite(cas.entree, MAINTENANT_JEU)
    expect(evaluerTransition({ ...base, status: 'brouillon', conformite }, { role: 'user', id: 2 }, 'submit', {}, MAINTENANT_JEU).ok).toBe(true)
  })
})

describe('établissement fermé d’après le registre des entreprises', () => {
  const base = JEU_CONFORMITE.find((c) => c.nom === 'établissement fermé d’après le registre')!.entree
  const avec = (registre: unknown) => ({ ...base, entreprise: { ...base.entreprise, registre } as never })

  it('fermé → constat bloquant qui nomme le champ, le SIRET et la date de consultation ; il arrête validate', () => {
    const constats = verifierConformite(base, MAINTENANT_JEU).filter((c) => c.regle === 'etablissement-ferme')
    expect(constats).toHaveLength(1)
    expect(constats[0]).toMatchObject({ severite: 'bloquant', champs: ['company.registre.etatAdministratif', 'company.siret'] })
    expect(constats[0]!.message).toContain(String(base.entreprise!.siret))
    expect(constats[0]!.message).toContain('20/11/2026')
    expect(constatsBloquants(rapportConformite(base, MAINTENANT_JEU)).map((c) => c.regle)).toContain('etablissement-ferme')
  })

  it('actif, jamais consulté ou date illisible : pas de constat (ou le constat sans date)', () => {
    for (const r of [{ etatAdministratif: 'actif' }, null, undefined, { etatAdministratif: null }]) {
      expect(verifierConformite(avec(r), MAINTENANT_JEU).map((c) => c.regle)).not.toContain('etablissement-ferme')
    }
    const sansDate = verifierConformite(avec({ etatAdministratif: 'ferme', consulteLe: 'pas une date' }), MAINTENANT_JEU).find((c) => c.regle === 'etablissement-ferme')
    expect(sansDate?.message).not.toMatch(/consulté le/)
  })
})
