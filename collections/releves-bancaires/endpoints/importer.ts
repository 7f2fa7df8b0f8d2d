import { endpoint } from '@/src/endpoints/endpoint'
import { json } from '@/src/endpoints/http'
import { typeDeMedia } from '@/src/security/corps'
import { ErreurMetier } from '@/src/domain/erreurs'
import { exigerAdmin, importerReleve } from '@/src/services/rapprochementBancaire'

const SANS_FICHIER = 'Joignez le relevé (CAMT.053 ou CSV) dans le champ « fichier » d’un formulaire multipart/form-data.'

/**
 * POST /api/rapprochements/releves (admins): multipart form, the statement in `fichier`. 201 with
 * the summary when something was added, 200 when the statement (or every operation) was known.
 */
export const importerReleveEndpoint = endpoint({
  path: '/rapprochements/releves',
  method: 'post',
  handler: async ({ req }) => {
    exigerAdmin(req)
    if (typeDeMedia(req.headers.get('content-type')) !== 'multipart/form-data' || !req.formData) throw new ErreurMetier(SANS_FICHIER, 400)
    let formulaire: FormData
    try {
      formulaire = await req.formData()
    } catch {
      throw new ErreurMetier('Formulaire multipart mal formé ou illisible.', 400)
    }
    const fichier = formulaire.get('fichier') ?? formulaire.get('file')
    if (fichier === null || typeof fichier === 'string') throw new ErreurMetier(SANS_FICHIER, 400)
    const resume = await importerReleve(req, new Uint8Array(await fichier.arrayBuffer()), fichier.name || 'releve')
    return json(resume, resume.nouvelles > 0 ? 201 : 200)
  },
})
