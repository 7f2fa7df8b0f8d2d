import { describe, expect, it } from '@jest/globals'
import { STATUTS_DOSSIER, type StatutDossier } from '@/src/domain/statuts'
import {
  ACTIONS_DOSSIER,
  ACTIONS_PUBLIQUES,
  codeAttendu,
  evaluerTransition,
  PROFILS_ACTEUR,
  STATUTS_ANNULABLES,
  STATUTS_FINAUX,
  TRANSITIONS,
  type ActionDossier,
  type ProfilActeur,
} from '@/src/domain/workflow'
import { ACTEURS, dossier, MAINTENANT, PARAMETRES_VALIDES } from './fixtures'

/**
 * Les cases autorisées, écrites à la main d'après docs/architecture.md, indépendamment de TRANSITIONS :
 * si la table exportée dérive, ce test le voit.
 */
const AUTORISEES = new Set<string>([
  'brouillon|submit|proprietaire',
  'brouillon|submit|admin',
  'soumis|review|admin',
  'en_revue|validate|admin',
  'valide|send|admin',
  'envoye_opco|answer|opco_du_dossier',
  'envoye_opco|answer|admin',
  'pieces_demandees|complete-documents|proprietaire',
  'pieces_demandees|complete-documents|admin',
  'accepte|start|admin',
  'accepte_partiel|start|admin',
  'en_formation|complete|admin',
  'realise|invoice|admin',
  'facture|paiement-complet|systeme',
  'paye|close|admin',
  'brouillon|cancel|proprietaire',
  'soumis|cancel|proprietaire',
  ...['brouillon', 'soumis', 'en_revue', 'valide', 'envoye_opco', 'pieces_demandees', 'accepte', 'accepte_partiel', 'en_formation'].map(
    (s) => `${s}|cancel|admin`,
  ),
])

const cellules: [StatutDossier, ActionDossier, ProfilActeur][] = STATUTS_DOSSIER.flatMap((s) =>
  ACTIONS_DOSSIER.flatMap((a) => PROFILS_ACTEUR.map((p): [StatutDossier, ActionDossier, ProfilActeur] => [s, a, p])),
)

describe('matrice statut × action × profil', () => {
  it(`couvre ${STATUTS_DOSSIER.length} × ${ACTIONS_DOSSIER.length} × ${PROFILS_ACTEUR.length} cases`, () => {
    expect(cellules).toHaveLength(15 * 12 * 6)
  })

  it('la table exportée autorise exactement les cases de docs/architecture.md', () => {
    const selonTable = cellules.filter(([s, a, p]) => codeAttendu(s, a, p) === 200).map((c) => c.join('|'))
    expect(new Set(selonTable)).toEqual(AUTORISEES)
  })

  it.each(cellules)('%s × %s × %s', (statut, action, profil) => {
    const r = evaluerTransition(dossier(statut), ACTEURS[profil], action, PARAMETRES_VALIDES[action], MAINTENANT)
    const code = r.ok ? 200 : r.code
    expect(code).toBe(codeAttendu(statut, action, profil))
  })
})

describe('forme de la table', () => {
  it('une entrée par action, cibles et départs sont des statuts connus', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ACTIONS_DOSSIER].sort())
    for (const def of Object.values(TRANSITIONS)) {
      for (const s of [...def.depuis, ...def.vers]) expect(STATUTS_DOSSIER).toContain(s)
      for (const [, statuts] of Object.entries(def.restrictions ?? {})) {
        for (const s of statuts ?? []) expect(def.depuis).toContain(s)
      }
    }
  })

  it('statuts finaux : refuse, cloture, annule — et realise/facture/paye ne s’annulent pas', () => {
    expect([...STATUTS_FINAUX].sort()).toEqual(['annule', 'cloture', 'refuse'])
    for (const s of ['refuse', 'realise', 'facture', 'paye', 'cloture', 'annule'] as const) {
      expect(STATUTS_ANNULABLES as readonly string[]).not.toContain(s)
    }
  })

  it('paiement-complet n’est pas une action publique de l’API', () => {
    expect(ACTIONS_PUBLIQUES).toHaveLength(11)
    expect(ACTIONS_PUBLIQUES as readonly string[]).not.toContain('paiement-complet')
    expect(ACTIONS_DOSSIER).toContain('paiement-complet')
  })

  it('chaque statut non final est atteignable depuis brouillon', () => {
    const atteints = new Set<StatutDossier>(['brouillon'])
    let avance = true
    while (avance) {
      avance = false
      for (const def of Object.values(TRANSITIONS)) {
        if (!def.depuis.some((s) => atteints.has(s))) continue
        for (const v of def.vers) if (!atteints.has(v)) (atteints.add(v), (avance = true))
      }
    }
    expect([...atteints].sort()).toEqual([...STATUTS_DOSSIER].sort())
  })
})
