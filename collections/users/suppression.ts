import type { Endpoint, PayloadRequest } from 'payload'
import { roleOf } from '@/src/access/roles'
import { formaterDateFr } from '@/src/domain/dates'
import { erreur, json, reponseErreur } from '@/src/endpoints/http'
import { ajouterEmails } from '@/plugins/notifications/boiteEnvoi'
import { admins, liens } from '@/plugins/notifications/donnees'
import * as T from '@/templates/email/index'

/**
 * RGPD erasure request by the signed-in person: recorded on their account (dated, audited like
 * any change of a user) and announced to every admin through the outbox, once — asking again
 * answers with the date already recorded. Nothing is erased here: retention duties (DOMAIN.md §8)
 * need a person to decide what goes.
 */
export const endpointDemandeSuppression: Endpoint = {
  path: '/me/demande-suppression',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    try {
      if (!req.user || roleOf(req.user) === null) return erreur(401, 'Authentification requise.')
      const moi = await req.payload.findByID({ collection: 'users', id: req.user.id, depth: 0, overrideAccess: true, req })
      const deja = typeof moi.suppressionDemandeeLe === 'string' ? moi.suppressionDemandeeLe : null
      if (deja) {
        return json({ message: `Votre demande de suppression est déjà enregistrée (le ${formaterDateFr(deja)}) : l’équipe vous répond sous un mois.`, suppressionDemandeeLe: deja })
      }
      const maintenant = new Date().toISOString()
      await req.payload.update({ collection: 'users', id: req.user.id, data: { suppressionDemandeeLe: maintenant }, overrideAccess: true, req })
      const personne = { email: String(moi.email), prenom: moi.prenom ?? null, nom: moi.nom ?? null }
      const lien = `${liens().admin}/collections/users/${encodeURIComponent(String(req.user.id))}`
      const rendu = T.rendre(T.demandeSuppressionEquipe(personne, lien, formaterDateFr(maintenant)))
      await ajouterEmails(
        req.payload,
        req,
        (await admins(req.payload, req)).map((a) => ({ to: a.email, cle: `suppression:${String(req.user!.id)}:${maintenant}:${a.email}`, rendu })),
      )
      return json({ message: 'Votre demande de suppression est enregistrée : l’équipe vous répond sous un mois.', suppressionDemandeeLe: maintenant }, 201)
    } catch (err) {
      return reponseErreur(req, err)
    }
  },
}
