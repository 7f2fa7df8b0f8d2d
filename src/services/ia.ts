import OpenAI, { APIConnectionTimeoutError, APIConnectionError, APIError as ErreurOpenAI } from 'openai'
import { APIError, type PayloadRequest } from 'payload'
import { estAdmin } from '@/src/access/roles'
import { env, type ConfigIa } from '@/src/config/env'
import { texteObjectifs, type RapportConformite } from '@/src/domain/conformity'
import { LIBELLES_ANOMALIE, type Anomalie, type TypeAnomalie } from '@/src/domain/conformity/anomalies'
import { creerPseudonymiseur, type Pseudonymiseur } from '@/src/domain/conformity/pseudonymisation'
import { ErreurMetier } from '@/src/domain/erreurs'
import { formaterEuros } from '@/src/domain/money'
import { texteBrut } from '@/src/domain/texteRiche'
import type { AppelsIa, Dossier, User } from '@/src/payload-types'
import { listerAnomalies } from './anomalies'
import { calculerRapportConformite, chargerEntreeConformite } from './conformite'
import { comparerAuDossier, LIBELLES_PIECE_LUE, lireValeurs, type PieceLue, type ValeursLues } from '@/src/domain/coherenceDocuments'
import { constatEcart, dernieresPieces, valeursDuDossier } from '@/src/domain/conformity/coherence'
import type { Constat } from '@/src/domain/conformity'
import { estNdaValide, normaliserNda } from '@/src/domain/nda'
import { estSiretValide } from '@/src/domain/siret'

/**
 * The AI assistance (README « Conformité et IA »): one OpenAI-compatible chat completion per
 * request, with a JSON-schema answer validated on receipt. Everything sent is pseudonymised first
 * (src/domain/conformity/pseudonymisation.ts) and restored in the answer; each call — sent text
 * (pseudonymised), model, tokens, outcome — is a row of `appels-ia`. The answer is a suggestion
 * returned to the caller: nothing here writes a dossier or changes a status.
 *
 * Refusals are ErreurMetier (403 not an admin, 404 no such anomaly, 422 nothing to work on); the
 * provider's failures are APIErrors with a 5xx status (502, 503, 504), which ErreurMetier does
 * not carry by design.
 */

export const MESSAGE_IA_NON_CONFIGUREE =
  "L'assistance IA n'est pas configurée sur ce serveur (variable OPENAI_API_KEY absente) : les suggestions rédigées par l'IA sont indisponibles. Les contrôles de conformité automatiques, eux, fonctionnent normalement."

export type FonctionIa = 'justification' | 'objectifs' | 'narratif' | 'anomalie' | 'pieces'

export const configIa = (): ConfigIa | null => env().ia

let client: { cle: string; instance: OpenAI } | null = null

function clientOpenAi(c: ConfigIa): OpenAI {
  const cle = `${c.baseUrl}|${c.apiKey}|${c.timeoutMs}|${c.maxRetries}`
  if (client?.cle !== cle) client = { cle, instance: new OpenAI({ apiKey: c.apiKey, baseURL: c.baseUrl, timeout: c.timeoutMs, maxRetries: c.maxRetries }) }
  return client.instance
}

/** A JSON schema (the subset structured outputs accept) and the matching check of what came back. */
export interface SchemaReponse<T> {
  nom: string
  /** The JSON Schema sent to the model for a structured answer (any JSON Schema object). */
  schema: Record<string, unknown>
  valider: (v: unknown) => v is T
}

const estTexte = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= max
const estObjet = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
const clesExactes = (v: Record<string, unknown>, cles: string[]): boolean => Object.keys(v).length === cles.length && cles.every((k) => k in v)
const listeDe = <T>(v: unknown, min: number, max: number, f: (x: unknown) => x is T): v is T[] => Array.isArray(v) && v.length >= min && v.length <= max && v.every(f)

const texteSchema = { type: 'string' } as const
const listeTextes = { type: 'array', items: texteSchema } as const

export interface SuggestionJustification {
  justification: string
  changements: string[]
}
export const SCHEMA_JUSTIFICATION: SchemaReponse<SuggestionJustification> = {
  nom: 'justification',
  schema: { type: 'object', properties: { justification: texteSchema, changements: listeTextes }, required: ['justification', 'changements'], additionalProperties: false },
  valider: (v): v is SuggestionJustification =>
    estObjet(v) && clesExactes(v, ['justification', 'changements']) && estTexte(v.justification, 8000) && listeDe(v.changements, 0, 20, (x): x is string => estTexte(x, 500)),
}

export interface SuggestionObjectifs {
  objectifs: string[]
  programme: { sequence: string; dureeHeures: number; contenu: string }[]
}
const estSequence = (x: unknown): x is SuggestionObjectifs['programme'][number] =>
  estObjet(x) && clesExactes(x, ['sequence', 'dureeHeures', 'contenu']) && estTexte(x.sequence, 300) && typeof x.dureeHeures === 'number' && Number.isFinite(x.dureeHeures) && x.dureeHeures > 0 && x.dureeHeures <= 5000 && estTexte(x.contenu, 2000)
export const SCHEMA_OBJECTIFS: SchemaReponse<SuggestionObjectifs> = {
  nom: 'objectifs_programme',
  schema: {
    type: 'object',
    properties: {
      objectifs: listeTextes,
      programme: {
        type: 'array',
        items: { type: 'object', properties: { sequence: texteSchema, dureeHeures: { type: 'number' }, contenu: texteSchema }, required: ['sequence', 'dureeHeures', 'contenu'], additionalProperties: false },
      },
    },
    required: ['objectifs', 'programme'],
    additionalProperties: false,
  },
  valider: (v): v is SuggestionObjectifs =>
    estObjet(v) && clesExactes(v, ['objectifs', 'programme']) && listeDe(v.objectifs, 1, 12, (x): x is string => estTexte(x, 500)) && listeDe(v.programme, 1, 30, estSequence),
}

export interface SuggestionNarratif {
  synthese: string
  corrections: { regle: string; action: string }[]
}
const estCorrection = (x: unknown): x is SuggestionNarratif['corrections'][number] =>
  estObjet(x) && clesExactes(x, ['regle', 'action']) && estTexte(x.regle, 100) && estTexte(x.action, 1000)
export const SCHEMA_NARRATIF: SchemaReponse<SuggestionNarratif> = {
  nom: 'narratif_conformite',
  schema: {
    type: 'object',
    properties: {
      synthese: texteSchema,
      corrections: { type: 'array', items: { type: 'object', properties: { regle: texteSchema, action: texteSchema }, required: ['regle', 'action'], additionalProperties: false } },
    },
    required: ['synthese', 'corrections'],
    additionalProperties: false,
  },
  valider: (v): v is SuggestionNarratif => estObjet(v) && clesExactes(v, ['synthese', 'corrections']) && estTexte(v.synthese, 4000) && listeDe(v.corrections, 0, 30, estCorrection),
}

export interface SuggestionAnomalie {
  explication: string
  verifications: string[]
}
export const SCHEMA_ANOMALIE: SchemaReponse<SuggestionAnomalie> = {
  nom: 'explication_anomalie',
  schema: { type: 'object', properties: { explication: texteSchema, verifications: listeTextes }, required: ['explication', 'verifications'], additionalProperties: false },
  valider: (v): v is SuggestionAnomalie =>
    estObjet(v) && clesExactes(v, ['explication', 'verifications']) && estTexte(v.explication, 4000) && listeDe(v.verifications, 0, 20, (x): x is string => estTexte(x, 500)),
}

/** The values of a piece as the model read them (euros and hours as numbers, days as AAAA-MM-JJ). */
export interface ValeursPieceIa {
  siretEntreprise: string | null
  nda: string | null
  montantHT: number | null
  montantTTC: number | null
  heures: number | null
  dateDebut: string | null
  dateFin: string | null
}
const CLES_PIECE = ['siretEntreprise', 'nda', 'montantHT', 'montantTTC', 'heures', 'dateDebut', 'dateFin'] as const
const texteOuNull = { type: ['string', 'null'] } as const
const nombreOuNull = { type: ['number', 'null'] } as const
const estNombreOuNull = (v: unknown, max: number) => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max)
const estJourOuNull = (v: unknown) => v === null || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)))
const estCourtOuNull = (v: unknown) => v === null || (typeof v === 'string' && v.length <= 40)
export const SCHEMA_PIECE: SchemaReponse<ValeursPieceIa> = {
  nom: 'valeurs_piece',
  schema: {
    type: 'object',
    properties: { siretEntreprise: texteOuNull, nda: texteOuNull, montantHT: nombreOuNull, montantTTC: nombreOuNull, heures: nombreOuNull, dateDebut: texteOuNull, dateFin: texteOuNull },
    required: [...CLES_PIECE],
    additionalProperties: false,
  },
  valider: (v): v is ValeursPieceIa =>
    estObjet(v) &&
    clesExactes(v, [...CLES_PIECE]) &&
    estCourtOuNull(v.siretEntreprise) &&
    estCourtOuNull(v.nda) &&
    estNombreOuNull(v.montantHT, 100_000_000) &&
    estNombreOuNull(v.montantTTC, 100_000_000) &&
    estNombreOuNull(v.heures, 10_000) &&
    estJourOuNull(v.dateDebut) &&
    estJourOuNull(v.dateFin),
}

export interface DemandeIa<T> {
  fonction: FonctionIa
  dossier: number | null
  /** Instructions (no personal data by construction). */
  systeme: string
  /** The facts, in plain text; pseudonymised here before leaving. */
  contenu: string
  /** Known names to mask (beneficiary, account holder…). */
  noms: readonly (string | null | undefined)[]
  schema: SchemaReponse<T>
}

export interface ReponseIa<T> {
  suggestion: T
  modele: string
  usage: { prompt: number; reponse: number; total: number }
}

const erreurIa = (message: string, status: number): Error => new APIError(message, status, undefined, true)

function traduireErreur(err: unknown): Error {
  if (err instanceof APIError) return err
  if (err instanceof APIConnectionTimeoutError) return erreurIa("Le service d'IA n'a pas répondu dans le délai imparti : réessayez plus tard. Rien n'a été modifié.", 504)
  if (err instanceof APIConnectionError) return erreurIa("Le service d'IA est injoignable : réessayez plus tard. Rien n'a été modifié.", 502)
  if (err instanceof ErreurOpenAI) {
    const s = err.status ?? 0
    if (s === 429) return erreurIa("Le service d'IA est saturé (trop de demandes) : réessayez dans quelques minutes. Rien n'a été modifié.", 503)
    if (s === 401 || s === 403) return erreurIa("Le service d'IA a refusé la clé configurée (OPENAI_API_KEY) : prévenez l'administrateur technique. Rien n'a été modifié.", 502)
    return erreurIa(`Le service d'IA a répondu par une erreur (${s || 'inconnue'}) : réessayez plus tard. Rien n'a été modifié.`, 502)
  }
  return erreurIa("Erreur inattendue en interrogeant le service d'IA. Rien n'a été modifié.", 502)
}

/** One row of `appels-ia` per call, successful or not. */
async function journaliser(
  req: PayloadRequest,
  d: DemandeIa<unknown>,
  modele: string,
  envoye: AppelsIa['envoye'],
  debut: number,
  resultat: { ok: true; usage: ReponseIa<unknown>['usage'] } | { ok: false; erreur: string },
) {
  await req.payload
    .create({
      collection: 'appels-ia',
      overrideAccess: true,
      data: {
        fonction: d.fonction,
        dossier: d.dossier ?? undefined,
        auteur: req.user?.id,
        modele,
        statut: resultat.ok ? 'ok' : 'erreur',
        erreur: resultat.ok ? undefined : resultat.erreur.slice(0, 500),
        tokensPrompt: resultat.ok ? resultat.usage.prompt : undefined,
        tokensReponse: resultat.ok ? resultat.usage.reponse : undefined,
        tokensTotal: resultat.ok ? resultat.usage.total : undefined,
        dureeMs: Math.round(performance.now() - debut),
        envoye,
      },
    })
    // The usage record must never turn a good answer into an error.
    .catch((err: unknown) => req.payload.logger.error({ err }, 'Journal des appels à l’IA : écriture impossible'))
}

/**
 * Asks the model and returns its answer, checked against the schema and with the personal data
 * restored. Errors are APIErrors with a French message: 503 not configured or provider saturated,
 * 504 timeout, 502 malformed / truncated / refused answer or provider error.
 */
export async function demanderIa<T>(req: PayloadRequest, d: DemandeIa<T>): Promise<ReponseIa<T>> {
  const c = configIa()
  if (!c) throw erreurIa(MESSAGE_IA_NON_CONFIGUREE, 503)
  const p: Pseudonymiseur = creerPseudonymiseur(d.noms)
  const messages = [
    {
      role: 'system' as const,
      content: `${d.systeme}\nLes marqueurs entre crochets ([PERSONNE_1], [EMAIL_1], [TELEPHONE_1], [SIRET_1]) remplacent des données personnelles : recopiez-les tels quels si besoin, n'en inventez pas. Répondez uniquement en JSON conforme au schéma, en français.`,
    },
    { role: 'user' as const, content: p.masquer(d.contenu) },
  ]
  const debut = performance.now()
  try {
    const r = await clientOpenAi(c).chat.completions.create({
      model: c.model,
      messages,
      max_tokens: c.maxTokens,
      temperature: 0.2,
      response_format: { type: 'json_schema', json_schema: { name: d.schema.nom, strict: true, schema: d.schema.schema } },
    })
    const choix = r.choices?.[0]
    if (!choix?.message) throw erreurIa("Le service d'IA a renvoyé une réponse vide. Rien n'a été modifié.", 502)
    if (choix.message.refusal) throw erreurIa(`Le modèle a refusé de répondre (« ${String(choix.message.refusal).slice(0, 200)} »). Rien n'a été modifié.`, 502)
    if (choix.finish_reason === 'length') throw erreurIa("La réponse du modèle a été tronquée (limite de longueur atteinte) : elle n'est pas utilisable. Rien n'a été modifié.", 502)
    if (choix.finish_reason === 'content_filter') throw erreurIa("Le modèle a refusé de répondre (filtre de contenu). Rien n'a été modifié.", 502)
    let json: unknown
    try {
      json = JSON.parse(choix.message.content ?? '')
    } catch {
      throw erreurIa("La réponse du modèle n'est pas un JSON valide : elle est ignorée. Rien n'a été modifié.", 502)
    }
    if (!d.schema.valider(json)) throw erreurIa("La réponse du modèle ne respecte pas le format attendu : elle est ignorée. Rien n'a été modifié.", 502)
    const usage = { prompt: r.usage?.prompt_tokens ?? 0, reponse: r.usage?.completion_tokens ?? 0, total: r.usage?.total_tokens ?? 0 }
    await journaliser(req, d, r.model || c.model, messages, debut, { ok: true, usage })
    return { suggestion: p.restaurerTout(json), modele: r.model || c.model, usage }
  } catch (err) {
    const e = traduireErreur(err)
    await journaliser(req, d, c.model, messages, debut, { ok: false, erreur: e.message })
    throw e
  }
}

/** The assistance and the anomalies are the MonOPCO team's (the wrapper already answered 401). */
export function exigerAdminIa(user: User): void {
  if (!estAdmin(user)) throw new ErreurMetier("L'assistance IA et les anomalies sont réservées à l'équipe MonOPCO (administrateurs).", 403)
}

/** The suggestions about one dossier: POST /api/dossiers/:id/ia/<fonction>. */
export const FONCTIONS_DOSSIER = ['justification', 'objectifs', 'narratif', 'pieces'] as const
export type FonctionDossier = (typeof FONCTIONS_DOSSIER)[number]
export const estFonctionDossier = (f: unknown): f is FonctionDossier => typeof f === 'string' && (FONCTIONS_DOSSIER as readonly string[]).includes(f)

/** Longest text sent from one field (the caller's draft, the objectives). */
export const TEXTE_MAX = 5000

/** Facts of the dossier sent to the model: never the beneficiary's identity (and masked anyway). */
function faits(d: Dossier): string {
  const f = d.formation ?? {}
  const lignes = [
    `Type : ${d.typeFormation === 'bilan' ? 'bilan de compétences' : 'action de formation'}`,
    `Intitulé : ${String(f.titre ?? 'non renseigné')}`,
    `Durée : ${typeof f.dureeHeures === 'number' ? `${f.dureeHeures} h` : 'non renseignée'}`,
    `Modalité : ${String(f.modalite ?? 'non renseignée')}`,
    `Coût HT : ${typeof d.coutTotalHT === 'number' ? formaterEuros(d.coutTotalHT) : 'non renseigné'}`,
  ]
  const objectifs = texteObjectifs(f.objectifs)
  if (objectifs) lignes.push(`Objectifs actuels : ${objectifs.slice(0, TEXTE_MAX)}`)
  return lignes.join('\n')
}

/** The names to mask in what is sent. */
const nomsDe = (d: Dossier): string[] => {
  const b = d.beneficiaire ?? {}
  // First name first: the model reads « [PERSONNE_1] [PERSONNE_2] » as « Prénom Nom ».
  return [b.prenom, b.nom].filter((x): x is string => typeof x === 'string')
}

const SYSTEME_COMMUN = "Vous assistez l'équipe de MonOPCO, qui monte des dossiers de financement de formation auprès des OPCO (France). Vous proposez ; une personne décide."

/**
 * A better wording of the dossier's justification: of `texte` when given (the draft being
 * typed), else of the stored one. 422 when both are empty.
 */
export async function ameliorerJustification(req: PayloadRequest, d: Dossier, texte?: string): Promise<ReponseIa<SuggestionJustification>> {
  const source = typeof texte === 'string' && texte.trim() !== '' ? texte : texteBrut(d.justification)
  if (source.trim() === '') throw new ErreurMetier('La justification est vide : rédigez-en un premier jet (ou envoyez-le dans « texte ») pour que l’IA l’améliore.', 422)
  return demanderIa(req, {
    dossier: d.id,
    noms: nomsDe(d),
    fonction: 'justification',
    schema: SCHEMA_JUSTIFICATION,
    systeme: `${SYSTEME_COMMUN} Réécrivez la justification de la demande en français professionnel, clair et concis, sans ajouter, retirer ni modifier aucun fait (dates, montants, durées, besoins). Listez dans « changements » ce que vous avez modifié dans la forme.`,
    contenu: `${faits(d)}\n\nJustification à améliorer :\n${source.slice(0, TEXTE_MAX)}`,
  })
}

/** Operational objectives and a programme for the training's title and duration (422 without them). */
export async function proposerObjectifs(req: PayloadRequest, d: Dossier): Promise<ReponseIa<SuggestionObjectifs>> {
  const f = d.formation ?? {}
  if (typeof f.titre !== 'string' || f.titre.trim() === '' || typeof f.dureeHeures !== 'number' || f.dureeHeures <= 0) {
    throw new ErreurMetier('Renseignez l’intitulé et la durée de la formation : l’IA en a besoin pour proposer des objectifs et un programme.', 422)
  }
  return demanderIa(req, {
    dossier: d.id,
    noms: nomsDe(d),
    fonction: 'objectifs',
    schema: SCHEMA_OBJECTIFS,
    systeme: `${SYSTEME_COMMUN} Proposez des objectifs pédagogiques opérationnels et évaluables (« être capable de… », verbes observables, Qualiopi indicateur 5) et un déroulé en séquences dont la somme des durées égale la durée totale.`,
    contenu: faits(d),
  })
}

/** A short conformity narrative from a fresh report's findings (the report is returned, not stored). */
export async function syntheseConformite(req: PayloadRequest, d: Dossier): Promise<ReponseIa<SuggestionNarratif> & { conformite: RapportConformite }> {
  const rapport = await calculerRapportConformite(req, d)
  const constats = rapport.constats.map((c) => `- [${c.severite}] ${c.regle} : ${c.message}`).join('\n') || '- aucun constat'
  const rep = await demanderIa(req, {
    dossier: d.id,
    noms: nomsDe(d),
    fonction: 'narratif',
    schema: SCHEMA_NARRATIF,
    systeme: `${SYSTEME_COMMUN} À partir des constats des contrôles automatiques, rédigez une synthèse de conformité courte et des corrections concrètes, une par constat (champ « regle » = identifiant du constat). N'inventez aucun autre problème.`,
    contenu: `${faits(d)}\nScore : ${rapport.score}/100\nConstats :\n${constats}`,
  })
  return { ...rep, conformite: rapport }
}

/** Why an anomaly flagged on this dossier was raised and what to check (404 when it is not, or no longer, flagged). */
export async function expliquerAnomalie(req: PayloadRequest, d: Dossier, type: TypeAnomalie): Promise<ReponseIa<SuggestionAnomalie> & { anomalie: Anomalie }> {
  const anomalie = (await listerAnomalies(req)).find((a) => String(a.dossier) === String(d.id) && a.type === type)
  if (!anomalie) throw new ErreurMetier("Cette anomalie n'est pas (ou plus) signalée sur ce dossier.", 404)
  const rep = await demanderIa(req, {
    fonction: 'anomalie',
    dossier: d.id,
    noms: nomsDe(d),
    schema: SCHEMA_ANOMALIE,
    systeme: `${SYSTEME_COMMUN} Expliquez simplement pourquoi cette anomalie a été signalée, ce qu'elle peut signifier (erreur de saisie, fraude, cas légitime) et listez les vérifications à faire. Ne concluez pas à la place de l'équipe.`,
    contenu: `${faits(d)}\nAnomalie : ${LIBELLES_ANOMALIE[anomalie.type]}\n${anomalie.message}\nDonnées : ${JSON.stringify(anomalie.details)}`,
  })
  return { ...rep, anomalie }
}

/** What the AI proposed for one piece, and the differences with the dossier those values would make. */
export interface SuggestionPiece {
  document: { id: number; type: string; fichier: string | null }
  /** « sans_texte »: a scan — nothing is sent (the image would leave unmasked), to be read by a person. */
  statut: 'suggestion' | 'sans_texte' | 'complet'
  valeurs: ValeursPieceIa | null
  constats: Constat[]
}

/** Longest piece text sent to the model (the first pages say the values). */
const TEXTE_PIECE_MAX = 8000

/**
 * For each latest devis / programme / convention / attendance sheet of the dossier whose text the
 * reader could not fully interpret (an unusual layout), the model is asked for the values
 * (pseudonymised text); the differences they make with the dossier come back as findings marked
 * « suggestion IA ». Nothing is written: not the dossier, not the stored report. Scans (no text)
 * are listed, not sent.
 */
export async function suggererValeursPieces(req: PayloadRequest, d: Dossier): Promise<{ suggestions: SuggestionPiece[]; modele: string | null }> {
  const entree = await chargerEntreeConformite(req, d)
  const dossier = valeursDuDossier(entree)
  const suggestions: SuggestionPiece[] = []
  let modele: string | null = null
  for (const { piece, doc } of dernieresPieces(entree.piecesLues ?? [])) {
    const document = { id: Number(doc.id), type: doc.documentType ?? piece, fichier: doc.filename ?? null }
    const l = doc.lecture!
    if (l.etat !== 'texte' || typeof l.texte !== 'string') {
      suggestions.push({ document, statut: 'sans_texte', valeurs: null, constats: [] })
      continue
    }
    const lues = lireValeurs(l.texte)
    if (!valeursManquantes(piece, lues)) {
      suggestions.push({ document, statut: 'complet', valeurs: null, constats: [] })
      continue
    }
    const rep = await demanderIa(req, {
      fonction: 'pieces',
      dossier: d.id,
      noms: nomsDe(d),
      schema: SCHEMA_PIECE,
      systeme: `${SYSTEME_COMMUN} Lisez le texte d'une pièce (${LIBELLES_PIECE_LUE[piece].toLowerCase()}) et relevez les valeurs qu'elle indique : SIRET de l'entreprise cliente, numéro de déclaration d'activité de l'organisme, montant total HT et TTC en euros, durée totale en heures, dates de début et de fin (AAAA-MM-JJ). Mettez null pour toute valeur que le texte n'indique pas clairement ; n'inventez rien.`,
      contenu: l.texte.slice(0, TEXTE_PIECE_MAX),
    })
    modele = rep.modele
    const ia = rep.suggestion
    // Only what the reader did not find is taken from the model: a value read in the text is never overridden.
    const completees: ValeursLues = {
      ...lues,
      sirets: lues.sirets.length > 0 ? lues.sirets : ia.siretEntreprise && estSiretValide(ia.siretEntreprise.replace(/\D/g, '')) ? [ia.siretEntreprise.replace(/\D/g, '')] : [],
      nda: lues.nda ?? (ia.nda && estNdaValide(ia.nda) ? normaliserNda(ia.nda) : null),
      montantHTCentimes: lues.montantHTCentimes ?? (ia.montantHT === null ? null : Math.round(ia.montantHT * 100)),
      montantTTCCentimes: lues.montantTTCCentimes ?? (ia.montantTTC === null ? null : Math.round(ia.montantTTC * 100)),
      heures: lues.heures ?? ia.heures,
      dateDebut: lues.dateDebut ?? ia.dateDebut,
      dateFin: lues.dateFin ?? ia.dateFin,
    }
    const dejaConnus = new Set(comparerAuDossier(piece, lues, dossier).map((e) => e.champ))
    const constats = comparerAuDossier(piece, completees, dossier)
      .filter((e) => !dejaConnus.has(e.champ))
      .map((e) => constatEcart(e, doc, true))
    suggestions.push({ document, statut: 'suggestion', valeurs: ia, constats })
  }
  return { suggestions, modele }
}

/** Does the reader miss a value this piece is expected to state? */
function valeursManquantes(piece: PieceLue, v: ValeursLues): boolean {
  const attendus: Record<PieceLue, (keyof ValeursLues)[]> = {
    devis: ['montantHTCentimes', 'heures', 'dateDebut', 'dateFin'],
    convention: ['montantHTCentimes', 'heures', 'dateDebut', 'dateFin'],
    programme: ['heures'],
    feuille_emargement: ['dateDebut', 'dateFin'],
  }
  return attendus[piece].some((k) => v[k] === null)
}
