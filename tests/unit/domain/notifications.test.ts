import { describe, expect, it } from '@jest/globals'
import { Webhook } from 'svix'
import crypto from 'node:crypto'
import {
  classerEchec,
  cleNotification,
  cleRelance,
  delaiAvantReessai,
  lireRetryAfter,
  prevoirNotifications,
  relancesDues,
  texteDepuisHtml,
  type ContexteNotification,
  type DossierRelance,
} from '@/src/domain/notifications'
import { verifierSvix } from '@/src/security/svix'
import type { EvenementDossier } from '@/src/domain/workflow'

const ctx: ContexteNotification = {
  proprietaire: { email: 'RH@Entreprise.fr', userId: 1 },
  emailBeneficiaire: 'salarie@entreprise.fr',
  admins: [{ email: 'admin1@monopco.fr' }, { email: 'admin2@monopco.fr' }],
  contactOpco: 'depot@atlas.fr',
}
const evt = (type: EvenementDossier['type'], extra: Record<string, unknown> = {}): EvenementDossier =>
  ({ type, dossier: 7, statutPrecedent: 'brouillon', statutCible: 'soumis', acteur: { role: 'admin', id: 1 }, date: '2027-01-02T03:04:05.000Z', ...extra }) as EvenementDossier
const liste = (e: EvenementDossier, c = ctx) => prevoirNotifications(e, c).map((n) => `${n.modele} → ${n.destinataire}`)

describe('prevoirNotifications — qui reçoit quoi', () => {
  it('submit : accusé au titulaire et au bénéficiaire, alerte à chaque admin', () => {
    expect(liste(evt('dossier.submit'))).toEqual([
      'accuse_reception → rh@entreprise.fr',
      'accuse_reception → salarie@entreprise.fr',
      'nouveau_dossier_equipe → admin1@monopco.fr',
      'nouveau_dossier_equipe → admin2@monopco.fr',
    ])
  })
  it('même adresse pour le titulaire et le bénéficiaire : un seul e-mail', () => {
    expect(liste(evt('dossier.validate'), { ...ctx, emailBeneficiaire: ' rh@ENTREPRISE.fr ' })).toEqual(['dossier_valide → rh@entreprise.fr'])
  })
  it('send : dossier au contact OPCO, avis au bénéficiaire ; OPCO sans contact → alerte aux admins', () => {
    expect(liste(evt('dossier.send'))).toEqual(['dossier_opco → depot@atlas.fr', 'dossier_envoye → rh@entreprise.fr', 'dossier_envoye → salarie@entreprise.fr'])
    expect(liste(evt('dossier.send'), { ...ctx, contactOpco: null })).toEqual([
      'envoi_opco_sans_contact → admin1@monopco.fr',
      'envoi_opco_sans_contact → admin2@monopco.fr',
      'dossier_envoye → rh@entreprise.fr',
      'dossier_envoye → salarie@entreprise.fr',
    ])
  })
  it('answer : bénéficiaire et admins ; pièces transmises : admins ; annulation par un admin seulement', () => {
    expect(liste(evt('dossier.answer', { decision: 'refuse', motif: 'autre', commentaire: 'x' }))).toHaveLength(4)
    expect(liste(evt('dossier.complete-documents'))).toEqual(['pieces_transmises_equipe → admin1@monopco.fr', 'pieces_transmises_equipe → admin2@monopco.fr'])
    expect(liste(evt('dossier.cancel'))).toEqual(['dossier_annule → rh@entreprise.fr', 'dossier_annule → salarie@entreprise.fr'])
    expect(liste(evt('dossier.cancel', { acteur: { role: 'user', id: 1 } }))).toEqual([])
  })
  it('review, start, complete, invoice, paiement-complet, close : aucun e-mail', () => {
    for (const t of ['dossier.review', 'dossier.start', 'dossier.complete', 'dossier.invoice', 'dossier.paiement-complet', 'dossier.close'] as const) expect(liste(evt(t))).toEqual([])
  })
  it('adresses invalides ou absentes ignorées', () => {
    expect(liste(evt('dossier.validate'), { ...ctx, proprietaire: null, emailBeneficiaire: 'pas une adresse' })).toEqual([])
  })
  it('clé d’idempotence : stable pour un même événement, distincte par modèle et destinataire', () => {
    const e = evt('dossier.submit')
    expect(cleNotification(e, 'accuse_reception', 'A@b.fr')).toBe('7:dossier.submit@2027-01-02T03:04:05.000Z:accuse_reception:a@b.fr')
    expect(cleNotification(e, 'accuse_reception', 'a@b.fr')).toBe(cleNotification({ ...e }, 'accuse_reception', 'A@B.FR'))
  })
})

describe('relancesDues', () => {
  const delais = { piecesJours: 7, opcoJours: 21, debutFormationJours: 15, paiementJours: 30 }
  const maintenant = new Date('2027-03-20T08:00:00Z')
  const d = (x: Partial<DossierRelance>): DossierRelance => ({ id: 1, status: 'brouillon', ...x })
  const regles = (x: Partial<DossierRelance>, m = maintenant) => relancesDues(d(x), m, delais).map((r) => `${r.regle} ${r.fenetre} ${r.jours}${r.essentielle ? ' !' : ''}`)

  it('pièces demandées : à partir de N jours, une fenêtre tous les N jours', () => {
    expect(regles({ status: 'pieces_demandees', reponseOpcoDate: '2027-03-14T10:00:00Z' })).toEqual([])
    expect(regles({ status: 'pieces_demandees', reponseOpcoDate: '2027-03-13T23:00:00Z' })).toEqual(['pieces_demandees 2027-03-13#1 7'])
    expect(regles({ status: 'pieces_demandees', reponseOpcoDate: '2027-03-06' })).toEqual(['pieces_demandees 2027-03-06#2 14'])
  })
  it('OPCO sans réponse : depuis l’envoi ou depuis le retour des pièces', () => {
    expect(regles({ status: 'envoye_opco', envoiOpcoDate: '2027-02-27' })).toEqual(['opco_sans_reponse 2027-02-27#1 21'])
    expect(regles({ status: 'envoye_opco', envoiOpcoDate: '2027-01-01', reponseOpcoDate: '2027-03-10' })).toEqual([])
  })
  it('début de formation proche et dossier non envoyé : essentiel, une fois par date de début', () => {
    expect(regles({ status: 'valide', dateDebut: '2027-04-04' })).toEqual(['debut_formation debut:2027-04-04 15 !'])
    expect(regles({ status: 'valide', dateDebut: '2027-04-05' })).toEqual([])
    expect(regles({ status: 'soumis', dateDebut: '2027-03-20' })).toEqual(['debut_formation debut:2027-03-20 0 !'])
    expect(regles({ status: 'soumis', dateDebut: '2027-03-19' })).toEqual([])
    expect(regles({ status: 'envoye_opco', dateDebut: '2027-03-25', envoiOpcoDate: '2027-03-19' })).toEqual([])
  })
  it('paiement en retard : échéance de la facture, sinon facturation + N jours ; rien une fois payé', () => {
    expect(regles({ status: 'facture', echeanceFacture: '2027-03-19', paymentStatus: 'partiel' })).toEqual(['paiement_retard 2027-03-19#0 1'])
    expect(regles({ status: 'facture', echeanceFacture: '2027-03-20' })).toEqual([])
    expect(regles({ status: 'facture', dateFacturation: '2027-02-01' })).toEqual(['paiement_retard 2027-03-03#0 17'])
    expect(regles({ status: 'facture', dateFacturation: '2027-01-01' })).toEqual(['paiement_retard 2027-01-31#1 48'])
    expect(regles({ status: 'facture', dateFacturation: '2027-01-01', paymentStatus: 'paye' })).toEqual([])
  })
  it('clé : règle, dossier, fenêtre, destinataire', () => {
    expect(cleRelance({ regle: 'debut_formation', dossier: 3, fenetre: 'debut:2027-04-04' }, ' X@Y.fr')).toBe('relance:debut_formation:3:debut:2027-04-04:x@y.fr')
  })
})

describe('politique d’envoi', () => {
  it('délai exponentiel plafonné à 6 h ; Retry-After plus long retenu', () => {
    expect([1, 2, 3, 4].map((n) => delaiAvantReessai(n, 60))).toEqual([60, 120, 240, 480])
    expect(delaiAvantReessai(20, 60)).toBe(6 * 3600)
    expect(delaiAvantReessai(1, 60, 300)).toBe(300)
    expect(delaiAvantReessai(3, 60, 10)).toBe(240)
  })
  it('classement des erreurs', () => {
    expect([429, 408, 409, 500, 502, 503].map((statutHttp) => classerEchec({ statutHttp }))).toEqual(Array(6).fill('reessayer'))
    expect([400, 401, 403, 404, 422].map((statutHttp) => classerEchec({ statutHttp }))).toEqual(Array(5).fill('definitif'))
    expect(classerEchec({})).toBe('reessayer')
    expect(classerEchec({ codeSmtp: 550 })).toBe('definitif')
    expect(classerEchec({ codeSmtp: 451 })).toBe('reessayer')
  })
  it('Retry-After en secondes ou en date HTTP', () => {
    expect(lireRetryAfter('120')).toBe(120)
    expect(lireRetryAfter(new Date(Date.parse('2027-01-01T00:01:00Z')).toUTCString(), new Date('2027-01-01T00:00:00Z'))).toBe(60)
    expect(lireRetryAfter('n’importe quoi')).toBeNull()
    expect(lireRetryAfter(null)).toBeNull()
  })
})

describe('verifierSvix (signatures faites par la bibliothèque svix)', () => {
  const secret = `whsec_${crypto.randomBytes(24).toString('base64')}`
  const wh = new Webhook(secret)
  const corps = '{"type":"email.delivered","data":{"email_id":"abc"}}'
  const maintenant = new Date('2027-01-01T12:00:00Z')
  const ts = String(Math.floor(maintenant.getTime() / 1000))
  const sig = wh.sign('msg_1', maintenant, corps)

  it('accepte une signature valide, y compris parmi plusieurs (rotation de clé)', () => {
    expect(verifierSvix({ secret, id: 'msg_1', timestamp: ts, signature: sig, corps, maintenant })).toEqual({ ok: true })
    expect(verifierSvix({ secret, id: 'msg_1', timestamp: ts, signature: `v1,AAAA ${sig}`, corps, maintenant }).ok).toBe(true)
  })
  it('refuse corps, identifiant ou horodatage modifiés, autre secret, en-têtes absents, hors fenêtre de 5 min', () => {
    expect(verifierSvix({ secret, id: 'msg_1', timestamp: ts, signature: sig, corps: corps + ' ', maintenant }).ok).toBe(false)
    expect(verifierSvix({ secret, id: 'msg_2', timestamp: ts, signature: sig, corps, maintenant }).ok).toBe(false)
    expect(verifierSvix({ secret, id: 'msg_1', timestamp: String(Number(ts) + 1), signature: sig, corps, maintenant }).ok).toBe(false)
    expect(verifierSvix({ secret: `whsec_${crypto.randomBytes(24).toString('base64')}`, id: 'msg_1', timestamp: ts, signature: sig, corps, maintenant }).ok).toBe(false)
    expect(verifierSvix({ secret, id: null, timestamp: ts, signature: sig, corps, maintenant }).ok).toBe(false)
    expect(verifierSvix({ secret, id: 'msg_1', timestamp: ts, signature: 'v2,xyz', corps, maintenant }).ok).toBe(false)
    expect(verifierSvix({ secret, id: 'msg_1', timestamp: ts, signature: sig, corps, maintenant: new Date(maintenant.getTime() + 301_000) })).toMatchObject({ ok: false, raison: expect.stringMatching(/5 minutes/) })
    expect(verifierSvix({ secret, id: 'msg_1', timestamp: ts, signature: sig, corps, maintenant: new Date(maintenant.getTime() + 299_000) }).ok).toBe(true)
  })
})

describe('texteDepuisHtml', () => {
  it('garde le texte, les liens et les listes ; décode les entités ; retire styles et balises', () => {
    const t = texteDepuisHtml('<html><head><style>p{color:red}</style></head><body><h1>Titre &amp; co</h1><p>Bonjour&nbsp;<b>Zoé</b> &lt;3</p><ul><li>un</li><li>deux</li></ul><p><a href="https://x.fr/r?t=1">Cliquer</a></p>&#233;&#x27;</body></html>')
    expect(t).toBe('Titre & co\nBonjour Zoé <3\n\n  - un\n  - deux\nCliquer : https://x.fr/r?t=1\né&#x27;')
  })
})

describe('historique : les e-mails d’un dossier', () => {
  it('une entrée par e-mail, datée, avec destinataire, statut et erreur éventuelle', async () => {
    const { construireHistorique } = await import('@/src/domain/historique')
    const h = construireHistorique({
      emails: [
        { date: '2027-01-02T10:00:00Z', destinataire: 'a@b.fr', objet: 'Dossier MO-1 reçu', statut: 'Délivré' },
        { date: '2027-01-01T10:00:00Z', destinataire: 'c@d.fr', objet: 'Relance', statut: 'Échec', erreur: 'Resend (HTTP 422) : adresse invalide\nsuite' },
      ],
    })
    expect(h).toEqual([
      { date: '2027-01-01T10:00:00Z', type: 'email', titre: 'E-mail « Relance »', detail: 'à c@d.fr · Échec · Resend (HTTP 422) : adresse invalide' },
      { date: '2027-01-02T10:00:00Z', type: 'email', titre: 'E-mail « Dossier MO-1 reçu »', detail: 'à a@b.fr · Délivré' },
    ])
  })
})
