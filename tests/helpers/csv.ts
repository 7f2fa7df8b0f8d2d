/**
 * A strict RFC 4180 reader for the tests (quotes, doubled quotes, separators and line breaks
 * inside quotes): exports are parsed for real, not searched as text.
 */
export function lireCsv(texte: string, separateur = ';'): string[][] {
  const lignes: string[][] = []
  let ligne: string[] = []
  let champ = ''
  let i = 0
  let guillemets = false
  while (i < texte.length) {
    const c = texte[i]!
    if (guillemets) {
      if (c === '"' && texte[i + 1] === '"') {
        champ += '"'
        i += 2
        continue
      }
      if (c === '"') {
        guillemets = false
        i++
        continue
      }
      champ += c
      i++
      continue
    }
    if (c === '"' && champ === '') {
      guillemets = true
      i++
    } else if (c === separateur) {
      ligne.push(champ)
      champ = ''
      i++
    } else if (c === '\r' && texte[i + 1] === '\n') {
      ligne.push(champ)
      lignes.push(ligne)
      ligne = []
      champ = ''
      i += 2
    } else if (c === '\n') {
      ligne.push(champ)
      lignes.push(ligne)
      ligne = []
      champ = ''
      i++
    } else {
      champ += c
      i++
    }
  }
  if (guillemets) throw new Error('CSV invalide : guillemet non fermé')
  if (champ !== '' || ligne.length > 0) {
    ligne.push(champ)
    lignes.push(ligne)
  }
  return lignes
}
