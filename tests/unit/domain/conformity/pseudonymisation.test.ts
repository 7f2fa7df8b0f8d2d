import { describe, expect, it } from '@jest/globals'
import { creerPseudonymiseur } from '@/src/domain/conformity/pseudonymisation'

describe('pseudonymisation avant envoi au modèle', () => {
  const texte =
    'Claire Durand (claire.durand@exemple.fr, 06 01 02 03 04, +33 7 11 22 33 44) travaille chez Alpha, SIRET 732 829 320 00074, SIREN 732829320. ' +
    'Mme DURAND souhaite progresser ; claire a 14 h de formation le 01/03/2027 pour 1 400,00 €.'

  it('remplace noms connus, e-mails, téléphones et SIRET/SIREN par des marqueurs stables', () => {
    const p = creerPseudonymiseur(['Claire', 'Durand'])
    const masque = p.masquer(texte)
    for (const personnel of ['Claire', 'claire', 'Durand', 'DURAND', 'exemple.fr', '06 01 02 03 04', '7 11 22 33 44', '732 829 320 00074', '732829320']) {
      expect(masque).not.toContain(personnel)
    }
    expect(masque).toContain('[PERSONNE_1] [PERSONNE_2] ([EMAIL_1], [TELEPHONE_1], [TELEPHONE_2])')
    expect(masque).toContain('Mme [PERSONNE_2]')
    // Same value (any case) → same marker; facts that are not personal data stay.
    expect(masque).toContain('[PERSONNE_1] a 14 h de formation le 01/03/2027 pour 1 400,00 €')
    expect(masque).toContain('SIRET [SIRET_1], SIREN [SIRET_2]')
  })

  it('restaure les valeurs dans la réponse, y compris dans un objet JSON', () => {
    const p = creerPseudonymiseur(['Claire', 'Durand'])
    p.masquer(texte)
    expect(p.restaurer('[PERSONNE_1] [PERSONNE_2] sera capable de…')).toBe('Claire Durand sera capable de…')
    expect(p.restaurerTout({ a: ['Contact : [EMAIL_1]'], b: { c: '[SIRET_1]' }, n: 3 })).toEqual({ a: ['Contact : claire.durand@exemple.fr'], b: { c: '732 829 320 00074' }, n: 3 })
    // An unknown marker (invented by the model) is left as is, never guessed.
    expect(p.restaurer('[PERSONNE_9]')).toBe('[PERSONNE_9]')
  })

  it('ne touche pas un mot qui contient un nom, ni les textes sans donnée personnelle', () => {
    const p = creerPseudonymiseur(['Marc', 'Lyon'])
    expect(p.masquer('Marché de Lyonnais : Marc.')).toBe('Marché de Lyonnais : [PERSONNE_1].')
    expect(p.masquer('Excel avancé, 14 h, 2027.')).toBe('Excel avancé, 14 h, 2027.')
    expect(creerPseudonymiseur([]).masquer('Bonjour')).toBe('Bonjour')
  })
})
