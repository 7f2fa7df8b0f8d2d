/** The e-mail templates (French, one layout, HTML + plain text). */
export { rendre, META_MODELE, type EmailRendu, type MessageEmail, type Bloc } from './layout'
export * from './donnees'
export * from './dossier'
export * from './reponse'
export * from './comptes'
export * from './relances'
export * from './rattachements'
export * from './emargement'
