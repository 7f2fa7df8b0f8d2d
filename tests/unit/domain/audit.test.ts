import { describe, expect, it } from '@jest/globals'
import { differencesAudit } from '@/src/domain/audit'

const SECRETS = [
  'password',
  'hash',
  'salt',
  'apiKey',
  'apiKeyIndex',
  'resetPasswordToken',
  'resetPasswordExpiration',
  'loginAttempts',
  'lockUntil',
  'sessions',
  '_verificationToken',
] as const

const entreprise = (id: string, nom = 'ACME') => ({
  id,
  nom,
  siret: '73282932000074',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
})

describe('differencesAudit', () => {
  it('ne fait jamais entrer un secret dans le journal, même modifié', () => {
    const avant: Record<string, unknown> = { email: 'a@exemple.fr' }
    const apres: Record<string, unknown> = { email: 'b@exemple.fr' }
    for (const [i, champ] of SECRETS.entries()) {
      avant[champ] = `ancien-secret-${i}`
      apres[champ] = `nouveau-secret-${i}`
    }
    const diff = differencesAudit(avant, apres)
    expect(diff).toEqual({ email: { avant: 'a@exemple.fr', apres: 'b@exemple.fr' } })
    expect(JSON.stringify(diff)).not.toMatch(/secret/)
  })

  it('exclut les secrets aussi à la création et à la suppression', () => {
    const utilisateur = { id: 7, email: 'x@exemple.fr', hash: 'h', salt: 's', apiKey: 'k', resetPasswordToken: 't' }
    expect(Object.keys(differencesAudit({}, utilisateur))).toEqual(['email'])
    expect(Object.keys(differencesAudit(utilisateur, {}))).toEqual(['email'])
  })

  it('ignore id, createdAt et updatedAt', () => {
    const diff = differencesAudit(
      { id: 1, createdAt: '2026-01-01', updatedAt: '2026-01-01', titre: 'A' },
      { id: 2, createdAt: '2026-02-01', updatedAt: '2026-02-01', titre: 'A' },
    )
    expect(diff).toEqual({})
  })

  it('ne liste que les champs modifiés', () => {
    const diff = differencesAudit(
      { titre: 'Excel', montant: 120000, statut: 'brouillon', notes: null },
      { titre: 'Excel', montant: 150000, statut: 'soumis', notes: null },
    )
    expect(diff).toEqual({
      montant: { avant: 120000, apres: 150000 },
      statut: { avant: 'brouillon', apres: 'soumis' },
    })
  })

  it('détecte un champ ajouté ou retiré (null de l’autre côté)', () => {
    expect(differencesAudit({ a: 1 }, { a: 1, b: 'nouveau' })).toEqual({ b: { avant: null, apres: 'nouveau' } })
    expect(differencesAudit({ a: 1, b: 'ancien' }, { a: 1 })).toEqual({ b: { avant: 'ancien', apres: null } })
  })

  it('considère absent, undefined et null comme identiques', () => {
    expect(differencesAudit({ a: undefined, b: null }, { b: undefined, c: null })).toEqual({})
  })

  it('distingue 0, false, chaîne vide et null', () => {
    expect(differencesAudit({ a: 0, b: false, c: '' }, { a: null, b: null, c: null })).toEqual({
      a: { avant: 0, apres: null },
      b: { avant: false, apres: null },
      c: { avant: '', apres: null },
    })
  })

  it('compare une relation peuplée à son id comme égale', () => {
    expect(differencesAudit({ company: 'c1' }, { company: entreprise('c1') })).toEqual({})
    expect(differencesAudit({ company: entreprise('c1') }, { company: 'c1' })).toEqual({})
    expect(differencesAudit({ owner: 42 }, { owner: { ...entreprise('x'), id: 42 } })).toEqual({})
  })

  it('enregistre un changement de relation par ids, sans recopier le document peuplé', () => {
    const diff = differencesAudit({ company: entreprise('c1') }, { company: entreprise('c2', 'Autre') })
    expect(diff).toEqual({ company: { avant: 'c1', apres: 'c2' } })
    expect(differencesAudit({ company: 'c1' }, { company: entreprise('c2') })).toEqual({ company: { avant: 'c1', apres: 'c2' } })
  })

  it('compare les groupes imbriqués par leur contenu, pas par référence', () => {
    const avant = { beneficiaire: { nom: 'Durand', prenom: 'Léa', email: 'lea@exemple.fr' } }
    const memeContenu = { beneficiaire: { nom: 'Durand', prenom: 'Léa', email: 'lea@exemple.fr' } }
    expect(differencesAudit(avant, memeContenu)).toEqual({})

    const modifie = { beneficiaire: { nom: 'Durand', prenom: 'Léa', email: 'lea.durand@exemple.fr' } }
    expect(differencesAudit(avant, modifie)).toEqual({
      beneficiaire: { avant: avant.beneficiaire, apres: modifie.beneficiaire },
    })
  })

  it('détecte un changement au fond d’un groupe', () => {
    const avant = { formation: { titre: 'Excel', dates: { debut: '2026-03-01', fin: '2026-03-05' } } }
    const apres = { formation: { titre: 'Excel', dates: { debut: '2026-03-01', fin: '2026-03-06' } } }
    expect(Object.keys(differencesAudit(avant, apres))).toEqual(['formation'])
  })

  it('ne réduit pas une ligne de tableau (id sans createdAt) à son id', () => {
    const avant = { lignes: [{ id: 'l1', libelle: 'Jour 1', quantite: 7 }] }
    const apres = { lignes: [{ id: 'l1', libelle: 'Jour 1', quantite: 8 }] }
    expect(differencesAudit(avant, apres)).toEqual({ lignes: { avant: avant.lignes, apres: apres.lignes } })
    expect(differencesAudit(avant, { lignes: [{ id: 'l1', libelle: 'Jour 1', quantite: 7 }] })).toEqual({})
  })

  it('décrit une création : tout part de null', () => {
    const doc = { id: 3, createdAt: 'x', updatedAt: 'x', titre: 'Bilan', company: entreprise('c9'), notes: null }
    expect(differencesAudit({}, doc)).toEqual({
      titre: { avant: null, apres: 'Bilan' },
      company: { avant: null, apres: 'c9' },
    })
  })

  it('décrit une suppression : tout arrive à null', () => {
    const doc = { id: 3, titre: 'Bilan', montant: 0, company: entreprise('c9') }
    expect(differencesAudit(doc, {})).toEqual({
      titre: { avant: 'Bilan', apres: null },
      montant: { avant: 0, apres: null },
      company: { avant: 'c9', apres: null },
    })
  })

  it('ne modifie pas les documents reçus', () => {
    const avant = { company: entreprise('c1'), titre: 'A' }
    const apres = { company: 'c2', titre: 'B' }
    const copieAvant = JSON.parse(JSON.stringify(avant)) as unknown
    const copieApres = JSON.parse(JSON.stringify(apres)) as unknown
    differencesAudit(avant, apres)
    expect(avant).toEqual(copieAvant)
    expect(apres).toEqual(copieApres)
  })
})

describe('comparaisons profondes', () => {
  it("une relation peuplée dans un groupe vaut son identifiant", () => {
    expect(differencesAudit({ formation: { titre: 'E', organisme: 'tp1' } }, { formation: { titre: 'E', organisme: { id: 'tp1', nom: 'OF', createdAt: 'x', updatedAt: 'x' } } })).toEqual({})
  })
  it("l'ordre des clés n'est pas une modification", () => {
    expect(differencesAudit({ g: { a: 1, b: 2 } }, { g: { b: 2, a: 1 } })).toEqual({})
    expect(Object.keys(differencesAudit({ g: { a: 1, b: 2 } }, { g: { b: 3, a: 1 } }))).toEqual(['g'])
  })
})
