/** `npm run seed`: (re)creates the demo data set on the configured database (migrations first). */
import { getPayload } from 'payload'
import config from '@/payload.config'
import { seedDemo } from '@/src/seed/index'

async function main(): Promise<void> {
  const payload = await getPayload({ config })
  await payload.db.migrate()
  await seedDemo(payload, { log: console.log })
  process.exit(0)
}

main().catch((err) => {
  console.error('ÉCHEC du seed :', err)
  process.exit(1)
})
