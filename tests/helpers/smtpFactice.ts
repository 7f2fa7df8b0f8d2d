import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/**
 * A local SMTP server for tests (127.0.0.1, no TLS, no authentication): keeps each accepted
 * message with its envelope. Recipients in `refuser` are rejected at RCPT TO with the given code.
 */
export interface MessageSmtp {
  de: string | null
  pour: string[]
  brut: string
}

export interface SmtpFactice {
  port: number
  messages: MessageSmtp[]
  refuser: Map<string, { code: number; message: string }>
  fermer: () => Promise<void>
}

export async function demarrerSmtpFactice(): Promise<SmtpFactice> {
  const messages: MessageSmtp[] = []
  const refuser = new Map<string, { code: number; message: string }>()
  const serveur = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(adresse, _session, callback) {
      const refus = refuser.get(adresse.address.toLowerCase())
      if (!refus) return callback()
      const err = new Error(refus.message) as Error & { responseCode: number }
      err.responseCode = refus.code
      return callback(err)
    },
    onData(stream, session, callback) {
      let brut = ''
      stream.setEncoding('utf8')
      stream.on('data', (c: string) => (brut += c))
      stream.on('end', () => {
        const from = session.envelope.mailFrom
        messages.push({ de: from ? from.address : null, pour: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), brut })
        callback()
      })
    },
  })
  await new Promise<void>((r) => serveur.listen(0, '127.0.0.1', () => r()))
  const port = (serveur.server.address() as AddressInfo).port
  return { port, messages, refuser, fermer: () => new Promise<void>((r) => serveur.close(() => r())) }
}
