import { describe, expect, it } from '@jest/globals'
import { comparerAuDossier, lireValeurs, normaliserTexte, type ValeursDossier } from '@/src/domain/coherenceDocuments'

// Valid SIRETs (Luhn): the company's, the provider's, and an outdated establishment of the company.
const SIRET_ENTREPRISE = '73282932000074'
const SIRET_ORGANISME = '44306184100047'
const SIRET_ANCIEN = '73282932000041'

const DOSSIER: ValeursDossier = {
  siretEntreprise: SIRET_ENTREPRISE,
  siretOrganisme: SIRET_ORGANISME,
  ndaOrganisme: '11 75 12345 75',
  coutTotalHTCentimes: 228_000,
  dureeHeures: 35,
  dateDebut: '2027-01-20T00:00:00.000Z',
  dateFin: '2027-01-26T00:00:00.000Z',
  titre: 'Excel avancé : tableaux croisés dynamiques',
  stagiaire: { nom: 'Lefèvre', prenom: 'Camille' },
}

const devis = (o: { ht?: string; duree?: string; periode?: string; siret?: string; nda?: string; titre?: string } = {}) =>
  [
    'FORMA PLUS SARL — SIRET 443 061 841 00047 — N° de déclaration d’activité : 11 75 12345 75',
    `DEVIS N° D-2026-118 pour ACME INDUSTRIE, SIRET ${o.siret ?? '732 829 320 00074'}`,
    `Intitulé : ${o.titre ?? 'Excel avancé – tableaux croisés dynamiques'}`,
    `Durée : ${o.duree ?? '35 heures'}, ${o.periode ?? 'du 20/01/2027 au 26/01/2027'}`,
    'Module 1 : 1 140,00 € HT',
    'Module 2 : 1 140,00 € HT',
    `Total HT : ${o.ht ?? '2 280,00'} €`,
    'TVA 20 % : 456,00 €',
    'Total TTC : 2 736,00 €',
  ].join('\n')

describe('lecture des valeurs', () => {
  it('un devis complet', () => {
    const v = lireValeurs(devis())
    expect(v.sirets.sort()).toEqual([SIRET_ORGANISME, SIRET_ENTREPRISE].sort())
    expect(v.nda).toBe('11751234575')
    expect(v.montantHTCentimes).toBe(228_000) // the total, not a line
    expect(v.montantTTCCentimes).toBe(273_600)
    expect(v.heures).toBe(35)
    expect(v.dateDebut).toBe('2027-01-20')
    expect(v.dateFin).toBe('2027-01-26')
  })
  it('formes d’écriture : montant puis HT, espaces insécables, mois en lettres, heures décimales', () => {
    const v = lireValeurs('Prix : 2\u202f400,00\u00a0€ HT.\nDurée totale de la formation : 10,5 h\nFormation du 1er mars 2027 au 3 mars 2027')
    expect(v.montantHTCentimes).toBe(240_000)
    expect(v.heures).toBe(10.5)
    expect(v.dateDebut).toBe('2027-03-01')
    expect(v.dateFin).toBe('2027-03-03')
  })
  it('« HT, soit … TTC » : chaque montant à son étiquette', () => {
    const v = lireValeurs('Montant de la prestation : 472,50 € HT, soit 567,00 € TTC')
    expect([v.montantHTCentimes, v.montantTTCCentimes]).toEqual([47_250, 56_700])
    const w = lireValeurs('Prix TTC : 567,00 € ; HT : 472,50 €')
    expect([w.montantHTCentimes, w.montantTTCCentimes]).toEqual([47_250, 56_700])
  })
  it('« 5 jours (35 heures) », jours de la semaine, « H.T. » et « EUR »', () => {
    const v = lireValeurs('Durée : 5 jours (35 heures)\nFormation du lundi 1er mars 2027 au vendredi 5 mars 2027\nTotal H.T. : 2.280,00 EUR')
    expect([v.heures, v.dateDebut, v.dateFin, v.montantHTCentimes]).toEqual([35, '2027-03-01', '2027-03-05', 228_000])
    expect(lireValeurs('Date de début : mardi 2 mars 2027').dateDebut).toBe('2027-03-02')
    expect(lireValeurs('Durée : 2 jours').heures).toBeNull()
  })
  it('ce qui n’est pas étiqueté n’est pas lu', () => {
    const v = lireValeurs('Nous vous remercions. 2 400,00 € 35 heures 20/01/2027 12345678901')
    expect(v).toMatchObject({ montantHTCentimes: null, heures: null, dateDebut: null, dateFin: null, nda: null, sirets: [] })
  })
  it('des horaires « 09h00 » ne sont pas des durées ; un SIRET à la clé fausse est ignoré', () => {
    const v = lireValeurs('Durée : de 09h00 à 12h30. SIRET 732 829 320 00075')
    expect(v.heures).toBeNull()
    expect(v.sirets).toEqual([])
  })
  it('dates impossibles ignorées', () => {
    expect(lireValeurs('du 30/02/2027 au 31/04/2027').dateDebut).toBeNull()
  })
  it('texte normalisé', () => {
    expect(normaliserTexte('Excel avancé : Tableaux-croisés')).toBe('excel avance tableaux croises')
  })
})

describe('comparaison au dossier', () => {
  it('un devis conforme : aucun écart', () => {
    expect(comparerAuDossier('devis', lireValeurs(devis()), DOSSIER)).toEqual([])
  })
  it('montant différent : les deux valeurs dans le message', () => {
    const e = comparerAuDossier('devis', lireValeurs(devis({ ht: '2 400,00' })), DOSSIER)
    expect(e).toHaveLength(1)
    expect(e[0]).toMatchObject({ champ: 'coutTotalHT', trouve: '2\u00a0400,00\u00a0€ HT', attendu: '2\u00a0280,00\u00a0€' })
    expect(e[0]?.message).toBe('Devis : 2\u00a0400,00\u00a0€ HT ≠ coût saisi 2\u00a0280,00\u00a0€')
  })
  it('durée, dates, SIRET périmé, NDA, intitulé', () => {
    const e = comparerAuDossier(
      'convention',
      lireValeurs(devis({ duree: '28 heures', periode: 'du 21/01/2027 au 27/01/2027', siret: '732 829 320 00041', titre: 'Word débutant' }).replace('11 75 12345 75', '11 75 99999 75') + '\nStagiaire : Camille Lefèvre'),
      DOSSIER,
    )
    expect(e.map((x) => x.champ).sort()).toEqual(['company.siret', 'formation.dateDebut', 'formation.dateFin', 'formation.dureeHeures', 'formation.organisme.nda', 'formation.titre'].sort())
    const parChamp = Object.fromEntries(e.map((x) => [x.champ, x]))
    expect(parChamp['formation.dureeHeures']?.message).toBe('Convention : durée 28 h ≠ durée saisie 35 h')
    expect(parChamp['formation.dateDebut']?.message).toBe('Convention : début le 21/01/2027 ≠ début saisi le 20/01/2027')
    expect(parChamp['company.siret']).toMatchObject({ trouve: SIRET_ANCIEN, attendu: SIRET_ENTREPRISE })
    expect(parChamp['formation.organisme.nda']).toMatchObject({ trouve: '11759999975', attendu: '11751234575' })
  })
  it('le stagiaire doit être nommé sur la convention et la feuille d’émargement, pas sur le devis', () => {
    expect(comparerAuDossier('devis', lireValeurs(devis()), DOSSIER)).toEqual([])
    const conv = comparerAuDossier('convention', lireValeurs(devis()), DOSSIER)
    expect(conv).toEqual([expect.objectContaining({ champ: 'beneficiaire.nom', message: 'Convention : le stagiaire Camille Lefèvre n’y est pas nommé' })])
    expect(comparerAuDossier('convention', lireValeurs(devis() + '\nStagiaire : LEFEVRE Camille'), DOSSIER)).toEqual([])
  })
  it('un programme n’est comparé que sur la durée et l’intitulé', () => {
    const e = comparerAuDossier('programme', lireValeurs(devis({ ht: '9 999,00', siret: '732 829 320 00041', duree: '21 h' })), DOSSIER)
    expect(e.map((x) => x.champ)).toEqual(['formation.dureeHeures'])
  })
  it('le SIRET de l’organisme seul (sans celui du client) n’est pas un écart', () => {
    const texte = devis().replace('pour ACME INDUSTRIE, SIRET 732 829 320 00074', 'pour ACME INDUSTRIE')
    expect(comparerAuDossier('devis', lireValeurs(texte), DOSSIER)).toEqual([])
  })
  it('un dossier sans la valeur ne produit pas d’écart', () => {
    expect(comparerAuDossier('devis', lireValeurs(devis({ ht: '1,00' })), { ...DOSSIER, coutTotalHTCentimes: null })).toEqual([])
  })
})
