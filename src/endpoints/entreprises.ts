import { roleOf } from '@/src/access/roles'
import { env } from '@/src/config/env'
import { ErreurMetier } from '@/src/domain/erreurs'
import { LIBELLES_ETAT_ADMINISTRATIF, libelleTrancheEffectif } from '@/src/domain/rechercheEntreprises'
import { normaliserSiret, validerSiret } from '@/src/domain/siret'
import { LimiteurDebit, poolLimiteur } from '@/src/security/rateLimit'
import { consulterEntreprise, opcoSuggereDesIdcc } from '@/src/services/rechercheEntreprises'
import { endpoint } from './endpoint'
import { erreur, json } from './http'

/**
 * GET /api/entreprises/siret/:siret — the establishment of a SIRET from the State's « Recherche
 * d'entreprises » API, to fill the company form (portal wizard, admin). Admins and beneficiaries
 * (who create and edit companies); 400 on an invalid SIRET; 404 or 503 with `saisieManuelle: true`
 * when the API finds nothing or fails, so the form says « saisissez à la main » instead of waiting.
 * Limited per account (ENTREPRISES_API_RATE_LIMIT a minute): the public API's quota is shared by
 * every user of this server's IP.
 */

const CLE_LIMITEUR = Symbol.for('monopco.limiteurSiret')
function limiteur(): LimiteurDebit {
  const g = globalThis as unknown as Record<symbol, LimiteurDebit | undefined>
  const e = env()
  return (g[CLE_LIMITEUR] ??= new LimiteurDebit({
    max: e.entreprises.limiteParMinute,
    fenetreSecondes: 60,
    prefixe: 'siret',
    pool: e.databaseKind === 'postgres' ? poolLimiteur(e.databaseUrl) : undefined,
  }))
}

export const MESSAGE_INTROUVABLE =
  'Aucun établissement actif ou fermé n’est publié sous ce SIRET dans le registre des entreprises : vérifiez-le, ou saisissez l’entreprise à la main.'
export const MESSAGE_INDISPONIBLE =
  'Le registre des entreprises ne répond pas pour le moment : saisissez l’entreprise à la main, vous pourrez réessayer plus tard.'

export const endpointEntrepriseParSiret = endpoint({
  path: '/entreprises/siret/:siret',
  method: 'get',
  handler: async ({ req, user }) => {
    const role = roleOf(user)
    if (role !== 'admin' && role !== 'user') throw new ErreurMetier('La recherche d’entreprise par SIRET sert à remplir la fiche d’une entreprise : elle est réservée aux bénéficiaires et à l’équipe MonOPCO.', 403)
    const brut = req.routeParams?.siret
    if (typeof brut !== 'string' || brut.length > 40) throw new ErreurMetier('Le SIRET doit comporter 14 chiffres.', 400)
    const siret = normaliserSiret(brut)
    const verdict = validerSiret(siret)
    if (verdict !== true) throw new ErreurMetier(verdict, 400)

    const limite = await limiteur().consommer(`compte:${user.id}`)
    if (!limite.autorise) {
      return json(
        { errors: [{ message: `Trop de recherches par SIRET. Réessayez dans ${limite.retryAfterSeconds} secondes, ou saisissez l’entreprise à la main.`, saisieManuelle: true }] },
        429,
        { 'Retry-After': String(limite.retryAfterSeconds) },
      )
    }

    const r = await consulterEntreprise(siret, { journal: (m) => req.payload.logger.warn(m) })
    if (r.statut === 'indisponible') return erreur(503, MESSAGE_INDISPONIBLE, { saisieManuelle: true })
    if (r.statut === 'introuvable') return erreur(404, MESSAGE_INTROUVABLE, { saisieManuelle: true })
    const f = r.fiche
    return json({
      siret: f.siret,
      siren: f.siren,
      raisonSociale: f.raisonSociale,
      adresse: f.adresse,
      codeNaf: f.codeNaf,
      trancheEffectif: f.trancheEffectif === null ? null : { code: f.trancheEffectif, libelle: libelleTrancheEffectif(f.trancheEffectif) },
      etatAdministratif: f.etatAdministratif,
      etatAdministratifLibelle: LIBELLES_ETAT_ADMINISTRATIF[f.etatAdministratif],
      idcc: f.idcc,
      opcoSuggere: await opcoSuggereDesIdcc(req, f.idcc),
      consulteLe: r.consulteLe,
      source: 'Recherche d’entreprises (recherche-entreprises.api.gouv.fr)',
    })
  },
})
