/**
 * Demo data writer: `npm run seed`, and `npm run migrate` on an empty database when
 * SEED_DEMO_DATA is on. Reference records are upserted by natural key (kept as they are when
 * found, so an admin's edits survive a re-run); demo dossiers, their payments and messages are
 * written only into an empty dossiers collection, so they must be all-or-nothing: one
 * transaction where the adapter has them (PostgreSQL), otherwise (SQLite runs without
 * transactions) the records this run wrote are deleted again when it fails.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { createLocalReq, type DataFromCollectionSlug, type Payload, type PayloadRequest, type RequiredDataFromCollectionSlug } from 'payload'
import { env } from '@/src/config/env'
import { construireDonneesDemo, EMAILS_DEMO, type DonneesDemo, type UtilisateurDemo } from './donnees'

type Id = number
type Log = (msg: string) => void

const CLES = ['opcos', 'idcc', 'organismes', 'entreprises', 'utilisateurs', 'dossiers', 'paiements', 'messages'] as const
export type CleSeed = (typeof CLES)[number]

export interface SeedResult {
  /** Records written by this run. */
  crees: Record<CleSeed, number>
  /** Records found by natural key and kept unchanged (dossiers: already present, so none written). */
  existants: Record<CleSeed, number>
}

/** Fixed outside production so integration examples in the docs work as-is on a demo instance. */
export const CLE_API_DEMO_INTEGRATION = 'monopco-demo-integration-atlas-2026'

/** True when no account exists at all: the only state in which seeding on start-up is safe. */
export async function baseVide(payload: Payload): Promise<boolean> {
  const { totalDocs } = await payload.count({ collection: 'users', overrideAccess: true })
  return totalDocs === 0
}

interface CompteCree {
  email: string
  role: string
  motDePasse: string
  cleApi?: string
}

export async function seedDemo(payload: Payload, opts: { log?: Log } = {}): Promise<SeedResult> {
  const log: Log = opts.log ?? (() => undefined)
  const e = env()
  const adminEmail = e.seedAdminEmail.trim().toLowerCase()
  const donnees = construireDonneesDemo(new Date(), { adminEmail })
  const resultat: SeedResult = {
    crees: Object.fromEntries(CLES.map((c) => [c, 0])) as Record<CleSeed, number>,
    existants: Object.fromEntries(CLES.map((c) => [c, 0])) as Record<CleSeed, number>,
  }
  const comptesCrees: CompteCree[] = []

  const transaction = (await payload.db.beginTransaction?.()) ?? null
  // A fresh request per call: Local API calls overwrite req.context (the audit hook's
  // `audit: false` would otherwise leak into every later write of a shared request).
  const requete = async (user?: Record<string, unknown>): Promise<PayloadRequest> => {
    const req = await createLocalReq({ context: { seed: true }, ...(user ? { user: user as never } : {}) }, payload)
    if (transaction !== null) req.transactionID = transaction
    return req
  }

  const trouverOuCreer = async <C extends 'opcos' | 'correspondances-idcc' | 'training-providers' | 'companies' | 'users'>(
    collection: C,
    champ: string,
    valeur: string,
    data: RequiredDataFromCollectionSlug<C>,
    cle: CleSeed,
  ): Promise<{ id: Id; cree: boolean; doc: DataFromCollectionSlug<C> }> => {
    const found = await payload.find({
      collection,
      where: { [champ]: { equals: valeur } },
      limit: 1,
      depth: 0,
      pagination: false,
      overrideAccess: true,
      req: await requete(),
    })
    const existant = found.docs[0]
    if (existant) {
      resultat.existants[cle]++
      return { id: existant.id, cree: false, doc: existant }
    }
    const doc = await payload.create({ collection, data, depth: 0, overrideAccess: true, req: await requete() })
    resultat.crees[cle]++
    return { id: doc.id, cree: true, doc }
  }

  // Without a transaction, what this run wrote is undone by hand on failure (children first).
  const ecrits: Array<{ collection: 'dossiers' | 'payments' | 'messages'; id: Id }> = []
  const annulerEcrits = async (): Promise<void> => {
    for (const { collection, id } of ecrits.reverse()) {
      await payload.delete({ collection, id, overrideAccess: true, req: await requete() }).catch(() => undefined)
    }
  }

  try {
    const opcoIds = new Map<string, Id>()
    for (const o of donnees.opcos) {
      opcoIds.set(o.code, (await trouverOuCreer('opcos', 'code', o.code, { ...o }, 'opcos')).id)
    }
    // IDCC → OPCO table before the companies: their suggested OPCO is derived from it on save.
    for (const c of donnees.correspondancesIdcc) {
      await trouverOuCreer('correspondances-idcc', 'idcc', c.idcc, { ...c, opco: exiger(opcoIds, c.opco, 'OPCO') }, 'idcc')
    }
    const organismeIds = new Map<string, Id>()
    for (const o of donnees.organismes) {
      organismeIds.set(o.siret, (await trouverOuCreer('training-providers', 'siret', o.siret, { ...o }, 'organismes')).id)
    }
    const entrepriseIds = new Map<string, Id>()
    for (const c of donnees.entreprises) {
      const data = { ...c, opco: exiger(opcoIds, c.opco, 'OPCO') }
      entrepriseIds.set(c.siret, (await trouverOuCreer('companies', 'siret', c.siret, data, 'entreprises')).id)
    }

    const userIds = new Map<string, Id>()
    for (const u of comptesDemo(donnees, e.seedAdminPassword, adminEmail, e.production)) {
      const data: RequiredDataFromCollectionSlug<'users'> = {
        email: u.email,
        password: u.password,
        role: u.role,
        nom: u.nom,
        prenom: u.prenom,
        telephone: u.telephone,
        company: u.company === undefined ? undefined : exiger(entrepriseIds, u.company, 'entreprise'),
        opco: u.opco === undefined ? undefined : exiger(opcoIds, u.opco, 'OPCO'),
      }
      if (u.apiKey !== undefined) Object.assign(data, { enableAPIKey: true, apiKey: u.apiKey })
      const { id, cree, doc } = await trouverOuCreer('users', 'email', u.email, data, 'utilisateurs')
      if (cree && doc.role !== u.role) {
        // The users collection forces role `user` on every create made without a signed-in
        // admin (self-registration), trusted system calls included; an update is not forced.
        await payload.update({ collection: 'users', id, data: { role: u.role, opco: data.opco ?? null }, depth: 0, overrideAccess: true, req: await requete() })
      }
      userIds.set(u.email, id)
      if (cree) comptesCrees.push({ email: u.email, role: u.role, motDePasse: u.afficherMotDePasse ? u.password : '(aléatoire, non affiché : ce compte se connecte par clé d’API)', cleApi: u.apiKey })
    }

    const { totalDocs: dossiersPresents } = await payload.count({ collection: 'dossiers', overrideAccess: true, req: await requete() })
    if (dossiersPresents > 0) {
      resultat.existants.dossiers = dossiersPresents
      log(`${dossiersPresents} dossier(s) déjà présent(s) : dossiers, paiements et messages de démonstration non créés.`)
    } else {
      const dossierIds = new Map<string, Id>()
      for (const { cle, ...d } of donnees.dossiers) {
        const doc = await payload.create({
          collection: 'dossiers',
          depth: 0,
          overrideAccess: true,
          req: await requete(),
          data: {
            ...d,
            owner: exiger(userIds, d.owner, 'utilisateur'),
            company: exiger(entrepriseIds, d.company, 'entreprise'),
            opco: exiger(opcoIds, d.opco, 'OPCO'),
            formation: { ...d.formation, organisme: exiger(organismeIds, d.formation.organisme, 'organisme') },
            validationAdminBy: d.validationAdminBy === undefined ? undefined : exiger(userIds, d.validationAdminBy, 'administrateur'),
          },
        })
        ecrits.push({ collection: 'dossiers', id: doc.id })
        dossierIds.set(cle, doc.id)
        resultat.crees.dossiers++
      }
      for (const p of donnees.paiements) {
        const paiement = await payload.create({
          collection: 'payments',
          depth: 0,
          overrideAccess: true,
          req: await requete(),
          data: { ...p, dossier: exiger(dossierIds, p.dossier, 'dossier') },
        })
        ecrits.push({ collection: 'payments', id: paiement.id })
        resultat.crees.paiements++
      }
      for (const m of donnees.messages) {
        const auteur = exiger(userIds, m.auteur, 'auteur')
        // Messages are written as their author: the messages collection checks the dossier is
        // accessible to the signed-in user even for trusted calls, and refuses anonymous ones.
        const user = await payload.findByID({ collection: 'users', id: auteur, depth: 0, overrideAccess: true, req: await requete() })
        const message = await payload.create({
          collection: 'messages',
          depth: 0,
          overrideAccess: true,
          req: await requete({ ...user, collection: 'users' }),
          data: { dossier: exiger(dossierIds, m.dossier, 'dossier'), author: auteur, body: m.body },
        })
        ecrits.push({ collection: 'messages', id: message.id })
        resultat.crees.messages++
      }
    }

    if (transaction !== null) await payload.db.commitTransaction(transaction)
  } catch (err) {
    if (transaction !== null) await payload.db.rollbackTransaction(transaction)
    else await annulerEcrits()
    throw err
  }

  journaliser(log, resultat, comptesCrees, adminEmail, e.seedAdminPasswordIsDefault)
  return resultat
}

function exiger(ids: Map<string, Id>, cle: string, quoi: string): Id {
  const id = ids.get(cle)
  if (id === undefined) throw new Error(`Seed : ${quoi} « ${cle} » introuvable.`)
  return id
}

interface CompteDemo extends UtilisateurDemo {
  apiKey?: string
  afficherMotDePasse: boolean
}

function comptesDemo(donnees: DonneesDemo, motDePasseAdmin: string, adminEmail: string, production: boolean): CompteDemo[] {
  return [
    { email: adminEmail, password: motDePasseAdmin, role: 'admin', nom: 'Administrateur', prenom: 'MonOPCO', afficherMotDePasse: true },
    ...donnees.utilisateurs.map((u) => ({ ...u, afficherMotDePasse: true })),
    {
      // An integration account reads like its OPCO does, never more: role opco, not admin.
      email: EMAILS_DEMO.integration,
      password: randomBytes(24).toString('base64url'),
      role: 'opco',
      nom: 'Intégration',
      prenom: 'Atlas',
      opco: 'ATLAS',
      apiKey: production ? randomUUID() : CLE_API_DEMO_INTEGRATION,
      afficherMotDePasse: false,
    },
  ]
}

function journaliser(log: Log, r: SeedResult, comptes: CompteCree[], adminEmail: string, motDePasseParDefaut: boolean): void {
  const libelles: Record<CleSeed, string> = {
    opcos: 'OPCO',
    idcc: 'correspondances IDCC → OPCO',
    organismes: 'organismes de formation',
    entreprises: 'entreprises',
    utilisateurs: 'utilisateurs',
    dossiers: 'dossiers',
    paiements: 'paiements',
    messages: 'messages',
  }
  log('Données de démonstration :')
  for (const c of CLES) log(`  ${libelles[c]} : ${r.crees[c]} créé(s), ${r.existants[c]} déjà présent(s)`)
  if (comptes.length === 0) {
    log('Aucun compte créé (tous existaient déjà ; leurs mots de passe sont inchangés).')
  } else {
    log('Comptes créés :')
    for (const c of comptes) {
      log(`  [${c.role}] ${c.email} — mot de passe : ${c.motDePasse}`)
      if (c.cleApi) log(`        clé d’API : ${c.cleApi} (en-tête « Authorization: users API-Key ${c.cleApi} »)`)
    }
  }
  if (motDePasseParDefaut && comptes.some((c) => c.email === adminEmail)) {
    log(
      `ATTENTION : le compte ${adminEmail} utilise le mot de passe administrateur PAR DÉFAUT, public dans le code source. ` +
        'Changez-le immédiatement, et définissez SEED_ADMIN_PASSWORD avant tout déploiement accessible depuis l’extérieur.',
    )
  }
}
