/** Modèle de vue : la facture et l'avoir (L441-9 C. com., art. 242 nonies A ann. II CGI), émis sous mandat. */
import type { ConfigurationDocuments } from '@/src/domain/documents/configuration'
import { ajouterJours, dateFr, estRenseigne, euros, heures, NBSP, NON_RENSEIGNE, nombreFr, remplir, siren, texte, TIRET } from '@/src/domain/documents/format'
import type { EntreesDocument, LigneVue, VueFacture } from '@/src/domain/documents/types'
import { champ, mentionTva, operateur, nomBeneficiaire, estBilan, periode, partieOrganisme, partieEntreprise, partieOpco, dateEdition, DonneesDocumentInvalidesError } from './commun'

function numeroFactureOrigine(f: EntreesDocument['facture']): string {
  const o = f?.factureOrigine
  if (o && typeof o === 'object') return texte(o.numero)
  return texte(o)
}

export function facture(e: EntreesDocument, config: ConfigurationDocuments, attendu: 'facture' | 'avoir'): VueFacture {
  const d = e.dossier
  const f = e.facture
  if (!f) throw new DonneesDocumentInvalidesError(`Un ${attendu} ne se génère qu\u2019à partir de la facture enregistrée (entrée « facture » manquante).`)
  const type = f.type ?? 'facture'
  if (type !== attendu) throw new DonneesDocumentInvalidesError(`La pièce ${texte(f.numero)} est de type « ${type} », pas « ${attendu} ».`)
  const avoir = type === 'avoir'
  const fac = config.facturation

  const emetteur = partieOrganisme(e.organisme, config, estBilan(d), 'Prestataire (vendeur)')
  // Numéro de TVA : obligatoire sur la facture, même quand il n'existe pas (visible alors).
  if (!emetteur.champs.some((c) => c.libelle.startsWith('N° de TVA'))) emetteur.champs.push(champ('N° de TVA intracommunautaire', NON_RENSEIGNE))

  const versOpco = f.destinataire === 'opco'
  const destinataire = versOpco ? partieOpco(e.opco, 'Client (OPCO, subrogation)') : partieEntreprise(e.entreprise, 'Client (entreprise)')
  if (!versOpco) {
    destinataire.champs = destinataire.champs.filter((c) => ['Adresse', 'SIRET', 'SIREN'].includes(c.libelle))
    destinataire.champs.push(champ('N° de TVA intracommunautaire', texte(e.entreprise?.numeroTva)))
  }

  const lignes: LigneVue[] = (Array.isArray(f.lignes) ? f.lignes : []).map((l) => ({
    libelle: texte(l.libelle),
    quantite: typeof l.quantite === 'number' && Number.isFinite(l.quantite) ? `${nombreFr(l.quantite)}${NBSP}h` : TIRET,
    prixUnitaire: euros(l.prixUnitaireHT),
    montant: euros(l.montantHT),
  }))

  const echeance = estRenseigne(f.dateEcheance) ? dateFr(f.dateEcheance) : dateFr(ajouterJours(f.dateEmission, fac.delaiPaiementJours))
  const references = [
    champ('Dossier MonOPCO', texte(d.reference)),
    champ('N° de dossier OPCO', texte(d.numeroDossierOpco)),
    ...(versOpco ? [champ('Entreprise bénéficiaire', `${texte(e.entreprise?.raisonSociale)} (SIREN ${siren(e.entreprise?.siret, e.entreprise?.siren)})`)] : []),
    champ('Stagiaire', nomBeneficiaire(d)),
    champ('Action', `${estBilan(d) ? 'bilan de compétences' : 'action de formation'} « ${texte(d.formation?.titre)} »`),
    champ('Date de la prestation', periode(d)),
    champ('Heures réalisées', heures(d.heuresRealisees)),
    // Mention de la réforme de la facturation électronique (aussi dans factur-x.xml).
    champ('Catégorie de l\u2019opération', 'prestation de services'),
  ]
  if (avoir) {
    references.unshift(champ('Avoir sur la facture n°', numeroFactureOrigine(f)))
    if (estRenseigne(f.motif)) references.splice(1, 0, champ('Motif', texte(f.motif)))
  }

  const conditions = avoir
    ? [`Le présent avoir annule et remplace, pour les montants indiqués, la facture n°${NBSP}${numeroFactureOrigine(f)} ; il vient en déduction des sommes dues au titre de celle-ci.`]
    : [
        `Date d\u2019échéance : ${echeance} (paiement à ${fac.delaiPaiementJours}${NBSP}jours à compter de la date d\u2019émission).`,
        `${fac.penalitesRetard}.`,
        `Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement : ${euros(fac.indemniteRecouvrementCentimes)} (${fac.indemniteRecouvrementReference}).`,
        `${fac.escompte}.`,
        `Paiement par virement : IBAN ${fac.paiement.iban.replace(/(.{4})(?=.)/g, `$1${NBSP}`)} – BIC ${fac.paiement.bic} – titulaire ${fac.paiement.titulaire}.`,
      ]

  return {
    type,
    titre: avoir ? 'Avoir' : 'Facture',
    baseLegale: `Mentions prévues par les ${config.references.facture} et l\u2019${config.references.factureCgi}`,
    reference: texte(d.reference),
    dateEdition: dateFr(f.dateEmission),
    operateur: operateur(config),
    numero: texte(f.numero),
    dateEmission: dateFr(f.dateEmission),
    emetteur,
    destinataire,
    mandat: remplir(config.mentions.mandatFacturation, {
      operateur: config.operateur.nom,
      organisme: texte(e.organisme?.nom),
      reference: config.references.mandatFacturation,
    }),
    references,
    lignes,
    totaux: [
      champ('Total HT', euros(f.totalHT)),
      champ('TVA', euros(f.totalTVA)),
      champ(avoir ? 'Total TTC de l\u2019avoir' : 'Total TTC', euros(f.totalTTC)),
    ],
    // La mention enregistrée à l'émission fait foi (une facture émise ne change plus) ;
    // à défaut, celle du régime de l'organisme.
    mentionTva: texte(f.mentionTva, '') || mentionTva(e.organisme?.regimeTva, config),
    conditions,
  }
}
