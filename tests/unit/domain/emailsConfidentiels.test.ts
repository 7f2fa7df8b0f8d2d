/**
 * E-mails that carry a personal secret (src/domain/notifications/confidentiel.ts): every template
 * that receives a link with a token or a code is on the list, none puts the secret in its subject,
 * and an error text that echoes the message loses the secret; the dossier archive and the audit
 * log carry no content of such a row.
 */
import { describe, expect, it } from '@jest/globals'
import * as T from '@/templates/email'
import { estModeleConfidentiel, expurgerSecrets, MODELES_CONFIDENTIELS, NOTE_CONTENU_MASQUE } from '@/src/domain/notifications'
import { contenuEml } from '@/src/domain/archiveDossier'
import { differencesAudit } from '@/src/domain/audit'

const JETON = 'Zx9_k2LmQw8-Rt5YpA3vBn7cD1eF4gH6jK0sU2iO9aE'
const CODE = '482913'
const seance: T.SeanceEmail = { id: 7, reference: 'MO-2027-000042', titreFormation: 'Excel', date: '2027-03-01', demiJournee: 'Matin', heureDebut: '09:00', heureFin: '12:30', stagiaire: 'Claire Durand', formateur: 'Paul Martin' }
const infos: T.InfosSignature = { prenom: 'Agnès', reference: 'MO-2027-000042', titreFormation: 'Excel', role: 'l’entreprise' }

/** Each template that receives a secret, rendered with one: the list must name it. */
const AVEC_SECRET: [string, T.MessageEmail, string][] = [
  ['mot de passe (portail)', T.motDePasse(`https://monopco.fr/reinitialiser/${JETON}`, 60), JETON],
  ['lien de signature', T.lienSignatureConvention(infos, `https://monopco.fr/signature/${JETON}`, true, '12/03/2027'), JETON],
  ['relance de signature', T.relanceSignatureConvention(infos, `https://monopco.fr/signature/${JETON}`), JETON],
  ['code de signature', T.codeSignatureConvention('Agnès', 'MO-2027-000042', CODE), CODE],
  ['lien d’émargement (stagiaire)', T.lienEmargement(seance, 'stagiaire', `https://monopco.fr/emargement/${JETON}`), JETON],
  ['lien d’émargement (formateur)', T.lienEmargement(seance, 'formateur', `https://monopco.fr/emargement/${JETON}`), JETON],
]

describe('modèles confidentiels', () => {
  it.each(AVEC_SECRET)('%s : sur la liste, le secret dans le corps, jamais dans l’objet', (_nom, message, secret) => {
    const rendu = T.rendre(message)
    expect(estModeleConfidentiel(rendu.modele)).toBe(true)
    expect(rendu.html).toContain(secret)
    expect(rendu.texte).toContain(secret)
    expect(rendu.sujet).not.toContain(secret)
  })

  it('les e-mails sans secret restent lisibles ; un e-mail que nous n’avons pas rendu est masqué par prudence', () => {
    const sansSecret = [
      T.bienvenue('Claire', { libelle: 'Ouvrir', url: 'https://monopco.fr/' }),
      T.compteVerrouille('Claire', 10, 'https://monopco.fr/mot-de-passe-oublie'),
      T.relanceEmargementSignataire(seance, 'stagiaire'),
      T.relanceEmargementEquipe(seance, ['stagiaire'], 'https://monopco.fr/admin/collections/seances/7'),
      T.conventionSigneeEquipe('MO-2027-000042', 'https://monopco.fr/admin/collections/dossiers/42'),
    ]
    for (const m of sansSecret) expect([m.modele, estModeleConfidentiel(m.modele)]).toEqual([m.modele, false])
    expect(estModeleConfidentiel('payload')).toBe(true)
    expect(estModeleConfidentiel(undefined)).toBe(false)
    expect(MODELES_CONFIDENTIELS).toHaveLength(new Set(MODELES_CONFIDENTIELS).size)
  })
})

describe('expurgerSecrets (dernière erreur d’un e-mail confidentiel)', () => {
  it('retire liens, jetons et codes ; garde le statut et la raison', () => {
    const echo = `Resend (HTTP 422) : Invalid html near "<a href=\\"https://monopco.fr/signature/${JETON}\\">" ; code ${CODE} ; /emargement/${JETON} ; ${JETON}`
    const propre = expurgerSecrets(echo)
    expect(propre).not.toContain(JETON)
    expect(propre).not.toContain(CODE)
    expect(propre).not.toContain('monopco.fr/signature')
    expect(propre).toContain('Resend (HTTP 422) : Invalid html near')
    expect(propre).toContain('[lien masqué]')
    expect(propre).toContain('[code masqué]')
  })

  it('un message ordinaire passe intact', () => {
    for (const m of ['SMTP (code 550) : Mailbox unavailable', 'Resend (HTTP 429) : Too many requests — abandon après 8 tentatives.', 'Aucun fournisseur d’e-mail configuré']) expect(expurgerSecrets(m)).toBe(m)
  })
})

describe('archive et journal : aucun contenu confidentiel', () => {
  it('le .eml d’un e-mail confidentiel porte la note, pas le contenu', () => {
    const rendu = T.rendre(T.codeSignatureConvention('Agnès', 'MO-2027-000042', CODE))
    const eml = contenuEml(
      { id: 9, to: 'rh@exemple.fr', subject: rendu.sujet, template: rendu.modele, status: 'sent', text: rendu.texte, html: rendu.html, confidentiel: true, createdAt: '2027-03-01T09:00:00.000Z' },
      { nom: 'MonOPCO', adresse: 'notifications@monopco.fr' },
    )
    expect(eml).not.toContain(CODE)
    expect(eml).toContain(NOTE_CONTENU_MASQUE)
  })

  it('differencesAudit laisse de côté les champs exclus par la collection', () => {
    const d = differencesAudit({}, { to: 'rh@exemple.fr', html: `<a href="/signature/${JETON}">`, text: JETON }, new Set(['html', 'text']))
    expect(Object.keys(d)).toEqual(['to'])
  })
})
