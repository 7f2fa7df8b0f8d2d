import { Formulaire } from '@/src/components/portal/Formulaire'
import { reinitialiser } from '@/src/app/(portal)/actions'
import { REGLES_MOT_DE_PASSE } from '@/src/domain/motDePasse'

export default async function PageReinitialiser({ params }: { params: Promise<{ jeton: string }> }) {
  const { jeton } = await params
  return (
    <>
      <h1>Choisir un nouveau mot de passe</h1>
      <div className="carte">
        <Formulaire
          nom="Nouveau mot de passe"
          action={reinitialiser}
          bouton="Enregistrer le mot de passe"
          valeurs={{ token: jeton.slice(0, 200) }}
          champs={[
            { nom: 'token', libelle: '', type: 'hidden' },
            { nom: 'password', libelle: 'Nouveau mot de passe', type: 'password', requis: true, autocomplete: 'new-password', aide: REGLES_MOT_DE_PASSE },
            { nom: 'confirmation', libelle: 'Confirmez le mot de passe', type: 'password', requis: true, autocomplete: 'new-password' },
          ]}
        />
      </div>
    </>
  )
}
