/**
 * Builders of the demo dossiers, their payments and messages, from the reference data
 * (./reference, ./acteurs, ./catalogues) and the seeded calendar (./outils): the same day gives
 * the same data. Amounts requested come from the OPCO rules the demo writes.
 */
import type { StatutDossier, StatutPaiementDossier, TypeFormation } from '@/src/domain/statuts'
import { dansGroupe, STATUTS_ACCORD, STATUTS_ENVOYES_OPCO } from '@/src/domain/workflow/groupes'
import { estimerDossier } from '@/src/domain/funding/dossier'
import { statutPaiementDossier } from '@/src/domain/paiements'
import { texteRiche } from '@/src/domain/texteRiche'
import { BATIR, BILANS, NUMERIA, SIRET_ATELIER_BTP, SIRET_CAMPUS, SIRET_CAP_BILAN } from './acteurs'
import { JOUR_MS, majuscule, slugEmail, type CalendrierDemo } from './outils'
import { EMAILS_DEMO, REPARTITION_STATUTS } from './reference'
import type { DossierDemo, MessageDemo, OpcoDemo, PaiementDemo, RegleFinancementDemo } from './types'
import { STATUT_PAIEMENT } from '@/src/domain/paiements'

const ENVOYE = (s: StatutDossier): boolean => dansGroupe(STATUTS_ENVOYES_OPCO, s)
/** Sent and answered by the OPCO (documents asked for, or a decision). */
const REPONDU = (s: StatutDossier): boolean => ENVOYE(s) && s !== 'envoye_opco'
const ACCEPTE = (s: StatutDossier): boolean => dansGroupe(STATUTS_ACCORD, s)

/** The demo dossiers (REPARTITION_STATUTS, alternating Numéria and Bâtir Ouest) and the payments they received. */
export function construireDossiers(
  cal: CalendrierDemo,
  opcos: readonly OpcoDemo[],
  adminEmail: string,
): { dossiers: DossierDemo[]; paiements: PaiementDemo[] } {
  const { t0, rnd, entre, jour, horodatage, ouvre } = cal
  const reglesDe = (code: string): RegleFinancementDemo[] => opcos.find((o) => o.code === code)?.reglesFinancement ?? []
  const dossiers: DossierDemo[] = []
  const paiements: PaiementDemo[] = []
  const compteurs = new Map<string, { formation: number; bilan: number; salarie: number }>()
  let numeroOpco = 0
  let virementEntreprise = 0
  let k = 0

  for (const [status, nombre] of REPARTITION_STATUTS) {
    for (let i = 0; i < nombre; i++, k++) {
      // Alternating companies gives every status both an ATLAS and a CONSTRUCTYS dossier.
      const entreprise = k % 2 === 0 ? NUMERIA : BATIR
      const refusQualiopi = status === 'refuse' && entreprise === BATIR
      const refusTardif = status === 'refuse' && entreprise === NUMERIA
      const typeFormation: TypeFormation = k % 5 === 2 && !refusQualiopi ? 'bilan' : 'formation'

      const c = compteurs.get(entreprise.siret) ?? { formation: 0, bilan: 0, salarie: 0 }
      compteurs.set(entreprise.siret, c)
      let formation = typeFormation === 'bilan' ? BILANS[c.bilan++ % BILANS.length]! : entreprise.catalogue[c.formation++ % entreprise.catalogue.length]!
      // "In training" needs a start before today and an end after it: at least 3 training days.
      while (status === 'en_formation' && formation.heures < 21) formation = entreprise.catalogue[c.formation++ % entreprise.catalogue.length]!
      const salarie = entreprise.salaries[c.salarie++ % entreprise.salaries.length]!

      const organisme = typeFormation === 'bilan' ? SIRET_CAP_BILAN : refusQualiopi ? SIRET_ATELIER_BTP : SIRET_CAMPUS
      const heures = formation.heures

      // Cost: hourly rate (60–220 € HT/h for a training, often an intra-company session; 55–110 €
      // for a bilan) drawn so the total stays within 1 200 € – 9 000 € HT, rounded to 10 €.
      const tauxMin = Math.max(typeFormation === 'bilan' ? 5_500 : 6_000, Math.ceil(120_000 / heures))
      const tauxMax = Math.max(tauxMin, Math.min(typeFormation === 'bilan' ? 11_000 : 22_000, Math.floor(900_000 / heures)))
      const cout = Math.min(900_000, Math.max(120_000, Math.round((heures * entre(tauxMin, tauxMax)) / 1_000) * 1_000))

      // Calendar: a bilan spreads over 6–10 weeks; a training runs on consecutive days up to 3
      // days, beyond that in weekly sessions.
      const nbJours = Math.ceil(heures / 7)
      const etendue = typeFormation === 'bilan' ? entre(42, 70) : nbJours <= 3 ? nbJours - 1 : (nbJours - 1) * 3
      let debut: number
      switch (status) {
        case 'brouillon': debut = entre(30, 90); break
        case 'soumis': debut = entre(25, 70); break
        case 'en_revue': debut = entre(21, 60); break
        case 'valide': debut = entre(20, 50); break
        case 'envoye_opco': debut = entre(15, 45); break
        case 'pieces_demandees': debut = entre(14, 40); break
        case 'accepte':
        case 'accepte_partiel': debut = entre(5, 30); break
        case 'refuse': debut = refusTardif ? -entre(10, 20) : entre(5, 25); break
        case 'en_formation': debut = -entre(1, etendue - 1); break
        case 'realise': debut = -entre(3, 15) - etendue; break
        case 'facture': debut = (i === 2 ? -entre(42, 50) : -entre(15, 35)) - etendue; break
        case 'paye': debut = -entre(45, 100) - etendue; break
        case 'cloture': debut = -entre(110, 240) - etendue; break
        case 'annule': debut = entre(10, 60); break
      }
      debut = ouvre(debut, status === 'en_formation' ? -1 : 1)
      // A start pulled back off a weekend must not bring an ongoing training's end back to today.
      const fin = ouvre(status === 'en_formation' ? Math.max(1, debut + etendue) : debut + etendue, 1)

      // The estimate the dossiers collection stores on save (src/domain/funding): this OPCO's rules,
      // the company's headcount, the type, hours, cost and start year. Demo simplification: what the
      // OPCO already granted the company that year is not deducted from the annual ceiling. Without
      // an applicable rule the whole cost is requested, as montantDemande says.
      const estimation = estimerDossier(
        { regles: reglesDe(entreprise.opco), opcoRenseigne: true, typeFormation, effectif: entreprise.effectif, dureeHeures: heures, coutTotalHT: cout, dateDebut: jour(debut) },
        new Date(t0),
      )
      const estime = estimation.montantEstime ?? cout

      // Workflow dates, in order: validation < sending (before the start, except the late
      // filing) < OPCO answer (before the start, and in the past).
      let validation: number | undefined
      let envoi: number | undefined
      let reponse: number | undefined
      if (ENVOYE(status)) {
        envoi = refusTardif ? Math.min(-1, debut + entre(2, 5)) : Math.min(-2, debut - 14) - entre(0, 10)
        validation = envoi - entre(1, 4)
        if (REPONDU(status)) {
          const limite = status === 'pieces_demandees' || status === 'refuse' ? -1 : Math.min(-1, debut - 1)
          reponse = Math.max(envoi + 1, Math.min(limite, envoi + entre(6, 21)))
        }
      } else if (status === 'valide' || (status === 'annule' && entreprise === BATIR)) {
        validation = -entre(1, 3)
      }

      let valide: number | undefined
      if (ACCEPTE(status)) {
        const partiel = status === 'accepte_partiel' || (status !== 'accepte' && k % 3 === 0)
        valide = partiel ? Math.max(1_000, Math.round((estime * (0.6 + rnd() * 0.25)) / 1_000) * 1_000) : estime
        valide = Math.min(valide, estime)
      }

      let numeroDossierOpco: string | undefined
      if (envoi !== undefined) {
        numeroOpco++
        const prefixe = entreprise.opco === 'ATLAS' ? 'ATL' : 'CSY'
        const anneeEnvoi = new Date(t0 + envoi * JOUR_MS).getUTCFullYear()
        numeroDossierOpco = `${prefixe}-${anneeEnvoi}-${String(104_217 + numeroOpco * 173).padStart(6, '0')}`
      }

      // Payments: the OPCO pays the validated amount (subrogation), the company the remainder.
      const cle = `D${String(k + 1).padStart(2, '0')}`
      const paiementsAvant = paiements.length
      const reste = valide === undefined ? 0 : cout - valide
      const payerEntreprise = (): void => {
        if (reste <= 0) return
        virementEntreprise++
        paiements.push({ dossier: cle, montant: reste, date: jour(Math.min(-1, fin + entre(5, 15))), payeur: 'entreprise', reference: `VIR-${entreprise.siret.slice(0, 9)}-${String(virementEntreprise).padStart(4, '0')}`, statut: STATUT_PAIEMENT.recu })
      }
      if (status === 'facture') {
        // One awaiting payment, one where only the company's share came in, one overdue (> 30 days).
        if (i === 1) payerEntreprise()
      } else if (status === 'paye' || status === 'cloture') {
        paiements.push({ dossier: cle, montant: valide!, date: jour(Math.min(-1, fin + entre(20, 40))), payeur: 'opco', reference: `${numeroDossierOpco!}-REGL`, statut: STATUT_PAIEMENT.recu })
        payerEntreprise()
      }
      // Derived exactly as the payments collection derives it once they are recorded.
      const paymentStatus: StatutPaiementDossier = statutPaiementDossier(valide, paiements.slice(paiementsAvant))

      const lieu =
        typeFormation === 'bilan'
          ? `Entretiens en visioconférence et à l’antenne de ${entreprise.adresse.ville}`
          : formation.modalite === 'distanciel'
            ? 'À distance (classe virtuelle)'
            : refusQualiopi
              ? '14 rue de la Mabilais, 35000 Rennes'
              : formation.modalite === 'mixte'
                ? `${entreprise.lieuIntra} et à distance`
                : entreprise.lieuIntra

      const benef = {
        nom: salarie.nom,
        prenom: salarie.prenom,
        email: `${slugEmail(salarie.prenom)}.${slugEmail(salarie.nom)}@${entreprise.domaineEmail}`,
        telephone: `06 39 98 ${String(20 + k).padStart(2, '0')} ${String(10 + ((k * 37) % 90)).padStart(2, '0')}`,
      }

      const dossier: DossierDemo = {
        cle,
        typeFormation,
        status,
        owner: entreprise.proprietaire!,
        beneficiaire: benef,
        company: entreprise.siret,
        opco: entreprise.opco,
        formation: {
          titre: formation.titre,
          objectifs: texteRiche(...formation.objectifs.split(' ; ').map((o) => majuscule(o.replace(/\.$/, '')) + '.')),
          organisme,
          dureeHeures: heures,
          dateDebut: jour(debut),
          dateFin: jour(fin),
          lieu,
          modalite: formation.modalite,
        },
        coutTotalHT: cout,
        montantEstime: estime,
        paymentStatus,
        justification: texteRiche(
          `Demande pour ${benef.prenom} ${benef.nom} (${entreprise.raisonSociale}) : ${formation.besoin}.`,
          typeFormation === 'bilan'
            ? 'Le bilan a été proposé lors de l’entretien professionnel, avec l’accord de la personne concernée, seule destinataire de ses résultats.'
            : 'Le besoin a été identifié lors de l’entretien professionnel et figure au plan de développement des compétences de l’année.',
        ),
      }
      // Submitted a few days before validation (or recently, when not validated yet). No draw from
      // the random sequence: every other demo value stays as it was.
      if (status !== 'brouillon') {
        const soumission = (validation ?? envoi ?? -1) - ((k % 5) + 2)
        dossier.soumissionDate = new Date(t0 + soumission * JOUR_MS + 9 * 3_600_000 + (k % 60) * 60_000).toISOString()
      }
      if (valide !== undefined) dossier.montantValide = valide
      if (numeroDossierOpco !== undefined) dossier.numeroDossierOpco = numeroDossierOpco
      if (validation !== undefined) {
        dossier.validationAdminDate = horodatage(validation)
        dossier.validationAdminBy = adminEmail
      }
      if (envoi !== undefined) dossier.envoiOpcoDate = horodatage(envoi)
      if (reponse !== undefined) dossier.reponseOpcoDate = horodatage(reponse)
      if (refusTardif) dossier.motifRefus = 'Demande de prise en charge reçue après le début de la formation : elle ne peut pas être financée.'
      if (refusQualiopi) dossier.motifRefus = 'L’organisme de formation ne dispose pas d’une certification Qualiopi valide à la date de début de l’action.'
      dossiers.push(dossier)
    }
  }

  return { dossiers, paiements }
}

/** A few conversations on the first dossiers of some statuses. */
export function construireMessages(dossiers: readonly DossierDemo[], adminEmail: string): MessageDemo[] {
  const premier = (status: StatutDossier, siret: string): DossierDemo => dossiers.find((d) => d.status === status && d.company === siret)!
  const brouillonNumeria = premier('brouillon', NUMERIA.siret)
  const piecesBatir = premier('pieces_demandees', BATIR.siret)
  const enFormationNumeria = premier('en_formation', NUMERIA.siret)
  return [
    { dossier: brouillonNumeria.cle, auteur: EMAILS_DEMO.beneficiaire, body: texteRiche('Bonjour, le devis de l’organisme suffit-il, ou faut-il aussi joindre le programme détaillé ?') },
    { dossier: brouillonNumeria.cle, auteur: adminEmail, body: texteRiche('Bonjour, il faut les deux : le devis et le programme avec des objectifs évaluables.', 'Vous pouvez les déposer dans l’onglet Documents du dossier, puis le soumettre.') },
    { dossier: piecesBatir.cle, auteur: adminEmail, body: texteRiche('L’OPCO demande le programme détaillé, daté et signé par l’organisme de formation. Merci de le déposer pour que nous puissions renvoyer le dossier.') },
    { dossier: piecesBatir.cle, auteur: EMAILS_DEMO.rh, body: texteRiche('C’est noté, je le demande à l’organisme et je le dépose dès réception.') },
    { dossier: enFormationNumeria.cle, auteur: EMAILS_DEMO.beneficiaire, body: texteRiche('Une session a été décalée d’une semaine par l’organisme : faut-il prévenir l’OPCO ?') },
  ]
}
