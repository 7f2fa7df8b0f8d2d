/**
 * Configuration of the generated documents (conventions, certificat, invoices).
 *
 * Article numbers, legal wording, the late-payment rate, the 40 € recovery fee, payment terms and
 * the operator's branding change with the law or the operator, not with the code (docs/domaine.md:
 * "article numbers printed on generated documents are configuration too"). They live in
 * `templates/pdf/configuration.json`; `DOCUMENTS_CONFIG_PATH` may name another JSON file whose
 * keys override it (deep merge), so an operator changes a wording without touching the repo.
 *
 * Validated once, at first use: a bad value stops with a message naming the key and the file,
 * instead of printing "undefined" on a legal document.
 */
import fs from 'node:fs'
import configurationParDefaut from '@/templates/pdf/configuration.json'
import { env } from './env'
import { estSiretValide } from '@/src/domain/siret'
import type { ConfigurationDocuments } from '@/src/domain/documents/configuration'

// The type lives in the domain (the document model reads it); this file reads and validates it.
export type { AdresseConfiguree, ConfigurationDocuments, RegimeTva } from '@/src/domain/documents/configuration'

export class ConfigurationDocumentsInvalideError extends Error {
  constructor(
    public readonly cle: string,
    detail: string,
    public readonly fichier?: string,
  ) {
    super(
      `Configuration des documents invalide${fichier ? ` (${fichier})` : ''} : clé « ${cle} » ${detail} / ` +
        `Invalid documents configuration key ${cle}.`,
    )
    this.name = 'ConfigurationDocumentsInvalideError'
  }
}

// ---------------------------------------------------------------------------------------------
// Schema: one validator per leaf, objects nested. Unknown keys are refused: a typo in an
// override file ("delaiPaiementJour") would otherwise be ignored in silence.

type Validateur = (v: unknown, cle: string) => unknown
interface Schema {
  [cle: string]: Validateur | Schema
}

class Refus extends Error {
  constructor(
    public readonly cle: string,
    public readonly detail: string,
  ) {
    super(detail)
  }
}

const texte =
  (max = 2000): Validateur =>
  (v, cle) => {
    if (typeof v !== 'string' || v.trim() === '') throw new Refus(cle, 'doit être un texte non vide')
    if (v.length > max) throw new Refus(cle, `dépasse ${max} caractères`)
    return v
  }

/** A text that must keep the placeholders the model fills in. */
const gabarit =
  (...marques: string[]): Validateur =>
  (v, cle) => {
    const t = texte()(v, cle) as string
    for (const m of marques) if (!t.includes(`{${m}}`)) throw new Refus(cle, `doit contenir l'emplacement {${m}}`)
    return t
  }

const entier =
  (min: number, max: number): Validateur =>
  (v, cle) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new Refus(cle, `doit être un nombre entier (reçu ${JSON.stringify(v)})`)
    if (v < min || v > max) throw new Refus(cle, `doit être compris entre ${min} et ${max} (reçu ${v})`)
    return v
  }

const nombre =
  (min: number, max: number): Validateur =>
  (v, cle) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Refus(cle, `doit être un nombre (reçu ${JSON.stringify(v)})`)
    if (v < min || v > max) throw new Refus(cle, `doit être compris entre ${min} et ${max} (reçu ${v})`)
    return v
  }

const siret: Validateur = (v, cle) => {
  if (typeof v !== 'string' || !estSiretValide(v)) throw new Refus(cle, `doit être un SIRET valide de 14 chiffres (reçu ${JSON.stringify(v)})`)
  return v
}

const email: Validateur = (v, cle) => {
  if (typeof v !== 'string' || !/^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/.test(v)) throw new Refus(cle, `doit être une adresse e-mail (reçu ${JSON.stringify(v)})`)
  return v
}

// Printed in a CSS custom property: anything but a hex colour could carry `url(…)`.
const couleur: Validateur = (v, cle) => {
  if (typeof v !== 'string' || !/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(v)) throw new Refus(cle, `doit être une couleur hexadécimale #rrggbb (reçu ${JSON.stringify(v)})`)
  return v
}

const LOGO_MAX = 512 * 1024
// The only image source the renderer lets through is an embedded one.
const logo: Validateur = (v, cle) => {
  if (v === null) return null
  if (typeof v !== 'string' || !/^data:image\/(?:png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/.test(v)) {
    throw new Refus(cle, 'doit être null ou une image intégrée « data:image/png|jpeg|svg+xml;base64,… »')
  }
  if (v.length > LOGO_MAX) throw new Refus(cle, `dépasse ${LOGO_MAX} caractères`)
  return v
}

const codePostal: Validateur = (v, cle) => {
  if (typeof v !== 'string' || !/^\d{5}$/.test(v)) throw new Refus(cle, `doit comporter 5 chiffres (reçu ${JSON.stringify(v)})`)
  return v
}

/** ISO 13616: 2 letters, 2 check digits, up to 30 alphanumerics; mod 97 = 1 (a typo never reaches an invoice). */
const iban: Validateur = (v, cle) => {
  const t = typeof v === 'string' ? v.replace(/\s/g, '').toUpperCase() : ''
  const reordonne = t.slice(4) + t.slice(0, 4)
  const chiffres = reordonne.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))
  const valide = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(t) && [...chiffres].reduce((r, c) => (r * 10 + Number(c)) % 97, 0) === 1
  if (!valide) throw new Refus(cle, `doit être un IBAN valide (reçu ${JSON.stringify(v)})`)
  return t
}

const bic: Validateur = (v, cle) => {
  if (typeof v !== 'string' || !/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(v)) throw new Refus(cle, `doit être un BIC de 8 ou 11 caractères (reçu ${JSON.stringify(v)})`)
  return v
}

const SCHEMA: Schema = {
  operateur: {
    nom: texte(200),
    adresse: { rue: texte(200), codePostal, ville: texte(100) },
    siret,
    emailContact: email,
    couleurAccent: couleur,
    logo,
  },
  references: {
    conventionFormation: texte(),
    natureAction: texte(),
    conventionBilan: texte(),
    phasesBilan: texte(),
    resultatsBilan: texte(),
    certificatRealisation: texte(),
    facture: texte(),
    factureCgi: texte(),
    mandatFacturation: texte(),
  },
  mentions: {
    declarationActivite: gabarit('nda', 'region'),
    nonAgrement: texte(),
    tva: { exoneration_261: texte(), franchise_293B: texte(), assujetti: gabarit('taux') },
    mandatFacturation: gabarit('operateur', 'organisme'),
  },
  facturation: {
    // L441-10 C. com.: 60 days from the invoice date at most.
    delaiPaiementJours: entier(0, 60),
    tauxTvaPourcent: nombre(0, 100),
    indemniteRecouvrementCentimes: entier(0, 1_000_000),
    indemniteRecouvrementReference: texte(),
    penalitesRetard: texte(),
    escompte: texte(),
    paiement: { titulaire: texte(200), iban, bic },
  },
  bilan: { delaiReflexionJours: entier(1, 90) },
  conservation: { certificatAnnees: entier(1, 50) },
}

function estObjet(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function valider(schema: Schema, valeur: unknown, prefixe: string): Record<string, unknown> {
  if (!estObjet(valeur)) throw new Refus(prefixe || '(racine)', 'doit être un objet JSON')
  const sortie: Record<string, unknown> = {}
  for (const cle of Object.keys(valeur)) {
    if (!(cle in schema)) throw new Refus(prefixe ? `${prefixe}.${cle}` : cle, 'est inconnue')
  }
  for (const [cle, regle] of Object.entries(schema)) {
    const chemin = prefixe ? `${prefixe}.${cle}` : cle
    if (!(cle in valeur)) throw new Refus(chemin, 'est manquante')
    sortie[cle] = typeof regle === 'function' ? regle(valeur[cle], chemin) : valider(regle, valeur[cle], chemin)
  }
  return sortie
}

/** Checks a whole configuration; throws ConfigurationDocumentsInvalideError naming the key. */
export function validerConfigurationDocuments(valeur: unknown, fichier?: string): ConfigurationDocuments {
  try {
    return valider(SCHEMA, valeur, '') as unknown as ConfigurationDocuments
  } catch (e) {
    if (e instanceof Refus) throw new ConfigurationDocumentsInvalideError(e.cle, e.detail, fichier)
    throw e
  }
}

/**
 * Deep merge: objects are merged key by key, anything else (text, number, null, array) in the
 * override replaces the base value. Neither argument is modified.
 */
export function fusionnerConfiguration(base: unknown, surcharge: unknown): unknown {
  if (!estObjet(base) || !estObjet(surcharge)) return surcharge === undefined ? base : surcharge
  const sortie: Record<string, unknown> = { ...base }
  for (const [cle, valeur] of Object.entries(surcharge)) {
    // JSON.parse creates "__proto__" as an own key: never let it reach an object's prototype.
    if (cle === '__proto__' || cle === 'constructor' || cle === 'prototype') continue
    sortie[cle] = fusionnerConfiguration(base[cle], valeur)
  }
  return sortie
}

/** Reads and parses an override file; errors name DOCUMENTS_CONFIG_PATH and the file. */
function lireSurcharge(chemin: string): unknown {
  let contenu: string
  try {
    contenu = fs.readFileSync(chemin, 'utf8')
  } catch (e) {
    throw new ConfigurationDocumentsInvalideError(
      'DOCUMENTS_CONFIG_PATH',
      `ne désigne pas un fichier lisible (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      chemin,
    )
  }
  try {
    return JSON.parse(contenu) as unknown
  } catch (e) {
    throw new ConfigurationDocumentsInvalideError('DOCUMENTS_CONFIG_PATH', `désigne un fichier qui n'est pas du JSON valide (${(e as Error).message})`, chemin)
  }
}

/**
 * The configuration: the repository's file, overridden by `cheminSurcharge` when given.
 * Pure apart from reading that one file; tests call it directly.
 */
export function chargerConfigurationDocuments(cheminSurcharge?: string | null): ConfigurationDocuments {
  if (!cheminSurcharge) return validerConfigurationDocuments(configurationParDefaut, 'templates/pdf/configuration.json')
  const fusion = fusionnerConfiguration(configurationParDefaut, lireSurcharge(cheminSurcharge))
  return validerConfigurationDocuments(fusion, `templates/pdf/configuration.json + ${cheminSurcharge}`)
}

let cache: ConfigurationDocuments | undefined

/** The process-wide configuration (DOCUMENTS_CONFIG_PATH from the environment), validated once. */
export function configurationDocuments(): ConfigurationDocuments {
  cache ??= chargerConfigurationDocuments(env().documentsConfigPath)
  return cache
}
