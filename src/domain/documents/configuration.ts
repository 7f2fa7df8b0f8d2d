/**
 * The shape of the generated documents' configuration (article numbers, legal wording, payment
 * terms, operator's branding): what the pure document model reads.
 *
 * Reading and validating it (`templates/pdf/configuration.json`, `DOCUMENTS_CONFIG_PATH`) is
 * `src/config/documents.ts`'s job; the domain only knows the type.
 */

export interface AdresseConfiguree {
  rue: string
  codePostal: string
  ville: string
}

export type RegimeTva = 'exoneration_261' | 'franchise_293B' | 'assujetti'

export interface ConfigurationDocuments {
  operateur: {
    nom: string
    adresse: AdresseConfiguree
    siret: string
    emailContact: string
    /** `#rgb` or `#rrggbb` only: it is printed inside the page's CSS. */
    couleurAccent: string
    /** `data:image/png|jpeg|svg+xml;base64,…` or null: the renderer blocks every network request. */
    logo: string | null
  }
  references: {
    conventionFormation: string
    natureAction: string
    conventionBilan: string
    phasesBilan: string
    resultatsBilan: string
    certificatRealisation: string
    facture: string
    factureCgi: string
    mandatFacturation: string
  }
  mentions: {
    /** Placeholders `{nda}` and `{region}`. */
    declarationActivite: string
    nonAgrement: string
    /** Per provider VAT regime; `{taux}` is replaced by `facturation.tauxTvaPourcent`. */
    tva: Record<RegimeTva, string>
    /** Placeholders `{operateur}`, `{organisme}`, `{reference}`. */
    mandatFacturation: string
  }
  facturation: {
    delaiPaiementJours: number
    tauxTvaPourcent: number
    indemniteRecouvrementCentimes: number
    indemniteRecouvrementReference: string
    penalitesRetard: string
    escompte: string
    /** Compte qui reçoit les paiements (BG-10, BG-17 de la facture électronique, mention du PDF). */
    paiement: { titulaire: string; iban: string; bic: string }
  }
  bilan: {
    delaiReflexionJours: number
  }
  conservation: {
    certificatAnnees: number
  }
}
