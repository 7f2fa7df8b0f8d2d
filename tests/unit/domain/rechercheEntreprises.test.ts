import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { construireSiret } from '@/src/domain/siret'
import { IDCC_MAX, LONGUEURS, libelleTrancheEffectif, lireReponseRechercheEntreprises, texteBorne } from '@/src/domain/rechercheEntreprises'
import { REPONSE_VIDE, reponseRecherche } from '@/tests/helpers/rechercheEntreprisesFactice'

const SIRET = construireSiret('73282932', '0001')
const lire = (reponse: unknown, siret = SIRET) => lireReponseRechercheEntreprises(reponse, siret)

describe('lireReponseRechercheEntreprises : un établissement connu', () => {
  it('siège : raison sociale, voie, code postal, ville, NAF, tranche, état, IDCC', () => {
    expect(lire(reponseRecherche(SIRET))).toEqual({
      siret: SIRET,
      siren: SIRET.slice(0, 9),
      raisonSociale: 'ATELIER DES LILAS',
      adresse: { rue: '12 RUE DES LILAS', codePostal: '69003', ville: 'LYON' },
      codeNaf: '62.02A',
      trancheEffectif: '12',
      etatAdministratif: 'actif',
      idcc: ['1486'],
    })
  })

  it('établissement secondaire : trouvé dans matching_etablissements, voie tirée de l’adresse complète', () => {
    const f = lire(reponseRecherche(SIRET, { siege: false, adresse: '3 BD DU PORT 13002 MARSEILLE', codePostal: '13002', commune: 'MARSEILLE' }))
    expect(f?.adresse).toEqual({ rue: '3 BD DU PORT', codePostal: '13002', ville: 'MARSEILLE' })
  })

  it('fermé (F) ou unité légale cessée (C) → « ferme »', () => {
    expect(lire(reponseRecherche(SIRET, { etat: 'F' }))?.etatAdministratif).toBe('ferme')
    expect(lire(reponseRecherche(SIRET, { etat: 'A', etatUnite: 'C' }))?.etatAdministratif).toBe('ferme')
  })

  it('IDCC : normalisés sur 4 chiffres, sans doublon ni « 9999 », ceux de l’entreprise à défaut', () => {
    expect(lire(reponseRecherche(SIRET, { idcc: ['16', '0016', '9999', '1486'] }))?.idcc).toEqual(['0016', '1486'])
    const r = reponseRecherche(SIRET) as { results: Record<string, unknown>[] }
    const u = r.results[0]!
    ;(u.siege as Record<string, unknown>).liste_idcc = null
    ;(u.matching_etablissements as Record<string, unknown>[])[0]!.liste_idcc = null
    u.complements = { liste_idcc: ['2098'] }
    expect(lire(r)?.idcc).toEqual(['2098'])
  })

  it('NAF sans point accepté et remis en forme ; tranche inconnue → null', () => {
    const f = lire(reponseRecherche(SIRET, { naf: '6202a', tranche: '99' }))
    expect(f?.codeNaf).toBe('62.02A')
    expect(f?.trancheEffectif).toBeNull()
    expect(libelleTrancheEffectif('12')).toBe('20 à 49 salariés')
    expect(libelleTrancheEffectif('toString')).toBeNull()
  })
})

describe('lireReponseRechercheEntreprises : rien de crédible → null (saisie manuelle)', () => {
  it('réponse vide, autre SIREN, autre établissement, SIRET invalide', () => {
    expect(lire(REPONSE_VIDE)).toBeNull()
    expect(lire(reponseRecherche(construireSiret('55210055', '0004')))).toBeNull()
    const autreEtab = reponseRecherche(SIRET) as { results: Record<string, unknown>[] }
    const siretVoisin = construireSiret(SIRET.slice(0, 8), '0002')
    expect(lire(autreEtab, siretVoisin)).toBeNull()
    expect(lire(reponseRecherche('12345678901234'), '12345678901234')).toBeNull()
  })

  it('état administratif absent ou inconnu, raison sociale absente → null', () => {
    expect(lire(reponseRecherche(SIRET, { etat: 'X' }))).toBeNull()
    expect(lire(reponseRecherche(SIRET, { etat: null }))).toBeNull()
    const sansNom = reponseRecherche(SIRET, { nom: null }) as { results: Record<string, unknown>[] }
    sansNom.results[0]!.nom_complet = null
    expect(lire(sansNom)).toBeNull()
  })

  it('mauvais types à chaque niveau → null ou champ écarté, jamais une exception', () => {
    for (const r of [null, 42, 'texte', [], { results: 'non' }, { results: [null, 1, 'x'] }, { results: [{ siren: Number(SIRET.slice(0, 9)) }] }]) {
      expect(lire(r)).toBeNull()
    }
    const f = lire(reponseRecherche(SIRET, { naf: 6202, tranche: 12, idcc: [1486, { a: 1 }, '1486'], codePostal: 69003, commune: ['LYON'] }))
    expect(f).toMatchObject({ codeNaf: '62.02A', trancheEffectif: null, idcc: ['1486'], adresse: { codePostal: null, ville: null } })
  })

  it('fast-check : n’importe quel JSON ne fait jamais lever et rend null ou une fiche bornée', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const f = lire(v)
        expect(f).toBeNull()
      }),
      { seed: 19, numRuns: 300 },
    )
    // Mutations of a valid answer: every string field may become anything.
    fc.assert(
      fc.property(fc.record({ nom: fc.anything(), naf: fc.anything(), tranche: fc.anything(), idcc: fc.anything(), adresse: fc.anything(), commune: fc.anything(), codePostal: fc.anything() }), (o) => {
        const f = lire(reponseRecherche(SIRET, o))
        if (f === null) return
        expect(f.raisonSociale.length).toBeLessThanOrEqual(LONGUEURS.raisonSociale)
        expect((f.adresse.rue ?? '').length).toBeLessThanOrEqual(LONGUEURS.rue)
        expect((f.adresse.ville ?? '').length).toBeLessThanOrEqual(LONGUEURS.ville)
        expect(f.idcc.length).toBeLessThanOrEqual(IDCC_MAX)
        for (const i of f.idcc) expect(i).toMatch(/^\d{4}$/)
        if (f.codeNaf !== null) expect(f.codeNaf).toMatch(/^\d{2}\.\d{2}[A-Z]$/)
      }),
      { seed: 19, numRuns: 300 },
    )
  })
})

describe('valeurs hostiles', () => {
  it('balises gardées comme texte (l’affichage échappe), contrôles et bidi retirés, longueurs bornées', () => {
    const f = lire(reponseRecherche(SIRET, { nom: '<script>alert(1)</script>\u202e\u0000 SARL', commune: 'X'.repeat(1_000_000) }))
    expect(f?.raisonSociale).toBe('<script>alert(1)</script> SARL')
    expect(f?.adresse.ville).toHaveLength(LONGUEURS.ville)
    const long = lire(reponseRecherche(SIRET, { nom: '€'.repeat(5000) }))
    expect(long?.raisonSociale).toHaveLength(LONGUEURS.raisonSociale)
  })

  it('texteBorne ne coupe pas une paire de substitution et rend null pour du blanc', () => {
    expect(texteBorne('😀😀😀', 2)).toBe('😀😀')
    expect(texteBorne(' \u0000\t ', 10)).toBeNull()
    expect(texteBorne(12, 10)).toBeNull()
  })

  it('imbrication profonde et listes énormes : bornées, sans exception', () => {
    let profond: unknown = 'fin'
    for (let i = 0; i < 10_000; i++) profond = [profond]
    expect(lire(reponseRecherche(SIRET, { nom: profond }))).toBeNull()
    const f = lire(reponseRecherche(SIRET, { idcc: Array.from({ length: 100_000 }, (_, i) => String(i % 9000)) }))
    expect(f?.idcc.length).toBeLessThanOrEqual(IDCC_MAX)
  })
})
