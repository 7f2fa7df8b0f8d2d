import type { StatutDossier } from '@/src/domain/statuts'
import type { Acteur, DossierWorkflow, ParametresTransition, ProfilActeur, ActionDossier } from '@/src/domain/workflow'

export const MAINTENANT = new Date('2026-03-01T10:00:00.000Z')

export const ACTEURS: Record<ProfilActeur, Acteur> = {
  admin: { role: 'admin', id: 1 },
  proprietaire: { role: 'user', id: 7 },
  utilisateur: { role: 'user', id: 8 },
  opco_du_dossier: { role: 'opco', id: 20, opco: 3 },
  autre_opco: { role: 'opco', id: 21, opco: 4 },
  systeme: { role: 'systeme', id: 'paiements' },
}

/** Un dossier qui satisfait toutes les préconditions, quel que soit son statut. */
export function dossier(status: StatutDossier, surcharges: Partial<DossierWorkflow> = {}): DossierWorkflow {
  return {
    id: 42,
    status,
    typeFormation: 'formation',
    owner: 7,
    company: 5,
    opco: 3,
    beneficiaire: { nom: 'Martin', prenom: 'Claire', email: 'claire.martin@example.fr' },
    formation: {
      titre: 'Excel avancé',
      organisme: 9,
      dureeHeures: 21,
      dateDebut: '2026-04-01T00:00:00.000Z',
      dateFin: '2026-04-03T00:00:00.000Z',
      modalite: 'presentiel',
    },
    coutTotalHT: 210_000,
    montantEstime: 150_000,
    montantValide: 150_000,
    montantPaye: 150_000,
    heuresRealisees: 21,
    documentsGeneres: ['convention', 'demande_prise_en_charge'],
    exigerDocumentsGeneres: true,
    ...surcharges,
  }
}

/** Paramètres valides pour chaque action. */
export const PARAMETRES_VALIDES: Record<ActionDossier, ParametresTransition> = {
  submit: {},
  review: {},
  validate: {},
  send: {},
  answer: { decision: 'accepte', numeroDossierOpco: 'OPCO-2026-001', montantValide: 150_000 },
  'complete-documents': {},
  start: {},
  complete: { heuresRealisees: 21 },
  invoice: {},
  'paiement-complet': {},
  close: {},
  cancel: {},
}
