import { spawnSync } from 'node:child_process'
import path from 'node:path'
import type { Payload } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { creerDossier, creerMonde, type Monde } from '@/tests/helpers/fixtures'
import { requeteSql, sql } from '@/src/db/sql'
import { aDecider, type Anomalie } from '@/src/domain/donneesStockees'
import { avertirDonneesStockees, verifierDonneesStockees } from '@/src/services/donneesStockees'

/**
 * Valeurs enregistrées avant que la validation ne soit corrigée, insérées ici en SQL comme elles
 * l'étaient : la vérification les trouve (collection, id, champ exacts), les lectures restent
 * possibles autour d'elles, la migration corrige le certain et vide le facultatif incertain.
 * PostgreSQL type ses colonnes : les valeurs cassées possibles y sont d'autres (infinity, NaN,
 * décimal dans un montant, valeur d'enum retirée des options). Les clés étrangères sont
 * appliquées sur les deux bases : une relation cassée ne s'insère pas (la vérification la
 * couvre quand même, pour une base restaurée sans contraintes).
 */
let ctx: ContexteTest
let payload: Payload
let monde: Monde
let pg: boolean
const ids = { d1: '', d2: '', d3: '', sain: '', c: '', p: '' }

const executer = (q: string) => requeteSql(payload, undefined, sql.raw(q))
const resume = (a: Anomalie) => `${a.collection}#${a.id}.${a.champ}:${a.decision.action}`

beforeAll(async () => {
  ctx = await demarrerPayload('donnees_stockees')
  payload = ctx.payload
  pg = ctx.base.kind === 'postgres'
  monde = await creerMonde(payload)
  for (const nom of ['d1', 'd2', 'd3', 'sain'] as const) ids[nom] = String((await creerDossier(payload, monde, 'A')).id)
  const c = await payload.create({ collection: 'companies', data: { siret: '73282932000074', raisonSociale: 'Gamma', effectif: 3 } as never })
  ids.c = String(c.id)
  const p = await payload.create({ collection: 'payments', data: { dossier: Number(ids.sain), montant: 1000, date: '2027-04-01', payeur: 'opco', reference: 'VIR-1' } as never, overrideAccess: true })
  ids.p = String(p.id)

  if (pg) {
    // Une option retirée de la liste : la valeur reste dans le type enum de la base.
    await executer(`ALTER TYPE "enum_dossiers_type_formation" ADD VALUE IF NOT EXISTS 'ancien'`)
    await executer(`UPDATE dossiers SET formation_date_fin = 'infinity' WHERE id = ${ids.d1}`)
    await executer(`UPDATE dossiers SET cout_total_h_t = 12.5, formation_duree_heures = 'NaN' WHERE id = ${ids.d2}`)
    await executer(`UPDATE dossiers SET type_formation = 'ancien', montant_estime = 9007199254740993 WHERE id = ${ids.d3}`)
    await executer(`UPDATE companies SET effectif = 9007199254740992 WHERE id = ${ids.c}`)
    await executer(`UPDATE payments SET date = '-infinity' WHERE id = ${ids.p}`)
  } else {
    await executer(`UPDATE dossiers SET formation_date_fin = 'not-a-date' WHERE id = ${ids.d1}`)
    await executer(
      `UPDATE dossiers SET formation_date_debut = '', formation_date_fin = ' 2027-03-05 ', cout_total_h_t = '2027-03-01', formation_modalite = ' Mixte ' WHERE id = ${ids.d2}`,
    )
    await executer(
      `UPDATE dossiers SET type_formation = 'true', soumission_date = '1772323200000', formation_date_debut = '2026-02-30T00:00:00.000Z' WHERE id = ${ids.d3}`,
    )
    await executer(`UPDATE companies SET effectif = 9007199254740992 WHERE id = ${ids.c}`)
    await executer(`UPDATE payments SET date = 'hier' WHERE id = ${ids.p}`)
  }
})

afterAll(async () => {
  await ctx?.fermer()
})

const attendues = () =>
  (pg
    ? [
        `dossiers#${ids.d1}.formation.dateFin:vider`,
        `dossiers#${ids.d2}.formation.dureeHeures:vider`,
        `dossiers#${ids.d2}.coutTotalHT:vider`,
        `dossiers#${ids.d3}.typeFormation:signaler`,
        `dossiers#${ids.d3}.montantEstime:vider`,
        `companies#${ids.c}.effectif:vider`,
        `payments#${ids.p}.date:signaler`,
      ]
    : [
        `dossiers#${ids.d1}.formation.dateFin:vider`,
        `dossiers#${ids.d2}.formation.dateDebut:remplacer`,
        `dossiers#${ids.d2}.formation.dateFin:remplacer`,
        `dossiers#${ids.d2}.formation.modalite:remplacer`,
        `dossiers#${ids.d2}.coutTotalHT:vider`,
        `dossiers#${ids.d3}.typeFormation:signaler`,
        `dossiers#${ids.d3}.formation.dateDebut:vider`,
        `dossiers#${ids.d3}.soumissionDate:remplacer`,
        `companies#${ids.c}.effectif:vider`,
        `payments#${ids.p}.date:signaler`,
      ]
  ).sort()

test('la vérification trouve chaque valeur cassée : collection, identifiant, champ, valeur, décision', async () => {
  const rapport = await verifierDonneesStockees(payload)
  expect(rapport.anomalies.map(resume).sort()).toEqual(attendues())
  expect(rapport.nonVerifies).toEqual([])
  const fin = rapport.anomalies.find((a) => a.id === ids.d1)!
  expect(fin.valeur).toBe(pg ? 'infinity' : 'not-a-date')
  expect(fin.illisible).toBe(true)
  expect(aDecider(rapport.anomalies).map((a) => a.champ).sort()).toEqual(['date', 'typeFormation'])
})

test('les listes et les fiches restent lisibles autour des lignes cassées (la valeur se lit vide)', async () => {
  const admin = { ...monde.admin, collection: 'users' } as never
  const userA = { ...monde.userA, collection: 'users' } as never
  const liste = await payload.find({ collection: 'dossiers', user: admin, overrideAccess: false, limit: 100 })
  expect(liste.docs.map((d) => String(d.id))).toEqual(expect.arrayContaining([ids.d1, ids.d2, ids.d3, ids.sain]))
  const d1 = liste.docs.find((d) => String(d.id) === ids.d1) as unknown as { formation: { dateFin: unknown; dateDebut: unknown } }
  expect(d1.formation.dateFin ?? null).toBeNull()
  expect(d1.formation.dateDebut).toBe('2027-03-01T00:00:00.000Z')
  const d3 = (await payload.findByID({ collection: 'dossiers', id: ids.d3, user: userA, overrideAccess: false })) as unknown as Record<string, unknown>
  expect(d3.typeFormation ?? null).toBeNull()
  const proprietaire = await payload.find({ collection: 'dossiers', user: userA, overrideAccess: false, depth: 2 })
  expect(proprietaire.totalDocs).toBe(4)
  if (!pg) {
    const d2 = proprietaire.docs.find((d) => String(d.id) === ids.d2) as unknown as Record<string, unknown>
    // Une date dans un montant ne se lit pas 2027 (parseFloat) : vide.
    expect(d2.coutTotalHT ?? null).toBeNull()
    expect((d2.formation as Record<string, unknown>).dateFin).toBe('2027-03-05T00:00:00.000Z')
  }
  const paiements = await payload.find({ collection: 'payments', user: admin, overrideAccess: false })
  expect(paiements.totalDocs).toBe(1)
  // Corriger une ligne cassée par l'API, puis la supprimer.
  const corrige = await payload.update({ collection: 'dossiers', id: ids.d1, data: { formation: { dateFin: '2027-03-10' } } as never, user: admin, overrideAccess: false })
  expect((corrige as unknown as { formation: { dateFin: string } }).formation.dateFin).toBe('2027-03-10T00:00:00.000Z')
  await executer(`UPDATE dossiers SET formation_date_fin = '${pg ? 'infinity' : 'not-a-date'}' WHERE id = ${ids.d1}`)
})

test('au démarrage : un avertissement qui contient le rapport (le serveur démarre quand même)', async () => {
  const messages: string[] = []
  const warn = payload.logger.warn
  payload.logger.warn = ((m: unknown) => void messages.push(String(m))) as typeof warn
  try {
    const rapport = await avertirDonneesStockees(payload)
    expect(rapport!.anomalies.length).toBeGreaterThan(0)
  } finally {
    payload.logger.warn = warn
  }
  expect(messages.join('\n')).toContain(`n° ${ids.d1}, formation.dateFin = « ${pg ? 'infinity' : 'not-a-date'} »`)
  expect(messages.join('\n')).toContain('npm run verifier-donnees')
})

test('npm run verifier-donnees : le rapport en français, code de sortie 1 quand un administrateur doit décider', () => {
  const r = spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/verifier-donnees.ts'], {
    env: { ...process.env, NODE_OPTIONS: '--conditions=development', DATABASE_URL: ctx.base.url },
    encoding: 'utf8',
    timeout: 120_000,
  })
  expect(r.stdout).toContain(`n° ${ids.d1}, formation.dateFin = « ${pg ? 'infinity' : 'not-a-date'} »`)
  expect(r.stdout).toContain(`n° ${ids.p}, date = « ${pg ? '-infinity' : 'hier'} »`)
  expect(r.stdout).toMatch(/À DÉCIDER/)
  expect(r.status).toBe(1)
})

test('la migration corrige le certain, vide le facultatif incertain (journal d’audit), laisse le reste à décider', async () => {
  const { up } = (await import(`../../migrations/${ctx.base.kind}/20261203_095000_donnees_stockees`)) as { up: (a: unknown) => Promise<void> }
  await up({ payload, req: { payload } })
  const brut = async (table: string, colonne: string, id: string) =>
    ((await executer(`SELECT ${pg ? `${colonne}::text` : `CAST(${colonne} AS TEXT)`} AS v FROM ${table} WHERE id = ${id}`))[0] as { v: string | null }).v
  expect(await brut('dossiers', 'formation_date_fin', ids.d1)).toBeNull()
  if (pg) {
    expect(await brut('dossiers', 'cout_total_h_t', ids.d2)).toBeNull()
    expect(await brut('dossiers', 'type_formation', ids.d3)).toBe('ancien')
  } else {
    expect(await brut('dossiers', 'formation_date_debut', ids.d2)).toBeNull()
    expect(await brut('dossiers', 'formation_date_fin', ids.d2)).toBe('2027-03-05T00:00:00.000Z')
    expect(await brut('dossiers', 'formation_modalite', ids.d2)).toBe('mixte')
    expect(await brut('dossiers', 'soumission_date', ids.d3)).toBe('2026-03-01T00:00:00.000Z')
    expect(await brut('dossiers', 'type_formation', ids.d3)).toBe('true')
    expect(await brut('payments', 'date', ids.p)).toBe('hier')
  }
  expect(await brut('companies', 'effectif', ids.c)).toBeNull()
  // L'ancienne valeur est gardée au journal, une entrée par document.
  const journal = await payload.find({ collection: 'logs', where: { collectionSlug: { equals: 'dossiers' }, documentId: { equals: ids.d1 }, actorLabel: { like: 'Migration' } } })
  expect(journal.totalDocs).toBe(1)
  expect((journal.docs[0] as unknown as { changes: Record<string, { avant: unknown; apres: unknown }> }).changes['formation.dateFin']).toMatchObject({
    avant: pg ? 'infinity' : 'not-a-date',
    apres: null,
  })
  // Il ne reste que ce qu'un administrateur doit décider ; relancer ne change rien.
  const apres = await verifierDonneesStockees(payload)
  expect(apres.anomalies.map(resume).sort()).toEqual([`dossiers#${ids.d3}.typeFormation:signaler`, `payments#${ids.p}.date:signaler`])
  const entrees = async () => (await payload.count({ collection: 'logs', where: { actorLabel: { like: 'Migration' } } })).totalDocs
  // d1, d2, d3 et l'entreprise : une entrée chacun.
  expect(await entrees()).toBe(4)
  await up({ payload, req: { payload } })
  expect(await entrees()).toBe(4)
  // L'entreprise à l'effectif de 2^53 se relit enfin (SQLite : le pilote refusait toute la ligne).
  const c = await payload.findByID({ collection: 'companies', id: ids.c })
  expect((c as unknown as { effectif: unknown }).effectif ?? null).toBeNull()
})
