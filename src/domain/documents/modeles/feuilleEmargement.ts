/** Modèle de vue : la feuille d'émargement électronique (une ligne par demi-journée, issue 17). */
import type { ConfigurationDocuments } from '@/src/domain/documents/configuration'
import { heures, NON_RENSEIGNE, texte } from '@/src/domain/documents/format'
import type { EntreesDocument, LigneEmargement, SeanceEntree, SignatureImprimee, VueFeuilleEmargement } from '@/src/domain/documents/types'
import { jourDeDateStockee, jourFr } from '@/src/domain/echeances'
import { formaterDateHeureParis } from '@/src/domain/messagesNonLus'
import { DEMI_JOURNEES, heuresDesSeances, STATUTS_SEANCE, type StatutSeance } from '@/src/domain/seances'
import { champ, dateEdition, estBilan, nomBeneficiaire, operateur, partieEntreprise, partieOrganisme, periode } from './commun'

/** Seules ces images s'impriment (le moteur de rendu ne charge rien d'autre que des data: d'images). */
const IMAGE_IMPRIMABLE = /^data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/

const libelle = (liste: readonly { value: string; label: string }[], v: unknown): string => liste.find((x) => x.value === v)?.label ?? texte(v)

const ORDRE_DEMI_JOURNEE: Record<string, number> = { matin: 0, 'apres-midi': 1 }

/** `jj/mm/aaaa à HH:MM`, heure de Paris. */
function horodatage(iso: unknown): string {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return NON_RENSEIGNE
  return formaterDateHeureParis(iso).replace(' ', ' à ')
}

function signature(s: SeanceEntree, role: 'stagiaire' | 'formateur'): SignatureImprimee | null {
  const sig = (s.signatures ?? []).find((x) => x?.role === role)
  if (!sig) return null
  const image = typeof sig.image === 'string' && IMAGE_IMPRIMABLE.test(sig.image) ? sig.image : null
  return {
    role: role === 'stagiaire' ? 'Stagiaire' : 'Formateur',
    nom: texte(sig.nom),
    signeLe: horodatage(sig.signeLe),
    image,
    mention: image ? `Signé électroniquement le ${horodatage(sig.signeLe)}` : `Nom tapé, signé électroniquement le ${horodatage(sig.signeLe)}`,
  }
}

function presence(s: SeanceEntree): string {
  const statut = s.statut as StatutSeance
  if (statut === 'annulee') return 'Séance annulée'
  if (statut === 'absence') return 'Absent (déclaré par le formateur)'
  if (typeof s.minutesDeclarees === 'number' && typeof s.dureeMinutes === 'number' && s.minutesDeclarees < s.dureeMinutes) {
    return `Présent ${s.minutesDeclarees} min sur ${s.dureeMinutes} (déclaré par le formateur)`
  }
  return statut === 'signee' ? 'Présent' : 'Non signée'
}

export function feuilleEmargement(e: EntreesDocument, config: ConfigurationDocuments): VueFeuilleEmargement {
  const d = e.dossier
  const seances = [...(e.seances ?? [])].sort((a, b) => {
    const ja = jourDeDateStockee(a.date) ?? ''
    const jb = jourDeDateStockee(b.date) ?? ''
    return ja === jb ? (ORDRE_DEMI_JOURNEE[String(a.demiJournee)] ?? 2) - (ORDRE_DEMI_JOURNEE[String(b.demiJournee)] ?? 2) : ja < jb ? -1 : 1
  })
  const formateur = [texte(d.formation?.formateur?.prenom, ''), texte(d.formation?.formateur?.nom, '')].filter(Boolean).join(' ') || NON_RENSEIGNE
  const lignes: LigneEmargement[] = seances.map((s) => {
    const jour = jourDeDateStockee(s.date)
    return {
      date: jour ? jourFr(jour) : NON_RENSEIGNE,
      demiJournee: libelle(DEMI_JOURNEES, s.demiJournee),
      horaires: `${texte(s.heureDebut)} – ${texte(s.heureFin)}`,
      duree: typeof s.dureeMinutes === 'number' ? `${s.dureeMinutes} min` : NON_RENSEIGNE,
      statut: libelle(STATUTS_SEANCE, s.statut),
      presence: presence(s),
      stagiaire: signature(s, 'stagiaire'),
      formateur: signature(s, 'formateur'),
    }
  })
  const h = heuresDesSeances(
    seances.map((s) => ({ statut: (s.statut ?? 'a_signer') as StatutSeance, dureeMinutes: Number(s.dureeMinutes ?? 0), minutesDeclarees: s.minutesDeclarees ?? null })),
  )
  const preuves = seances.flatMap((s) => {
    const jour = jourDeDateStockee(s.date)
    return (s.signatures ?? [])
      .filter((x) => typeof x?.empreinte === 'string' && /^[0-9a-f]{64}$/.test(x.empreinte))
      .map((x) => ({
        libelle: `${jour ? jourFr(jour) : NON_RENSEIGNE} ${libelle(DEMI_JOURNEES, s.demiJournee).toLowerCase()} — ${x.role === 'formateur' ? 'formateur' : 'stagiaire'} ${texte(x.nom)}`,
        empreinte: x.empreinte as string,
      }))
  })
  return {
    type: 'feuille_emargement',
    titre: 'Feuille d’émargement',
    baseLegale: 'Émargement par demi-journée, signé électroniquement par le stagiaire et le formateur (preuve de réalisation de l’action).',
    reference: texte(d.reference),
    dateEdition: dateEdition(e),
    operateur: operateur(config),
    organisme: partieOrganisme(e.organisme, config, estBilan(d)),
    entreprise: partieEntreprise(e.entreprise),
    references: [
      champ('Formation', texte(d.formation?.titre)),
      champ('Période', periode(d)),
      champ('Durée prévue', heures(d.formation?.dureeHeures)),
      champ('Lieu', texte(d.formation?.lieu)),
    ],
    stagiaire: nomBeneficiaire(d),
    formateur,
    lignes,
    totaux: [
      champ('Heures prévues', heures(h.heuresPrevues)),
      champ('Heures signées', heures(h.heuresSignees)),
      champ('Demi-journées non signées', String(h.nonSignees)),
    ],
    preuves,
    mentionPreuve:
      'Chaque signature est enregistrée avec sa date, l’adresse IP et le navigateur du signataire. Empreinte = SHA-256 de l’enregistrement signé (séance, rôle, nom, date, empreinte de l’image, déclaration).',
  }
}
