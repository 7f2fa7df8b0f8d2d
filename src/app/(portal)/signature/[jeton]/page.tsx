import { SignatureConvention } from '@/src/components/portal/SignatureConvention'

export const metadata = { title: 'Signer la convention — MonOPCO', robots: { index: false, follow: false } }

/**
 * The signer's page (public: the personal link is the credential). Everything happens against
 * the public routes /api/signatures/<jeton>/… (src/endpoints/signatures.ts).
 */
export default async function PageSignature({ params }: { params: Promise<{ jeton: string }> }) {
  const { jeton } = await params
  return <SignatureConvention jeton={jeton.slice(0, 100)} />
}
