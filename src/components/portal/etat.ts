/** State of a portal form between the server action and the re-rendered page (input is never lost). */
export interface EtatFormulaire {
  erreurs: Record<string, string>
  valeurs: Record<string, string>
  message?: string
  succes?: string
  version: number
}

export const ETAT_INITIAL: EtatFormulaire = { erreurs: {}, valeurs: {}, version: 0 }

export function valeursDe(fd: FormData): Record<string, string> {
  const v: Record<string, string> = {}
  for (const [k, val] of fd.entries()) if (typeof val === 'string' && !k.startsWith('$ACTION')) v[k] = val
  return v
}

export type ActionFormulaire = (etat: EtatFormulaire, fd: FormData) => Promise<EtatFormulaire>

export interface ChampDef {
  nom: string
  libelle: string
  type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'number' | 'textarea' | 'select' | 'checkbox' | 'hidden' | 'siret' | 'euros'
  options?: { valeur: string; libelle: string }[]
  requis?: boolean
  aide?: string
  autocomplete?: string
  /** `siret` only: a valid SIRET fills the form from the State's register (RechercheSiret). */
  rechercheRegistre?: boolean
}
