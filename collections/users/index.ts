import { endpointDemandeSuppression } from './suppression'
import { controleConnexion, endpointMotDePasse, refuserMotDePasseSansActuel } from './securite'
import { APIError, type CollectionConfig } from 'payload'
import { champAdminSeulement, estAdmin, idOf, roleOf, ROLES } from '../../src/access/roles'
import { env } from '../../src/config/env'
import { validerMotDePasse } from '../../src/domain/motDePasse'
import { filtrerChampsUtilisateur } from './champsAutorises'
import { selectAvecDefaut } from '../champs'

const LIBELLES_ROLE = { admin: 'Administrateur MonOPCO', user: 'Bénéficiaire / entreprise', opco: 'OPCO' } as const

export const Users: CollectionConfig = {
  slug: 'users',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'User', pluralName: 'Users' },
  labels: { singular: 'Utilisateur', plural: 'Utilisateurs' },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'nom', 'prenom', 'role', 'opco'],
    group: 'Administration',
  },
  auth: {
    useAPIKey: true,
    maxLoginAttempts: env().lockoutMaxAttempts,
    lockTime: env().lockoutMinutes * 60 * 1000,
    tokenExpiration: env().tokenExpirationSeconds,
    forgotPassword: { expiration: 60 * 60 * 1000 },
    cookies: { secure: env().cookieSecure, sameSite: 'Lax' },
  },
  access: {
    // Anonymous visitors may register (role forced to `user`); signed-in non-admins may not create accounts.
    create: ({ req }) => !req.user || estAdmin(req.user),
    read: ({ req }) => {
      if (estAdmin(req.user)) return true
      if (roleOf(req.user) && req.user) return { id: { equals: req.user.id } }
      return false
    },
    update: ({ req }) => {
      if (estAdmin(req.user)) return true
      if (roleOf(req.user) && req.user) return { id: { equals: req.user.id } }
      return false
    },
    delete: ({ req }) => estAdmin(req.user),
    // The admin panel: admins, and OPCO users for their dossiers only (see src/access/adminPanel.ts).
    admin: ({ req }) => estAdmin(req.user) || roleOf(req.user) === 'opco',
    unlock: ({ req }) => estAdmin(req.user),
  },
  hooks: {
    beforeOperation: [
      // Who may set which field (src/domain/comptes.ts): 403 naming the fields, nothing written.
      filtrerChampsUtilisateur,
      // Same answer for unknown, wrong and locked logins; password changes need the current one (./securite.ts).
      controleConnexion,
      refuserMotDePasseSansActuel,
    ],
    beforeValidate: [
      ({ data, req, operation }) => {
        if (data && typeof data.password === 'string') {
          const ok = validerMotDePasse(data.password)
          if (ok !== true) throw new APIError(ok, 400, undefined, true)
        }
        return data
      },
    ],
    beforeChange: [
      ({ data }) => {
        if (data.role !== 'opco') data.opco = null
        else if (idOf(data.opco) === null) {
          throw new APIError('Un utilisateur OPCO doit être rattaché à un OPCO.', 400, undefined, true)
        }
        return data
      },
    ],
  },
  endpoints: [endpointDemandeSuppression, endpointMotDePasse],
  fields: [
    { name: 'nom', label: 'Nom', type: 'text', maxLength: 100 },
    { name: 'prenom', label: 'Prénom', type: 'text', maxLength: 100 },
    { name: 'telephone', label: 'Téléphone', type: 'text', maxLength: 30 },
    selectAvecDefaut({
      name: 'role',
      label: 'Rôle',
      defaultValue: 'user',
      saveToJWT: true,
      options: ROLES.map((value) => ({ value, label: LIBELLES_ROLE[value] })),
      access: { create: champAdminSeulement, update: champAdminSeulement },
      admin: { position: 'sidebar' },
    }),
    {
      name: 'opco',
      label: 'OPCO de rattachement',
      type: 'relationship',
      relationTo: 'opcos',
      saveToJWT: true,
      access: { create: champAdminSeulement, update: champAdminSeulement },
      admin: { position: 'sidebar', condition: (data) => data?.role === 'opco' },
    },
    {
      name: 'company',
      label: 'Entreprise',
      type: 'relationship',
      relationTo: 'companies',
      // Never chosen by the person: set by the server when they create their company or when
      // their attachment request is approved (collections/rattachements).
      access: { create: champAdminSeulement, update: champAdminSeulement },
    },
    {
      // RGPD art. 17: set by the user's request (POST /api/users/me/demande-suppression), read by
      // the team, who answer within a month and clear it once handled.
      name: 'suppressionDemandeeLe',
      label: 'Suppression des données demandée le',
      type: 'date',
      index: true,
      admin: { position: 'sidebar', date: { displayFormat: 'dd/MM/yyyy HH:mm' }, description: 'Demande d’effacement RGPD à traiter sous un mois ; videz ce champ une fois la demande traitée.' },
    },
  ],
}
