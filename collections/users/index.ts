import { APIError, type CollectionConfig } from 'payload'
import { champAdminSeulement, estAdmin, idOf, roleOf, ROLES } from '@/src/access/roles'
import { env } from '@/src/config/env'
import { validerMotDePasse } from '@/src/domain/motDePasse'
import { htmlReinitialisation, SUJET_REINITIALISATION } from '@/src/services/emails/comptes'
import { envoyerBienvenueALaCreation } from './hooks/bienvenue'
import { filtrerChampsUtilisateur } from './hooks/champsAutorises'
import { controleConnexion, refuserMotDePasseSansActuel } from './hooks/securite'
import { endpointDemandeSuppression } from './endpoints/demandeSuppression'
import { endpointMotDePasse } from './endpoints/motDePasse'
import { selectAvecDefaut } from '@/collections/champs'
import { champPersonnel, lectureRestreinteOpco, lectureUtilisateursOpco, reduireAuxNoms } from '@/src/access/opco'
import { nomComplet } from '@/src/domain/nomComplet'
import { repeuplerMe } from './hooks/me'

const LIBELLES_ROLE = { admin: 'Administrateur MonOPCO', user: 'Bénéficiaire / entreprise', opco: 'OPCO' } as const

/** A reset link is valid one hour; the e-mail says so. */
const VALIDITE_REINITIALISATION_MS = 60 * 60 * 1000

export const Users: CollectionConfig = {
  slug: 'users',
  // Stable GraphQL names for integrators, independent of the French labels.
  graphQL: { singularName: 'User', pluralName: 'Users' },
  labels: { singular: 'Utilisateur', plural: 'Utilisateurs' },
  admin: {
    // « Prénom Nom » wherever an account is shown (Déposé par, Validé par…); OPCO agents may not
    // read e-mails, so the title must not be one.
    useAsTitle: 'nomComplet',
    defaultColumns: ['nomComplet', 'email', 'role', 'opco'],
    listSearchableFields: ['nomComplet', 'email'],
    group: 'Administration',
  },
  auth: {
    // The user every authenticated request looks up (JWT, API key) is the users row alone: at the
    // default depth (2) Payload also loaded the user's company and OPCO (with its financing rules)
    // on every request, which cost an OPCO agent's list read more than the list itself
    // (bench/README.md « Liste des dossiers »). Code reading req.user takes ids or objects (idOf).
    depth: 0,
    useAPIKey: true,
    maxLoginAttempts: env().lockoutMaxAttempts,
    lockTime: env().lockoutMinutes * 60 * 1000,
    tokenExpiration: env().tokenExpirationSeconds,
    // The reset e-mail is ours (layout, portal or admin link); Payload hands it to the outbox adapter.
    forgotPassword: {
      expiration: VALIDITE_REINITIALISATION_MS,
      generateEmailSubject: () => SUJET_REINITIALISATION,
      generateEmailHTML: (args) => htmlReinitialisation(String(args?.token ?? ''), Math.round(VALIDITE_REINITIALISATION_MS / 60_000), (args?.user as { role?: unknown } | undefined)?.role),
    },
    cookies: { secure: env().cookieSecure, sameSite: 'Lax' },
  },
  access: {
    // Anonymous visitors may register (role forced to `user`); signed-in non-admins may not create accounts.
    create: ({ req }) => !req.user || estAdmin(req.user),
    read: async ({ req }) => {
      if (estAdmin(req.user)) return true
      // An OPCO agent also reads who filed and validated the dossiers sent to its OPCO (names only: afterRead).
      if (roleOf(req.user) === 'opco') return lectureUtilisateursOpco(req)
      if (roleOf(req.user) && req.user) return { id: { equals: req.user.id } }
      return false
    },
    update: ({ req }) => {
      if (estAdmin(req.user)) return true
      if (roleOf(req.user) && req.user) return { id: { equals: req.user.id } }
      return false
    },
    // Admins delete accounts, never their own: the deletion's audit entry names its author, who
    // would no longer exist — the entry was refused (400) after the account was gone (outside probe).
    delete: ({ req }) => (estAdmin(req.user) && req.user ? { id: { not_equals: req.user.id } } : false),
    // The admin panel: admins, and OPCO users for their dossiers only (see src/access/adminPanel.ts).
    admin: ({ req }) => estAdmin(req.user) || roleOf(req.user) === 'opco',
    unlock: ({ req }) => estAdmin(req.user),
  },
  hooks: {
    // GET /api/users/me answers as before auth.depth was 0: relations populated to the default
    // depth unless the caller asks for a depth (one more read, on this route only).
    afterMe: [repeuplerMe],
    afterRead: [
      // Field access below already hides each personal field; this also drops what field access
      // cannot reach (timestamps, fields added later), so an OPCO agent gets the names and nothing
      // else. Server code reading with full access in an agent's request (e-mails to the team) is not the agent.
      ({ doc, req, overrideAccess }) => (overrideAccess !== true && lectureRestreinteOpco(req, doc?.id) ? reduireAuxNoms(doc) : doc),
    ],
    beforeOperation: [
      // Who may set which field (src/domain/comptes.ts): 403 naming the fields, nothing written.
      filtrerChampsUtilisateur,
      // Same answer for unknown, wrong and locked logins; password changes need the current one (./hooks/securite.ts).
      controleConnexion,
      refuserMotDePasseSansActuel,
    ],
    // Welcome e-mail, in the creation's transaction (./hooks/bienvenue.ts).
    afterChange: [envoyerBienvenueALaCreation],
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
    // Payload's own e-mail field, merged with this one: only its read access is added.
    { name: 'email', type: 'email', required: true, access: { read: champPersonnel } },
    { name: 'nom', label: 'Nom', type: 'text', maxLength: 100 },
    { name: 'prenom', label: 'Prénom', type: 'text', maxLength: 100 },
    {
      // Stored, not computed on read: the admin panel searches and selects the title field alone.
      name: 'nomComplet',
      label: 'Nom complet',
      type: 'text',
      index: true,
      admin: { readOnly: true, description: 'Prénom et nom, tenu à jour par le serveur.' },
      hooks: {
        beforeChange: [
          ({ siblingData, originalDoc }) => {
            const valeur = (champ: 'prenom' | 'nom') => (champ in siblingData ? siblingData[champ] : (originalDoc as Record<string, unknown> | undefined)?.[champ])
            return nomComplet(valeur('prenom'), valeur('nom'))
          },
        ],
      },
    },
    { name: 'telephone', label: 'Téléphone', type: 'text', maxLength: 30, access: { read: champPersonnel } },
    selectAvecDefaut({
      name: 'role',
      label: 'Rôle',
      defaultValue: 'user',
      saveToJWT: true,
      options: ROLES.map((value) => ({ value, label: LIBELLES_ROLE[value] })),
      access: { read: champPersonnel, create: champAdminSeulement, update: champAdminSeulement },
      admin: { position: 'sidebar' },
    }),
    {
      name: 'opco',
      label: 'OPCO de rattachement',
      type: 'relationship',
      relationTo: 'opcos',
      saveToJWT: true,
      access: { read: champPersonnel, create: champAdminSeulement, update: champAdminSeulement },
      admin: { position: 'sidebar', condition: (data) => data?.role === 'opco' },
    },
    {
      name: 'company',
      label: 'Entreprise',
      type: 'relationship',
      relationTo: 'companies',
      // Never chosen by the person: set by the server when they create their company or when
      // their attachment request is approved (collections/rattachements).
      access: { read: champPersonnel, create: champAdminSeulement, update: champAdminSeulement },
    },
    {
      // RGPD art. 17: set by the user's request (POST /api/users/me/demande-suppression), read by
      // the team, who answer within a month and clear it once handled.
      name: 'suppressionDemandeeLe',
      label: 'Suppression des données demandée le',
      type: 'date',
      index: true,
      access: { read: champPersonnel },
      admin: { position: 'sidebar', date: { displayFormat: 'dd/MM/yyyy HH:mm' }, description: 'Demande d’effacement RGPD à traiter sous un mois ; videz ce champ une fois la demande traitée.' },
    },
    {
      // Opt-out of the non-essential reminders (src/domain/notifications/relances.ts).
      name: 'recevoirRelances',
      label: 'Recevoir les rappels',
      type: 'checkbox',
      defaultValue: true,
      admin: {
        position: 'sidebar',
        description: 'Rappels par e-mail (pièces attendues, OPCO sans réponse…). Le rappel « la formation commence bientôt et le dossier n’est pas envoyé » part toujours.',
      },
    },
  ],
}
