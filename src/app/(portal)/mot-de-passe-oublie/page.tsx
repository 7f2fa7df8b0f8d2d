import { Formulaire } from '@/src/components/portal/Formulaire'
import { motDePasseOublie } from '@/src/app/(portal)/actions'

export default function PageMotDePasseOublie() {
  return (
    <>
      <h1>Mot de passe oublié</h1>
      <p>Saisissez l’adresse de votre compte : nous vous envoyons un lien pour choisir un nouveau mot de passe.</p>
      <div className="carte">
        <Formulaire nom="Mot de passe oublié" action={motDePasseOublie} bouton="Recevoir le lien" champs={[{ nom: 'email', libelle: 'Adresse e-mail', type: 'email', requis: true, autocomplete: 'email' }]} />
      </div>
    </>
  )
}
