import { describe, expect, it } from '@jest/globals'
import { LIBELLES_STATUT, STATUTS_DOSSIER, type StatutDossier } from '@/src/domain/statuts'
import {
  ACTIONS_DOSSIER,
  actionsPossibles,
  evaluerTransition,
  LIBELLES_ACTION,
  PROFILS_ACTEUR,
  TRANSITIONS,
  type ActionDossier,
  type ProfilActeur,
} from '@/src/domain/workflow'
import { ACTEURS, dossier, MAINTENANT, PARAMETRES_VALIDES } from './fixtures'

describe('action inconnue → 422', () => {
  it.each(['', 'SUBMIT', 'delete', 'toString', 'constructor', '__proto__'])('« %s »', (action) => {
    const r = evaluerTransition(dossier('brouillon'), ACTEURS.admin, action, {}, MAINTENANT)
    expect(r).toMatchObject({ ok: false, code: 422, manquants: ['action'] })
    if (!r.ok) expect(r.message).toContain('Action inconnue')
  })

  it('passe avant le contrôle de statut et d’acteur', () => {
    expect(evaluerTransition(dossier('cloture'), ACTEURS.autre_opco, 'nimporte', {}, MAINTENANT)).toMatchObject({ code: 422 })
  })
})

describe('mauvais statut → 409, avec les actions possibles dans le message', () => {
  const cas: [StatutDossier, ActionDossier][] = STATUTS_DOSSIER.flatMap((s) =>
    ACTIONS_DOSSIER.filter((a) => !TRANSITIONS[a].depuis.includes(s)).map((a): [StatutDossier, ActionDossier] => [s, a]),
  )

  it.each(cas)('%s : %s (admin)', (statut, action) => {
    const r = evaluerTransition(dossier(statut), ACTEURS.admin, action, PARAMETRES_VALIDES[action], MAINTENANT)
    if (r.ok) throw new Error('transition acceptée à tort')
    expect(r.code).toBe(409)
    expect(r.message).toContain(`« ${LIBELLES_STATUT[statut]} »`)
    const possibles = actionsPossibles(dossier(statut), ACTEURS.admin)
    expect(r.actionsPossibles).toEqual(possibles)
    if (possibles.length === 0) {
      expect(r.message).toContain('Aucune action ne vous est possible')
    } else {
      for (const a of possibles) expect(r.message).toContain(`${a} (${LIBELLES_ACTION[a]})`)
    }
  })

  it('exemple lisible', () => {
    const r = evaluerTransition(dossier('soumis'), ACTEURS.admin, 'send', {}, MAINTENANT)
    expect(r).toMatchObject({
      ok: false,
      code: 409,
      message:
        "L'action « Envoyer à l'OPCO » (send) n'est pas possible depuis le statut « Soumis ». Actions possibles depuis ce statut : review (Passer en revue), cancel (Annuler).",
    })
  })

  it('la liste est celle de l’acteur : le bénéficiaire ne se voit proposer que ses propres actions', () => {
    const r = evaluerTransition(dossier('soumis'), ACTEURS.proprietaire, 'send', {}, MAINTENANT)
    if (r.ok) throw new Error('transition acceptée à tort')
    expect(r.actionsPossibles).toEqual(['cancel'])
    expect(r.message).not.toContain('review')
  })

  it('le statut passe avant l’acteur : un OPCO étranger sur un dossier clos reçoit 409', () => {
    expect(evaluerTransition(dossier('cloture'), ACTEURS.autre_opco, 'answer', PARAMETRES_VALIDES.answer, MAINTENANT)).toMatchObject({ code: 409 })
  })

  it('statut inconnu (donnée corrompue) → 409 sans action possible', () => {
    const d = { ...dossier('brouillon'), status: 'perdu' as StatutDossier }
    expect(evaluerTransition(d, ACTEURS.admin, 'submit', {}, MAINTENANT)).toMatchObject({ ok: false, code: 409, actionsPossibles: [] })
    expect(actionsPossibles(d, ACTEURS.admin)).toEqual([])
  })
})

describe('mauvais acteur → 403', () => {
  const cas: [StatutDossier, ActionDossier, ProfilActeur][] = []
  for (const action of ACTIONS_DOSSIER) {
    const def = TRANSITIONS[action]
    for (const statut of def.depuis) {
      for (const profil of PROFILS_ACTEUR) {
        const restriction = def.restrictions?.[profil]
        const autorise = def.profils.includes(profil) && (restriction === undefined || restriction.includes(statut))
        if (!autorise) cas.push([statut, action, profil])
      }
    }
  }

  it('il y a des cas à tester pour chaque action', () => {
    for (const a of ACTIONS_DOSSIER) expect(cas.some(([, action]) => action === a)).toBe(true)
  })

  it.each(cas)('%s : %s par %s', (statut, action, profil) => {
    const r = evaluerTransition(dossier(statut), ACTEURS[profil], action, PARAMETRES_VALIDES[action], MAINTENANT)
    if (r.ok) throw new Error('transition acceptée à tort')
    expect(r.code).toBe(403)
    expect(r.message).toContain(`« ${LIBELLES_ACTION[action]} »`)
  })

  it('un OPCO ne répond pas pour un dossier d’un autre OPCO, ni pour un dossier sans OPCO', () => {
    const r = evaluerTransition(dossier('envoye_opco'), ACTEURS.autre_opco, 'answer', PARAMETRES_VALIDES.answer, MAINTENANT)
    expect(r).toMatchObject({ ok: false, code: 403 })
    if (!r.ok) expect(r.message).toContain('votre OPCO')
    const sansOpco = dossier('envoye_opco', { opco: null })
    expect(evaluerTransition(sansOpco, { role: 'opco', id: 5, opco: null }, 'answer', PARAMETRES_VALIDES.answer, MAINTENANT)).toMatchObject({ code: 403 })
  })

  it('un autre utilisateur ne soumet pas le dossier de quelqu’un d’autre', () => {
    const r = evaluerTransition(dossier('brouillon'), ACTEURS.utilisateur, 'submit', {}, MAINTENANT)
    expect(r).toMatchObject({ ok: false, code: 403 })
    if (!r.ok) expect(r.message).toContain("n'est pas le vôtre")
  })

  it('le bénéficiaire n’annule plus une fois le dossier en revue', () => {
    expect(evaluerTransition(dossier('en_revue'), ACTEURS.proprietaire, 'cancel', {}, MAINTENANT)).toMatchObject({ code: 403 })
  })

  it('l’admin ne déclenche pas paiement-complet à la main', () => {
    const r = evaluerTransition(dossier('facture'), ACTEURS.admin, 'paiement-complet', {}, MAINTENANT)
    expect(r).toMatchObject({ ok: false, code: 403 })
    if (!r.ok) expect(r.message).toContain('automatiquement')
  })

  it('rôle inconnu → 403', () => {
    const intrus = { role: 'superadmin', id: 1 } as unknown as (typeof ACTEURS)['admin']
    expect(evaluerTransition(dossier('soumis'), intrus, 'review', {}, MAINTENANT)).toMatchObject({ ok: false, code: 403 })
    expect(actionsPossibles(dossier('soumis'), intrus)).toEqual([])
  })

  it('l’acteur passe avant les préconditions : un brouillon vide soumis par un inconnu reçoit 403', () => {
    const vide = { status: 'brouillon' as const, owner: 7 }
    expect(evaluerTransition(vide, ACTEURS.utilisateur, 'submit', {}, MAINTENANT)).toMatchObject({ code: 403 })
  })
})

describe('actionsPossibles', () => {
  it.each<[StatutDossier, ProfilActeur, ActionDossier[]]>([
    ['brouillon', 'proprietaire', ['submit', 'cancel']],
    ['brouillon', 'admin', ['submit', 'cancel']],
    ['brouillon', 'utilisateur', []],
    ['soumis', 'admin', ['review', 'cancel']],
    ['soumis', 'proprietaire', ['cancel']],
    ['en_revue', 'proprietaire', []],
    ['envoye_opco', 'opco_du_dossier', ['answer']],
    ['envoye_opco', 'autre_opco', []],
    ['envoye_opco', 'admin', ['answer', 'cancel']],
    ['pieces_demandees', 'proprietaire', ['complete-documents']],
    ['accepte_partiel', 'admin', ['start', 'cancel']],
    ['en_formation', 'admin', ['complete', 'cancel']],
    ['realise', 'admin', ['invoice']],
    ['facture', 'admin', []],
    ['facture', 'systeme', ['paiement-complet']],
    ['paye', 'admin', ['close']],
    ['refuse', 'admin', []],
    ['cloture', 'admin', []],
    ['annule', 'admin', []],
  ])('%s, %s → %j', (statut, profil, attendu) => {
    expect(actionsPossibles(dossier(statut), ACTEURS[profil])).toEqual(attendu)
  })
})
