/**
 * Lecture de la réponse de l'API publique « Recherche d'entreprises » de l'État
 * (https://recherche-entreprises.api.gouv.fr, `GET /search?q=<siret>`), en fonction pure.
 *
 * La réponse vient d'un tiers : chaque valeur est vérifiée (type, forme, longueur) avant de
 * devenir une valeur de formulaire ou une donnée enregistrée. Ce qui n'a pas la forme attendue est
 * écarté ; une réponse qui ne décrit pas l'établissement demandé donne `null` (saisie manuelle).
 * Les textes gardés sont bornés aux longueurs des champs de `companies` : une valeur plus longue
 * serait refusée à l'enregistrement, elle est coupée ici.
 */
import { normaliserIdcc } from './idcc'
import { estSiretValide } from './siret'

export type EtatAdministratif = 'actif' | 'ferme'

export interface FicheEntreprise {
  siret: string
  siren: string
  raisonSociale: string
  adresse: { rue: string | null; codePostal: string | null; ville: string | null }
  /** Forme 62.02A, ou null si l'API donne autre chose. */
  codeNaf: string | null
  /** Code INSEE de la tranche d'effectif salarié de l'établissement (`12` = 20 à 49 salariés). */
  trancheEffectif: string | null
  etatAdministratif: EtatAdministratif
  /** IDCC sur 4 chiffres, sans doublon, dans l'ordre de l'API. */
  idcc: string[]
}

/** Nomenclature INSEE des tranches d'effectif salarié. */
export const TRANCHES_EFFECTIF: Readonly<Record<string, string>> = {
  NN: 'non employeur',
  '00': '0 salarié',
  '01': '1 ou 2 salariés',
  '02': '3 à 5 salariés',
  '03': '6 à 9 salariés',
  '11': '10 à 19 salariés',
  '12': '20 à 49 salariés',
  '21': '50 à 99 salariés',
  '22': '100 à 199 salariés',
  '31': '200 à 249 salariés',
  '32': '250 à 499 salariés',
  '41': '500 à 999 salariés',
  '42': '1 000 à 1 999 salariés',
  '51': '2 000 à 4 999 salariés',
  '52': '5 000 à 9 999 salariés',
  '53': '10 000 salariés et plus',
}

export const libelleTrancheEffectif = (code: unknown): string | null =>
  typeof code === 'string' && Object.hasOwn(TRANCHES_EFFECTIF, code) ? TRANCHES_EFFECTIF[code]! : null

export const LIBELLES_ETAT_ADMINISTRATIF: Readonly<Record<EtatAdministratif, string>> = {
  actif: 'Établissement actif',
  ferme: 'Établissement fermé',
}

/** Longueurs maximales : celles des champs de la collection `companies`. */
export const LONGUEURS = { raisonSociale: 200, rue: 200, ville: 100 } as const
/** Au-delà, la liste d'IDCC n'est plus plausible pour un établissement : le reste est ignoré. */
export const IDCC_MAX = 10
/** Résultats examinés au plus : la recherche par SIRET n'en rend qu'un quand tout va bien. */
const RESULTATS_MAX = 25
const ETABLISSEMENTS_MAX = 100

type Objet = Record<string, unknown>
const estObjet = (v: unknown): v is Objet => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Une chaîne affichable : caractères de contrôle et de mise en forme bidirectionnelle retirés,
 * espaces resserrés, coupée à `max` caractères (sans couper une paire de substitution). Ce n'est
 * pas de l'échappement HTML : l'affichage échappe toujours, ici on borne et on nettoie.
 */
export function texteBorne(v: unknown, max: number): string | null {
  if (typeof v !== 'string') return null
  // Une chaîne énorme n'est lue que jusqu'à une longueur utile : le reste serait jeté de toute façon.
  const debut = v.length > max * 4 ? v.slice(0, max * 4) : v
  const propre = debut
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (propre === '') return null
  const points = Array.from(propre)
  return points.length <= max ? propre : points.slice(0, max).join('').trimEnd()
}

const CODE_NAF = /^(\d{2})\.?(\d{2}[A-Z])$/
function codeNaf(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > 10) return null
  const m = CODE_NAF.exec(v.trim().toUpperCase())
  return m ? `${m[1]}.${m[2]}` : null
}

const codePostal = (v: unknown): string | null => (typeof v === 'string' && /^\d{5}$/.test(v.trim()) ? v.trim() : null)

function etat(v: unknown): EtatAdministratif | null {
  if (v === 'A') return 'actif'
  // F : établissement fermé ; C : unité légale cessée (tous ses établissements le sont).
  if (v === 'F' || v === 'C') return 'ferme'
  return null
}

function listeIdcc(...sources: unknown[]): string[] {
  const vus: string[] = []
  for (const source of sources) {
    if (!Array.isArray(source)) continue
    for (const brut of source.slice(0, 50)) {
      // L'API publie des chaînes ; un nombre ou un objet n'est pas un IDCC qu'on puisse croire.
      if (typeof brut !== 'string') continue
      const idcc = normaliserIdcc(brut)
      // 9999 : « sans convention collective » dans les données de la DARES, ce n'est pas un IDCC.
      if (idcc !== null && idcc !== '9999' && !vus.includes(idcc)) vus.push(idcc)
      if (vus.length >= IDCC_MAX) return vus
    }
  }
  return vus
}

/**
 * La voie de l'établissement : `numero_voie` `type_voie` `libelle_voie` quand l'API les donne
 * (le siège), sinon l'adresse complète moins son code postal et sa commune.
 */
function rue(e: Objet, cp: string | null, ville: string | null): string | null {
  const morceaux = [e.numero_voie, e.indice_repetition, e.type_voie, e.libelle_voie]
    .map((m) => texteBorne(m, LONGUEURS.rue))
    .filter((m): m is string => m !== null)
  if (typeof e.libelle_voie === 'string' && morceaux.length > 0) return texteBorne(morceaux.join(' '), LONGUEURS.rue)
  let adresse = texteBorne(e.adresse, LONGUEURS.rue * 2)
  if (adresse === null) return null
  if (cp !== null) {
    const i = adresse.lastIndexOf(cp)
    if (i > 0) adresse = adresse.slice(0, i)
  } else if (ville !== null && adresse.toUpperCase().endsWith(ville.toUpperCase())) {
    adresse = adresse.slice(0, adresse.length - ville.length)
  }
  return texteBorne(adresse, LONGUEURS.rue)
}

/**
 * La fiche de l'établissement `siret` dans une réponse de `GET /search`, ou null si la réponse
 * n'a pas la forme attendue, ne contient pas cet établissement, ou ne dit pas s'il est actif.
 */
export function lireReponseRechercheEntreprises(reponse: unknown, siret: string): FicheEntreprise | null {
  if (!estSiretValide(siret) || !estObjet(reponse) || !Array.isArray(reponse.results)) return null
  const siren = siret.slice(0, 9)
  const unite = reponse.results.slice(0, RESULTATS_MAX).find((r): r is Objet => estObjet(r) && r.siren === siren)
  if (!unite) return null
  const candidats: unknown[] = [
    ...(Array.isArray(unite.matching_etablissements) ? unite.matching_etablissements.slice(0, ETABLISSEMENTS_MAX) : []),
    unite.siege,
  ]
  const etablissement = candidats.find((e): e is Objet => estObjet(e) && e.siret === siret)
  if (!etablissement) return null

  const raisonSociale = texteBorne(unite.nom_raison_sociale, LONGUEURS.raisonSociale) ?? texteBorne(unite.nom_complet, LONGUEURS.raisonSociale)
  // L'unité légale cessée l'emporte sur un établissement resté noté actif.
  const etatEtablissement = etat(etablissement.etat_administratif)
  const etatAdministratif = etat(unite.etat_administratif) === 'ferme' ? 'ferme' : etatEtablissement
  if (raisonSociale === null || etatAdministratif === null) return null

  const cp = codePostal(etablissement.code_postal)
  const ville = texteBorne(etablissement.libelle_commune, LONGUEURS.ville)
  const complements = estObjet(unite.complements) ? unite.complements : {}
  const tranche = etablissement.tranche_effectif_salarie
  return {
    siret,
    siren,
    raisonSociale,
    adresse: { rue: rue(etablissement, cp, ville), codePostal: cp, ville },
    codeNaf: codeNaf(etablissement.activite_principale) ?? codeNaf(unite.activite_principale),
    trancheEffectif: libelleTrancheEffectif(tranche) !== null ? (tranche as string) : null,
    etatAdministratif,
    // Les IDCC de l'établissement d'abord ; ceux de l'entreprise entière seulement à défaut.
    idcc: listeIdcc(etablissement.liste_idcc).length > 0 ? listeIdcc(etablissement.liste_idcc) : listeIdcc(complements.liste_idcc),
  }
}
