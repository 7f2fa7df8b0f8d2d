import { describe, expect, it } from '@jest/globals'
import {
  evaluerTransition,
  type ActionDossier,
  type Acteur,
  type DossierWorkflow,
  type EvenementDossier,
  type ParametresTransition,
  type ProfilActeur,
  type ResultatTransition,
  type TransitionAcceptee,
} from '@/src/domain/workflow'
import type { StatutDossier } from '@/src/domain/statuts'
import { ACTEURS, dossier, MAINTENANT, PARAMETRES_VALIDES } from './fixtures'

const ISO = MAINTENANT.toISOString()

function accepte(r: ResultatTransition): TransitionAcceptee {
  if (!r.ok) throw new Error(`refus inattendu ${r.code} : ${r.message}`)
  return r
}

// La table de docs/architecture.md, réécrite à la main : statut de départ, action, acteurs autorisés, statut d'arrivée.
const CAS: [StatutDossier, ActionDossier, ProfilActeur[], ParametresTransition, StatutDossier][] = [
  ['brouillon', 'submit', ['proprietaire', 'admin'], {}, 'soumis'],
  ['soumis', 'review', ['admin'], {}, 'en_revue'],
  ['en_revue', 'validate', ['admin'], {}, 'valide'],
  ['valide', 'send', ['admin'], {}, 'envoye_opco'],
  ['envoye_opco', 'answer', ['opco_du_dossier', 'admin'], PARAMETRES_VALIDES.answer, 'accepte'],
  ['envoye_opco', 'answer', ['opco_du_dossier', 'admin'], { decision: 'accepte_partiel', numeroDossierOpco: 'N1', montantValide: 100_000 }, 'accepte_partiel'],
  ['envoye_opco', 'answer', ['opco_du_dossier', 'admin'], { decision: 'refuse', motif: 'fonds_epuises', commentaire: 'Enveloppe 2026 consommée' }, 'refuse'],
  ['envoye_opco', 'answer', ['opco_du_dossier', 'admin'], { decision: 'pieces_demandees', pieces: ['Devis signé'] }, 'pieces_demandees'],
  ['pieces_demandees', 'complete-documents', ['proprietaire', 'admin'], {}, 'envoye_opco'],
  ['accepte', 'start', ['admin'], {}, 'en_formation'],
  ['accepte_partiel', 'start', ['admin'], {}, 'en_formation'],
  ['en_formation', 'complete', ['admin'], { heuresRealisees: 21 }, 'realise'],
  ['realise', 'invoice', ['admin'], {}, 'facture'],
  ['facture', 'paiement-complet', ['systeme'], {}, 'paye'],
  ['paye', 'close', ['admin'], {}, 'cloture'],
  ...(['brouillon', 'soumis'] as const).map(
    (s): [StatutDossier, ActionDossier, ProfilActeur[], ParametresTransition, StatutDossier] => [s, 'cancel', ['admin', 'proprietaire'], {}, 'annule'],
  ),
  ...(['en_revue', 'valide', 'envoye_opco', 'pieces_demandees', 'accepte', 'accepte_partiel', 'en_formation'] as const).map(
    (s): [StatutDossier, ActionDossier, ProfilActeur[], ParametresTransition, StatutDossier] => [s, 'cancel', ['admin'], {}, 'annule'],
  ),
]

describe('chaque transition de la table, avec chaque acteur autorisé', () => {
  const lignes = CAS.flatMap(([depuis, action, profils, params, vers]) => profils.map((p) => [depuis, action, p, params, vers] as const))
  it.each(lignes)('%s —%s (%s)→ …', (depuis, action, profil, params, vers) => {
    const r = accepte(evaluerTransition(dossier(depuis), ACTEURS[profil], action, params, MAINTENANT))
    expect(r.statutPrecedent).toBe(depuis)
    expect(r.statutCible).toBe(vers)
    expect(r.action).toBe(action)
    expect(r.evenement.type).toBe(`dossier.${action}`)
    expect(r.evenement.statutPrecedent).toBe(depuis)
    expect(r.evenement.statutCible).toBe(vers)
    expect(r.evenement.dossier).toBe(42)
    expect(r.evenement.date).toBe(ISO)
    expect(r.evenement.acteur).toEqual({ role: ACTEURS[profil].role, id: ACTEURS[profil].id })
  })
})

describe('champs horodatés et attribués', () => {
  it('validate : date et auteur de la validation', () => {
    const r = accepte(evaluerTransition(dossier('en_revue'), ACTEURS.admin, 'validate', {}, MAINTENANT))
    expect(r.champs).toEqual({ validationAdminDate: ISO, validationAdminBy: 1 })
  })

  it("send : date d'envoi à l'OPCO", () => {
    const r = accepte(evaluerTransition(dossier('valide'), ACTEURS.admin, 'send', {}, MAINTENANT))
    expect(r.champs).toEqual({ envoiOpcoDate: ISO })
  })

  it('answer accepte : date de réponse, numéro OPCO (sans espaces autour) et montant validé', () => {
    const r = accepte(
      evaluerTransition(dossier('envoye_opco'), ACTEURS.opco_du_dossier, 'answer', { decision: 'accepte', numeroDossierOpco: '  AT-99  ', montantValide: 150_000 }, MAINTENANT),
    )
    expect(r.champs).toEqual({ reponseOpcoDate: ISO, numeroDossierOpco: 'AT-99', montantValide: 150_000 })
    expect(r.evenement).toMatchObject({ type: 'dossier.answer', decision: 'accepte', numeroDossierOpco: 'AT-99', montantValide: 150_000, montantDemande: 150_000 })
  })

  it('answer accepte_partiel : montant inférieur à la demande', () => {
    const r = accepte(
      evaluerTransition(dossier('envoye_opco'), ACTEURS.admin, 'answer', { decision: 'accepte_partiel', numeroDossierOpco: 'X', montantValide: 149_999 }, MAINTENANT),
    )
    expect(r.statutCible).toBe('accepte_partiel')
    expect(r.champs).toEqual({ reponseOpcoDate: ISO, numeroDossierOpco: 'X', montantValide: 149_999 })
  })

  it('answer refuse : motif lisible suivi du commentaire de l’OPCO', () => {
    const r = accepte(
      evaluerTransition(dossier('envoye_opco'), ACTEURS.opco_du_dossier, 'answer', { decision: 'refuse', motif: 'hors_delai', commentaire: ' Reçu le 02/04 ' }, MAINTENANT),
    )
    expect(r.champs.reponseOpcoDate).toBe(ISO)
    expect(r.champs.motifRefus).toBe('Demande déposée hors délai (après le début de la formation) : Reçu le 02/04')
    expect(r.champs.montantValide).toBeUndefined()
    expect(r.evenement).toMatchObject({ decision: 'refuse', motif: 'hors_delai', commentaire: 'Reçu le 02/04' })
  })

  it('answer pieces_demandees : liste des pièces dans l’événement', () => {
    const r = accepte(
      evaluerTransition(dossier('envoye_opco'), ACTEURS.opco_du_dossier, 'answer', { decision: 'pieces_demandees', pieces: [' Programme détaillé', 'Devis signé'] }, MAINTENANT),
    )
    expect(r.champs).toEqual({ reponseOpcoDate: ISO })
    expect(r.evenement).toMatchObject({ decision: 'pieces_demandees', pieces: ['Programme détaillé', 'Devis signé'] })
  })

  it('complete : heures réalisées, y compris une demi-heure', () => {
    const r = accepte(evaluerTransition(dossier('en_formation'), ACTEURS.admin, 'complete', { heuresRealisees: 13.5 }, MAINTENANT))
    expect(r.champs).toEqual({ heuresRealisees: 13.5 })
    expect(r.evenement).toMatchObject({ heuresRealisees: 13.5, heuresPrevues: 21 })
  })

  it('paiement-complet : montants dans l’événement', () => {
    const r = accepte(evaluerTransition(dossier('facture', { montantPaye: 160_000 }), ACTEURS.systeme, 'paiement-complet', {}, MAINTENANT))
    expect(r.champs).toEqual({})
    expect(r.evenement).toMatchObject({ montantValide: 150_000, montantPaye: 160_000 })
  })

  it('cancel : commentaire facultatif repris dans l’événement', () => {
    const r = accepte(evaluerTransition(dossier('soumis'), ACTEURS.proprietaire, 'cancel', { commentaire: 'Formation reportée' }, MAINTENANT))
    expect(r.evenement).toMatchObject({ type: 'dossier.cancel', commentaire: 'Formation reportée' })
    const sans = accepte(evaluerTransition(dossier('soumis'), ACTEURS.proprietaire, 'cancel', undefined, MAINTENANT))
    expect('commentaire' in sans.evenement).toBe(false)
  })

  it('relations peuplées et identifiants texte/nombre mêlés : le propriétaire et l’OPCO sont reconnus', () => {
    const d = dossier('envoye_opco', { owner: { id: '7' }, opco: { id: 3 } })
    expect(evaluerTransition(d, { role: 'opco', id: 'x', opco: '3' }, 'answer', PARAMETRES_VALIDES.answer, MAINTENANT).ok).toBe(true)
    expect(evaluerTransition(dossier('brouillon', { owner: { id: '7' } }), { role: 'user', id: 7 }, 'submit', {}, MAINTENANT).ok).toBe(true)
  })
})

/** Enchaîne des transitions en appliquant statut et champs, comme la couche Payload le fera. */
function derouler(depart: DossierWorkflow, etapes: [Acteur, ActionDossier, ParametresTransition?][]): { final: DossierWorkflow; evenements: EvenementDossier[] } {
  let d = depart
  const evenements: EvenementDossier[] = []
  for (const [acteur, action, params] of etapes) {
    const r = accepte(evaluerTransition(d, acteur, action, params ?? {}, MAINTENANT))
    d = { ...d, ...r.champs, status: r.statutCible }
    evenements.push(r.evenement)
  }
  return { final: d, evenements }
}

describe('parcours complets', () => {
  const { admin, proprietaire, opco_du_dossier: opco, systeme } = ACTEURS
  const neuf = () => dossier('brouillon', { montantValide: null, montantPaye: 0 })

  it('du brouillon à la clôture', () => {
    const avantPaiement = derouler(neuf(), [
      [proprietaire, 'submit'],
      [admin, 'review'],
      [admin, 'validate'],
      [admin, 'send'],
      [opco, 'answer', { decision: 'accepte', numeroDossierOpco: 'EP-1', montantValide: 150_000 }],
      [admin, 'start'],
      [admin, 'complete', { heuresRealisees: 21 }],
      [admin, 'invoice'],
    ])
    expect(avantPaiement.final.status).toBe('facture')
    // Sans paiement suffisant, le système ne peut pas conclure.
    expect(evaluerTransition(avantPaiement.final, systeme, 'paiement-complet', {}, MAINTENANT)).toMatchObject({ ok: false, code: 422 })

    const { final, evenements } = derouler({ ...avantPaiement.final, montantPaye: 150_000 }, [
      [systeme, 'paiement-complet'],
      [admin, 'close'],
    ])
    expect(final.status).toBe('cloture')
    expect(final).toMatchObject({ validationAdminBy: 1, validationAdminDate: ISO, envoiOpcoDate: ISO, reponseOpcoDate: ISO, numeroDossierOpco: 'EP-1', montantValide: 150_000 })
    expect([...avantPaiement.evenements, ...evenements].map((e) => e.type)).toEqual([
      'dossier.submit',
      'dossier.review',
      'dossier.validate',
      'dossier.send',
      'dossier.answer',
      'dossier.start',
      'dossier.complete',
      'dossier.invoice',
      'dossier.paiement-complet',
      'dossier.close',
    ])
    expect(evaluerTransition(final, admin, 'cancel', {}, MAINTENANT)).toMatchObject({ ok: false, code: 409 })
  })

  it('refus : le dossier s’arrête en refuse, sans action possible', () => {
    const { final } = derouler(neuf(), [
      [admin, 'submit'],
      [admin, 'review'],
      [admin, 'validate'],
      [admin, 'send'],
      [opco, 'answer', { decision: 'refuse', motif: 'organisme_non_certifie', commentaire: 'Qualiopi expiré' }],
    ])
    expect(final.status).toBe('refuse')
    for (const action of ['start', 'cancel', 'answer'] as const) {
      expect(evaluerTransition(final, admin, action, {}, MAINTENANT)).toMatchObject({ ok: false, code: 409 })
    }
  })

  it('boucle pièces demandées : deux demandes puis accord partiel', () => {
    const { final, evenements } = derouler(neuf(), [
      [proprietaire, 'submit'],
      [admin, 'review'],
      [admin, 'validate'],
      [admin, 'send'],
      [opco, 'answer', { decision: 'pieces_demandees', pieces: ['Programme'] }],
      [proprietaire, 'complete-documents', { commentaire: 'Programme joint' }],
      [opco, 'answer', { decision: 'pieces_demandees', pieces: ['Devis signé'] }],
      [admin, 'complete-documents'],
      [opco, 'answer', { decision: 'accepte_partiel', numeroDossierOpco: 'EP-2', montantValide: 90_000 }],
    ])
    expect(final.status).toBe('accepte_partiel')
    expect(final.montantValide).toBe(90_000)
    expect(evenements.filter((e) => e.type === 'dossier.complete-documents')).toHaveLength(2)
  })

  it('annulation par le bénéficiaire tant que le dossier est soumis, puis plus rien', () => {
    const { final } = derouler(neuf(), [
      [proprietaire, 'submit'],
      [proprietaire, 'cancel'],
    ])
    expect(final.status).toBe('annule')
    expect(evaluerTransition(final, admin, 'submit', {}, MAINTENANT)).toMatchObject({ ok: false, code: 409 })
  })
})

describe('événements typés', () => {
  it('le type discrimine les données propres à chaque événement', () => {
    const r = accepte(evaluerTransition(dossier('en_formation'), ACTEURS.admin, 'complete', { heuresRealisees: 20 }, MAINTENANT))
    const e = r.evenement
    if (e.type !== 'dossier.complete') throw new Error('type inattendu')
    const heures: number = e.heuresRealisees
    expect(heures).toBe(20)
  })

  it('un dossier sans identifiant (pas encore enregistré) donne dossier: null', () => {
    const r = accepte(evaluerTransition(dossier('soumis', { id: undefined }), ACTEURS.admin, 'review', {}, MAINTENANT))
    expect(r.evenement.dossier).toBeNull()
  })
})
