import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local OpenAI-compatible server (POST /v1/chat/completions) on 127.0.0.1 for tests. By default
 * it answers a valid JSON object for the schema named in `response_format.json_schema.name`;
 * `programmer` queues other behaviours for the next requests: malformed JSON, an answer cut by
 * the length limit, a refusal, a valid JSON of the wrong shape, an HTTP error, or a delay longer
 * than the client's timeout. Every request body is kept (`requetes`) to check what was sent.
 */
export type Comportement =
  | { type: 'json'; contenu: unknown }
  | { type: 'malforme' }
  | { type: 'tronque' }
  | { type: 'refus' }
  | { type: 'lent'; ms: number }
  | { type: 'http'; status: number }

export interface OpenAiFactice {
  /** Base URL for OPENAI_BASE_URL (path `/v1` included). */
  url: string
  requetes: { autorisation: string | null; corps: Record<string, unknown> }[]
  programmer: (...c: Comportement[]) => void
  fermer: () => Promise<void>
}

/** A valid answer per schema; `[PERSONNE_1]` checks that markers come back restored. */
export const REPONSES_VALIDES: Record<string, unknown> = {
  justification: { justification: '[PERSONNE_1] [PERSONNE_2] doit maîtriser les tableaux croisés pour produire les reportings mensuels.', changements: ['Style professionnel', 'Phrases raccourcies'] },
  objectifs_programme: {
    objectifs: ['Être capable de construire un tableau croisé dynamique', 'Savoir automatiser un reporting'],
    programme: [
      { sequence: 'Tableaux structurés', dureeHeures: 7, contenu: 'Mise en forme, formules.' },
      { sequence: 'Tableaux croisés', dureeHeures: 7, contenu: 'Construction, filtres, graphiques.' },
    ],
  },
  narratif_conformite: { synthese: 'Le dossier présente un point bloquant.', corrections: [{ regle: 'organisme-qualiopi', action: 'Choisir un organisme certifié.' }] },
  explication_anomalie: { explication: 'Deux demandes identiques se chevauchent.', verifications: ['Vérifier auprès de [PERSONNE_1] [PERSONNE_2].'] },
}

export async function demarrerOpenAiFactice(cleApi: string): Promise<OpenAiFactice> {
  const file: Comportement[] = []
  const etat: OpenAiFactice = {
    url: '',
    requetes: [],
    programmer: (...c) => void file.push(...c),
    fermer: async () => {
      serveur.closeAllConnections()
      await new Promise<void>((r) => serveur.close(() => r()))
    },
  }
  const repondre = (res: http.ServerResponse, status: number, body: unknown) => {
    if (res.destroyed) return
    res.writeHead(status, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const completion = (modele: string, message: Record<string, unknown>, finish: string) => ({
    id: `chatcmpl-${etat.requetes.length}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: modele,
    choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, finish_reason: finish, logprobs: null }],
    usage: { prompt_tokens: 120, completion_tokens: 45, total_tokens: 165 },
  })
  const serveur = http.createServer((req, res) => {
    let brut = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (brut += c))
    req.on('end', async () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return repondre(res, 404, { error: { message: 'not found' } })
      const autorisation = req.headers.authorization ?? null
      let corps: Record<string, unknown>
      try {
        corps = JSON.parse(brut) as Record<string, unknown>
      } catch {
        return repondre(res, 400, { error: { message: 'invalid json' } })
      }
      etat.requetes.push({ autorisation, corps })
      if (autorisation !== `Bearer ${cleApi}`) return repondre(res, 401, { error: { message: 'invalid api key', type: 'invalid_request_error' } })
      const modele = String(corps.model ?? 'modele')
      const schema = ((corps.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name ?? '') as string
      const c = file.shift() ?? { type: 'json', contenu: REPONSES_VALIDES[schema] ?? {} }
      switch (c.type) {
        case 'json':
          return repondre(res, 200, completion(modele, { content: JSON.stringify(c.contenu) }, 'stop'))
        case 'malforme':
          return repondre(res, 200, completion(modele, { content: '{"justification": "texte sans fin' }, 'stop'))
        case 'tronque':
          return repondre(res, 200, completion(modele, { content: '{"justification": "Le bénéficiaire souhaite' }, 'length'))
        case 'refus':
          return repondre(res, 200, completion(modele, { content: null, refusal: 'Je ne peux pas aider avec cette demande.' }, 'stop'))
        case 'http':
          return repondre(res, c.status, { error: { message: 'erreur programmée', type: 'server_error' } })
        case 'lent':
          await new Promise((r) => setTimeout(r, c.ms))
          return repondre(res, 200, completion(modele, { content: JSON.stringify(REPONSES_VALIDES[schema] ?? {}) }, 'stop'))
      }
    })
  })
  await new Promise<void>((r) => serveur.listen(0, '127.0.0.1', () => r()))
  etat.url = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}/v1`
  return etat
}
