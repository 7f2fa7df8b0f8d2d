import type { Metadata, Viewport } from 'next'
import Link from 'next/link'
import React from 'react'
import '../../components/portal/portail.css'
import { utilisateurCourant } from '@/src/services/portail/serveur'
import { deconnexion } from './actions'

export const metadata: Metadata = {
  title: 'MonOPCO — financement de vos formations par votre OPCO',
  description: 'Déposez, suivez et faites financer vos formations et bilans de compétences par votre OPCO.',
}
export const viewport: Viewport = { width: 'device-width', initialScale: 1 }
export const dynamic = 'force-dynamic'

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await utilisateurCourant()
  return (
    <html lang="fr">
      <body>
        <a className="lien-evitement" href="#contenu">
          Aller au contenu
        </a>
        <header className="entete">
          <div className="entete-inner">
            <Link href="/" className="marque">
              MonOPCO
            </Link>
            <nav aria-label="Navigation principale">
              <ul className="nav">
                {user ? (
                  <>
                    <li>
                      <Link href="/dossiers">Mes dossiers</Link>
                    </li>
                    <li>
                      <Link href="/dossiers/nouveau">Nouveau dossier</Link>
                    </li>
                    <li>
                      <Link href="/compte">Mon compte</Link>
                    </li>
                    <li>
                      <form action={deconnexion}>
                        <button type="submit">Se déconnecter</button>
                      </form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <Link href="/connexion">Se connecter</Link>
                    </li>
                    <li>
                      <Link href="/inscription">Créer un compte</Link>
                    </li>
                  </>
                )}
                <li>
                  <Link href="/aide/beneficiaire" data-testid="lien-aide">
                    Aide
                  </Link>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="contenu" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  )
}
