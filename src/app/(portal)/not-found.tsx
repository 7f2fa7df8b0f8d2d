import Link from 'next/link'

export default function Introuvable() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p>Cette page n’existe pas, ou vous n’y avez pas accès.</p>
      <p>
        <Link href="/dossiers">Retour à mes dossiers</Link>
      </p>
    </>
  )
}
