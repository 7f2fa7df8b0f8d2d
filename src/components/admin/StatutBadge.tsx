import { LIBELLES_STATUT, type StatutDossier } from '@/src/domain/statuts'

type Teinte = { fond: string; texte: string; bord: string }

const GRIS: Teinte = { fond: '#f1f3f5', texte: '#3d4650', bord: '#d0d6dc' }
const BLEU: Teinte = { fond: '#e7f0ff', texte: '#1a4fb4', bord: '#b9cff7' }
const ORANGE: Teinte = { fond: '#fff3e0', texte: '#9a4a00', bord: '#f5cf99' }
const VERT: Teinte = { fond: '#e6f6ec', texte: '#1b6b3a', bord: '#acdcbd' }
const ROUGE: Teinte = { fond: '#fdecec', texte: '#a32020', bord: '#f2b8b8' }
const VIOLET: Teinte = { fond: '#f1ebff', texte: '#5b32b4', bord: '#d2c2f5' }
const SARCELLE: Teinte = { fond: '#e3f6f5', texte: '#116b66', bord: '#a8dcd8' }

const TEINTES: Record<StatutDossier, Teinte> = {
  brouillon: GRIS,
  soumis: BLEU,
  en_revue: BLEU,
  valide: SARCELLE,
  envoye_opco: ORANGE,
  pieces_demandees: ORANGE,
  accepte: VERT,
  accepte_partiel: VERT,
  refuse: ROUGE,
  en_formation: VIOLET,
  realise: VIOLET,
  facture: SARCELLE,
  paye: VERT,
  cloture: GRIS,
  annule: ROUGE,
}

/** The dossier status as a coloured badge with its French label. */
export function StatutBadge({ statut }: { statut: unknown }) {
  const connu = typeof statut === 'string' && statut in LIBELLES_STATUT
  const t = connu ? TEINTES[statut as StatutDossier] : GRIS
  return (
    <span
      className="statut-badge"
      data-statut={typeof statut === 'string' ? statut : ''}
      style={{
        display: 'inline-block',
        padding: '2px 10px',
        borderRadius: 999,
        border: `1px solid ${t.bord}`,
        background: t.fond,
        color: t.texte,
        fontSize: 13,
        fontWeight: 600,
        lineHeight: '20px',
        whiteSpace: 'nowrap',
      }}
    >
      {connu ? LIBELLES_STATUT[statut as StatutDossier] : statut == null || statut === '' ? '—' : String(statut)}
    </span>
  )
}

/** List cell of `status`. */
export function StatutCell({ cellData }: { cellData?: unknown }) {
  return <StatutBadge statut={cellData} />
}
