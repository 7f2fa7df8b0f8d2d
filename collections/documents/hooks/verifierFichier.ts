import { randomBytes } from 'node:crypto'
import { APIError, type CollectionBeforeOperationHook } from 'payload'
import { detecterTypeFichier, nettoyerNomFichier, nomFichierStocke, verifierContenuFichier, verifierNomFichier } from '@/src/domain/fichiers'

/** Checked on the bytes before anything is stored: type, size, name. */
export const verifierFichier: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = req.file
  if (!file) {
    if (operation === 'create') throw new APIError('Aucun fichier reçu.', 400, undefined, true)
    return args
  }
  const bytes = new Uint8Array(file.data.buffer, file.data.byteOffset, file.data.byteLength)
  const erreur = verifierContenuFichier(bytes, file.size ?? file.data.byteLength)
  if (erreur) throw new APIError(erreur, erreur.includes('taille') ? 413 : erreur.includes('vide') ? 400 : 415, undefined, true)
  const type = detecterTypeFichier(bytes)!
  const refusNom = verifierNomFichier(file.name ?? '')
  if (refusNom) throw new APIError(refusNom, 400, undefined, true)
  file.mimetype = type
  // Names chosen by people get a random suffix (no two uploads can claim the same file, no
  // name can be guessed); server code (generated documents) names its files itself.
  const nettoye = nettoyerNomFichier(file.name, type)
  file.name = req.payloadAPI === 'local' ? nettoye : nomFichierStocke(nettoye, randomBytes(4).toString('hex'))
  return args
}
