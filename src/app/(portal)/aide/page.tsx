import Link from 'next/link'
import { GUIDES } from '@/src/domain/guides'

export const metadata = { title: 'Aide — MonOPCO' }

/** The guides' index: the portal links to the beneficiary's guide, the admin to the team's or the agent's. */
export default function PageAide() {
  return (
    <>
      <h1>Aide</h1>
      <p>Les guides d’utilisation de MonOPCO, en français.</p>
      <ul className="liste-guides">
        {GUIDES.map((g) => (
          <li key={g.slug}>
            <Link href={`/aide/${g.slug}`}>{g.titre}</Link>
            <span className="aide"> — pour {g.pour}</span>
          </li>
        ))}
      </ul>
    </>
  )
}
