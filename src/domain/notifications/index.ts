export * from './destinataires'
export * from './relances'
export * from './envoi'
export * from './texte'
