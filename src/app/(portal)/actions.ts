'use server'
/**
 * Portal server actions for the session: login / register through the Local API with access
 * control on (the same calls as /api/auth/*) and the per-IP rate limit applied on the visitor's
 * own request; password reset through the REST aliases.
 */
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { env } from '@/src/config/env'
import { limiterAuth } from '@/src/security/requete'
import { api, COOKIE_SESSION, lireErreurs, payloadPortail } from '@/src/services/portail/serveur'
import { valeursDe, type EtatFormulaire } from '@/src/components/portal/etat'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

async function limite(): Promise<string | null> {
  const h = await headers()
  const r = await limiterAuth(new Request('http://portail.local/', { headers: h }))
  if (!r) return null
  return `Trop de tentatives depuis votre connexion. Réessayez dans ${r.headers.get('Retry-After') ?? 'quelques'} secondes.`
}

async function ouvrirSession(token: string, exp?: number): Promise<void> {
  ;(await cookies()).set(COOKIE_SESSION, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().cookieSecure,
    path: '/',
    expires: exp ? new Date(exp * 1000) : undefined,
  })
}

/** Safe local path for `?suite=` (never another site). */
function suiteSure(brut: string | undefined): string {
  return brut && /^\/(?!\/)[\w\-/?=&%.]*$/.test(brut) ? brut : '/dossiers'
}

/** Duck-typed (class names and `instanceof` do not survive the production bundle). */
function erreurPayload(err: unknown): { message: string; champs: Record<string, string> } {
  const e = err as { status?: number; message?: string; data?: { errors?: { path?: string; message?: string }[] } }
  const status = typeof e?.status === 'number' ? e.status : 500
  const champs: Record<string, string> = {}
  for (const d of e?.data?.errors ?? []) if (d.path && d.message) champs[d.path] = d.message
  if (Object.keys(champs).length) return { message: 'Certains champs sont à corriger.', champs }
  if (status < 500 && e?.message) return { message: e.message, champs }
  return { message: 'Une erreur est survenue. Réessayez dans un instant.', champs }
}

export async function connexion(etat: EtatFormulaire, fd: FormData): Promise<EtatFormulaire> {
  const valeurs = valeursDe(fd)
  delete valeurs.password
  const version = etat.version + 1
  const email = String(fd.get('email') ?? '').trim().slice(0, 254)
  const password = String(fd.get('password') ?? '').slice(0, 128)
  const erreurs: Record<string, string> = {}
  if (!EMAIL.test(email)) erreurs.email = 'Saisissez une adresse e-mail valide.'
  if (!password) erreurs.password = 'Saisissez votre mot de passe.'
  if (Object.keys(erreurs).length) return { erreurs, valeurs, version, message: 'Vérifiez les champs signalés.' }
  const trop = await limite()
  if (trop) return { erreurs: {}, valeurs, version, message: trop }
  const payload = await payloadPortail()
  let role: string | undefined
  try {
    const r = await payload.login({ collection: 'users', data: { email, password }, overrideAccess: false })
    if (!r.token) throw new Error('jeton absent')
    await ouvrirSession(r.token, r.exp)
    role = (r.user as { role?: string }).role
  } catch (err) {
    const status = (err as { status?: number })?.status ?? 500
    // A locked account gets the same answer as a wrong password (its owner is told by e-mail):
    // the page must not reveal which e-mails have an account.
    const message = status < 500 ? 'E-mail ou mot de passe incorrect.' : 'La connexion a échoué. Réessayez dans un instant.'
    return { erreurs: {}, valeurs, version, message }
  }
  redirect(role === 'admin' || role === 'opco' ? '/admin' : suiteSure(valeurs.suite))
}

export async function inscription(etat: EtatFormulaire, fd: FormData): Promise<EtatFormulaire> {
  const valeurs = valeursDe(fd)
  delete valeurs.password
  delete valeurs.confirmation
  const version = etat.version + 1
  const texte = (k: string, max: number) => String(fd.get(k) ?? '').trim().slice(0, max)
  const data = { email: texte('email', 254), nom: texte('nom', 100), prenom: texte('prenom', 100), telephone: texte('telephone', 30) || undefined }
  const password = String(fd.get('password') ?? '').slice(0, 128)
  const erreurs: Record<string, string> = {}
  if (!EMAIL.test(data.email)) erreurs.email = 'Saisissez une adresse e-mail valide.'
  if (!data.nom) erreurs.nom = 'Le nom est obligatoire.'
  if (!data.prenom) erreurs.prenom = 'Le prénom est obligatoire.'
  if (!password) erreurs.password = 'Choisissez un mot de passe.'
  else if (password !== String(fd.get('confirmation') ?? '')) erreurs.confirmation = 'Les deux mots de passe ne sont pas identiques.'
  if (Object.keys(erreurs).length) return { erreurs, valeurs, version, message: 'Vérifiez les champs signalés.' }
  const trop = await limite()
  if (trop) return { erreurs: {}, valeurs, version, message: trop }
  const payload = await payloadPortail()
  try {
    await payload.create({ collection: 'users', overrideAccess: false, data: { ...data, password, role: 'user' } as never })
  } catch (err) {
    const e = erreurPayload(err)
    if (e.champs.email && /unique|existe|already|déjà/i.test(e.champs.email)) e.champs.email = 'Un compte existe déjà avec cette adresse : connectez-vous ou réinitialisez le mot de passe.'
    return { erreurs: e.champs, valeurs, version, message: e.message }
  }
  try {
    const r = await payload.login({ collection: 'users', data: { email: data.email, password }, overrideAccess: false })
    if (r.token) await ouvrirSession(r.token, r.exp)
  } catch {
    redirect('/connexion')
  }
  redirect('/dossiers/nouveau')
}

export async function deconnexion(): Promise<void> {
  ;(await cookies()).delete(COOKIE_SESSION)
  redirect('/')
}

export async function motDePasseOublie(etat: EtatFormulaire, fd: FormData): Promise<EtatFormulaire> {
  const valeurs = valeursDe(fd)
  const version = etat.version + 1
  const email = String(fd.get('email') ?? '').trim().slice(0, 254)
  if (!EMAIL.test(email)) return { erreurs: { email: 'Saisissez une adresse e-mail valide.' }, valeurs, version }
  const r = await api('/api/auth/forgot-password', { method: 'POST', body: JSON.stringify({ email }) })
  if (!r.ok) {
    const e = lireErreurs(r.data, r.status)
    return { erreurs: e.champs, valeurs, version, message: e.message }
  }
  return { erreurs: {}, valeurs, version, succes: 'Si un compte existe pour cette adresse, un e-mail avec un lien de réinitialisation vient de partir.' }
}

export async function reinitialiser(etat: EtatFormulaire, fd: FormData): Promise<EtatFormulaire> {
  const version = etat.version + 1
  const token = String(fd.get('token') ?? '').slice(0, 200)
  const password = String(fd.get('password') ?? '').slice(0, 128)
  const valeurs = { token }
  if (!password) return { erreurs: { password: 'Choisissez un mot de passe.' }, valeurs, version }
  if (password !== String(fd.get('confirmation') ?? '')) return { erreurs: { confirmation: 'Les deux mots de passe ne sont pas identiques.' }, valeurs, version }
  const r = await api('/api/auth/reset-password', { method: 'POST', body: JSON.stringify({ token, password }) })
  if (!r.ok) {
    const e = lireErreurs(r.data, r.status)
    return { erreurs: e.champs.password ? { password: e.champs.password } : {}, valeurs, version, message: e.message }
  }
  redirect('/connexion?reinitialise=1')
}
