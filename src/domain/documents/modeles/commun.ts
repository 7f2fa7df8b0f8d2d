/**
 * Ce que les modèles de vue des documents partagent : parties (organisme, entreprise, bénéficiaire,
 * OPCO), mentions réutilisées (déclaration d'activité, TVA), prix, financement, signatures.
 *
 * Toutes les décisions de contenu sont dans les modèles (quelle mention, quel libellé, que faire
 * d'une valeur absente), pas dans les gabarits. Les références d'articles et les formulations
 * légales viennent de la configuration (`templates/pdf/configuration.json`).
 */
import type { ConfigurationDocuments, RegimeTva } from '@/src/domain/documents/configuration'
import { texteBrut } from '@/src/domain/texteRiche'
import { montantDemande } from '@/src/domain/funding/demande'
import { adresse, dateFr, estRenseigne, euros, NBSP, NON_RENSEIGNE, nombreFr, remplir, remplirAvecElision, siren, texte } from '@/src/domain/documents/format'
import type { BlocSignature, Champ, DossierEntree, EntreesDocument, EntrepriseEntree, OpcoEntree, OrganismeEntree, Partie, Section, VueOperateur } from '@/src/domain/documents/types'

export class DonneesDocumentInvalidesError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DonneesDocumentInvalidesError'
  }
}

export const champ = (libelle: string, valeur: string): Champ => ({ libelle, valeur })
export const section = (titre: string, s: Partial<Omit<Section, 'titre'>> = {}): Section => ({
  titre,
  introduction: s.introduction ?? [],
  champs: s.champs ?? [],
  paragraphes: s.paragraphes ?? [],
  liste: s.liste ?? [],
})

// ---------------------------------------------------------------------------------------------
// Mentions réutilisées

/** « Déclaration d'activité enregistrée sous le numéro … auprès du préfet de région de … ». */
export function mentionDeclarationActivite(organisme: OrganismeEntree | null | undefined, config: ConfigurationDocuments): string {
  return remplirAvecElision(config.mentions.declarationActivite, {
    nda: texte(organisme?.nda),
    region: texte(organisme?.regionNda, '[région non renseignée]'),
  })
}

/** La mention de TVA imprimée selon le régime de l'organisme (exonération, franchise, taux). */
export function mentionTva(regime: RegimeTva | null | undefined, config: ConfigurationDocuments): string {
  // Régime absent : l'exonération de l'article 261-4-4°-a est le cas général des organismes
  // déclarés (et la valeur par défaut de la collection) ; on ne devine pas un autre régime.
  const r: RegimeTva = regime ?? 'exoneration_261'
  return remplir(config.mentions.tva[r], { taux: nombreFr(config.facturation.tauxTvaPourcent) })
}

function qualiopi(organisme: OrganismeEntree | null | undefined, bilan: boolean): string {
  const categorie = bilan ? 'bilans de compétences' : 'actions de formation'
  const q = organisme?.qualiopi
  const detenue = bilan ? q?.bilansCompetences : q?.actionsFormation
  if (!detenue) return `catégorie « ${categorie} » non renseignée`
  const debut = dateFr(q?.validiteDebut)
  const fin = dateFr(q?.validiteFin)
  return `catégorie « ${categorie} », valide du ${debut} au ${fin}`
}

export function operateur(config: ConfigurationDocuments): VueOperateur {
  const o = config.operateur
  return { nom: o.nom, adresse: adresse(o.adresse), siret: o.siret, email: o.emailContact, couleur: o.couleurAccent, logo: o.logo }
}

export function nomBeneficiaire(d: DossierEntree): string {
  const b = d.beneficiaire
  const nom = [texte(b?.prenom, ''), texte(b?.nom, '')].filter(Boolean).join(' ')
  return nom || NON_RENSEIGNE
}

export function estBilan(d: DossierEntree): boolean {
  return d.typeFormation === 'bilan'
}

const LIBELLES_MODALITE: Record<string, string> = {
  presentiel: 'en présentiel',
  distanciel: 'à distance',
  mixte: 'mixte (présentiel et à distance)',
}

export function modalite(d: DossierEntree): string {
  const m = d.formation?.modalite
  return (m && LIBELLES_MODALITE[m]) || NON_RENSEIGNE
}

export function periode(d: DossierEntree): string {
  return `du ${dateFr(d.formation?.dateDebut)} au ${dateFr(d.formation?.dateFin)}`
}

function paragraphesDe(t: string): string[] {
  return t
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
}

export function objectifs(d: DossierEntree): string[] {
  const p = paragraphesDe(texteBrut(d.formation?.objectifs))
  return p.length ? p : [`Objectifs : ${NON_RENSEIGNE}s.`]
}

export function programme(d: DossierEntree): string[] {
  const p = paragraphesDe(texte(d.formation?.programme, ''))
  return p.length ? p : [`Programme détaillé : ${NON_RENSEIGNE}.`]
}

export function partieOrganisme(organisme: OrganismeEntree | null | undefined, config: ConfigurationDocuments, bilan: boolean, role = "L'organisme de formation"): Partie {
  const champs = [
    champ('Adresse', adresse(organisme?.adresse)),
    champ('SIRET', texte(organisme?.siret)),
    champ('SIREN', siren(organisme?.siret)),
    champ('N° de déclaration d\u2019activité (NDA)', texte(organisme?.nda)),
    champ('Certification Qualiopi', qualiopi(organisme, bilan)),
  ]
  if (estRenseigne(organisme?.numeroTva)) champs.push(champ('N° de TVA intracommunautaire', texte(organisme?.numeroTva)))
  return {
    role,
    nom: texte(organisme?.nom),
    champs,
    mentions: [mentionDeclarationActivite(organisme, config), config.mentions.nonAgrement],
  }
}

/** « Prénom Nom, fonction » du signataire de l'entreprise, ou null s'il n'est pas renseigné. */
export function signataireEntreprise(e: EntrepriseEntree | null | undefined): string | null {
  const s = e?.signataire
  const nom = [texte(s?.prenom, ''), texte(s?.nom, '')].filter(Boolean).join(' ')
  if (!nom) return null
  return estRenseigne(s?.fonction) ? `${nom}, ${texte(s?.fonction)}` : nom
}

/** Le bloc de signature de l'entreprise : sa raison sociale et, quand on la connaît, la personne qui signe. */
export function signatureEntreprise(e: EntrepriseEntree | null | undefined, role: string): BlocSignature {
  const qui = signataireEntreprise(e)
  return { role, nom: qui ? `${texte(e?.raisonSociale)}, représentée par ${qui}` : texte(e?.raisonSociale), consigne: 'Nom, qualité, date, cachet et signature' }
}

export function partieEntreprise(e: EntrepriseEntree | null | undefined, role = "L'entreprise"): Partie {
  return {
    role,
    nom: texte(e?.raisonSociale),
    champs: [
      champ('Adresse', adresse(e?.adresse)),
      champ('Représentée par', signataireEntreprise(e) ?? NON_RENSEIGNE),
      champ('SIRET', texte(e?.siret)),
      champ('SIREN', siren(e?.siret, e?.siren)),
      champ('Code NAF', texte(e?.codeNaf)),
      champ('IDCC', texte(e?.idcc)),
      champ('Effectif', typeof e?.effectif === 'number' && Number.isFinite(e.effectif) ? `${e.effectif}${NBSP}salarié${e.effectif >= 2 ? 's' : ''}` : NON_RENSEIGNE),
    ],
    mentions: [],
  }
}

export function partieBeneficiaire(d: DossierEntree, role = 'Le bénéficiaire'): Partie {
  return {
    role,
    nom: nomBeneficiaire(d),
    champs: [champ('E-mail', texte(d.beneficiaire?.email)), champ('Téléphone', texte(d.beneficiaire?.telephone))],
    mentions: [],
  }
}

export function partieOpco(o: OpcoEntree | null | undefined, role = "L'OPCO"): Partie {
  const champs = [champ('Adresse', adresse(o?.adresse)), champ('SIREN', siren(o?.siret))]
  if (estRenseigne(o?.contactEmail)) champs.push(champ('E-mail', texte(o?.contactEmail)))
  const nom = texte(o?.nom)
  const code = texte(o?.code, '')
  return { role, nom: code && code.toLowerCase() !== nom.toLowerCase() ? `${nom} (${code})` : nom, champs, mentions: [] }
}

/** Prix HT, mention de TVA et, pour un organisme assujetti, le TTC. */
export function champsPrix(d: DossierEntree, organisme: OrganismeEntree | null | undefined, config: ConfigurationDocuments): Champ[] {
  const champs = [champ('Coût total de l\u2019action', `${euros(d.coutTotalHT)} HT`), champ('TVA', mentionTva(organisme?.regimeTva, config))]
  if (organisme?.regimeTva === 'assujetti' && typeof d.coutTotalHT === 'number' && Number.isSafeInteger(d.coutTotalHT)) {
    // Arrondi au centime le plus proche, en entiers : pas de flottant sur un montant.
    const tva = Math.round((d.coutTotalHT * config.facturation.tauxTvaPourcent) / 100)
    champs.push(champ('Montant de la TVA', euros(tva)), champ('Coût total TTC', euros(d.coutTotalHT + tva)))
  }
  return champs
}

export function paragrapheFinancement(d: DossierEntree, opco: OpcoEntree | null | undefined): string {
  const nom = texte(opco?.nom, 'l\u2019OPCO')
  if (d.subrogation === true) {
    return `Subrogation de paiement : oui. ${nom} règle directement à l\u2019organisme de formation le montant qu\u2019il prend en charge ; le reste éventuel est facturé à l\u2019entreprise.`
  }
  if (d.subrogation === false) {
    return `Subrogation de paiement : non. L\u2019entreprise règle l\u2019organisme de formation et demande à ${nom} le remboursement du montant pris en charge.`
  }
  return `Subrogation de paiement : ${NON_RENSEIGNE}.`
}

/**
 * Ce que la convention dit du financement : le financeur et le montant demandé, rien de la
 * réponse de l'OPCO (n° de dossier, montant accordé) — elle vient après la signature, et un
 * document signé ne doit pas porter « en attente » d'une décision déjà prise.
 */
export function champsFinancement(d: DossierEntree, opco: OpcoEntree | null | undefined): Champ[] {
  return [champ('Financeur (OPCO)', partieOpco(opco).nom), champ('Prise en charge demandée', `${euros(montantDemande(d))} HT`)]
}

export function paiementConvention(config: ConfigurationDocuments): string {
  return `Le prix est payable sur facture, à ${config.facturation.delaiPaiementJours}${NBSP}jours à compter de sa date d\u2019émission, par virement. ${config.facturation.escompte}.`
}

export function dateEdition(e: EntreesDocument): string {
  return dateFr(e.dateEdition)
}
