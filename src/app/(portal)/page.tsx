export default function Accueil() {
  return (
    <main style={{ maxWidth: 720, margin: '0 auto', padding: '3rem 1.5rem' }}>
      <h1>MonOPCO</h1>
      <p>
        Faites financer vos formations et bilans de compétences par votre OPCO : un seul dossier, suivi de la demande
        jusqu’au dernier paiement.
      </p>
      <p>
        <a href="/admin">Accéder à l’espace de gestion</a>
      </p>
    </main>
  )
}
