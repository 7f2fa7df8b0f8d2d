import type { Company, Opco, TrainingProvider, User } from '@/src/payload-types'
import type { Payload } from 'payload'
import { construireSiret } from '@/src/domain/siret'
import { texteRiche } from '@/src/domain/texteRiche'

/** A valid SIRET from an 8-digit seed (distinct seeds give distinct SIRETs). */
export const siretValide = (graine: number): string => construireSiret(String(graine).padStart(8, '0').slice(-8), '0001')

export const MOT_DE_PASSE = 'Mot-de-passe-test-2026'

export interface Monde {
  opcoA: Opco
  opcoB: Opco
  companyA: Company
  companyB: Company
  provider: TrainingProvider
  admin: User
  userA: User
  userB: User
  opcoUserA: User
  opcoUserB: User
}

/** The cast every access test needs: two OPCOs, two companies, one account per role and side. */
export async function creerMonde(payload: Payload): Promise<Monde> {
  // SIRET of the OPCOs and VAT number of the provider: mentions an e-invoice must carry (issue 18).
  const opcoA = await payload.create({ collection: 'opcos', data: { code: 'ATLAS', nom: 'Atlas', contactEmail: 'atlas@exemple.fr', siret: siretValide(44444444) } })
  const opcoB = await payload.create({ collection: 'opcos', data: { code: 'AKTO', nom: 'Akto', contactEmail: 'akto@exemple.fr', siret: siretValide(66666666) } })
  const companyA = await payload.create({
    collection: 'companies',
    data: { siret: siretValide(11111111), raisonSociale: 'Alpha Conseil', effectif: 8, opco: opcoA.id, codeNaf: '62.02A', idcc: '1486' },
  })
  const companyB = await payload.create({
    collection: 'companies',
    data: { siret: siretValide(22222222), raisonSociale: 'Bêta Hôtels', effectif: 30, opco: opcoB.id },
  })
  const provider = await payload.create({
    collection: 'training-providers',
    // Certified for both categories over the tests' dates: validating a dossier requires it (conformity checks).
    data: {
      nom: 'Forma Pro',
      siret: siretValide(33333333),
      nda: '11755555575',
      regimeTva: 'exoneration_261',
      numeroTva: 'FR19812345676',
      qualiopi: { actionsFormation: true, bilansCompetences: true, validiteDebut: '2024-01-01', validiteFin: '2031-12-31' },
    },
  })
  const mk = (email: string, role: User['role'], extra: Partial<User> = {}) =>
    payload.create({ collection: 'users', data: { email, password: MOT_DE_PASSE, role, nom: email.split('@')[0], prenom: 'Test', ...extra } })
  const admin = await mk('admin@test.fr', 'admin')
  const userA = await mk('user.a@test.fr', 'user', { company: companyA.id })
  const userB = await mk('user.b@test.fr', 'user', { company: companyB.id })
  const opcoUserA = await mk('opco.a@test.fr', 'opco', { opco: opcoA.id })
  const opcoUserB = await mk('opco.b@test.fr', 'opco', { opco: opcoB.id })
  return { opcoA, opcoB, companyA, companyB, provider, admin, userA, userB, opcoUserA, opcoUserB } as unknown as Monde
}

export const richText = texteRiche

/** A programme for test dossiers: validating a formation without one is refused (conformity checks). */
export const PROGRAMME_TEST = 'Jour 1 : tableaux structurés, formules.\nJour 2 : tableaux croisés dynamiques.'

export async function creerDossier(
  payload: Payload,
  monde: Monde,
  cote: 'A' | 'B',
  status = 'brouillon',
  extra: Record<string, unknown> = {},
) {
  return payload.create({
    collection: 'dossiers',
    data: {
      typeFormation: 'formation',
      status,
      owner: cote === 'A' ? monde.userA.id : monde.userB.id,
      company: cote === 'A' ? monde.companyA.id : monde.companyB.id,
      opco: cote === 'A' ? monde.opcoA.id : monde.opcoB.id,
      beneficiaire: { nom: 'Durand', prenom: 'Claire', email: 'claire@exemple.fr', telephone: '0601020304' },
      formation: {
        titre: 'Excel avancé',
        objectifs: texteRiche('Être capable de construire des tableaux croisés dynamiques.'),
        programme: PROGRAMME_TEST,
        organisme: monde.provider.id,
        dureeHeures: 14,
        dateDebut: '2027-03-01',
        dateFin: '2027-03-02',
        modalite: 'presentiel',
      },
      coutTotalHT: 140000,
      ...extra,
    } as never,
  })
}

/**
 * For tests that start from a dossier already `valide` (created directly in that status): the
 * two generated documents `send` requires, as the validation job would have stored them, and the
 * convention signed by every party (`signerConventionPourTests`).
 * Tests of generation itself run the real job instead (tests/int/generation-documents.test.ts).
 */
export async function ajouterDocumentsEnvoi(payload: Payload, dossier: number | string, typeFormation: 'formation' | 'bilan' = 'formation') {
  const { PDF_MINIMAL } = await import('./fichiers')
  for (const documentType of [typeFormation === 'bilan' ? 'convention_bilan' : 'convention', 'demande_prise_en_charge']) {
    await payload.create({
      collection: 'documents',
      data: { dossier, documentType, origin: 'generated' } as never,
      file: { data: Buffer.from(PDF_MINIMAL), mimetype: 'application/pdf', name: `${documentType}-${String(dossier)}.pdf`, size: PDF_MINIMAL.length },
      overrideAccess: true,
    })
  }
  await signerConventionPourTests(payload, dossier)
}

/**
 * `send` also requires the latest generated convention signed by every party (issue 17). Tests
 * about something else record that signature directly — a `signatures-convention` row « signée »
 * pointing to a `convention_signee` document — as the signing flow would have left it; the flow
 * itself is tested over HTTP (tests/http/signature-convention.test.ts).
 */
export async function signerConventionPourTests(payload: Payload, dossier: number | string) {
  const { PDF_MINIMAL } = await import('./fichiers')
  const conventions = await payload.find({
    collection: 'documents',
    where: { and: [{ dossier: { equals: dossier } }, { origin: { equals: 'generated' } }, { documentType: { in: ['convention', 'convention_bilan'] } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const convention = [...conventions.docs].sort((a, b) => Number(b.version ?? 1) - Number(a.version ?? 1) || Number(b.id) - Number(a.id))[0]
  if (!convention) throw new Error(`signerConventionPourTests : le dossier ${String(dossier)} n'a pas de convention générée`)
  const signe = await payload.create({
    collection: 'documents',
    data: { dossier, documentType: 'convention_signee', origin: 'generated', version: convention.version ?? 1 } as never,
    file: { data: Buffer.from(PDF_MINIMAL), mimetype: 'application/pdf', name: `convention-signee-${String(dossier)}.pdf`, size: PDF_MINIMAL.length },
    overrideAccess: true,
  })
  const maintenant = new Date().toISOString()
  await payload.create({
    collection: 'signatures-convention',
    overrideAccess: true,
    data: { dossier: Number(dossier), document: convention.id, documentSigne: signe.id, statut: 'signee', sha256Original: convention.sha256 ?? null, sha256Signe: signe.sha256 ?? null, envoyeeLe: maintenant, finaliseeLe: maintenant, signataires: [] },
  })
}
