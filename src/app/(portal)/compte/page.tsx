import { formaterDateFr } from '@/src/domain/dates'
import { Formulaire } from '@/src/components/portal/Formulaire'
import { exigerUtilisateur } from '@/src/services/portail/dossiers'
import { changerMotDePasse, demanderSuppression, enregistrerProfil } from './actions'
import { REGLES_MOT_DE_PASSE } from '@/src/domain/motDePasse'
import { DemandesAMaCompagnie } from '@/src/components/portal/Rattachements'
import { deciderRattachementPortail } from '@/src/app/(portal)/rattachements'

export const metadata = { title: 'Mon compte — MonOPCO' }

export default async function MonCompte() {
  const user = await exigerUtilisateur('/compte')
  const demandee = typeof user.suppressionDemandeeLe === 'string' ? user.suppressionDemandeeLe : null
  return (
    <>
      <h1>Mon compte</h1>
      <DemandesAMaCompagnie user={user} decider={deciderRattachementPortail} />
      <div className="grille grille-2">
        <section className="carte" aria-labelledby="titre-profil">
          <h2 id="titre-profil">Mes informations</h2>
          <p>
            Adresse e-mail : <strong>{user.email}</strong>
          </p>
          <Formulaire
            nom="Profil"
            action={enregistrerProfil}
            bouton="Enregistrer"
            valeurs={{ prenom: String(user.prenom ?? ''), nom: String(user.nom ?? ''), telephone: String(user.telephone ?? ''), recevoirRelances: user.recevoirRelances === false ? '' : 'oui' }}
            champs={[
              { nom: 'prenom', libelle: 'Prénom', requis: true, autocomplete: 'given-name' },
              { nom: 'nom', libelle: 'Nom', requis: true, autocomplete: 'family-name' },
              { nom: 'telephone', libelle: 'Téléphone', type: 'tel', autocomplete: 'tel' },
              { nom: 'recevoirRelances', libelle: 'Recevoir les rappels par e-mail', type: 'checkbox', aide: 'Les alertes essentielles (formation qui commence sans dossier envoyé) partent toujours.' },
            ]}
          />
        </section>
        <section className="carte" aria-labelledby="titre-mot-de-passe">
          <h2 id="titre-mot-de-passe">Mot de passe</h2>
          <p>Votre mot de passe actuel est demandé : une session restée ouverte ailleurs ne suffit pas à le changer. Vos autres sessions seront fermées.</p>
          <Formulaire
            nom="Mot de passe"
            action={changerMotDePasse}
            bouton="Changer le mot de passe"
            champs={[
              { nom: 'motDePasseActuel', libelle: 'Mot de passe actuel', type: 'password', requis: true, autocomplete: 'current-password' },
              { nom: 'nouveauMotDePasse', libelle: 'Nouveau mot de passe', type: 'password', requis: true, autocomplete: 'new-password', aide: REGLES_MOT_DE_PASSE },
              { nom: 'confirmation', libelle: 'Confirmez le nouveau mot de passe', type: 'password', requis: true, autocomplete: 'new-password' },
            ]}
          />
        </section>
        <section className="carte" aria-labelledby="titre-rgpd">
          <h2 id="titre-rgpd">Mes données personnelles</h2>
          <p>Téléchargez toutes les données que MonOPCO détient sur vous : compte, entreprise, dossiers, pièces (liste), messages, paiements et factures.</p>
          <p>
            <a className="bouton" href="/compte/export" download>
              Télécharger mes données (JSON)
            </a>
          </p>
          <h3>Supprimer mes données</h3>
          <p>
            Les pièces des dossiers financés doivent être conservées plusieurs années (obligations légales). Pour le reste, demandez la
            suppression : l’équipe vous répond sous un mois.
          </p>
          {demandee ? (
            <p className="alerte alerte-info" role="status" data-suppression-demandee>
              Demande de suppression enregistrée le {formaterDateFr(demandee)} : l’équipe vous répond sous un mois.
            </p>
          ) : (
            <Formulaire nom="Suppression" action={demanderSuppression} bouton="Demander la suppression de mes données" champs={[]} />
          )}
        </section>
      </div>
    </>
  )
}
