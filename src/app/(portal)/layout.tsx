import type { Metadata } from 'next'
import React from 'react'

export const metadata: Metadata = {
  title: 'MonOPCO — financement de vos formations par votre OPCO',
  description: 'Déposez, suivez et faites financer vos formations et bilans de compétences par votre OPCO.',
}

export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="fr">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: 0, color: '#1b1b1b' }}>{children}</body>
    </html>
  )
}
