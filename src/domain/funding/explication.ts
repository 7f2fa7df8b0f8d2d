/**
 * Ce que les écrans disent de l'estimation : une seule fonction part de ce qui est enregistré
 * sur le dossier (`montantEstime`, `estimationFinancement`) et produit une phrase principale et
 * des réserves qui ne peuvent pas se contredire — « il manque … » exclut toute phrase sur les
 * règles, « aucune règle » n'apparaît que si rien ne manque. Le portail (enregistré ou pendant
 * la saisie) et l'admin affichent ce résultat, sans recomposer de texte.
 */
import { formaterEuros } from '@/src/domain/money'
import { montantDemande } from './demande'

export type EtatEstimation = 'non_calculee' | 'incomplete' | 'sans_regle' | 'estimee' | 'figee'

export interface SourceExplication {
  montantEstime?: number | null
  coutTotalHT?: number | null
  /** Le JSON `estimationFinancement` du dossier (ou de POST /api/dossiers/:id/estimation). */
  estimationFinancement?: unknown
}

export interface ExplicationEstimation {
  etat: EtatEstimation
  phrase: string
  /** La même phrase en morceaux, les montants repérés (pour les mettre en valeur à l'écran). */
  morceaux: { texte: string; montant?: 'estime' | 'reste' | 'demande' }[]
  /** Centimes, quand une estimation existe. */
  montantEstime: number | null
  /** Centimes. */
  resteACharge: number | null
  /** Centimes : le chiffre que la demande de prise en charge, les e-mails et les écrans portent. */
  montantDemande: number | null
  /** Hypothèses et réserves (repli sur une année antérieure, règle d'exemple, effectif…). */
  avertissements: string[]
}

const lignes = (v: unknown): string[] => (Array.isArray(v) ? v.filter((l): l is string => typeof l === 'string' && l.trim() !== '') : [])
const centimes = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null)

/** La phrase « aucune règle » de src/domain/funding, remplacée ici par la phrase principale. */
const AUCUNE_REGLE = /^Aucune règle de l'OPCO ne couvre|^Aucune règle applicable/

type Morceau = ExplicationEstimation['morceaux'][number]
const avec = (morceaux: Morceau[]) => ({ morceaux, phrase: morceaux.map((m) => m.texte).join('') })

export function expliquerEstimation(s: SourceExplication): ExplicationEstimation {
  const e = (s.estimationFinancement && typeof s.estimationFinancement === 'object' ? s.estimationFinancement : null) as Record<string, unknown> | null
  const montant = centimes(s.montantEstime)
  const cout = centimes(s.coutTotalHT)
  const demande = montantDemande({ montantEstime: montant, coutTotalHT: cout })
  const manquants = lignes(e?.manquants)
  const avertissements = [...new Set(lignes(e?.avertissements))]
  const base = { montantEstime: null, resteACharge: null, montantDemande: demande }

  // Dossier envoyé : le montant demandé ne bouge plus, même si les données ont changé depuis.
  if (montant !== null && montant > 0 && (manquants.length > 0 || e?.plafondDeterminant === 'aucune_regle' || e === null)) {
    return {
      ...base,
      etat: 'figee',
      montantEstime: montant,
      resteACharge: cout !== null ? Math.max(0, cout - montant) : null,
      ...avec([{ texte: 'Montant demandé à l’OPCO, figé à l’envoi du dossier : ' }, { texte: formaterEuros(montant), montant: 'demande' }, { texte: '.' }]),
      avertissements: [],
    }
  }
  if (e === null) {
    return { ...base, etat: 'non_calculee', ...avec([{ texte: 'Estimation pas encore calculée : elle l’est à chaque enregistrement du dossier.' }]), avertissements: [] }
  }
  if (manquants.length > 0) {
    return { ...base, etat: 'incomplete', ...avec([{ texte: `Pour estimer la prise en charge, il manque : ${manquants.join(', ')}.` }]), avertissements: [] }
  }
  if (montant === null) {
    const suite: Morceau[] =
      demande !== null
        ? [{ texte: ' Le montant demandé est le coût total HT, ' }, { texte: formaterEuros(demande), montant: 'demande' }, { texte: ' ; l’OPCO fixera sa prise en charge.' }]
        : []
    return {
      ...base,
      etat: 'sans_regle',
      ...avec([{ texte: 'Aucune règle de financement de l’OPCO ne couvre cette demande (année, type, effectif) : pas d’estimation.' }, ...suite]),
      avertissements: avertissements.filter((a) => !AUCUNE_REGLE.test(a)),
    }
  }
  const reste = centimes(e.resteACharge) ?? (cout !== null ? Math.max(0, cout - montant) : null)
  return {
    ...base,
    etat: 'estimee',
    montantEstime: montant,
    resteACharge: reste,
    ...avec([
      { texte: 'Prise en charge estimée par l’OPCO : ' },
      { texte: formaterEuros(montant), montant: 'estime' },
      ...(reste !== null ? [{ texte: ' ; reste à charge de l’entreprise : ' }, { texte: formaterEuros(reste), montant: 'reste' as const }] : []),
      { texte: '.' },
    ]),
    avertissements,
  }
}
