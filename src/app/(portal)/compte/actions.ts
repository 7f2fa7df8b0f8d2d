'use server'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { api, lireErreurs, utilisateurCourant } from '@/src/services/portail/serveur'
import { valeursDe, type EtatFormulaire } from '@/src/components/portal/etat'
import { validerMotDePasse } from '@/src/domain/motDePasse'

/** Profile and notification preference, written through the API as the user (own record only). */
export async function enregistrerProfil(etat: EtatFormulaire, fd: FormData): Promise<EtatFormulaire> {
  const valeurs = valeursDe(fd)
  if (!fd.get('recevoirRelances')) valeurs.recevoirRelances = ''
  const version = etat.version + 1
  const user = await utilisateurCourant()
  if (!user) redirect('/connexion?suite=/compte')
  const t = (k: string, max: number) => String(fd.get(k) ?? '').trim().slice(0, max)
  const erreurs: Record<string, string> = {}
  if (!t('nom', 100)) erreurs.nom = 'Le nom est obligatoire.'
  if (!t('prenom', 100)) erreurs.prenom = 'Le prénom est obligatoire.'
  if (Object.keys(erreurs).length) return { erreurs, valeurs, version, message: 'Vérifiez les champs signalés.' }
  const r = await api(`/api/users/${user.id}`, {
    method: 'PATCH',
    body: JSON.stringify({ nom: t('nom', 100), prenom: t('prenom', 100), telephone: t('telephone', 30) || null, recevoirRelances: fd.get('recevoirRelances') === 'oui' }),
  })
  if (!r.ok) {
    const e = lireErreurs(r.data, r.status)
    return { erreurs: e.champs, valeurs, version, message: e.message }
  }
  revalidatePath('/compte')
  return { erreurs: {}, valeurs, version, succes: 'Vos informations sont enregistrées.' }
}

/** RGPD erasure request, recorded through the API as the user; the team is told by e-mail. */
export async function demanderSuppression(etat: EtatFormulaire): Promise<EtatFormulaire> {
  const version = etat.version + 1
  const user = await utilisateurCourant()
  if (!user) redirect('/connexion?suite=/compte')
  const r = await api<{ message?: string }>('/api/users/me/demande-suppression', { method: 'POST' })
  if (!r.ok) {
    const e = lireErreurs(r.data, r.status)
    return { erreurs: {}, valeurs: {}, version, message: e.message }
  }
  revalidatePath('/compte')
  return { erreurs: {}, valeurs: {}, version, succes: r.data.message ?? 'Votre demande de suppression est enregistrée.' }
}

/**
 * Password change with the current password, through POST /api/users/me/mot-de-passe as the user:
 * a wrong current password is a 403 there (counted like a failed login), a weak new one a 400.
 * The session making the change stays open; passwords are never sent back into the form.
 */
export async function changerMotDePasse(etat: EtatFormulaire, fd: FormData): Promise<EtatFormulaire> {
  const version = etat.version + 1
  const user = await utilisateurCourant()
  if (!user) redirect('/connexion?suite=/compte')
  const motDePasseActuel = String(fd.get('motDePasseActuel') ?? '').slice(0, 128)
  const nouveauMotDePasse = String(fd.get('nouveauMotDePasse') ?? '').slice(0, 128)
  const erreurs: Record<string, string> = {}
  if (!motDePasseActuel) erreurs.motDePasseActuel = 'Saisissez votre mot de passe actuel.'
  const regle = validerMotDePasse(nouveauMotDePasse)
  if (regle !== true) erreurs.nouveauMotDePasse = regle
  else if (nouveauMotDePasse !== String(fd.get('confirmation') ?? '')) erreurs.confirmation = 'Les deux mots de passe ne sont pas identiques.'
  if (Object.keys(erreurs).length) return { erreurs, valeurs: {}, version, message: 'Vérifiez les champs signalés.' }
  const r = await api<{ message?: string }>('/api/users/me/mot-de-passe', { method: 'POST', body: JSON.stringify({ motDePasseActuel, nouveauMotDePasse }) })
  if (!r.ok) {
    const e = lireErreurs(r.data, r.status)
    if (r.status === 403) return { erreurs: { motDePasseActuel: 'Mot de passe actuel incorrect.' }, valeurs: {}, version, message: e.message }
    return { erreurs: e.champs, valeurs: {}, version, message: e.message }
  }
  return { erreurs: {}, valeurs: {}, version, succes: r.data.message ?? 'Mot de passe modifié.' }
}
