/**
 * The SMTP path (@payloadcms/email-nodemailer) against a local SMTP server started by the test:
 * delivered with a stable Message-ID, a permanent refusal (5xx) → failed with the server's
 * reply, a temporary one (4xx) → retried later.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import crypto from 'node:crypto'
import type { Payload } from 'payload'
import { demarrerPayload, type ContexteTest } from '@/tests/helpers/payload'
import { demarrerSmtpFactice, type SmtpFactice } from '@/tests/helpers/smtpFactice'
import { envoyerEmailsDus } from '@/plugins/notifications/index'
import { ajouterEmails } from '@/src/services/emails/boiteEnvoi'
import { motDePasse, rendre } from '@/templates/email'

let smtp: SmtpFactice
let ctx: ContexteTest
let payload: Payload

type Ligne = { id: string | number; status: string; attempts: number; lastError?: string | null; providerId?: string | null; prochainEssai?: string | null; fournisseur?: string | null }
const lire = async (id: string | number) => (await payload.findByID({ collection: 'emails', id, depth: 0, overrideAccess: true })) as unknown as Ligne

async function nouvelEmail(to: string): Promise<Ligne> {
  const [id] = await ajouterEmails(payload, undefined, [{ to, cle: `test:${crypto.randomUUID()}`, rendu: rendre(motDePasse('http://127.0.0.1:3000/admin/reset/abc', 60)) }])
  return lire(id!)
}

beforeAll(async () => {
  smtp = await demarrerSmtpFactice()
  ctx = await demarrerPayload('emails_smtp', { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false', EMAIL_FROM: 'envoi@monopco.test' })
  payload = ctx.payload
})
afterAll(async () => {
  await ctx?.fermer()
  await smtp?.fermer()
})

describe('SMTP (adaptateur nodemailer vers un serveur SMTP local)', () => {
  it('délivre au serveur SMTP, avec un Message-ID stable, et enregistre « sent »', async () => {
    const e = await nouvelEmail('claire@exemple.fr')
    await payload.jobs.run()
    const l = await lire(e.id)
    expect(smtp.messages).toHaveLength(1)
    const m = smtp.messages[0]!
    expect(m.de).toBe('envoi@monopco.test')
    expect(m.pour).toEqual(['claire@exemple.fr'])
    expect(m.brut).toMatch(/^Subject: =\?UTF-8\?Q\?R=C3=A9initialisation/m)
    expect(m.brut).toContain('http://127.0.0.1:3000/admin/reset/abc')
    expect(m.brut).toMatch(new RegExp(`^Message-ID: <email-${String(e.id)}\\.[0-9a-f]+@monopco>`, 'mi'))
    expect(l).toMatchObject({ status: 'sent', attempts: 1, fournisseur: 'smtp', lastError: null })
    expect(l.providerId).toMatch(new RegExp(`^<email-${String(e.id)}\\.`))
  })

  it('un refus définitif (550) → « failed » avec la réponse du serveur ; un refus temporaire (451) → réessayé plus tard', async () => {
    smtp.refuser.set('inconnu@exemple.fr', { code: 550, message: 'Mailbox unavailable' })
    smtp.refuser.set('plein@exemple.fr', { code: 451, message: 'Try again later' })
    const definitif = await nouvelEmail('inconnu@exemple.fr')
    const temporaire = await nouvelEmail('plein@exemple.fr')
    await payload.jobs.run()
    const d = await lire(definitif.id)
    expect(d.status).toBe('failed')
    expect(d.lastError).toMatch(/550/)
    expect(d.lastError).toMatch(/Mailbox unavailable/)
    let t = await lire(temporaire.id)
    expect(t).toMatchObject({ status: 'queued', attempts: 1 })
    expect(t.lastError).toMatch(/451/)
    smtp.refuser.delete('plein@exemple.fr')
    await envoyerEmailsDus(payload, { maintenant: new Date(Date.parse(t.prochainEssai!) + 1000) })
    t = await lire(temporaire.id)
    expect(t).toMatchObject({ status: 'sent', attempts: 2 })
    expect(smtp.messages.filter((m) => m.pour.includes('plein@exemple.fr'))).toHaveLength(1)
    expect(smtp.messages.filter((m) => m.pour.includes('inconnu@exemple.fr'))).toHaveLength(0)
  })
})
