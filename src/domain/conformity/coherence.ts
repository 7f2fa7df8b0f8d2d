/**
 * Conformity findings from the uploaded pieces' text (issue 19 item 3): the latest devis,
 * programme, convention and attendance sheet are compared with the dossier
 * (src/domain/coherenceDocuments.ts); a piece that could not be read says so. Pure.
 */
import {
  comparerAuDossier,
  LIBELLES_PIECE_LUE,
  lireValeurs,
  PIECE_DU_TYPE,
  type Ecart,
  type PieceLue,
  type ValeursDossier,
  type ValeursLues,
} from '@/src/domain/coherenceDocuments'
import { formaterEuros } from '@/src/domain/money'
import type { Constat, EntreeConformite, PieceLueConformite } from './types'

const dateTexte = (v: unknown): string | null => (v instanceof Date ? (Number.isNaN(v.getTime()) ? null : v.toISOString()) : typeof v === 'string' ? v : null)

/** The dossier's values the pieces are compared with. */
export function valeursDuDossier(e: Pick<EntreeConformite, 'dossier' | 'entreprise' | 'organisme'>): ValeursDossier {
  const d = e.dossier
  const f = d.formation ?? {}
  return {
    siretEntreprise: e.entreprise?.siret ?? null,
    siretOrganisme: e.organisme?.siret ?? null,
    ndaOrganisme: e.organisme?.nda ?? null,
    coutTotalHTCentimes: typeof d.coutTotalHT === 'number' ? d.coutTotalHT : null,
    dureeHeures: typeof f.dureeHeures === 'number' ? f.dureeHeures : null,
    dateDebut: dateTexte(f.dateDebut),
    dateFin: dateTexte(f.dateFin),
    titre: f.titre ?? null,
    stagiaire: d.beneficiaire ? { nom: d.beneficiaire.nom ?? null, prenom: d.beneficiaire.prenom ?? null } : null,
  }
}

const comparerIds = (a: number | string, b: number | string): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'fr', { numeric: true })

/** The latest piece of each kind that was read (a new version replaces the previous one). */
export function dernieresPieces(pieces: readonly PieceLueConformite[]): { piece: PieceLue; doc: PieceLueConformite }[] {
  const parPiece = new Map<PieceLue, PieceLueConformite>()
  for (const doc of pieces) {
    const piece = PIECE_DU_TYPE[doc.documentType ?? '']
    if (!piece || !doc.lecture) continue
    const avant = parPiece.get(piece)
    // Same instant: the larger id was written last (ids compared as numbers when they are).
    const plusRecent = !avant || String(doc.createdAt ?? '') > String(avant.createdAt ?? '') || (String(doc.createdAt ?? '') === String(avant.createdAt ?? '') && comparerIds(doc.id, avant.id) > 0)
    if (plusRecent) parPiece.set(piece, doc)
  }
  return [...parPiece.entries()].map(([piece, doc]) => ({ piece, doc }))
}

/** An écart as a conformity finding: the field, both values, the piece. */
export function constatEcart(ecart: Ecart, doc: Pick<PieceLueConformite, 'id' | 'documentType' | 'filename'>, suggestionIa = false): Constat {
  return {
    regle: 'coherence-pieces',
    severite: 'avertissement',
    message: `${suggestionIa ? 'Suggestion IA — ' : ''}${ecart.message}. Corrigez le dossier ou demandez une pièce à jour à l'organisme.`,
    champs: [ecart.champ, `documents.${doc.documentType ?? ecart.piece}`],
    valeurs: { document: ecart.trouve, dossier: ecart.attendu },
    piece: { id: doc.id, type: doc.documentType ?? ecart.piece, fichier: doc.filename ?? null },
    ...(suggestionIa ? { suggestionIa: true } : {}),
  }
}

/** A piece whose totals contradict each other (TTC under HT): wrong whatever the dossier says. */
export function ecartsInternes(piece: PieceLue, lues: Pick<ValeursLues, 'montantHTCentimes' | 'montantTTCCentimes'>): Ecart[] {
  const { montantHTCentimes: ht, montantTTCCentimes: ttc } = lues
  if (ht === null || ttc === null || ttc >= ht) return []
  const nom = LIBELLES_PIECE_LUE[piece]
  return [
    {
      piece,
      champ: 'coutTotalHT',
      trouve: `${formaterEuros(ttc)} TTC`,
      attendu: `${formaterEuros(ht)} HT`,
      message: `${nom} : total TTC ${formaterEuros(ttc)} inférieur au total HT ${formaterEuros(ht)}`,
    },
  ]
}

/** The findings of the pieces read: differences with the dossier, unreadable pieces. */
export function coherencePieces(e: Pick<EntreeConformite, 'dossier' | 'entreprise' | 'organisme' | 'piecesLues'>): Constat[] {
  const valeurs = valeursDuDossier(e)
  const constats: Constat[] = []
  for (const { piece, doc } of dernieresPieces(e.piecesLues ?? [])) {
    const l = doc.lecture!
    const nom = LIBELLES_PIECE_LUE[piece]
    const fichier = doc.filename ? ` (${doc.filename})` : ''
    const ref = { id: doc.id, type: doc.documentType ?? piece, fichier: doc.filename ?? null }
    if (l.etat === 'illisible') {
      constats.push({
        regle: 'piece-illisible',
        severite: 'avertissement',
        message: `${nom}${fichier} : texte illisible (${l.raison ?? 'fichier impossible à lire'}) — MonOPCO n'a pas pu le comparer au dossier et l'OPCO risque de ne pas pouvoir l'ouvrir. Déposez un PDF lisible, non protégé.`,
        champs: [`documents.${doc.documentType ?? piece}`],
        piece: ref,
      })
      continue
    }
    if (l.etat === 'sans_texte' || typeof l.texte !== 'string') {
      constats.push({
        regle: 'piece-illisible',
        severite: 'info',
        message: `${nom}${fichier} : texte illisible (document scanné ou image, sans texte) — comparez-le vous-même au dossier (montants, durée, dates, SIRET).`,
        champs: [`documents.${doc.documentType ?? piece}`],
        piece: ref,
      })
      continue
    }
    const lues = lireValeurs(l.texte)
    for (const ecart of [...comparerAuDossier(piece, lues, valeurs), ...ecartsInternes(piece, lues)]) constats.push(constatEcart(ecart, doc))
  }
  return constats
}
