import Link from 'next/link'
import { notFound } from 'next/navigation'
import { formaterDateFr } from '@/src/domain/dates'
import { centimesEnEuros, formaterEuros } from '@/src/domain/money'
import { texteBrut } from '@/src/domain/texteRiche'
import { montantDemande } from '@/src/domain/funding/demande'
import { STATUTS_EDITABLES_PAR_BENEFICIAIRE, type StatutDossier } from '@/src/domain/statuts'
import { Formulaire } from '@/src/components/portal/Formulaire'
import { CHAMPS_BENEFICIAIRE, Etapes, LIBELLES_ETAPES, type EtapeAssistant } from '@/src/components/portal/Assistant'
import { chargerDossier, exigerUtilisateur, nomDe, type Dossier } from '@/src/services/portail/dossiers'
import { Estimation } from '@/src/components/portal/Estimation'
import { EstimationDirecte } from '@/src/components/portal/EstimationDirecte'
import { BoutonAction } from '@/src/components/portal/BoutonAction'
import { confirmationDe, TEXTE_CERTIFICATION } from '@/src/domain/workflow'
import { payloadPortail } from '@/src/services/portail/serveur'
import { agirSurDossier, enregistrerEtape, type Etape } from '@/src/app/(portal)/dossiers/actions'
import { demanderRattachementPortail } from '@/src/app/(portal)/rattachements'
import { DemandeEnAttente } from '@/src/components/portal/Rattachements'
import { derniereDemande } from '@/src/services/portail/rattachements'

export const metadata = { title: 'Dossier — MonOPCO' }

const dateIso = (v: unknown): string => (typeof v === 'string' && v ? v.slice(0, 10) : '')

/** Printed on the convention and the demande de prise en charge: asked here, editable later. */
const CHAMPS_IMPRIMES = [
  { nom: 'adresse.rue', libelle: 'Adresse de l’entreprise : numéro et voie', autocomplete: 'address-line1', aide: 'Imprimée sur la convention et la demande de prise en charge.' },
  { nom: 'adresse.codePostal', libelle: 'Code postal', autocomplete: 'postal-code' },
  { nom: 'adresse.ville', libelle: 'Ville', autocomplete: 'address-level2' },
  { nom: 'signataire.prenom', libelle: 'Signataire de la convention : prénom', autocomplete: 'given-name', aide: 'La personne qui signe la convention pour l’entreprise.' },
  { nom: 'signataire.nom', libelle: 'Signataire : nom', autocomplete: 'family-name' },
  { nom: 'signataire.fonction', libelle: 'Signataire : fonction', autocomplete: 'organization-title', aide: 'Par exemple : gérante, directeur des ressources humaines.' },
]

const valeursImprimees = (c: Record<string, unknown> | null): Record<string, string> => {
  const a = (c?.adresse ?? {}) as Record<string, unknown>
  const s = (c?.signataire ?? {}) as Record<string, unknown>
  const v = (x: unknown) => (typeof x === 'string' ? x : '')
  return {
    'adresse.rue': v(a.rue),
    'adresse.codePostal': v(a.codePostal),
    'adresse.ville': v(a.ville),
    'signataire.prenom': v(s.prenom),
    'signataire.nom': v(s.nom),
    'signataire.fonction': v(s.fonction),
  }
}

export default async function EtapeDossier({ params, searchParams }: { params: Promise<{ id: string; etape: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id: brut, etape } = await params
  const { rattacher } = await searchParams
  if (!(etape in LIBELLES_ETAPES)) notFound()
  const user = await exigerUtilisateur(`/dossiers/${brut}/modifier/${etape}`)
  const d: Dossier = await chargerDossier(brut, user, 1)
  const id = Number(d.id)
  const editable = STATUTS_EDITABLES_PAR_BENEFICIAIRE.includes(d.status as StatutDossier)
  const f = (d.formation ?? {}) as Record<string, unknown>
  const titre = `${d.reference ?? 'Dossier'} — ${LIBELLES_ETAPES[etape as EtapeAssistant]}`
  if (!editable && etape !== 'recapitulatif') {
    return (
      <>
        <h1>{titre}</h1>
        <p className="alerte alerte-info">Ce dossier a été envoyé : il ne se modifie plus. <Link href={`/dossiers/${id}`}>Retour au dossier</Link></p>
      </>
    )
  }
  const action = (e: Etape) => enregistrerEtape.bind(null, id, e)
  let contenu: React.ReactNode = null
  if (etape === 'beneficiaire') {
    contenu = (
      <Formulaire
        nom="Bénéficiaire"
        action={action('beneficiaire')}
        bouton="Enregistrer et continuer"
        valeurs={{
          typeFormation: String(d.typeFormation ?? 'formation'),
          'beneficiaire.nom': d.beneficiaire?.nom ?? '',
          'beneficiaire.prenom': d.beneficiaire?.prenom ?? '',
          'beneficiaire.email': d.beneficiaire?.email ?? '',
          'beneficiaire.telephone': d.beneficiaire?.telephone ?? '',
        }}
        champs={CHAMPS_BENEFICIAIRE}
      />
    )
  } else if (etape === 'entreprise') {
    const payload = await payloadPortail()
    const companyId = user.company && typeof user.company === 'object' ? (user.company as { id: number }).id : (user.company as number | null | undefined)
    const company = companyId != null ? ((await payload.findByID({ collection: 'companies', id: companyId, depth: 1, user, overrideAccess: false }).catch(() => null)) as Record<string, unknown> | null) : null
    const demande = company ? null : await derniereDemande(user)
    const siretARattacher = typeof rattacher === 'string' && /^\d{14}$/.test(rattacher) ? rattacher : null
    contenu = company ? (
      <>
        <dl className="resume">
          <dt>Entreprise</dt>
          <dd>{String(company.raisonSociale ?? '')}</dd>
          <dt>SIRET</dt>
          <dd>{String(company.siret ?? '')}</dd>
          <dt>OPCO</dt>
          <dd>{nomDe(company.opco) || (nomDe(company.opcoSuggere) ? `${nomDe(company.opcoSuggere)} (suggéré d’après la convention collective)` : 'à déterminer par l’équipe MonOPCO')}</dd>
        </dl>
        <Formulaire nom="Entreprise" action={action('entreprise')} bouton="Utiliser cette entreprise et continuer" valeurs={valeursImprimees(company)} champs={CHAMPS_IMPRIMES} />
      </>
    ) : demande?.statut === 'en_attente' ? (
      <DemandeEnAttente demande={demande} />
    ) : siretARattacher ? (
      <div data-rattachement-proposition>
        <p className="alerte alerte-info" role="status">
          Une entreprise de SIRET {siretARattacher} est déjà inscrite sur MonOPCO. Pour déposer un dossier en son nom, demandez à y être rattaché : une personne
          déjà rattachée à l’entreprise ou l’équipe MonOPCO validera votre demande, et vous serez prévenu par e-mail.
        </p>
        <Formulaire nom="Rattachement" action={demanderRattachementPortail.bind(null, id, siretARattacher)} bouton="Demander le rattachement" champs={[]} />
        <p>
          <Link href={`/dossiers/${id}/modifier/entreprise`}>Ce n’est pas mon entreprise : saisir un autre SIRET</Link>
        </p>
      </div>
    ) : (
      <>
      {demande?.statut === 'refuse' ? (
        <p className="alerte alerte-erreur" role="status" data-rattachement-refuse>
          Votre demande de rattachement à l’entreprise de SIRET {demande.siret ?? '—'} a été refusée{demande.motif ? ` : ${demande.motif}` : '.'}
        </p>
      ) : null}
      <Formulaire
        nom="Entreprise"
        action={action('entreprise')}
        bouton="Enregistrer et continuer"
        champs={[
          { nom: 'siret', libelle: 'SIRET de l’entreprise', type: 'siret', requis: true, rechercheRegistre: true, aide: '14 chiffres, vérifiés pendant la saisie ; l’entreprise est ensuite cherchée dans le registre public pour remplir les champs suivants.' },
          { nom: 'raisonSociale', libelle: 'Raison sociale', requis: true, autocomplete: 'organization' },
          { nom: 'effectif', libelle: 'Effectif (salariés)', type: 'number' },
          { nom: 'idcc', libelle: 'IDCC (convention collective, facultatif)', aide: '4 chiffres, sur la fiche de paie : il nous permet de proposer votre OPCO.' },
          { nom: 'codeNaf', libelle: 'Code NAF/APE (facultatif)', aide: 'Ex. 62.02A' },
          ...CHAMPS_IMPRIMES,
        ]}
      />
      </>
    )
  } else if (etape === 'formation') {
    const payload = await payloadPortail()
    const orgs = await payload.find({ collection: 'training-providers', user, overrideAccess: false, depth: 0, limit: 500, sort: 'nom' })
    contenu = (
      <Formulaire
        nom="Formation"
        action={action('formation')}
        bouton="Enregistrer et continuer"
        valeurs={{
          'formation.organisme': f.organisme ? String(typeof f.organisme === 'object' ? (f.organisme as { id: unknown }).id : f.organisme) : '',
          'formation.titre': String(f.titre ?? ''),
          'formation.objectifs': f.objectifs ? texteBrut(f.objectifs) : '',
          'formation.programme': String(f.programme ?? ''),
          'formation.dateDebut': dateIso(f.dateDebut),
          'formation.dateFin': dateIso(f.dateFin),
          'formation.dureeHeures': f.dureeHeures == null ? '' : String(f.dureeHeures).replace('.', ','),
          'formation.lieu': String(f.lieu ?? ''),
          'formation.modalite': String(f.modalite ?? ''),
        }}
        champs={[
          { nom: 'formation.organisme', libelle: 'Organisme de formation', type: 'select', requis: true, options: orgs.docs.map((o) => ({ valeur: String(o.id), libelle: String((o as { nom?: string }).nom ?? o.id) })), aide: 'Votre organisme n’est pas dans la liste ? Écrivez-nous depuis le dossier.' },
          { nom: 'formation.titre', libelle: 'Intitulé de la formation', requis: true },
          { nom: 'formation.objectifs', libelle: 'Objectifs', type: 'textarea', aide: 'Ce que la personne saura faire à la fin (un objectif par ligne).' },
          { nom: 'formation.programme', libelle: 'Programme', type: 'textarea', aide: 'Contenu et déroulé, jour par jour.' },
          { nom: 'formation.dateDebut', libelle: 'Date de début', type: 'date', requis: true },
          { nom: 'formation.dateFin', libelle: 'Date de fin', type: 'date', requis: true },
          { nom: 'formation.dureeHeures', libelle: 'Durée (heures)', type: 'number', requis: true },
          { nom: 'formation.lieu', libelle: 'Lieu' },
          { nom: 'formation.modalite', libelle: 'Modalité', type: 'select', options: [{ valeur: 'presentiel', libelle: 'Présentiel' }, { valeur: 'distanciel', libelle: 'À distance' }, { valeur: 'mixte', libelle: 'Mixte' }] },
        ]}
      />
    )
  } else if (etape === 'couts') {
    contenu = (
      <>
        <Formulaire
          nom="Coûts"
          action={action('couts')}
          bouton="Calculer et continuer"
          valeurs={{ coutTotalHT: typeof d.coutTotalHT === 'number' ? centimesEnEuros(d.coutTotalHT).replace('.', ',') : '', subrogation: d.subrogation === false ? '' : 'oui' }}
          champs={[
            { nom: 'coutTotalHT', libelle: 'Coût total HT (en euros)', type: 'euros', requis: true, aide: 'Montant du devis hors taxes, par exemple 1 400,00.' },
            { nom: 'subrogation', libelle: 'L’OPCO paie directement l’organisme (subrogation)', type: 'checkbox' },
          ]}
        />
        <EstimationDirecte dossierId={d.id} formulaire="Coûts">
          <Estimation dossier={d} />
        </EstimationDirecte>
      </>
    )
  } else {
    contenu = (
      <>
        <dl className="resume">
          <dt>Type</dt>
          <dd>{d.typeFormation === 'bilan' ? 'Bilan de compétences' : 'Formation'}</dd>
          <dt>Personne formée</dt>
          <dd>{[d.beneficiaire?.prenom, d.beneficiaire?.nom].filter(Boolean).join(' ') || '—'}</dd>
          <dt>Entreprise</dt>
          <dd>{nomDe(d.company, 'raisonSociale') || '—'}</dd>
          <dt>OPCO</dt>
          <dd>{nomDe(d.opco) || 'à déterminer'}</dd>
          <dt>Formation</dt>
          <dd>{String(f.titre ?? '—')}</dd>
          <dt>Organisme</dt>
          <dd>{nomDe(f.organisme) || '—'}</dd>
          <dt>Dates</dt>
          <dd>{f.dateDebut ? formaterDateFr(String(f.dateDebut)) : '—'} → {f.dateFin ? formaterDateFr(String(f.dateFin)) : '—'}</dd>
          <dt>Durée</dt>
          <dd>{f.dureeHeures != null ? `${String(f.dureeHeures).replace('.', ',')} h` : '—'}</dd>
          <dt>Coût total HT</dt>
          <dd className="montant">{typeof d.coutTotalHT === 'number' ? formaterEuros(d.coutTotalHT) : '—'}</dd>
          <dt>Montant demandé à l’OPCO</dt>
          <dd className="montant" data-montant-demande>{montantDemande(d) !== null ? formaterEuros(montantDemande(d)!) : '—'}</dd>
        </dl>
        <Estimation dossier={d} />
        <p>
          Dernière étape : déposez le devis {d.typeFormation === 'bilan' ? '' : 'et le programme '}de l’organisme sur la page du dossier, puis envoyez-le.
        </p>
        <p>
          <Link className="bouton bouton-principal" href={`/dossiers/${id}`}>
            Déposer les pièces et envoyer
          </Link>
        </p>
        {d.status === 'brouillon' ? <BoutonAction action={agirSurDossier.bind(null, id, 'submit')} libelle="Envoyer le dossier maintenant" confirmation={confirmationDe('submit')} certification={TEXTE_CERTIFICATION} /> : null}
      </>
    )
  }
  return (
    <>
      <h1>{titre}</h1>
      <Etapes courante={etape as EtapeAssistant} id={id} />
      <div className="carte">{contenu}</div>
    </>
  )
}
