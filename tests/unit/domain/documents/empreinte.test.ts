import { describe, expect, it } from '@jest/globals'
import { chargerConfigurationDocuments } from '@/src/config/documents'
import { construireModele, signataireEntreprise } from '@/src/domain/documents/modele'
import { empreinteDocument, valeursImprimees, valeursImprimeesChangees } from '@/src/domain/documents/empreinte'
import { normaliserTexte } from '@/src/domain/documents/mentions'
import type { EntreesDocument, TypeDocument, VueConvention, VueDemandePriseEnCharge } from '@/src/domain/documents/types'
import { montantDemande } from '@/src/domain/funding/demande'
import { euros } from '@/src/domain/documents/format'
import { entreesDe } from '@/tests/helpers/documents'

const config = chargerConfigurationDocuments()
const vue = (type: TypeDocument, e: EntreesDocument) => construireModele(type, e, config)

describe('valeurs imprimées : détecter qu’un document ne dit plus la vérité', () => {
  const e = entreesDe('convention')
  const empreinte = empreinteDocument(vue('convention', e))

  it('mêmes données : même empreinte, même si la date d’édition change', () => {
    expect(empreinteDocument(vue('convention', { ...e }))).toBe(empreinte)
    expect(empreinteDocument(vue('convention', { ...e, dateEdition: '2027-01-15T10:00:00.000Z' }))).toBe(empreinte)
    expect(valeursImprimeesChangees(empreinte, vue('convention', { ...e, dateEdition: '2027-01-15T10:00:00.000Z' }))).toBe(false)
    expect(empreinte).toMatch(/^[0-9a-f]{64}$/)
    expect(valeursImprimees(vue('convention', e))).not.toContain('02/02/2026')
  })

  it('adresse de l’entreprise modifiée : changé', () => {
    const autre = { ...e, entreprise: { ...e.entreprise, adresse: { rue: '3 quai Perrache', codePostal: '69002', ville: 'Lyon' } } }
    expect(valeursImprimeesChangees(empreinte, vue('convention', autre))).toBe(true)
  })

  it('signataire, organisme, OPCO, dossier modifiés : changé', () => {
    expect(valeursImprimeesChangees(empreinte, vue('convention', { ...e, entreprise: { ...e.entreprise, signataire: { nom: 'Roux', prenom: 'Anne', fonction: 'Gérante' } } }))).toBe(true)
    expect(valeursImprimeesChangees(empreinte, vue('convention', { ...e, organisme: { ...e.organisme, nda: '11755555576' } }))).toBe(true)
    expect(valeursImprimeesChangees(empreinte, vue('convention', { ...e, opco: { ...e.opco, nom: 'Atlas (nouveau nom)' } }))).toBe(true)
    expect(valeursImprimeesChangees(empreinte, vue('convention', { ...e, dossier: { ...e.dossier, formation: { ...e.dossier.formation, dureeHeures: 21 } } }))).toBe(true)
  })

  it('une valeur que la convention n’imprime pas (réponse de l’OPCO, statut) : inchangé', () => {
    const repondu = { ...e, dossier: { ...e.dossier, status: 'accepte', numeroDossierOpco: 'ATL-2027-000001', montantValide: 99_000 } }
    expect(valeursImprimeesChangees(empreinte, vue('convention', repondu))).toBe(false)
  })

  it('sans empreinte enregistrée (document ancien) : on ne sait pas, pas de nouvelle version automatique', () => {
    expect(valeursImprimeesChangees(null, vue('convention', e))).toBe(false)
    expect(valeursImprimeesChangees('', vue('convention', e))).toBe(false)
  })
})

describe('la convention ne dit rien de la réponse de l’OPCO, et nomme le signataire', () => {
  it('pas de n° de dossier OPCO ni de montant accordé, « en attente » nulle part', () => {
    const v = vue('convention', entreesDe('convention')) as VueConvention
    const tout = normaliserTexte(valeursImprimees(v))
    expect(tout).not.toMatch(/accordée|en attente de la décision|N° de dossier OPCO/)
    const financement = v.sections.find((s) => s.titre.includes('Financement'))!
    expect(financement.champs.map((c) => c.libelle)).toEqual(['Financeur (OPCO)', 'Prise en charge demandée'])
  })

  it('le signataire de l’entreprise : dans la partie et le bloc de signature', () => {
    const e = entreesDe('convention')
    const avec = { ...e, entreprise: { ...e.entreprise, signataire: { nom: 'Roux', prenom: 'Anne', fonction: 'Gérante' } } }
    expect(signataireEntreprise(avec.entreprise)).toBe('Anne Roux, Gérante')
    const v = vue('convention', avec) as VueConvention
    expect(v.parties[1]!.champs).toContainEqual({ libelle: 'Représentée par', valeur: 'Anne Roux, Gérante' })
    expect(v.signatures[0]!.nom).toBe(`${String(e.entreprise?.raisonSociale)}, représentée par Anne Roux, Gérante`)
    expect(signataireEntreprise({ signataire: { nom: '', prenom: null } })).toBeNull()
  })
})

describe('demande de prise en charge : le montant demandé est montantDemande', () => {
  it('estimation présente : elle', () => {
    const e = entreesDe('demande_prise_en_charge')
    const v = vue('demande_prise_en_charge', e) as VueDemandePriseEnCharge
    const champ = v.sections.flatMap((s) => s.champs).find((c) => c.libelle === 'Montant de prise en charge demandé')!
    expect(champ.valeur).toBe(`${euros(montantDemande(e.dossier))} HT`)
  })
  it('sans estimation : le coût total, jamais « — »', () => {
    const e = entreesDe('demande_prise_en_charge')
    const sans = { ...e, dossier: { ...e.dossier, montantEstime: null } }
    const v = vue('demande_prise_en_charge', sans) as VueDemandePriseEnCharge
    const champ = v.sections.flatMap((s) => s.champs).find((c) => c.libelle === 'Montant de prise en charge demandé')!
    expect(champ.valeur).toBe(`${euros(e.dossier.coutTotalHT)} HT`)
  })
})
