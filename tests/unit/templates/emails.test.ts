import { describe, expect, it } from '@jest/globals'
import * as T from '@/templates/email'
import { modeleDepuisHtml } from '@/src/services/emails/boiteEnvoi'

const liens: T.Liens = { portail: 'https://monopco.fr/', admin: 'https://monopco.fr/admin' }
const hostile = '<img src=http://127.0.0.1:9/x onerror=alert(1)>"\'&'
const dossier: T.DossierEmail = {
  id: 42,
  reference: 'MO-2027-000042',
  typeFormation: 'formation',
  titreFormation: `Excel ${hostile}`,
  beneficiaire: `Claire ${hostile}`,
  entreprise: `Alpha ${hostile}`,
  opco: 'Atlas',
  dateDebut: '2027-03-01',
  montantDemande: 123456,
}

const tous: T.MessageEmail[] = [
  T.accuseReception(dossier, liens),
  T.nouveauDossierEquipe(dossier, liens),
  T.dossierValide(dossier, liens),
  T.dossierOpco(dossier, liens, `dpc-${hostile}.pdf`),
  T.dossierOpco(dossier, liens, null),
  T.dossierEnvoye(dossier, liens),
  T.envoiOpcoSansContact(dossier, liens),
  T.piecesTransmisesEquipe(dossier, liens, hostile),
  T.dossierAnnule(dossier, liens, hostile),
  T.reponseOpco(dossier, liens, { decision: 'accepte', numeroDossierOpco: hostile, montantValide: 100000, montantDemande: 123456 }),
  T.reponseOpco(dossier, liens, { decision: 'accepte_partiel', numeroDossierOpco: 'A-1', montantValide: 100000, montantDemande: 123456 }),
  T.reponseOpco(dossier, liens, { decision: 'refuse', motif: 'plafond_depasse', commentaire: `Trop cher\n${hostile}` }),
  T.reponseOpco(dossier, liens, { decision: 'pieces_demandees', pieces: ['Devis', hostile] }),
  T.reponseOpcoEquipe(dossier, liens, { decision: 'pieces_demandees', pieces: ['Devis'] }),
  T.bienvenue(hostile, { libelle: 'Accéder', url: liens.portail }),
  T.motDePasse('https://monopco.fr/admin/reset/abc', 60),
  T.messageRecu(dossier, liens, hostile, hostile, true),
  T.messageRecu(dossier, liens, 'L’équipe', 'Bonjour', false),
  T.relancePieces(dossier, liens, 8, [hostile]),
  T.relanceOpco(dossier, liens, 22, true),
  T.relanceDebutFormation(dossier, liens, 1, false),
  T.relancePaiement(dossier, liens, 3),
]

describe('modèles d’e-mails', () => {
  it.each(tous.map((m): [string, T.MessageEmail] => [m.modele, m]))('%s : HTML échappé, texte brut fidèle, une seule mise en page', (_nom, m) => {
    const r = T.rendre(m)
    expect(r.html).not.toMatch(/<img|<script|onerror=/)
    expect(r.html.match(/<html/g)).toHaveLength(1)
    expect(r.html).toContain(`<meta name="x-monopco-modele" content="${m.modele}">`)
    expect(modeleDepuisHtml(r.html)).toBe(m.modele)
    expect(r.html).toContain('lang="fr"')
    expect(r.texte).toContain(m.titre)
    expect(r.sujet).not.toMatch(/[\r\n]/)
    expect(r.texte).toContain('MonOPCO')
  })

  it('les valeurs hostiles apparaissent en texte, échappées', () => {
    const r = T.rendre(T.accuseReception(dossier, liens))
    expect(r.html).toContain('Claire &lt;img src&#61;http://127.0.0.1:9/x onerror&#61;alert(1)&gt;&quot;&#39;&amp;')
    expect(r.texte).toContain(`Claire ${hostile}`)
  })

  it('montants en euros à la française, dates jj/mm/aaaa, liens vers le portail et l’admin', () => {
    const r = T.rendre(T.nouveauDossierEquipe(dossier, liens))
    expect(r.texte).toMatch(/Montant demandé : 1\s234,56\s€/)
    expect(r.texte).toContain('Début : 01/03/2027')
    expect(r.html).toContain('href="https://monopco.fr/admin/collections/dossiers/42"')
    expect(T.rendre(T.accuseReception(dossier, liens)).html).toContain('href="https://monopco.fr/"')
  })

  it('refus : motif en clair et commentaire ; pièces demandées : la liste', () => {
    const refus = T.rendre(T.reponseOpco(dossier, liens, { decision: 'refuse', motif: 'organisme_non_certifie', commentaire: 'Pas de Qualiopi.' }))
    expect(refus.texte).toContain('Motif : Organisme de formation non certifié Qualiopi')
    expect(refus.texte).toContain('  > Pas de Qualiopi.')
    const pieces = T.rendre(T.reponseOpco(dossier, liens, { decision: 'pieces_demandees', pieces: ['Devis signé', 'Programme'] }))
    expect(pieces.texte).toContain('  - Devis signé\n  - Programme')
  })

  it('un lien qui n’est pas http(s) n’est jamais un bouton', () => {
    const r = T.rendre({ modele: 'x', sujet: 's', titre: 't', blocs: [{ bouton: { libelle: 'Clic', url: 'javascript:alert(1)' } }] })
    expect(r.html).not.toContain('href="javascript')
  })
})
