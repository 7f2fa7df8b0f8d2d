/** Modèle pur des documents générés : échappement HTML, mise en forme, modèles de vue, mentions. */
export * from './html'
export * from './format'
export * from './types'
export * from './modele'
export * from './mentions'
export * from './empreinte'
