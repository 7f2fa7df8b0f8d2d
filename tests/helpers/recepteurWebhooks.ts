import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local receiver of webhooks for tests, on 127.0.0.1: it keeps every request (headers and the
 * raw body, byte for byte, since the signature is over those bytes) and answers 200 unless the
 * test programmed other answers (`programmer`, used in order). `arreter` closes it (a receiver
 * that is down), `redemarrer` listens again on the same port.
 */
export interface RequeteWebhook {
  entetes: http.IncomingHttpHeaders
  corps: string
  chemin: string
}

export interface RecepteurWebhooks {
  url: string
  requetes: RequeteWebhook[]
  programmer: (...statuts: { status: number; headers?: Record<string, string> }[]) => void
  arreter: () => Promise<void>
  redemarrer: () => Promise<void>
  fermer: () => Promise<void>
}

export async function demarrerRecepteurWebhooks(): Promise<RecepteurWebhooks> {
  const programmees: { status: number; headers?: Record<string, string> }[] = []
  const requetes: RequeteWebhook[] = []
  const serveur = http.createServer((req, res) => {
    const morceaux: Buffer[] = []
    req.on('data', (m: Buffer) => morceaux.push(m))
    req.on('end', () => {
      requetes.push({ entetes: req.headers, corps: Buffer.concat(morceaux).toString('utf8'), chemin: req.url ?? '' })
      const r = programmees.shift() ?? { status: 200 }
      res.writeHead(r.status, { 'Content-Type': 'text/plain', ...r.headers })
      res.end(r.status >= 200 && r.status < 300 ? 'ok' : `refus ${r.status}`)
    })
  })
  const ecouter = (port: number) => new Promise<void>((r) => serveur.listen(port, '127.0.0.1', () => r()))
  await ecouter(0)
  const port = (serveur.address() as AddressInfo).port
  const fermerServeur = async () => {
    if (!serveur.listening) return
    serveur.closeAllConnections()
    await new Promise<void>((r) => serveur.close(() => r()))
  }
  return {
    url: `http://127.0.0.1:${port}/webhooks/monopco`,
    requetes,
    programmer: (...s) => void programmees.push(...s),
    arreter: fermerServeur,
    redemarrer: () => ecouter(port),
    fermer: fermerServeur,
  }
}
