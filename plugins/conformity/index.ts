import { APIError, type CollectionBeforeChangeHook, type Config, type Endpoint, type Field, type PayloadRequest } from 'payload'
import { estIdentifiantDossier, lireDossierAccessible } from '@/src/access/dossier'
import { estAdmin, roleOf } from '@/src/access/roles'
import { LIBELLES_ANOMALIE, type TypeAnomalie } from '@/src/domain/conformity/anomalies'
import { texteObjectifs } from '@/src/domain/conformity'
import { formaterEuros } from '@/src/domain/money'
import { texteBrut } from '@/src/domain/texteRiche'
import { erreur, json, reponseErreur, RequeteInvalideError } from '@/src/endpoints/http'
import { AppelsIa } from '@/collections/appels-ia/index'
import type { Dossier } from '@/src/payload-types'
import { listerAnomalies } from '@/src/services/anomalies'
import { calculerRapportConformite, enregistrerRapport } from '@/src/services/conformite'
import { configIa, demanderIa, MESSAGE_IA_NON_CONFIGUREE, SCHEMA_ANOMALIE, SCHEMA_JUSTIFICATION, SCHEMA_NARRATIF, SCHEMA_OBJECTIFS } from './ia'

/**
 * Conformity and AI assistance (README « Conformité et IA »):
 * - the report field on dossiers (written by server code only) and POST /api/dossiers/:id/conformite;
 * - admin-only AI suggestions (never written to the dossier): POST /api/dossiers/:id/ia/<fonction>,
 *   POST /api/conformite/anomalies/expliquer; GET /api/conformite/ia says whether they are on;
 * - GET /api/conformite/anomalies and the admin view /admin/anomalies;
 * - the `appels-ia` collection (usage and what was sent, pseudonymised).
 * The checks at submit/validate are wired in collections/dossiers/transition.ts.
 */

export const champConformite: Field = {
  name: 'conformite',
  label: 'Rapport de conformité',
  type: 'json',
  admin: {
    position: 'sidebar',
    readOnly: true,
    description: 'Calculé par le serveur au dépôt, à la validation et à la demande.',
    components: { Field: '/src/components/admin/Conformite#Conformite' },
  },
}

/** Key order differs between SQLite (as written) and PostgreSQL jsonb (reordered): compare canonically. */
function canonique(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonique).join(',')}]`
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonique((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v ?? null)
}

/** Admins too: the report is the server's; an API write of it is a 403, not a silent change. */
const proteger: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req }) => {
  if (req.payloadAPI === 'local' || !data || !('conformite' in data)) return data
  const avant = operation === 'create' ? null : ((originalDoc as Record<string, unknown> | undefined)?.conformite ?? null)
  if (canonique(data.conformite ?? null) !== canonique(avant)) {
    throw new APIError('Le rapport de conformité est calculé par le serveur : il ne se modifie pas (recalcul : POST /api/dossiers/:id/conformite).', 403, { champs: ['conformite'] }, true)
  }
  return data
}

/** Optional JSON-object body: empty is `{}`; anything else than the allowed keys is a 400. */
async function lireCorpsOptionnel(req: PayloadRequest, cles: readonly string[]): Promise<Record<string, unknown>> {
  let texte = ''
  try {
    texte = req.text ? await req.text() : ''
  } catch {
    throw new RequeteInvalideError('Corps de requête illisible.')
  }
  if (texte.trim() === '') return {}
  let corps: unknown
  try {
    corps = JSON.parse(texte)
  } catch {
    throw new RequeteInvalideError('Corps de requête invalide : JSON mal formé.')
  }
  if (corps === null || typeof corps !== 'object' || Array.isArray(corps)) throw new RequeteInvalideError('Corps de requête invalide : un objet JSON est attendu.')
  const inconnues = Object.keys(corps).filter((k) => !cles.includes(k))
  if (inconnues.length > 0) {
    throw new RequeteInvalideError(`Champ${inconnues.length > 1 ? 's' : ''} inconnu${inconnues.length > 1 ? 's' : ''} : ${inconnues.join(', ')}${cles.length > 0 ? ` (attendus : ${cles.join(', ')})` : ' (aucun champ attendu)'}.`)
  }
  return corps as Record<string, unknown>
}

const idRoute = (req: PayloadRequest): unknown => req.routeParams?.id

/** The dossier the caller may read, or the response to send (401, 400, 404). */
async function dossierOuRefus(req: PayloadRequest): Promise<{ dossier: Dossier } | { refus: Response }> {
  const id = idRoute(req)
  if (!estIdentifiantDossier(req, id)) return { refus: erreur(400, 'Identifiant de dossier invalide.') }
  const dossier = await lireDossierAccessible(req, id)
  if (!dossier) return { refus: erreur(404, "Dossier introuvable ou vous n'y avez pas accès.") }
  return { dossier }
}

const exigerAdmin = (req: PayloadRequest): Response | null => {
  if (!req.user || roleOf(req.user) === null) return erreur(401, 'Authentification requise.')
  if (!estAdmin(req.user)) return erreur(403, "L'assistance IA et les anomalies sont réservées à l'équipe MonOPCO (administrateurs).")
  return null
}

const exigerIa = (): Response | null => (configIa() ? null : erreur(503, MESSAGE_IA_NON_CONFIGUREE, { iaConfiguree: false }))

const endpointConformite: Endpoint = {
  path: '/:id/conformite',
  method: 'post',
  handler: async (req) => {
    try {
      if (!req.user || roleOf(req.user) === null) return erreur(401, 'Authentification requise.')
      await lireCorpsOptionnel(req, [])
      const r = await dossierOuRefus(req)
      if ('refus' in r) return r.refus
      const rapport = await calculerRapportConformite(req, r.dossier)
      await enregistrerRapport(req, r.dossier.id, rapport)
      return json({ conformite: rapport })
    } catch (err) {
      return reponseErreur(req, err)
    }
  },
}

const TEXTE_MAX = 5000

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

const nomsDe = (d: Dossier): string[] => {
  const b = d.beneficiaire ?? {}
  // First name first: the model reads « [PERSONNE_1] [PERSONNE_2] » as « Prénom Nom ».
  return [b.prenom, b.nom].filter((x): x is string => typeof x === 'string')
}

const SYSTEME_COMMUN = "Vous assistez l'équipe de MonOPCO, qui monte des dossiers de financement de formation auprès des OPCO (France). Vous proposez ; une personne décide."

const endpointIa: Endpoint = {
  path: '/:id/ia/:fonction',
  method: 'post',
  handler: async (req) => {
    try {
      const refusAdmin = exigerAdmin(req)
      if (refusAdmin) return refusAdmin
      const fonction = req.routeParams?.fonction
      if (fonction !== 'justification' && fonction !== 'objectifs' && fonction !== 'narratif') {
        return erreur(404, `Fonction d'assistance inconnue « ${String(fonction)} » (attendues : justification, objectifs, narratif).`)
      }
      const refusIa = exigerIa()
      if (refusIa) return refusIa
      const corps = await lireCorpsOptionnel(req, fonction === 'justification' ? ['texte'] : [])
      if (corps.texte !== undefined && (typeof corps.texte !== 'string' || corps.texte.length > TEXTE_MAX)) {
        return erreur(400, `Le champ « texte » doit être une chaîne de ${TEXTE_MAX} caractères au plus.`)
      }
      const r = await dossierOuRefus(req)
      if ('refus' in r) return r.refus
      const d = r.dossier
      const f = d.formation ?? {}
      const base = { dossier: d.id, noms: nomsDe(d) }

      if (fonction === 'justification') {
        const texte = typeof corps.texte === 'string' && corps.texte.trim() !== '' ? corps.texte : texteBrut(d.justification)
        if (texte.trim() === '') return erreur(422, 'La justification est vide : rédigez-en un premier jet (ou envoyez-le dans « texte ») pour que l’IA l’améliore.')
        const rep = await demanderIa(req, {
          ...base,
          fonction,
          schema: SCHEMA_JUSTIFICATION,
          systeme: `${SYSTEME_COMMUN} Réécrivez la justification de la demande en français professionnel, clair et concis, sans ajouter, retirer ni modifier aucun fait (dates, montants, durées, besoins). Listez dans « changements » ce que vous avez modifié dans la forme.`,
          contenu: `${faits(d)}\n\nJustification à améliorer :\n${texte.slice(0, TEXTE_MAX)}`,
        })
        return json({ fonction, suggestion: rep.suggestion, modele: rep.modele, usage: rep.usage, avertissement: 'Suggestion à relire : rien n’a été modifié dans le dossier.' })
      }
      if (fonction === 'objectifs') {
        if (typeof f.titre !== 'string' || f.titre.trim() === '' || typeof f.dureeHeures !== 'number' || f.dureeHeures <= 0) {
          return erreur(422, 'Renseignez l’intitulé et la durée de la formation : l’IA en a besoin pour proposer des objectifs et un programme.')
        }
        const rep = await demanderIa(req, {
          ...base,
          fonction,
          schema: SCHEMA_OBJECTIFS,
          systeme: `${SYSTEME_COMMUN} Proposez des objectifs pédagogiques opérationnels et évaluables (« être capable de… », verbes observables, Qualiopi indicateur 5) et un déroulé en séquences dont la somme des durées égale la durée totale.`,
          contenu: faits(d),
        })
        return json({ fonction, suggestion: rep.suggestion, modele: rep.modele, usage: rep.usage, avertissement: 'Suggestion à relire : rien n’a été modifié dans le dossier.' })
      }
      const rapport = await calculerRapportConformite(req, d)
      const constats = rapport.constats.map((c) => `- [${c.severite}] ${c.regle} : ${c.message}`).join('\n') || '- aucun constat'
      const rep = await demanderIa(req, {
        ...base,
        fonction,
        schema: SCHEMA_NARRATIF,
        systeme: `${SYSTEME_COMMUN} À partir des constats des contrôles automatiques, rédigez une synthèse de conformité courte et des corrections concrètes, une par constat (champ « regle » = identifiant du constat). N'inventez aucun autre problème.`,
        contenu: `${faits(d)}\nScore : ${rapport.score}/100\nConstats :\n${constats}`,
      })
      return json({ fonction, suggestion: rep.suggestion, conformite: rapport, modele: rep.modele, usage: rep.usage, avertissement: 'Synthèse indicative : la décision reste humaine.' })
    } catch (err) {
      return reponseErreur(req, err)
    }
  },
}

const endpointStatutIa: Endpoint = {
  path: '/conformite/ia',
  method: 'get',
  handler: async (req) => {
    const refus = exigerAdmin(req)
    if (refus) return refus
    const c = configIa()
    return json(c ? { iaConfiguree: true, modele: c.model } : { iaConfiguree: false, message: MESSAGE_IA_NON_CONFIGUREE })
  },
}

const endpointAnomalies: Endpoint = {
  path: '/conformite/anomalies',
  method: 'get',
  handler: async (req) => {
    try {
      const refus = exigerAdmin(req)
      if (refus) return refus
      const anomalies = await listerAnomalies(req)
      const parType = Object.fromEntries((Object.keys(LIBELLES_ANOMALIE) as TypeAnomalie[]).map((t) => [t, anomalies.filter((a) => a.type === t).length]))
      return json({ total: anomalies.length, parType, anomalies })
    } catch (err) {
      return reponseErreur(req, err)
    }
  },
}

const endpointExpliquer: Endpoint = {
  path: '/conformite/anomalies/expliquer',
  method: 'post',
  handler: async (req) => {
    try {
      const refus = exigerAdmin(req)
      if (refus) return refus
      const refusIa = exigerIa()
      if (refusIa) return refusIa
      const corps = await lireCorpsOptionnel(req, ['dossier', 'type'])
      const { dossier, type } = corps
      if (dossier === undefined || type === undefined) return erreur(400, 'Les champs « dossier » et « type » sont obligatoires.')
      if (typeof type !== 'string' || !(type in LIBELLES_ANOMALIE)) return erreur(400, `Type d'anomalie inconnu (attendus : ${Object.keys(LIBELLES_ANOMALIE).join(', ')}).`)
      if (!estIdentifiantDossier(req, dossier)) return erreur(400, 'Identifiant de dossier invalide.')
      const d = await lireDossierAccessible(req, dossier)
      if (!d) return erreur(404, 'Dossier introuvable.')
      const anomalie = (await listerAnomalies(req)).find((a) => String(a.dossier) === String(d.id) && a.type === type)
      if (!anomalie) return erreur(404, "Cette anomalie n'est pas (ou plus) signalée sur ce dossier.")
      const rep = await demanderIa(req, {
        fonction: 'anomalie',
        dossier: d.id,
        noms: nomsDe(d),
        schema: SCHEMA_ANOMALIE,
        systeme: `${SYSTEME_COMMUN} Expliquez simplement pourquoi cette anomalie a été signalée, ce qu'elle peut signifier (erreur de saisie, fraude, cas légitime) et listez les vérifications à faire. Ne concluez pas à la place de l'équipe.`,
        contenu: `${faits(d)}\nAnomalie : ${LIBELLES_ANOMALIE[anomalie.type]}\n${anomalie.message}\nDonnées : ${JSON.stringify(anomalie.details)}`,
      })
      return json({ anomalie, suggestion: rep.suggestion, modele: rep.modele, usage: rep.usage })
    } catch (err) {
      return reponseErreur(req, err)
    }
  },
}

export const conformityPlugin =
  () =>
  (config: Config): Config => ({
    ...config,
    collections: [
      ...(config.collections ?? []).map((c) =>
        c.slug === 'dossiers'
          ? {
              ...c,
              fields: [...c.fields, champConformite],
              endpoints: [...(Array.isArray(c.endpoints) ? c.endpoints : []), endpointConformite, endpointIa],
              hooks: { ...c.hooks, beforeChange: [proteger, ...(c.hooks?.beforeChange ?? [])] },
            }
          : c,
      ),
      AppelsIa,
    ],
    endpoints: [...(config.endpoints ?? []), endpointStatutIa, endpointAnomalies, endpointExpliquer],
  })
