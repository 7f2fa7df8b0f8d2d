/**
 * `npm run migrate` (also the first step of `npm start`): applies pending migrations, then
 * checks that every committed migration is recorded — a run that did nothing fails loudly —
 * and seeds the demo data on an empty database when SEED_DEMO_DATA is on.
 */
import { getPayload } from 'payload'
import config from '@/payload.config'
import { env } from '@/src/config/env'
import { migrationsAttendues, migrationsEnAttente } from '@/src/db/migrations'
import { baseVide, seedDemo } from '@/src/seed/index'

async function main(): Promise<void> {
  const payload = await getPayload({ config })
  await payload.db.migrate()
  const manquantes = await migrationsEnAttente(payload)
  if (manquantes.length > 0) {
    console.error(`ÉCHEC : migrations non appliquées après migrate : ${manquantes.join(', ')}`)
    process.exit(1)
  }
  console.log(`Migrations à jour (${migrationsAttendues(payload).length}) sur ${payload.db.name}.`)
  if (env().seedDemoData && (await baseVide(payload))) {
    console.log('Base vide : création des données de démonstration…')
    await seedDemo(payload, { log: console.log })
  }
  process.exit(0)
}

main().catch((err) => {
  console.error('ÉCHEC de la migration :', err)
  process.exit(1)
})
