import { describe, expect, it } from '@jest/globals'
import { lireSignature } from '@/src/domain/emargement'
import {
  construirePreuve,
  dateHeureParis,
  empreinteCode,
  empreinteJeton,
  estFormatJeton,
  etatDemandeSalarie,
  lignesPageSignature,
  lireSignataires,
  lireSignatureConvention,
  signatairesRequis,
  verifierCode,
} from '@/src/domain/signatureConvention'

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const personne = (role: string, extra: Record<string, unknown> = {}) => ({ role, nom: 'Durand', prenom: 'Claire', fonction: 'Gérante', email: `${role}@exemple.fr`, ...extra })

describe('signataires de la convention', () => {
  it('bilan : tripartite (entreprise, salarié, organisme) ; formation : entreprise et organisme', () => {
    expect(signatairesRequis('bilan')).toEqual(['entreprise', 'salarie', 'organisme'])
    expect(signatairesRequis('formation')).toEqual(['entreprise', 'organisme'])
  })

  it('lit les signataires dans l’ordre de signature, la fonction du salarié par défaut', () => {
    const r = lireSignataires({ signataires: [personne('organisme'), personne('salarie', { fonction: undefined }), personne('entreprise')] }, 'bilan')
    expect(r.ok && r.signataires.map((s) => [s.role, s.fonction])).toEqual([['entreprise', 'Gérante'], ['salarie', 'Salarié(e)'], ['organisme', 'Gérante']])
  })

  it('refuse en français : salarié absent d’un bilan, salarié sur une formation, doublon, e-mail invalide, texte hostile', () => {
    const manque = lireSignataires({ signataires: [personne('entreprise'), personne('organisme')] }, 'bilan')
    expect(manque.ok ? [] : manque.erreurs.map((e) => e.message)).toEqual(['Signataire manquant : salarié(e) bénéficiaire.'])
    expect(lireSignataires({ signataires: [personne('entreprise'), personne('organisme'), personne('salarie')] }, 'formation').ok).toBe(false)
    expect(lireSignataires({ signataires: [personne('entreprise'), personne('entreprise')] }, 'formation').ok).toBe(false)
    expect(lireSignataires({ signataires: [personne('entreprise', { email: 'pas-un-email' }), personne('organisme')] }, 'formation').ok).toBe(false)
    expect(lireSignataires({ signataires: [personne('entreprise', { nom: '<script>' }), personne('organisme')] }, 'formation').ok).toBe(false)
    expect(lireSignataires({ signataires: 'x' }, 'formation').ok).toBe(false)
    expect(lireSignataires(null, 'formation').ok).toBe(false)
  })
})

describe('code à usage unique', () => {
  const emis = '2026-12-04T10:00:00.000Z'
  const etat = (essaisFaits = 0) => ({ empreinte: empreinteCode('123456', 'sel'), emisLe: emis, essaisFaits })
  it('bon code, faux code, expiré après 10 minutes, bloqué après 5 erreurs, absent', () => {
    expect(verifierCode(etat(), '123456', 'sel', new Date('2026-12-04T10:09:59Z'))).toBe('ok')
    expect(verifierCode(etat(), '654321', 'sel', new Date('2026-12-04T10:01:00Z'))).toBe('faux')
    expect(verifierCode(etat(), '123456', 'autre-sel', new Date('2026-12-04T10:01:00Z'))).toBe('faux')
    expect(verifierCode(etat(), '123456', 'sel', new Date('2026-12-04T10:10:01Z'))).toBe('expire')
    expect(verifierCode(etat(5), '123456', 'sel', new Date('2026-12-04T10:01:00Z'))).toBe('verrouille')
    expect(verifierCode({ empreinte: null, emisLe: null, essaisFaits: 0 }, '123456', 'sel', new Date())).toBe('absent')
  })
})

describe('délai du salarié pour un bilan (R6313-8)', () => {
  const envoi = '2026-12-01T09:00:00.000Z'
  it('pas de relance avant le 3e jour, caduque après le 10e', () => {
    expect(etatDemandeSalarie(envoi, null, new Date('2026-12-03T20:00:00Z'))).toMatchObject({ relancePermise: false, caduque: false, dernierJour: '2026-12-11' })
    expect(etatDemandeSalarie(envoi, null, new Date('2026-12-04T08:00:00Z'))).toMatchObject({ relancePermise: true, caduque: false })
    expect(etatDemandeSalarie(envoi, null, new Date('2026-12-11T22:00:00Z'))).toMatchObject({ caduque: false })
    expect(etatDemandeSalarie(envoi, null, new Date('2026-12-11T23:30:00Z'))).toMatchObject({ caduque: true, relancePermise: false })
    expect(etatDemandeSalarie(envoi, '2026-12-02T10:00:00Z', new Date('2026-12-20T10:00:00Z'))).toMatchObject({ caduque: false, relancePermise: false })
  })
})

describe('signature dessinée ou tapée', () => {
  it('PNG et SVG vérifiés sur leur contenu, nom tapé, le reste refusé', () => {
    expect(lireSignatureConvention(`data:image/png;base64,${PNG}`, lireSignature)).toMatchObject({ ok: true, type: 'dessin', mime: 'image/png' })
    expect(lireSignatureConvention(`data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 L10 10"/></svg>')}`, lireSignature)).toMatchObject({ ok: true, mime: 'image/svg+xml' })
    expect(lireSignatureConvention('Claire Durand', lireSignature)).toEqual({ ok: true, type: 'saisie', texte: 'Claire Durand' })
    expect(lireSignatureConvention(`data:image/png;base64,${Buffer.from('<html>').toString('base64')}`, lireSignature).ok).toBe(false)
    expect(lireSignatureConvention(`data:image/png;base64,${'A'.repeat(300_000)}`, lireSignature)).toMatchObject({ ok: false, erreur: 'La signature dépasse 200 Ko.' })
    expect(lireSignatureConvention(`data:image/svg+xml,${encodeURIComponent('<svg onload="alert(1)"></svg>')}`, lireSignature).ok).toBe(false)
    expect(lireSignatureConvention('', lireSignature).ok).toBe(false)
    expect(lireSignatureConvention(42, lireSignature).ok).toBe(false)
    expect(lireSignatureConvention('x', lireSignature).ok).toBe(false)
  })
})

describe('jetons, dates et page de signature', () => {
  it('format des jetons et empreinte', () => {
    expect(estFormatJeton('a'.repeat(43))).toBe(true)
    expect(estFormatJeton('a'.repeat(42))).toBe(false)
    expect(estFormatJeton('../' + 'a'.repeat(40))).toBe(false)
    expect(empreinteJeton('a'.repeat(43))).toMatch(/^[0-9a-f]{64}$/)
  })

  it('dates et heures de Paris (heure d’été et d’hiver)', () => {
    expect(dateHeureParis('2026-12-04T09:05:07.000Z')).toBe('04/12/2026 à 10:05:07')
    expect(dateHeureParis('2026-07-01T22:30:00.000Z')).toBe('02/07/2026 à 00:30:00')
  })

  it('la page nomme chaque signataire, sa fonction, sa date, son IP, et l’empreinte de l’original', () => {
    const e = {
      demande: 7,
      dossierReference: 'MO-2026-000123',
      documentOriginal: { nom: 'convention.pdf', sha256: 'a'.repeat(64), version: 1 },
      envoyeLe: '2026-12-01T09:00:00.000Z',
      signataires: [
        { role: 'entreprise' as const, nom: 'Durand', prenom: 'Claire', fonction: 'Gérante', email: 'c@x.fr', signeLe: '2026-12-02T09:00:00.000Z', ip: '203.0.113.9', userAgent: 'UA', typeSignature: 'dessin' as const, sha256Signature: 'b'.repeat(64) },
      ],
    }
    const page = lignesPageSignature(e, '2026-12-02T09:00:00.000Z')
    const texte = [page.titre, ...page.intro, ...page.blocs.flat(), ...page.pied].join('\n')
    expect(texte).toContain('Claire Durand, Gérante')
    expect(texte).toContain('02/12/2026 à 10:00:00')
    expect(texte).toContain('203.0.113.9')
    expect(texte).toContain('a'.repeat(64))
    expect(construirePreuve(e, '2026-12-02T09:00:00.000Z')).toMatchObject({ documentOriginal: { sha256: 'a'.repeat(64) }, signataires: [{ nom: 'Durand', ip: '203.0.113.9' }] })
  })
})
