/** HTTP 403 of the team's admin views (vuesReservees.ts), in French. */
export default function AccesRefuse() {
  return (
    <main style={{ maxWidth: 560, margin: '15vh auto', padding: '0 24px', fontFamily: 'system-ui, sans-serif' }}>
      <h1 style={{ fontSize: 28, marginBottom: 12 }}>Accès refusé</h1>
      <p>Cette page est réservée à l’équipe MonOPCO. Votre compte n’a pas les droits nécessaires pour la consulter.</p>
      <p>
        <a href="/admin">Retour à l’accueil</a>
      </p>
    </main>
  )
}
