import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  empreinteEnregistrement,
  estFormatJeton,
  hacherJeton,
  instantParis,
  jsonCanonique,
  lireDemandeEmargement,
  nomNormalise,
  relancesEmargementDues,
} from '@/src/domain/emargement'
import { construireModele } from '@/src/domain/documents/modele'
import { chargerConfigurationDocuments } from '@/src/config/documents'
import { entreesDe, PNG_SIGNATURE } from '@/tests/helpers/documents'

const GRAINE = Number(process.env.FC_SEED ?? 20261204)
const STAGIAIRE = { role: 'stagiaire' as const, nom: 'Claire Durand' }
const FORMATEUR = { role: 'formateur' as const, nom: 'Luc Moreau' }

describe('jetons d’émargement', () => {
  it('format : 43 caractères base64url, rien d’autre', () => {
    expect(estFormatJeton('A'.repeat(43))).toBe(true)
    for (const v of ['A'.repeat(42), 'A'.repeat(44), `${'A'.repeat(42)}=`, `${'A'.repeat(42)}/`, 42, null]) expect(estFormatJeton(v)).toBe(false)
  })
  it('seul le sha256 est gardé : 64 hexadécimaux, différent du jeton', () => {
    const h = hacherJeton('A'.repeat(43))
    expect(h).toMatch(/^[0-9a-f]{64}$/)
    expect(h).not.toContain('AAAA')
  })
})

describe('corps de POST /api/emargement/:jeton', () => {
  it('signature dessinée, nom tapé (le sien, casse et accents indifférents), déclarations du formateur', () => {
    expect(lireDemandeEmargement({ signature: PNG_SIGNATURE }, STAGIAIRE, 210)).toMatchObject({ ok: true, demande: { marque: { type: 'image', mime: 'image/png' }, declaration: null } })
    expect(lireDemandeEmargement({ nom: '  DURAND   claire ' }, STAGIAIRE, 210)).toMatchObject({ ok: true, demande: { marque: { type: 'nom', nom: 'DURAND claire' } } })
    expect(lireDemandeEmargement({ absent: true }, FORMATEUR, 210)).toMatchObject({ ok: true, demande: { marque: null, declaration: { absent: true } } })
    expect(lireDemandeEmargement({ minutes: 120, signature: PNG_SIGNATURE }, FORMATEUR, 210)).toMatchObject({ ok: true, demande: { declaration: { minutes: 120 } } })
  })
  it('refus : 403 pour le stagiaire qui déclare ou qui tape un autre nom, 400 pour le reste', () => {
    expect(lireDemandeEmargement({ absent: true }, STAGIAIRE, 210)).toMatchObject({ ok: false, status: 403 })
    expect(lireDemandeEmargement({ minutes: 10 }, STAGIAIRE, 210)).toMatchObject({ ok: false, status: 403 })
    expect(lireDemandeEmargement({ nom: 'Luc Moreau' }, STAGIAIRE, 210)).toMatchObject({ ok: false, status: 403 })
    for (const corps of [{}, { minutes: 210 }, { minutes: 0 }, { minutes: 1.5 }, { absent: false }, { absent: true, minutes: 3 }, { signature: PNG_SIGNATURE, nom: 'Luc Moreau' }, { nom: 'x' }, { signature: 'data:image/gif;base64,R0lGOD' }, { role: 'formateur', signature: PNG_SIGNATURE }]) {
      expect([corps, lireDemandeEmargement(corps, FORMATEUR, 210)]).toEqual([corps, expect.objectContaining({ ok: false, status: 400 })])
    }
  })
  it('jamais d’exception, quel que soit le corps', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('signature', 'nom', 'absent', 'minutes', 'x'), fc.jsonValue({ maxDepth: 2 })), fc.boolean(), (corps, formateur) => {
        const r = lireDemandeEmargement(corps, formateur ? FORMATEUR : STAGIAIRE, 210)
        expect(typeof r.ok).toBe('boolean')
      }),
      { seed: GRAINE, numRuns: 300 },
    )
  })
  it('nom normalisé : ordre, casse, accents et ponctuation indifférents', () => {
    expect(nomNormalise('Durand-Éloïse, Claire')).toBe(nomNormalise('claire eloise durand'))
  })
})

describe('empreinte de l’enregistrement signé', () => {
  const e = { seance: 7, role: 'stagiaire' as const, nom: 'Claire Durand', signeLe: '2027-03-01T08:05:00.000Z', imageSha256: 'f'.repeat(64) }
  it('JSON canonique stable, et toute modification change l’empreinte', () => {
    expect(jsonCanonique(e)).toBe('{"seance":"7","role":"stagiaire","nom":"Claire Durand","signeLe":"2027-03-01T08:05:00.000Z","imageSha256":"' + 'f'.repeat(64) + '","declaration":null}')
    const base = empreinteEnregistrement(e)
    expect(base).toMatch(/^[0-9a-f]{64}$/)
    for (const autre of [{ ...e, seance: 8 }, { ...e, role: 'formateur' as const }, { ...e, nom: 'Claire Durant' }, { ...e, imageSha256: 'e'.repeat(64) }, { ...e, declaration: { minutes: 120 } }]) {
      expect(empreinteEnregistrement(autre)).not.toBe(base)
    }
  })
})

describe('relances d’émargement', () => {
  const s = { date: '2027-03-01', statut: 'a_signer' as const, signes: ['stagiaire' as const], destinataires: ['stagiaire' as const, 'formateur' as const] }
  it('le jour même : rien ; le lendemain avant 7 h : rien ; à 7 h : le signataire manquant ; à 2 jours : aussi l’équipe ; après 3 jours : plus rien', () => {
    expect(relancesEmargementDues(s, instantParis('2027-03-01', '23:00'))).toEqual([])
    expect(relancesEmargementDues(s, instantParis('2027-03-02', '06:59'))).toEqual([])
    expect(relancesEmargementDues(s, instantParis('2027-03-02', '07:00'))).toEqual([{ type: 'signataire', role: 'formateur' }])
    expect(relancesEmargementDues(s, instantParis('2027-03-03', '07:00'))).toEqual([{ type: 'signataire', role: 'formateur' }, { type: 'equipe' }])
    expect(relancesEmargementDues(s, instantParis('2027-03-04', '07:00'))).toEqual([{ type: 'equipe' }])
    expect(relancesEmargementDues(s, instantParis('2027-03-05', '07:00'))).toEqual([])
  })
  it('une séance signée, absente ou annulée : aucune relance', () => {
    for (const statut of ['signee', 'absence', 'annulee'] as const) expect(relancesEmargementDues({ ...s, statut }, instantParis('2027-03-03', '08:00'))).toEqual([])
  })
})

describe('modèle de la feuille d’émargement', () => {
  it('une ligne par demi-journée, dans l’ordre, images data: seulement, empreintes en pied', () => {
    const entrees = entreesDe('feuille_emargement')
    entrees.seances = [...entrees.seances!].reverse()
    entrees.seances[0] = { ...entrees.seances[0]!, signatures: [{ role: 'stagiaire', nom: 'X', signeLe: '2026-03-16T13:02:00.000Z', image: 'https://exemple.fr/x.png', empreinte: 'c'.repeat(64) }] }
    const vue = construireModele('feuille_emargement', entrees, chargerConfigurationDocuments())
    expect(vue.lignes.map((l) => [l.date, l.demiJournee])).toEqual([
      ['16/03/2026', 'Matin'],
      ['16/03/2026', 'Après-midi'],
    ])
    expect(vue.lignes[0]!.stagiaire?.image).toBe(PNG_SIGNATURE)
    expect(vue.lignes[1]!.stagiaire?.image).toBeNull()
    expect(vue.preuves.map((p) => p.empreinte)).toEqual(['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)])
    expect(vue.formateur).toBe('Luc Moreau')
  })
})
