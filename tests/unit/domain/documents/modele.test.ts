import { describe, expect, it } from '@jest/globals'
import { chargerConfigurationDocuments } from '@/src/config/documents'
import {
  adresse,
  dateFr,
  euros,
  heures,
  remplirAvecElision,
  siren,
  texte,
} from '@/src/domain/documents/format'
import { mentionsManquantes, mentionsObligatoires, normaliserTexte } from '@/src/domain/documents/mentions'
import { construireModele, DonneesDocumentInvalidesError, mentionTva, typeConvention } from '@/src/domain/documents/modele'
import { TYPES_DOCUMENT, type EntreesDocument, type Partie, type VueConvention, type VueFacture } from '@/src/domain/documents/types'
import { rendreHtmlDocument } from '@/templates/pdf/index'
import { chaineCss } from '@/templates/pdf/layout'
import { dossierFormation, entreesDe, facture, organisme } from '@/tests/helpers/documents'

const config = chargerConfigurationDocuments()
const NBSP = '\u00a0'

/** The visible text of a generated HTML document (tags out, entities decoded). */
function texteVisible(document: string): string {
  const entites: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: NBSP }
  return document
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (tout, e: string) =>
      e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (entites[e] ?? tout),
    )
}

const champ = (p: Partie, libelle: string) => p.champs.find((c) => c.libelle === libelle)?.valeur

describe('mise en forme des valeurs', () => {
  it('montants en centimes → « 1 234,56 € » avec espaces insécables, négatifs pour les avoirs', () => {
    expect(euros(123456)).toBe(`1${NBSP}234,56${NBSP}€`)
    expect(euros(0)).toBe(`0,00${NBSP}€`)
    expect(euros(-20576)).toBe(`-205,76${NBSP}€`)
  })

  it('dates ISO → jj/mm/aaaa en UTC (pas de veille sur un serveur à l’ouest)', () => {
    expect(dateFr('2026-03-16T00:00:00.000Z')).toBe('16/03/2026')
    expect(dateFr('2026-12-31')).toBe('31/12/2026')
    expect(dateFr(new Date(Date.UTC(2026, 0, 5)))).toBe('05/01/2026')
  })

  it('heures : virgule décimale, pluriel à partir de 2', () => {
    expect(heures(21)).toBe(`21${NBSP}heures`)
    expect(heures(17.5)).toBe(`17,5${NBSP}heures`)
    expect(heures(1.5)).toBe(`1,5${NBSP}heure`)
  })

  it('valeurs absentes ou invalides : visibles, jamais « undefined », « null » ou « NaN »', () => {
    for (const v of [undefined, null, Number.NaN, '', '   ', {}, [], 'pas une date']) {
      expect(euros(v)).toBe('—')
      expect(dateFr(v)).toBe('—')
    }
    for (const v of [undefined, null, Number.NaN, '', '   ', {}, []]) expect(texte(v)).toBe('non renseigné')
    expect(euros(12.5)).toBe('—')
    expect(dateFr('2026-02-30')).toBe('—')
    expect(heures(undefined)).toBe('non renseignée')
    expect(heures(-3)).toBe('non renseignée')
    expect(adresse(null)).toBe('non renseignée')
    expect(adresse({ rue: null, codePostal: '75011', ville: 'Paris' })).toBe('75011 Paris')
    expect(siren(null)).toBe('non renseigné')
  })

  it('SIREN déduit du SIRET, espaces de saisie retirés', () => {
    expect(siren('445 566 771 00017')).toBe('445566771')
    expect(siren('abc', '812345676')).toBe('812345676')
  })

  it('élision de « de » devant voyelle pour la région du NDA', () => {
    const g = 'auprès du préfet de région de {region}'
    expect(remplirAvecElision(g, { region: 'Île-de-France' })).toBe("auprès du préfet de région d'Île-de-France")
    expect(remplirAvecElision(g, { region: 'Occitanie' })).toBe("auprès du préfet de région d'Occitanie")
    expect(remplirAvecElision(g, { region: 'Bretagne' })).toBe('auprès du préfet de région de Bretagne')
  })
})

describe('mention de TVA selon le régime de l’organisme', () => {
  it('exonération 261-4-4°-a, franchise 293 B, taux normal', () => {
    expect(mentionTva('exoneration_261', config)).toBe('Exonération de TVA – art. 261-4-4°-a du CGI')
    expect(mentionTva('franchise_293B', config)).toBe('TVA non applicable, art. 293 B du CGI')
    expect(mentionTva('assujetti', config)).toBe('TVA au taux normal de 20 %')
  })

  it('régime absent : exonération (valeur par défaut de la collection)', () => {
    expect(mentionTva(null, config)).toBe(mentionTva('exoneration_261', config))
  })

  it('convention d’un organisme assujetti : TVA et TTC calculés en centimes entiers', () => {
    const vue = construireModele('convention', { ...entreesDe('convention'), organisme: { ...organisme, regimeTva: 'assujetti' } }, config)
    const prix = vue.sections.find((s) => s.titre.includes('Prix'))!.champs
    expect(prix).toEqual(
      expect.arrayContaining([
        { libelle: 'TVA', valeur: 'TVA au taux normal de 20 %' },
        { libelle: 'Montant de la TVA', valeur: `246,91${NBSP}€` },
        { libelle: 'Coût total TTC', valeur: `1${NBSP}481,47${NBSP}€` },
      ]),
    )
  })

  it('la facture imprime la mention enregistrée à son émission, sinon celle du régime', () => {
    const avecMention = construireModele('facture', entreesDe('facture'), config)
    expect(avecMention.mentionTva).toBe('Exonération de TVA – art. 261-4-4°-a du CGI')
    const sansMention = construireModele('facture', { ...entreesDe('facture'), organisme: { ...organisme, regimeTva: 'franchise_293B' }, facture: { ...facture, mentionTva: null } }, config)
    expect(sansMention.mentionTva).toBe('TVA non applicable, art. 293 B du CGI')
  })
})

describe('modèles de vue', () => {
  it('convention : parties, NDA, nature de l’action, prix, subrogation', () => {
    const vue = construireModele('convention', entreesDe('convention'), config)
    const [of, entreprise] = vue.parties as [Partie, Partie]
    expect(of.nom).toBe('Forma Pro Conseil')
    expect(champ(of, 'SIRET')).toBe('44556677100017')
    expect(of.mentions).toEqual([
      "Déclaration d'activité enregistrée sous le numéro 11755555575 auprès du préfet de région d'Île-de-France",
      "Cet enregistrement ne vaut pas agrément de l'État",
    ])
    expect(champ(entreprise, 'SIREN')).toBe('812345676')
    expect(champ(entreprise, 'Adresse')).toBe('8 rue des Lilas, 69003 Lyon')
    const tout = JSON.stringify(vue)
    expect(tout).toContain('action de formation (article L6313-1 du Code du travail)')
    expect(tout).toContain(`1${NBSP}234,56${NBSP}€ HT`)
    expect(tout).toContain('Subrogation de paiement : oui. Atlas règle directement')
    expect(tout).toContain('du 16/03/2026 au 19/03/2026')
    expect(vue.signatures.map((s) => s.role)).toEqual(['Pour l’entreprise', 'Pour l’organisme de formation'])
  })

  it('convention de bilan : trois parties, trois phases, résultats au seul bénéficiaire, 10 jours, trois signatures', () => {
    const vue = construireModele('convention_bilan', entreesDe('convention_bilan'), config)
    expect(vue.parties.map((p) => p.role)).toEqual(['L’employeur', 'Le bénéficiaire (salarié)', 'L’organisme prestataire du bilan'])
    const phases = vue.sections.find((s) => s.titre.includes('trois phases'))!.liste
    expect(phases.map((p) => p.split(' : ')[0])).toEqual(['Phase préliminaire', 'Phase d’investigation', 'Phase de conclusions'])
    const tout = JSON.stringify(vue)
    expect(tout).toContain('Les résultats détaillés et le document de synthèse sont remis au seul bénéficiaire')
    expect(tout).toContain(`délai de 10${NBSP}jours`)
    expect(tout).toContain('bilans de compétences')
    expect(vue.signatures).toHaveLength(3)
  })

  it('la convention suit le type du dossier (un bilan n’a pas de convention de formation)', () => {
    expect(typeConvention(dossierFormation)).toBe('convention')
    expect(typeConvention({ typeFormation: 'bilan' })).toBe('convention_bilan')
    expect(() => construireModele('convention', entreesDe('convention_bilan'), config)).toThrow(DonneesDocumentInvalidesError)
    expect(() => construireModele('convention_bilan', entreesDe('convention'), config)).toThrow(DonneesDocumentInvalidesError)
  })

  it('certificat : nature cochée, heures réellement réalisées (pas les heures prévues)', () => {
    const vue = construireModele('certificat_realisation', entreesDe('certificat_realisation'), config)
    expect(vue.attestation.natures).toEqual([
      { libelle: 'action de formation', cochee: true },
      { libelle: 'bilan de compétences', cochee: false },
      { libelle: 'action de VAE', cochee: false },
      { libelle: 'action de formation par apprentissage', cochee: false },
    ])
    expect(vue.attestation.duree).toBe(`24${NBSP}heures`)
    expect(vue.attestation.beneficiaire).toBe('Élodie Durand')
    const bilan = construireModele('certificat_realisation', entreesDe('convention_bilan'), config)
    expect(bilan.attestation.natures.filter((n) => n.cochee).map((n) => n.libelle)).toEqual(['bilan de compétences'])
    expect(bilan.attestation.duree).toBe(`22,5${NBSP}heures`)
  })

  it('demande de prise en charge : choix de subrogation coché, reste à charge', () => {
    const vue = construireModele('demande_prise_en_charge', entreesDe('demande_prise_en_charge'), config)
    expect(vue.subrogation.map((c) => c.cochee)).toEqual([true, false])
    expect(JSON.stringify(vue)).toContain(`Reste à charge de l’entreprise","valeur":"184,56${NBSP}€ HT`)
    const rembourse = construireModele('demande_prise_en_charge', { ...entreesDe('demande_prise_en_charge'), dossier: { ...dossierFormation, subrogation: false } }, config)
    expect(rembourse.subrogation.map((c) => c.cochee)).toEqual([false, true])
  })

  it('facture : échéance calculée (30 jours), 40 € de recouvrement, mandat, SIREN des parties', () => {
    const vue = construireModele('facture', entreesDe('facture'), config)
    expect(vue.numero).toBe('F-2026-000042')
    expect(vue.conditions[0]).toMatch(/^Date d’échéance : 24\/04\/2026/)
    expect(vue.conditions).toContain(
      `Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement : 40,00${NBSP}€ (articles L441-10 et D441-5 du Code de commerce).`,
    )
    expect(vue.mandat).toBe(
      "Facture émise par MonOPCO au nom et pour le compte de Forma Pro Conseil, en vertu d'un mandat de facturation (article 289, I-2 du Code général des impôts)",
    )
    expect(champ(vue.emetteur, 'SIREN')).toBe('445566771')
    expect(champ(vue.destinataire, 'SIREN')).toBe('851976027')
    expect(vue.lignes).toEqual([{ libelle: 'Formation « Excel avancé » – heures réalisées', quantite: `24${NBSP}h`, prixUnitaire: `51,44${NBSP}€`, montant: `1${NBSP}234,56${NBSP}€` }])
  })

  it('facture à l’entreprise (sans subrogation) : son SIREN et son n° de TVA', () => {
    const vue = construireModele('facture', { ...entreesDe('facture'), facture: { ...facture, destinataire: 'entreprise' } }, config) as VueFacture
    expect(vue.destinataire.nom).toBe('Alpha Conseil SARL')
    expect(vue.destinataire.champs.map((c) => c.libelle)).toEqual(['Adresse', 'SIRET', 'SIREN', 'N° de TVA intracommunautaire'])
    expect(champ(vue.destinataire, 'N° de TVA intracommunautaire')).toBe('FR19812345676')
  })

  it('échéance fournie par la facture : c’est elle qui s’imprime', () => {
    const vue = construireModele('facture', { ...entreesDe('facture'), facture: { ...facture, dateEcheance: '2026-04-10T00:00:00.000Z' } }, config)
    expect(vue.conditions[0]).toMatch(/^Date d’échéance : 10\/04\/2026/)
  })

  it('avoir : référence à la facture corrigée, motif, montants, pas de pénalités', () => {
    const vue = construireModele('avoir', entreesDe('avoir'), config)
    expect(vue.titre).toBe('Avoir')
    expect(vue.references[0]).toEqual({ libelle: 'Avoir sur la facture n°', valeur: 'F-2026-000042' })
    expect(vue.references[1]).toEqual({ libelle: 'Motif', valeur: '4 heures facturées mais non réalisées (absence du stagiaire le 19/03/2026)' })
    expect(vue.totaux.at(-1)!.valeur).toBe(`205,76${NBSP}€`)
    expect(vue.conditions.join(' ')).not.toMatch(/pénalités/i)
  })

  it('une facture demandée en avoir (ou l’inverse) est refusée', () => {
    expect(() => construireModele('avoir', entreesDe('facture'), config)).toThrow(/de type « facture », pas « avoir »/)
    expect(() => construireModele('facture', { ...entreesDe('facture'), facture: null }, config)).toThrow(DonneesDocumentInvalidesError)
  })
})

describe('documents HTML complets', () => {
  it.each(TYPES_DOCUMENT)('%s porte toutes ses mentions obligatoires', (type) => {
    const entrees = entreesDe(type)
    const mentions = mentionsObligatoires(type, entrees, config)
    expect(mentions.length).toBeGreaterThan(10)
    expect(mentionsManquantes(mentions, texteVisible(rendreHtmlDocument(type, entrees, config)))).toEqual([])
  })

  it.each(TYPES_DOCUMENT)('%s sans données : valeurs manquantes visibles, jamais « undefined », « null », « NaN »', (type) => {
    const vide: EntreesDocument = {
      dossier: { typeFormation: type === 'convention_bilan' ? 'bilan' : 'formation' },
      facture: type === 'facture' || type === 'avoir' ? { type } : null,
    }
    const texteDoc = normaliserTexte(texteVisible(rendreHtmlDocument(type, vide, config)))
    expect(texteDoc).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b|\[object/)
    expect(texteDoc).toMatch(/non renseign/)
    // The legal wording does not depend on the data.
    expect(texteDoc).toContain("Cet enregistrement ne vaut pas agrément de l'État")
  })

  it('aucune ressource externe : ni <link>, ni <script>, ni URL http(s), une CSP qui interdit tout', () => {
    for (const type of TYPES_DOCUMENT) {
      const doc = rendreHtmlDocument(type, entreesDe(type), config)
      expect(doc).not.toMatch(/<link|<script|<iframe|@import|https?:\/\//i)
      expect(doc).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"`)
      expect(doc).toMatch(/@page \{\s*size: A4;/)
    }
  })

  it('valeurs hostiles : imprimées comme du texte, aucune balise ni url() injectée', () => {
    const hostile = `<img src=http://127.0.0.1:9/x><script>fetch('http://127.0.0.1:9/y')</script>`
    const css = `x</style><style>body{background:url(http://127.0.0.1:9/z)}</style>`
    const entrees = entreesDe('convention')
    entrees.dossier = { ...dossierFormation, beneficiaire: { ...dossierFormation.beneficiaire, nom: hostile }, formation: { ...dossierFormation.formation, titre: css } }
    const doc = rendreHtmlDocument('convention', entrees, config)
    expect(doc).not.toMatch(/<img|<script/i)
    expect(doc.match(/<style>/g)).toHaveLength(1)
    expect(normaliserTexte(texteVisible(doc))).toContain(hostile)
    expect(normaliserTexte(texteVisible(doc))).toContain(css)
  })

  it('chaîne CSS du pied de page : rien ne peut fermer la chaîne, la règle ni la balise <style>', () => {
    const c = chaineCss('Dossier "x"; } body { background: url(http://127.0.0.1/) } </style><script>')
    expect(c).toMatch(/^"[A-Za-z0-9 \\]*"$/)
    expect(c).toContain('Dossier \\22 x\\22 ')
  })

  it('le logo de l’opérateur n’entre que sous forme de data: URI', () => {
    const logo = 'data:image/png;base64,iVBORw0KGgo='
    const avecLogo = { ...config, operateur: { ...config.operateur, logo } }
    const doc = rendreHtmlDocument('certificat_realisation', entreesDe('certificat_realisation'), avecLogo)
    expect(doc).toContain('<img src="data:image/png;base64,iVBORw0KGgo&#61;" alt="MonOPCO">')
  })

  it('la convention d’un dossier de formation porte l’intitulé, les objectifs et le programme', () => {
    const vue = construireModele('convention', entreesDe('convention'), config) as VueConvention
    const paragraphes = vue.sections.flatMap((s) => s.paragraphes)
    expect(paragraphes).toContain('Construire et mettre en forme des tableaux croisés dynamiques à partir de plusieurs sources.')
    expect(paragraphes).toContain('Jour 3 : Power Query, fusion de requêtes et actualisation.')
  })
})
