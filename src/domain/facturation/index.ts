/**
 * Facturation (DOMAIN.md §3 étape 7, §4 « Facture »), sans dépendance Payload : format des
 * numéros, factures d'un dossier (subrogation, prorata des heures faites, TVA, échéance), calculs
 * au centime, contrôle avant émission, avoir.
 */
export * from './numero'
export * from './montants'
export * from './regles'
export * from './pieces'
export * from './statuts'
