import type { CollectionConfig, Where } from 'payload'
import { estAdmin, idOf, personne, roleOf } from '@/src/access/roles'
import { LIBELLES_STATUT_RATTACHEMENT, STATUTS_RATTACHEMENT } from '@/src/domain/rattachements'
import { selectAvecDefaut } from '@/collections/champs'
import { notifierChangementRattachement } from './hooks/notifier'

/**
 * Requests to join a company already registered (POST /api/companies/rattachements). Written only
 * by src/services/rattachements.ts: a decision attaches the person to the company, which a plain
 * update of `statut` would not do — so nobody, admins included, writes these rows through the API.
 */
export const Rattachements: CollectionConfig = {
  slug: 'rattachements',
  graphQL: { singularName: 'Rattachement', pluralName: 'Rattachements' },
  labels: { singular: 'Demande de rattachement', plural: 'Demandes de rattachement' },
  admin: {
    defaultColumns: ['demandeur', 'company', 'statut', 'demandeLe', 'decidePar'],
    group: 'Référentiel',
    description: 'Personnes qui demandent à déposer des dossiers pour une entreprise déjà inscrite. Une personne déjà rattachée à l’entreprise ou l’équipe accepte ou refuse (POST /api/companies/rattachements/:id/accepter | refuser).',
  },
  defaultSort: '-demandeLe',
  access: {
    // The requester sees their own requests; the people attached to the company see those that
    // concern it (they decide); admins all.
    read: ({ req }) => {
      if (estAdmin(req.user)) return true
      if (roleOf(req.user) !== 'user' || !req.user) return false
      const company = idOf(req.user.company)
      const miens: Where = { demandeur: { equals: req.user.id } }
      return company === null ? miens : { or: [miens, { company: { equals: company } }] }
    },
    create: personne,
    update: personne,
    delete: ({ req }) => estAdmin(req.user),
  },
  // The requester, the company's people and the team are told by e-mail (./hooks/notifier.ts).
  hooks: { afterChange: [notifierChangementRattachement] },
  fields: [
    { name: 'demandeur', label: 'Demandeur', type: 'relationship', relationTo: 'users', required: true, index: true, admin: { readOnly: true } },
    { name: 'company', label: 'Entreprise', type: 'relationship', relationTo: 'companies', required: true, index: true, admin: { readOnly: true } },
    { name: 'siret', label: 'SIRET demandé', type: 'text', maxLength: 14, admin: { readOnly: true } },
    selectAvecDefaut({
      name: 'statut',
      label: 'Statut',
      defaultValue: 'en_attente',
      index: true,
      options: STATUTS_RATTACHEMENT.map((value) => ({ value, label: LIBELLES_STATUT_RATTACHEMENT[value] })),
      admin: { readOnly: true, position: 'sidebar' },
    }),
    { name: 'demandeLe', label: 'Demandé le', type: 'date', required: true, admin: { readOnly: true, position: 'sidebar', date: { displayFormat: 'dd/MM/yyyy HH:mm' } } },
    { name: 'decideLe', label: 'Décidé le', type: 'date', admin: { readOnly: true, position: 'sidebar', date: { displayFormat: 'dd/MM/yyyy HH:mm' } } },
    { name: 'decidePar', label: 'Décidé par', type: 'relationship', relationTo: 'users', admin: { readOnly: true, position: 'sidebar' } },
    { name: 'motif', label: 'Motif du refus', type: 'textarea', maxLength: 1000, admin: { readOnly: true } },
    // Admin panel: Accepter / Refuser through the endpoints (a decision also attaches the person).
    { name: 'decision', type: 'ui', admin: { position: 'sidebar', disableListColumn: true, components: { Field: '/src/components/admin/DecisionRattachement#DecisionRattachement' } } },
    // Unique while pending (see cleEnAttente), null once decided.
    { name: 'cleEnAttente', type: 'text', unique: true, hidden: true },
  ],
}
