import { champAdresse } from '@/collections/champs'
import type { CollectionConfig } from 'payload'
import { adminSeulement, estAdmin, idOf, roleOf } from '@/src/access/roles'
import { lectureEntreprisesOpco } from '@/src/access/opco'
import { estSiretValide, normaliserSiret, sirenDuSiret, validerSiret } from '@/src/domain/siret'
import { validerIdcc } from '@/src/domain/idcc'
import { endpointsRattachement } from './endpoints/rattachements'
import { suggererOpco } from './hooks/opcoSuggere'
import { rattacherCreateur } from './hooks/rattacherCreateur'
import { verifierCreationEntreprise } from './hooks/verifierCreationEntreprise'
import { enregistrerRegistre } from './hooks/registre'
import { refuserChampsReserves } from '@/hooks/champsReserves'
import { libelleTrancheEffectif } from '@/src/domain/rechercheEntreprises'
import { verifierDocumentsApresModification } from '@/hooks/documentsAJour'

export const Companies: CollectionConfig = {
  slug: 'companies',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'Company', pluralName: 'Companies' },
  labels: { singular: 'Entreprise', plural: 'Entreprises' },
  admin: {
    useAsTitle: 'raisonSociale',
    defaultColumns: ['raisonSociale', 'siret', 'effectif', 'opco'],
    listSearchableFields: ['raisonSociale', 'siret', 'siren'],
    group: 'Référentiel',
  },
  access: {
    read: async ({ req }) => {
      const role = roleOf(req.user)
      if (role === 'admin') return true
      if (role === 'user') {
        const company = idOf(req.user?.company)
        return company === null ? false : { id: { equals: company } }
      }
      // An OPCO agent sees the employer of every dossier sent to its OPCO — whatever OPCO the
      // company record names (often none yet) — and no other company.
      return lectureEntreprisesOpco(req)
    },
    // A beneficiary registers their own company; it is then attached to their account.
    create: ({ req }) => estAdmin(req.user) || roleOf(req.user) === 'user',
    update: ({ req }) => {
      if (estAdmin(req.user)) return true
      if (roleOf(req.user) !== 'user') return false
      const company = idOf(req.user?.company)
      return company === null ? false : { id: { equals: company } }
    },
    delete: adminSeulement,
  },
  // Attachment requests: POST /api/companies/rattachements, …/:id/accepter, …/:id/refuser.
  endpoints: endpointsRattachement,
  hooks: {
    // The register's verdict is the server's (hooks/registre.ts), never the beneficiary's.
    beforeOperation: [refuserChampsReserves(['registre'])],
    beforeValidate: [
      ({ data }) => {
        if (data && typeof data.siret === 'string') data.siret = normaliserSiret(data.siret)
        return data
      },
      verifierCreationEntreprise,
    ],
    beforeChange: [
      ({ data }) => {
        // Collection hooks run before field validation: derive only from a valid SIRET.
        if (typeof data.siret === 'string' && estSiretValide(data.siret)) data.siren = sirenDuSiret(data.siret)
        return data
      },
      suggererOpco,
      enregistrerRegistre,
    ],
    // Generated documents that print the company are produced again when a printed value changes.
    afterChange: [rattacherCreateur, verifierDocumentsApresModification],
  },
  fields: [
    {
      name: 'siret',
      label: 'SIRET',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      validate: (value: unknown) => validerSiret(value),
      admin: { description: '14 chiffres ; la clé de contrôle est vérifiée (règle spécifique pour La Poste).' },
    },
    { name: 'siren', label: 'SIREN', type: 'text', index: true, admin: { readOnly: true, description: 'Déduit du SIRET.' } },
    // Admin form only: fills the fields below from the State's register (GET /api/entreprises/siret/:siret).
    { name: 'remplirDepuisSiret', type: 'ui', admin: { disableListColumn: true, components: { Field: '/src/components/admin/RemplirDepuisSiret#RemplirDepuisSiret' } } },
    { name: 'raisonSociale', label: 'Raison sociale', type: 'text', required: true, maxLength: 200 },
    champAdresse(),
    // On the company, not the dossier: the person who signs for the employer is the same on every
    // convention of the company; printed in the signature block of conventions and DPC.
    {
      name: 'signataire',
      label: 'Signataire des conventions',
      type: 'group',
      admin: { description: 'Personne qui signe les conventions pour l’entreprise (représentant légal ou délégataire).' },
      fields: [
        { name: 'nom', label: 'Nom', type: 'text', maxLength: 100 },
        { name: 'prenom', label: 'Prénom', type: 'text', maxLength: 100 },
        { name: 'fonction', label: 'Fonction', type: 'text', maxLength: 100 },
      ],
    },
    { name: 'codeNaf', label: 'Code NAF/APE', type: 'text', maxLength: 6, validate: (v: unknown) => v == null || v === '' || (typeof v === 'string' && /^\d{2}\.?\d{2}[A-Z]$/.test(v)) || 'Le code NAF doit avoir la forme 62.02A.' },
    { name: 'idcc', label: 'IDCC (convention collective)', type: 'text', maxLength: 4, validate: validerIdcc },
    { name: 'effectif', label: 'Effectif', type: 'number', min: 0, max: 1_000_000, validate: (v: unknown) => v == null || (Number.isInteger(v) && (v as number) >= 0) || "L'effectif doit être un entier positif." },
    {
      name: 'registre',
      label: 'Registre des entreprises (Sirene)',
      type: 'group',
      admin: {
        description: 'Lu dans l’API publique « Recherche d’entreprises » quand le SIRET est saisi (bouton « Remplir depuis le SIRET »). Un établissement fermé bloque la validation des dossiers.',
      },
      fields: [
        {
          name: 'etatAdministratif',
          label: 'État administratif',
          type: 'select',
          options: [
            { label: 'Actif', value: 'actif' },
            { label: 'Fermé', value: 'ferme' },
          ],
        },
        {
          name: 'trancheEffectif',
          label: 'Tranche d’effectif (code INSEE)',
          type: 'text',
          maxLength: 2,
          validate: (v: unknown) => v == null || v === '' || libelleTrancheEffectif(v) !== null || 'Code de tranche d’effectif INSEE inconnu (ex. 12 pour 20 à 49 salariés).',
          admin: { description: 'NN non employeur, 00 aucun salarié, 01 : 1-2, 02 : 3-5, 03 : 6-9, 11 : 10-19, 12 : 20-49, 21 : 50-99, 22 : 100-199, 31 : 200-249, 32 : 250-499, 41 et au-delà : 500 et plus.' },
        },
        { name: 'consulteLe', label: 'Consulté le', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'dd/MM/yyyy HH:mm' } } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'opco', label: 'OPCO', type: 'relationship', relationTo: 'opcos', index: true, admin: { width: '50%', description: 'Choix confirmé par une personne (voir la suggestion).' } },
        {
          name: 'opcoSuggere',
          label: 'OPCO suggéré (d’après l’IDCC)',
          type: 'relationship',
          relationTo: 'opcos',
          admin: { width: '50%', readOnly: true, description: 'Déduit de l’IDCC par la table « Correspondances IDCC → OPCO » ; à confirmer dans le champ OPCO.' },
        },
      ],
    },
  ],
}
