import { ErreurMetier } from '@/src/domain/erreurs'
import { dossierDeLaRoute, endpoint } from '@/src/endpoints/endpoint'
import { erreur, json, lireCorpsJson } from '@/src/endpoints/http'
import {
  ameliorerJustification,
  configIa,
  estFonctionDossier,
  exigerAdminIa,
  MESSAGE_IA_NON_CONFIGUREE,
  proposerObjectifs,
  suggererValeursPieces,
  syntheseConformite,
  TEXTE_MAX,
} from '@/src/services/ia'
import { refuserChampsInconnus } from './conformite'

const AVERTISSEMENT_SUGGESTION = 'Suggestion à relire : rien n’a été modifié dans le dossier.'

/** The answer when OPENAI_API_KEY is not set (the admin panel hides the AI buttons with `iaConfiguree`). */
export const reponseIaNonConfiguree = (): Response => erreur(503, MESSAGE_IA_NON_CONFIGUREE, { iaConfiguree: false })

/**
 * POST /api/dossiers/:id/ia/<justification|objectifs|narratif|pieces> — an AI suggestion for the
 * dossier, admins only, never written to it (src/services/ia.ts). Checked in this order: 401,
 * 403 not an admin, 404 unknown function, 503 AI not configured, 400 body, then the dossier
 * (400 malformed id, 404 not found).
 */
export const endpointIa = endpoint({
  path: '/:id/ia/:fonction',
  method: 'post',
  handler: async ({ req, user }) => {
    exigerAdminIa(user)
    const fonction = req.routeParams?.fonction
    if (!estFonctionDossier(fonction)) {
      throw new ErreurMetier(`Fonction d'assistance inconnue « ${String(fonction)} » (attendues : justification, objectifs, narratif, pieces).`, 404)
    }
    if (!configIa()) return reponseIaNonConfiguree()
    const corps = await lireCorpsJson(req, { facultatif: true })
    refuserChampsInconnus(corps, fonction === 'justification' ? ['texte'] : [])
    const { texte } = corps
    if (texte !== undefined && (typeof texte !== 'string' || texte.length > TEXTE_MAX)) {
      throw new ErreurMetier(`Le champ « texte » doit être une chaîne de ${TEXTE_MAX} caractères au plus.`, 400)
    }
    const dossier = await dossierDeLaRoute(req)

    if (fonction === 'justification') {
      const rep = await ameliorerJustification(req, dossier, typeof texte === 'string' ? texte : undefined)
      return json({ fonction, suggestion: rep.suggestion, modele: rep.modele, usage: rep.usage, avertissement: AVERTISSEMENT_SUGGESTION })
    }
    if (fonction === 'objectifs') {
      const rep = await proposerObjectifs(req, dossier)
      return json({ fonction, suggestion: rep.suggestion, modele: rep.modele, usage: rep.usage, avertissement: AVERTISSEMENT_SUGGESTION })
    }
    if (fonction === 'pieces') {
      const rep = await suggererValeursPieces(req, dossier)
      return json({ fonction, suggestions: rep.suggestions, modele: rep.modele, avertissement: 'Suggestions IA à vérifier sur la pièce : rien n’a été modifié dans le dossier.' })
    }
    const rep = await syntheseConformite(req, dossier)
    return json({ fonction, suggestion: rep.suggestion, conformite: rep.conformite, modele: rep.modele, usage: rep.usage, avertissement: 'Synthèse indicative : la décision reste humaine.' })
  },
})
