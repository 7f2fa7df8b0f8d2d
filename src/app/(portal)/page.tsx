import Link from 'next/link'
import { utilisateurCourant } from '@/src/services/portail/serveur'

export default async function Accueil() {
  const user = await utilisateurCourant()
  return (
    <>
      <h1>Faites financer votre formation par votre OPCO</h1>
      <p>
        MonOPCO monte pour vous le dossier de prise en charge d’une formation ou d’un bilan de compétences, le transmet à votre
        OPCO et le suit jusqu’au dernier paiement. Un seul dossier, suivi en ligne, sur téléphone comme sur ordinateur.
      </p>
      <p>
        {user ? (
          <Link className="bouton bouton-principal" href="/dossiers">
            Voir mes dossiers
          </Link>
        ) : (
          <>
            <Link className="bouton bouton-principal" href="/inscription">
              Créer un compte
            </Link>{' '}
            <Link className="bouton" href="/connexion">
              Se connecter
            </Link>
          </>
        )}
      </p>
      <h2>Comment ça marche</h2>
      <ol className="grille grille-3" style={{ paddingLeft: '1.2rem' }}>
        <li className="carte">
          <strong>Décrivez votre besoin</strong> en quelques minutes : la personne formée, votre entreprise (SIRET), la
          formation et son coût. Nous estimons aussitôt la prise en charge et le reste à payer.
        </li>
        <li className="carte">
          <strong>Déposez les pièces</strong> demandées (devis, programme) : la liste vous dit ce qui manque. Puis
          envoyez le dossier à l’équipe MonOPCO.
        </li>
        <li className="carte">
          <strong>Suivez chaque étape</strong> : vérification par notre équipe, envoi à l’OPCO, réponse, formation, paiement.
          Vous téléchargez la convention et échangez avec nous par messages.
        </li>
      </ol>
      <p className="aide">
        Équipe MonOPCO ou OPCO ? <a href="/admin">Accès à l’espace de gestion</a>.
      </p>
    </>
  )
}
