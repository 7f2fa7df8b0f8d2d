import Link from 'next/link'
import { Formulaire } from '@/src/components/portal/Formulaire'
import { connexion } from '@/src/app/(portal)/actions'

export default async function PageConnexion({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams
  const suite = typeof sp.suite === 'string' ? sp.suite : ''
  return (
    <>
      <h1>Se connecter</h1>
      {sp.reinitialise ? (
        <p className="alerte alerte-succes" role="status">
          Mot de passe modifié : vous pouvez vous connecter.
        </p>
      ) : null}
      <div className="carte">
        <Formulaire
          nom="Connexion"
          action={connexion}
          bouton="Se connecter"
          valeurs={{ suite }}
          champs={[
            { nom: 'email', libelle: 'Adresse e-mail', type: 'email', requis: true, autocomplete: 'email' },
            { nom: 'password', libelle: 'Mot de passe', type: 'password', requis: true, autocomplete: 'current-password' },
            { nom: 'suite', libelle: '', type: 'hidden' },
          ]}
        />
      </div>
      <p>
        <Link href="/mot-de-passe-oublie">Mot de passe oublié ?</Link> · <Link href="/inscription">Créer un compte</Link>
      </p>
    </>
  )
}
