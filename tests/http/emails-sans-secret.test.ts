/** Without RESEND_WEBHOOK_SECRET the Resend webhook accepts nothing (503), signed or not. */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { demarrerServeur, type ServeurDeTest } from '@/tests/helpers/serveur'

let s: ServeurDeTest
beforeAll(async () => {
  s = await demarrerServeur('emails_sans_secret')
})
afterAll(async () => s?.arreter())

it('POST /api/webhooks/resend → 503, rien n’est lu ni écrit', async () => {
  const corps = JSON.stringify({ type: 'email.delivered', data: { email_id: 'x' } })
  const res = await fetch(`${s.url}/api/webhooks/resend`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'svix-id': 'msg_1', 'svix-timestamp': String(Math.floor(Date.now() / 1000)), 'svix-signature': 'v1,AAAA' }, body: corps })
  expect(res.status).toBe(503)
  expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/RESEND_WEBHOOK_SECRET/)
})
