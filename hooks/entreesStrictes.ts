import { APIError, ValidationError, validations, type CollectionBeforeOperationHook, type CollectionConfig, type Field, type PayloadRequest, type Validate } from 'payload'
import {
  identifiantLie,
  verifierCaseACocher,
  verifierDate,
  verifierGroupe,
  verifierJson,
  verifierNombre,
  verifierRelation,
  verifierSelect,
  verifierTableau,
  verifierTexte,
  verifierTexteRiche,
  type Verdict,
} from '@/src/domain/valeursChamps'
import { estAdmin } from '@/src/access/roles'
import { sansEffetEnLecture } from '@/src/domain/listeRapide'

/**
 * Every write, whatever its route (REST, GraphQL, admin, Local API), is checked field by field on
 * the data as received — before Payload converts anything (it turns `"2026-01-01"` into 2026 in a
 * number field) and before any hook runs or anything is written. One wrong value → a 400 listing
 * the fields, nothing written. Related documents must exist (a dangling id would otherwise reach
 * the database's foreign key as a 500, or be stored on SQLite).
 *
 * Custom `validate` functions are also composed with Payload's built-in check for their type
 * (min/max, options, required…): a custom rule adds to it, never replaces it.
 */

type Erreur = { path: string; label?: string; message: string }
type Lien = { path: string; label?: string; collection: string; id: number }
/** Any collection's data as received, before Payload converts it: unknown until checked here. */
type Donnees = Record<string, unknown>

const libelle = (f: Field): string | undefined => ('label' in f && typeof f.label === 'string' ? f.label : undefined)
const valeursOptions = (options: readonly (string | { value: string })[]): string[] => options.map((o) => (typeof o === 'string' ? o : o.value))

/** Checks `data` against `fields`, collecting errors and the related ids to look up. */
function verifierChamps(fields: readonly Field[], data: Donnees, prefixe: string, erreurs: Erreur[], liens: Lien[]): void {
  for (const field of fields) {
    if (field.type === 'row' || field.type === 'collapsible') {
      verifierChamps(field.fields, data, prefixe, erreurs, liens)
      continue
    }
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        if ('name' in tab && tab.name) verifierSousObjet(tab.fields, data, tab.name, prefixe, undefined, erreurs, liens)
        else verifierChamps(tab.fields, data, prefixe, erreurs, liens)
      }
      continue
    }
    if (!('name' in field) || !field.name) {
      if (field.type === 'group') verifierChamps(field.fields, data, prefixe, erreurs, liens)
      continue
    }
    if (!(field.name in data)) continue
    const valeur = data[field.name]
    const path = `${prefixe}${field.name}`
    const ajouter = (v: Verdict) => {
      if (v !== true) erreurs.push({ path, label: libelle(field), message: v })
    }
    switch (field.type) {
      case 'text':
      case 'textarea':
      case 'email':
      case 'code':
        ajouter(verifierTexte(valeur, { hasMany: 'hasMany' in field && field.hasMany === true }))
        break
      case 'number':
        ajouter(verifierNombre(valeur, { min: field.min, max: field.max, hasMany: field.hasMany === true }))
        break
      case 'date':
        // Payload's own timestamps are NOT NULL in the database: null would reach it as a 500.
        if (valeur === null && (field.name === 'createdAt' || field.name === 'updatedAt')) ajouter('Date tenue par le serveur : elle ne peut pas être vidée.')
        else ajouter(verifierDate(valeur))
        break
      case 'checkbox':
        ajouter(verifierCaseACocher(valeur))
        break
      case 'select':
        ajouter(verifierSelect(valeur, valeursOptions(field.options), { hasMany: field.hasMany === true }))
        break
      case 'radio':
        ajouter(verifierSelect(valeur, valeursOptions(field.options)))
        break
      case 'richText':
        ajouter(verifierTexteRiche(valeur))
        break
      case 'json':
        ajouter(verifierJson(valeur))
        break
      case 'relationship':
      case 'upload': {
        if (Array.isArray(field.relationTo)) {
          // Not used by our collections: only the shape is checked.
          ajouter(verifierGroupe(valeur))
          break
        }
        const verdict = verifierRelation(valeur, { hasMany: field.hasMany === true })
        ajouter(verdict)
        if (verdict === true && valeur != null) {
          for (const v of field.hasMany === true ? (valeur as unknown[]) : [valeur]) {
            const id = identifiantLie(v)
            if (typeof id === 'number') liens.push({ path, label: libelle(field), collection: field.relationTo, id })
          }
        }
        break
      }
      case 'group':
        verifierSousObjet(field.fields, data, field.name, prefixe, libelle(field), erreurs, liens)
        break
      case 'array': {
        const verdict = verifierTableau(valeur)
        ajouter(verdict)
        if (verdict === true && Array.isArray(valeur)) {
          valeur.forEach((ligne, i) => verifierChamps(field.fields, ligne as Donnees, `${path}.${i}.`, erreurs, liens))
        }
        break
      }
      case 'blocks':
        ajouter(verifierTableau(valeur))
        break
      default:
        break
    }
  }
}

function verifierSousObjet(fields: readonly Field[], data: Donnees, nom: string, prefixe: string, label: string | undefined, erreurs: Erreur[], liens: Lien[]): void {
  if (!(nom in data)) return
  const valeur = data[nom]
  // Payload's PostgreSQL writer reads a group's sub-fields without checking the group itself.
  const verdict = valeur === null ? 'Un objet est attendu (null n’est pas accepté : omettez le groupe pour ne pas le changer).' : verifierGroupe(valeur)
  if (verdict !== true) {
    erreurs.push({ path: `${prefixe}${nom}`, label, message: verdict })
    return
  }
  if (valeur != null) verifierChamps(fields, valeur as Donnees, `${prefixe}${nom}.`, erreurs, liens)
}

async function liensManquants(req: PayloadRequest, liens: Lien[]): Promise<Erreur[]> {
  const manquants: Erreur[] = []
  const vus = new Map<string, boolean>()
  for (const lien of liens) {
    const cle = `${lien.collection}:${lien.id}`
    if (!vus.has(cle)) {
      const { totalDocs } = await req.payload.count({ collection: lien.collection as never, where: { id: { equals: lien.id } }, overrideAccess: true, req })
      vus.set(cle, totalDocs > 0)
    }
    if (!vus.get(cle)) manquants.push({ path: lien.path, label: lien.label, message: `Aucun document n° ${lien.id} dans « ${lien.collection} ».` })
  }
  return manquants
}

export const refuserEntreesInvalides =
  (collection: CollectionConfig): CollectionBeforeOperationHook =>
  async ({ args, operation, req }) => {
    if (operation !== 'create' && operation !== 'update' && operation !== 'updateByID') return args
    const data = (args as { data?: unknown }).data
    // A multipart upload without `_payload`: an empty object, so that required fields speak.
    if (data === undefined) return { ...args, data: {} }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new ValidationError({ collection: collection.slug, errors: [{ path: '', message: 'Un objet JSON est attendu.' }] }, req.t)
    }
    const erreurs: Erreur[] = []
    const liens: Lien[] = []
    // The sanitized fields: those Payload adds (createdAt, updatedAt, the auth fields) are checked too.
    const fields = req.payload.collections[collection.slug as keyof typeof req.payload.collections]?.config.fields ?? collection.fields
    verifierChamps(fields, data as Donnees, '', erreurs, liens)
    if (erreurs.length === 0) {
      const manquants = await liensManquants(req, liens)
      // To anyone but an admin, a missing document looks like someone else's (403 from the
      // collection's own access checks): the answer must not tell which ids exist.
      if (manquants.length > 0 && !estAdmin(req.user) && (args as { overrideAccess?: boolean }).overrideAccess !== true) {
        throw new APIError(`${manquants.map((m) => m.label ?? m.path).join(', ')} introuvable.`, 403, undefined, true)
      }
      erreurs.push(...manquants)
    }
    if (erreurs.length > 0) throw new ValidationError({ collection: collection.slug, errors: erreurs, req }, req.t)
    return args
  }

/** A custom `validate` runs after Payload's built-in check for the field's type, never instead of it. */
function composerValidations(fields: Field[]): Field[] {
  return fields.map((field) => {
    if (field.type === 'row' || field.type === 'collapsible') return { ...field, fields: composerValidations(field.fields) }
    if (field.type === 'group' || field.type === 'array') {
      const f = { ...field, fields: composerValidations(field.fields) } as Field
      return composerValidation(f)
    }
    if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((t) => ({ ...t, fields: composerValidations(t.fields) })) }
    return composerValidation(field)
  })
}

function composerValidation(field: Field): Field {
  if (!('validate' in field) || typeof field.validate !== 'function') return field
  const integree = (validations as unknown as Record<string, Validate | undefined>)[field.type]
  if (!integree) return field
  const propre = field.validate as Validate
  const validate: Validate = async (valeur, options) => {
    const base = await integree(valeur, { ...field, ...options } as never)
    if (base !== true) return base
    return propre(valeur, options)
  }
  return { ...field, validate } as Field
}

/** Applied to every collection by payload.config.ts. */
export const avecEntreesStrictes = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  fields: composerValidations(collection.fields),
  hooks: {
    ...collection.hooks,
    // Writes only: the list fast path may skip it (src/domain/listeRapide.ts).
    beforeOperation: [sansEffetEnLecture(refuserEntreesInvalides(collection)), ...(collection.hooks?.beforeOperation ?? [])],
  },
})
