import { Formulaire } from '@/src/components/portal/Formulaire'
import { exigerUtilisateur } from '@/src/services/portail/dossiers'
import { Etapes, CHAMPS_BENEFICIAIRE } from '@/src/components/portal/Assistant'
import { creerDossier } from '@/src/app/(portal)/dossiers/actions'

export const metadata = { title: 'Nouveau dossier — MonOPCO' }

export default async function NouveauDossier() {
  const user = await exigerUtilisateur('/dossiers/nouveau')
  return (
    <>
      <h1>Nouveau dossier</h1>
      <Etapes courante="beneficiaire" />
      <div className="carte">
        <h2>Type de demande et personne formée</h2>
        <Formulaire
          nom="Bénéficiaire"
          action={creerDossier}
          bouton="Enregistrer et continuer"
          valeurs={{ typeFormation: 'formation', 'beneficiaire.nom': String(user.nom ?? ''), 'beneficiaire.prenom': String(user.prenom ?? ''), 'beneficiaire.email': user.email }}
          champs={CHAMPS_BENEFICIAIRE}
        />
      </div>
    </>
  )
}
