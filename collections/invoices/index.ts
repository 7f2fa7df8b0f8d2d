import type { Invoice } from '@/src/payload-types'
import { APIError, type CollectionBeforeOperationHook, type CollectionConfig, type Endpoint, type PayloadRequest } from 'payload'
import { adminSeulement, estAdmin, idOf, lectureParDossier } from '@/src/access/roles'
import { completerTotauxBrouillon, MOTIF_AVOIR_MAX, validerNumeroFacture } from '@/src/domain/facturation'
import { json, reponseErreur, RequeteInvalideError } from '@/src/endpoints/http'
import { champMontant } from '@/collections/montant'
import { selectAvecDefaut } from '@/collections/champs'
import { demanderAvoir, demanderEmission, refusNonAdmin } from './facturation'

const MESSAGE_IMMUABLE = 'Une facture émise ne peut plus être modifiée : émettez un avoir (POST /api/invoices/:id/avoir).'
const immuable = (): never => {
  throw new APIError(MESSAGE_IMMUABLE, 403, undefined, true)
}

const estRenseigne = (v: unknown): boolean => v !== null && v !== undefined && v !== ''

/**
 * Written only by the invoice services (numbering, credit note, dossier invoicing), never by an
 * API client — admins included: a number typed by hand, a draft set to `emise` by an update or a
 * credit note that cancels nothing would break the gap-free sequence. Values that say "nothing"
 * (empty number, `brouillon`, `facture`) pass, since the admin form sends every field back.
 */
const CHAMPS_RESERVES: Partial<Record<keyof Invoice, (v: unknown) => boolean>> = {
  numero: estRenseigne,
  statut: (v) => estRenseigne(v) && v !== 'brouillon',
  dateEmission: estRenseigne,
  dateEcheance: estRenseigne,
  cleFacturation: estRenseigne,
  type: (v) => estRenseigne(v) && v !== 'facture',
  factureOrigine: estRenseigne,
  motif: estRenseigne,
}

/**
 * API clients: 403 naming the reserved fields they send (rather than silently dropping them);
 * admins and trusted server code: 403 on an update of an issued invoice, before anything else
 * runs (the beforeChange hook repeats it for every path, bulk updates included). Trusted Local API creates (overrideAccess) may set reserved fields: imports of
 * invoices issued elsewhere.
 */
const refuserEcrituresInterdites: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const a = args as { data?: Record<string, unknown>; overrideAccess?: boolean; id?: number | string }
  let actuel: Invoice | null = null
  // Admins and trusted code only: anyone else is refused by access rules, without learning
  // whether that id is an issued invoice.
  if (operation === 'update' && a.id !== undefined && (a.overrideAccess === true || estAdmin(req.user))) {
    actuel = await req.payload.findByID({ collection: 'invoices', id: a.id, req, overrideAccess: true, depth: 0, disableErrors: true })
    if (actuel && actuel.statut !== 'brouillon') immuable()
  }
  if (a.overrideAccess === true || !a.data) return args
  // On an update, sending back the stored value is not a change (the admin form sends every field).
  const inchange = (champ: keyof Invoice): boolean => actuel !== null && String(idOf(a.data![champ]) ?? a.data![champ] ?? '') === String(idOf(actuel[champ]) ?? actuel[champ] ?? '')
  const interdits = Object.entries(CHAMPS_RESERVES)
    .filter(([champ, renseigne]) => champ in a.data! && renseigne!(a.data![champ]) && !inchange(champ as keyof Invoice))
    .map(([champ]) => champ)
  if (interdits.length > 0) {
    throw new APIError(
      `Vous n'avez pas le droit de modifier : ${interdits.join(', ')} (numéro, statut et dates sont attribués à l'émission : POST /api/invoices/:id/emettre ; un avoir s'émet par POST /api/invoices/:id/avoir).`,
      403,
      { champs: interdits },
      true,
    )
  }
  return args
}

/** Reads an optional JSON object body: empty → {}; malformed or not an object → 400. */
async function lireCorpsFacultatif(req: PayloadRequest): Promise<Record<string, unknown>> {
  let texte: string
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
  return corps as Record<string, unknown>
}

const endpoints: Endpoint[] = [
  {
    path: '/:id/emettre',
    method: 'post',
    handler: async (req) => {
      try {
        const r = await demanderEmission(req, req.routeParams?.id)
        return json(r.body, r.status)
      } catch (err) {
        return reponseErreur(req, err)
      }
    },
  },
  {
    path: '/:id/avoir',
    method: 'post',
    handler: async (req) => {
      try {
        // Role and id first: a non-admin learns nothing from the body checks.
        const prealable = refusNonAdmin(req, req.routeParams?.id)
        if (prealable) return json(prealable.body, prealable.status)
        const r = await demanderAvoir(req, req.routeParams?.id, await lireCorpsFacultatif(req))
        return json(r.body, r.status)
      } catch (err) {
        return reponseErreur(req, err)
      }
    },
  },
]

export const Invoices: CollectionConfig = {
  slug: 'invoices',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'Invoice', pluralName: 'Invoices' },
  labels: { singular: 'Facture', plural: 'Factures' },
  admin: {
    useAsTitle: 'numero',
    defaultColumns: ['numero', 'type', 'dossier', 'destinataire', 'totalTTC', 'statut', 'dateEmission'],
    group: 'Finances',
    description: 'Un brouillon se modifie ; une facture émise (numéro F-AAAA-00001 attribué à l’émission, sans trou) ne change plus : un avoir l’annule.',
  },
  access: { read: lectureParDossier('dossier', { opco: true }), create: adminSeulement, update: adminSeulement, delete: adminSeulement },
  endpoints,
  hooks: {
    beforeOperation: [refuserEcrituresInterdites],
    beforeChange: [
      ({ data, originalDoc, operation }) => {
        if (operation === 'update' && originalDoc) {
          // Legal rule (L441-9 C. com.): an issued invoice is never edited, even by server code
          // (the services change status and number by SQL compare-and-set, not by update).
          if (originalDoc.statut !== 'brouillon') immuable()
          // A draft becomes an invoice only through the numbering service.
          const interdits = ['numero', 'dateEmission', 'dateEcheance'].filter((c) => estRenseigne(data[c]))
          if (estRenseigne(data.statut) && data.statut !== 'brouillon') interdits.push('statut')
          if ('cleFacturation' in data && (data.cleFacturation ?? null) !== (originalDoc.cleFacturation ?? null)) interdits.push('cleFacturation')
          if (interdits.length > 0) {
            throw new APIError(`Une facture s'émet par POST /api/invoices/:id/emettre, pas par une modification (${interdits.join(', ')}).`, 403, { champs: interdits }, true)
          }
        }
        return completerTotauxBrouillon(data, originalDoc ?? {})
      },
    ],
    beforeDelete: [
      async ({ id, req }) => {
        // Even trusted code: a deleted issued invoice would leave a hole in the sequence.
        const doc = await req.payload.findByID({ collection: 'invoices', id, req, depth: 0, overrideAccess: true })
        if (doc.statut !== 'brouillon') throw new APIError('Une facture émise ne peut pas être supprimée : émettez un avoir.', 403, undefined, true)
      },
    ],
  },
  fields: [
    {
      name: 'numero',
      label: 'Numéro',
      type: 'text',
      unique: true,
      index: true,
      validate: (v: unknown) => validerNumeroFacture(v),
      admin: { readOnly: true, description: 'Attribué à l’émission (F-AAAA-00001, A-AAAA-00001 pour un avoir), sans trou.' },
    },
    selectAvecDefaut({
      name: 'type',
      label: 'Type',
      defaultValue: 'facture',
      options: [
        { value: 'facture', label: 'Facture' },
        { value: 'avoir', label: 'Avoir' },
      ],
      admin: { readOnly: true },
    }),
    { name: 'dossier', label: 'Dossier', type: 'relationship', relationTo: 'dossiers', required: true, index: true },
    { name: 'factureOrigine', label: 'Facture annulée (avoir)', type: 'relationship', relationTo: 'invoices', admin: { readOnly: true, condition: (data) => data?.type === 'avoir' } },
    {
      name: 'motif',
      label: 'Motif de l’avoir',
      type: 'textarea',
      maxLength: MOTIF_AVOIR_MAX,
      admin: { readOnly: true, condition: (data) => data?.type === 'avoir' },
    },
    {
      name: 'destinataire',
      label: 'Destinataire',
      type: 'select',
      required: true,
      options: [
        { value: 'opco', label: 'OPCO (subrogation)' },
        { value: 'entreprise', label: 'Entreprise' },
      ],
    },
    {
      name: 'lignes',
      label: 'Lignes',
      type: 'array',
      admin: { description: 'Heures × prix unitaire HT ; le montant, le total HT et le TTC se calculent à l’enregistrement s’ils sont vides.' },
      fields: [
        { name: 'libelle', label: 'Désignation', type: 'text', required: true },
        { name: 'quantite', label: 'Quantité (heures)', type: 'number', required: true, min: 0 },
        champMontant('prixUnitaireHT', 'Prix unitaire HT', { required: true }),
        champMontant('montantHT', 'Montant HT'),
      ],
    },
    champMontant('totalHT', 'Total HT'),
    champMontant('totalTVA', 'TVA'),
    champMontant('totalTTC', 'Total TTC'),
    { name: 'mentionTva', label: 'Mention TVA', type: 'text' },
    selectAvecDefaut({
      name: 'statut',
      label: 'Statut',
      defaultValue: 'brouillon',
      options: [
        { value: 'brouillon', label: 'Brouillon' },
        { value: 'emise', label: 'Émise' },
        { value: 'payee', label: 'Payée' },
        { value: 'annulee', label: 'Annulée par avoir' },
      ],
      admin: { readOnly: true, position: 'sidebar' },
    }),
    { name: 'dateEmission', label: 'Date d’émission', type: 'date', admin: { readOnly: true, position: 'sidebar', date: { displayFormat: 'dd/MM/yyyy' } } },
    { name: 'dateEcheance', label: 'Date d’échéance', type: 'date', admin: { readOnly: true, position: 'sidebar', date: { displayFormat: 'dd/MM/yyyy' } } },
    {
      // Idempotency key of the invoices created by facturerDossier (dossier, recipient, round).
      name: 'cleFacturation',
      label: 'Clé de facturation',
      type: 'text',
      unique: true,
      index: true,
      admin: { hidden: true },
    },
  ],
}
