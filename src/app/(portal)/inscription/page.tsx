import Link from 'next/link'
import { Formulaire } from '@/src/components/portal/Formulaire'
import { inscription } from '@/src/app/(portal)/actions'
import { REGLES_MOT_DE_PASSE } from '@/src/domain/motDePasse'

export default function PageInscription() {
  return (
    <>
      <h1>Créer un compte</h1>
      <p>Bénéficiaire d’une formation ou responsable RH : un compte suffit pour déposer et suivre vos dossiers.</p>
      <div className="carte">
        <Formulaire
          nom="Inscription"
          action={inscription}
          bouton="Créer mon compte"
          champs={[
            { nom: 'prenom', libelle: 'Prénom', requis: true, autocomplete: 'given-name' },
            { nom: 'nom', libelle: 'Nom', requis: true, autocomplete: 'family-name' },
            { nom: 'email', libelle: 'Adresse e-mail', type: 'email', requis: true, autocomplete: 'email' },
            { nom: 'telephone', libelle: 'Téléphone (facultatif)', type: 'tel', autocomplete: 'tel' },
            { nom: 'password', libelle: 'Mot de passe', type: 'password', requis: true, autocomplete: 'new-password', aide: REGLES_MOT_DE_PASSE },
            { nom: 'confirmation', libelle: 'Confirmez le mot de passe', type: 'password', requis: true, autocomplete: 'new-password' },
          ]}
        />
      </div>
      <p>
        Déjà un compte ? <Link href="/connexion">Se connecter</Link>
      </p>
    </>
  )
}
