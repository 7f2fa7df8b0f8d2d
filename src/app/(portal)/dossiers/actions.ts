'use server'
/**
 * Dossier server actions: each one turns the submitted form into a REST call made with the
 * visitor's own session (ownership, draft-only edits, reserved fields, workflow and file checks
 * are the API's), maps the API's errors back onto the fields and returns the typed values.
 */
import { randomUUID } from 'node:crypto'
import { redirect } from 'next/navigation'
import { revalidatePath } from 'next/cache'
import { lireSaisieEuros } from '@/src/domain/money'
import { normaliserSiret } from '@/src/domain/siret'
import { texteRiche } from '@/src/domain/texteRiche'
import { api, lireErreurs, utilisateurCourant } from '@/src/services/portail/serveur'
import { valeursDe, type EtatFormulaire } from '@/src/components/portal/etat'

export type Etape = 'beneficiaire' | 'entreprise' | 'formation' | 'couts'
const ETAPES: Etape[] = ['beneficiaire', 'entreprise', 'formation', 'couts']

const texte = (fd: FormData, k: string, max = 300): string => String(fd.get(k) ?? '').trim().slice(0, max)
const ouNull = (s: string): string | null => (s === '' ? null : s)
const paragraphes = (s: string): string[] => s.split(/\n+/).map((p) => p.trim()).filter(Boolean)

/** Bound arguments come back from the browser: re-checked before they reach a URL. */
const idSur = (id: unknown): number | null => (typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null)
const REFUS: EtatFormulaire = { erreurs: {}, valeurs: {}, version: 0, message: 'Dossier introuvable.' }

function echec(etat: EtatFormulaire, valeurs: Record<string, string>, status: number, data: unknown): EtatFormulaire {
  const e = lireErreurs(data, status)
  return { erreurs: e.champs, valeurs, version: etat.version + 1, message: e.message }
}

function donneesBeneficiaire(fd: FormData) {
  return {
    typeFormation: texte(fd, 'typeFormation') || undefined,
    beneficiaire: {
      nom: ouNull(texte(fd, 'beneficiaire.nom', 100)),
      prenom: ouNull(texte(fd, 'beneficiaire.prenom', 100)),
      email: ouNull(texte(fd, 'beneficiaire.email', 254)),
      telephone: ouNull(texte(fd, 'beneficiaire.telephone', 30)),
    },
  }
}

function verifierBeneficiaire(fd: FormData): Record<string, string> {
  const erreurs: Record<string, string> = {}
  if (!['formation', 'bilan'].includes(texte(fd, 'typeFormation'))) erreurs.typeFormation = 'Choisissez le type de demande.'
  if (!texte(fd, 'beneficiaire.nom')) erreurs['beneficiaire.nom'] = 'Le nom de la personne formée est obligatoire.'
  if (!texte(fd, 'beneficiaire.prenom')) erreurs['beneficiaire.prenom'] = 'Le prénom est obligatoire.'
  const email = texte(fd, 'beneficiaire.email')
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) erreurs['beneficiaire.email'] = 'Adresse e-mail invalide.'
  return erreurs
}

/**
 * The company's address and the convention's signatory, as typed in the « Entreprise » step:
 * both are printed on the convention and the demande de prise en charge. Only the fields the
 * form carried are sent, so a form without them never erases what is stored.
 */
function donneesImprimeesEntreprise(fd: FormData): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  if (fd.has('adresse.rue')) {
    data.adresse = { rue: ouNull(texte(fd, 'adresse.rue', 200)), codePostal: ouNull(texte(fd, 'adresse.codePostal', 10)), ville: ouNull(texte(fd, 'adresse.ville', 100)) }
  }
  if (fd.has('signataire.nom')) {
    data.signataire = { prenom: ouNull(texte(fd, 'signataire.prenom', 100)), nom: ouNull(texte(fd, 'signataire.nom', 100)), fonction: ouNull(texte(fd, 'signataire.fonction', 100)) }
  }
  return data
}

function verifierAdresse(fd: FormData): Record<string, string> {
  const cp = texte(fd, 'adresse.codePostal', 10)
  return cp && !/^\d{5}$/.test(cp) ? { 'adresse.codePostal': 'Le code postal doit comporter 5 chiffres.' } : {}
}

/** Step 1 of the wizard: creates the draft. */
export async function creerDossier(etat: EtatFormulaire, fd: FormData): Promise<EtatFormulaire> {
  const valeurs = valeursDe(fd)
  const erreurs = verifierBeneficiaire(fd)
  if (Object.keys(erreurs).length) return { erreurs, valeurs, version: etat.version + 1, message: 'Vérifiez les champs signalés.' }
  const r = await api<{ doc?: { id: number | string } }>('/api/dossiers', { method: 'POST', body: JSON.stringify(donneesBeneficiaire(fd)) })
  if (!r.ok || !r.data.doc) return echec(etat, valeurs, r.status, r.data)
  redirect(`/dossiers/${r.data.doc.id}/modifier/entreprise`)
}

/** Steps 1–4 on an existing draft (the id is checked by the API: 403/404 for somebody else's). */
export async function enregistrerEtape(id: number, etape: Etape, etat: EtatFormulaire, fd: FormData): Promise<EtatFormulaire> {
  const valeurs = valeursDe(fd)
  const version = etat.version + 1
  if (idSur(id) === null || !ETAPES.includes(etape)) return { ...REFUS, valeurs, version }
  const erreurs: Record<string, string> = {}
  let data: Record<string, unknown> = {}
  if (etape === 'beneficiaire') {
    Object.assign(erreurs, verifierBeneficiaire(fd))
    data = donneesBeneficiaire(fd)
  } else if (etape === 'entreprise') {
    const user = await utilisateurCourant()
    if (!user) redirect('/connexion')
    let companyId = user.company && typeof user.company === 'object' ? (user.company as { id: number | string }).id : (user.company as number | string | null | undefined)
    Object.assign(erreurs, verifierAdresse(fd))
    if (companyId != null && Object.keys(erreurs).length === 0) {
      const imprime = donneesImprimeesEntreprise(fd)
      if (Object.keys(imprime).length) {
        const m = await api(`/api/companies/${companyId}`, { method: 'PATCH', body: JSON.stringify(imprime) })
        if (!m.ok) return echec(etat, valeurs, m.status, m.data)
      }
    }
    if (companyId == null) {
      const siret = texte(fd, 'siret', 40)
      const raisonSociale = texte(fd, 'raisonSociale', 200)
      const effectifBrut = texte(fd, 'effectif', 10)
      const effectif = effectifBrut === '' ? null : Number(effectifBrut)
      if (!siret) erreurs.siret = 'Le SIRET est obligatoire.'
      if (!raisonSociale) erreurs.raisonSociale = 'La raison sociale est obligatoire.'
      if (effectif !== null && (!Number.isInteger(effectif) || effectif < 0)) erreurs.effectif = 'L’effectif est un nombre entier de salariés.'
      if (Object.keys(erreurs).length) return { erreurs, valeurs, version, message: 'Vérifiez les champs signalés.' }
      const c = await api<{ doc?: { id: number | string } }>('/api/companies', {
        method: 'POST',
        body: JSON.stringify({ siret, raisonSociale, effectif, idcc: ouNull(texte(fd, 'idcc', 4)), codeNaf: ouNull(texte(fd, 'codeNaf', 6).toUpperCase()), ...donneesImprimeesEntreprise(fd) }),
      })
      // 409: already registered — the wizard offers to ask to join it (the page reads `rattacher`).
      // The SIRET typed is used: an error's `data` does not survive the production bundle.
      const existante = normaliserSiret(siret)
      if (c.status === 409 && /^\d{14}$/.test(existante)) redirect(`/dossiers/${id}/modifier/entreprise?rattacher=${existante}`)
      if (!c.ok || !c.data.doc) return echec(etat, valeurs, c.status, c.data)
      companyId = c.data.doc.id
    }
    const lu = await api<{ opco?: unknown; opcoSuggere?: unknown }>(`/api/companies/${companyId}?depth=0`)
    const opco = lu.ok ? (lu.data.opco ?? lu.data.opcoSuggere ?? null) : null
    data = { company: companyId, ...(opco != null ? { opco } : {}) }
  } else if (etape === 'formation') {
    const duree = texte(fd, 'formation.dureeHeures', 10).replace(',', '.')
    const dureeHeures = duree === '' ? null : Number(duree)
    if (dureeHeures !== null && !Number.isFinite(dureeHeures)) erreurs['formation.dureeHeures'] = 'La durée est un nombre d’heures (ex. 14 ou 3,5).'
    if (!texte(fd, 'formation.titre')) erreurs['formation.titre'] = 'L’intitulé de la formation est obligatoire.'
    const dateDebut = texte(fd, 'formation.dateDebut', 10)
    const dateFin = texte(fd, 'formation.dateFin', 10)
    for (const [k, v] of [['formation.dateDebut', dateDebut], ['formation.dateFin', dateFin]] as const) {
      if (v && (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(new Date(v).getTime()))) erreurs[k] = 'Date invalide (jj/mm/aaaa).'
    }
    const organisme = texte(fd, 'formation.organisme', 20)
    if (organisme && !/^\d+$/.test(organisme)) erreurs['formation.organisme'] = 'Choisissez un organisme dans la liste.'
    const objectifs = paragraphes(String(fd.get('formation.objectifs') ?? '').slice(0, 5000))
    data = {
      formation: {
        titre: texte(fd, 'formation.titre'),
        objectifs: objectifs.length ? texteRiche(...objectifs) : null,
        programme: ouNull(String(fd.get('formation.programme') ?? '').trim().slice(0, 10000)),
        organisme: organisme ? Number(organisme) : null,
        dureeHeures,
        dateDebut: dateDebut || null,
        dateFin: dateFin || null,
        lieu: ouNull(texte(fd, 'formation.lieu')),
        modalite: ouNull(texte(fd, 'formation.modalite', 20)),
      },
    }
  } else if (etape === 'couts') {
    const saisie = texte(fd, 'coutTotalHT', 40)
    let cout: number | null = null
    if (saisie) {
      // Same reading and same French message as the admin's amount field (MontantChamp).
      const lu = lireSaisieEuros(saisie)
      if (lu.ok) cout = lu.centimes
      else erreurs.coutTotalHT = lu.message
    } else erreurs.coutTotalHT = 'Le coût total HT est obligatoire (ex. 1 400,00).'
    data = { coutTotalHT: cout, subrogation: fd.get('subrogation') === 'oui' }
  }
  if (Object.keys(erreurs).length) return { erreurs, valeurs, version, message: 'Vérifiez les champs signalés.' }
  const r = await api(`/api/dossiers/${id}`, { method: 'PATCH', body: JSON.stringify(data) })
  if (!r.ok) return echec(etat, valeurs, r.status, r.data)
  revalidatePath(`/dossiers/${id}`)
  const suivante = ETAPES[ETAPES.indexOf(etape) + 1]
  redirect(suivante ? `/dossiers/${id}/modifier/${suivante}` : `/dossiers/${id}/modifier/recapitulatif`)
}

/** A workflow action of the dossier's owner (submit, cancel, complete-documents…). */
export async function agirSurDossier(id: number, action: string, etat: EtatFormulaire, fd: FormData): Promise<EtatFormulaire> {
  if (idSur(id) === null || typeof action !== 'string' || !/^[a-z][a-z-]{0,40}$/.test(action)) return { ...REFUS, version: etat.version + 1 }
  // The box ticked (or not) goes as is: the server refuses a submit without it, in French.
  const parametres = action === 'submit' ? { certification: fd.get('certification') === 'oui' } : {}
  const r = await api(`/api/dossiers/${id}/transition`, { method: 'POST', body: JSON.stringify({ action, ...parametres }) })
  if (!r.ok) return echec(etat, {}, r.status, r.data)
  revalidatePath(`/dossiers/${id}`)
  redirect(`/dossiers/${id}?fait=${encodeURIComponent(action)}`)
}

/** A message to the MonOPCO team, on the dossier (plain text → Lexical paragraphs). */
export async function envoyerMessage(id: number, etat: EtatFormulaire, fd: FormData): Promise<EtatFormulaire> {
  const valeurs = valeursDe(fd)
  if (idSur(id) === null) return { ...REFUS, valeurs, version: etat.version + 1 }
  const corps = String(fd.get('message') ?? '').slice(0, 10000)
  const p = paragraphes(corps)
  if (p.length === 0) return { erreurs: { message: 'Écrivez votre message.' }, valeurs, version: etat.version + 1 }
  // The form's key (one per drawn form, kept when an error sends the input back): a replayed
  // submission gets the first message back instead of a second one (collections/messages/hooks/idempotence.ts).
  const cle = String(fd.get('cle') ?? '')
  const entetes: Record<string, string> = /^[\x21-\x7e]{1,200}$/.test(cle) ? { 'Idempotency-Key': cle } : {}
  const r = await api('/api/messages', { method: 'POST', headers: entetes, body: JSON.stringify({ dossier: id, body: texteRiche(...p) }) })
  if (!r.ok) return echec(etat, valeurs, r.status, r.data)
  revalidatePath(`/dossiers/${id}`)
  // A fresh key for the next message written in the same form.
  return { erreurs: {}, valeurs: { cle: randomUUID() }, version: etat.version + 1, succes: 'Message envoyé à l’équipe MonOPCO.' }
}

/** Upload without JavaScript (the enhanced path posts straight to /api/documents with a progress bar). */
export async function deposerPiece(id: number, etat: EtatFormulaire, fd: FormData): Promise<EtatFormulaire> {
  const valeurs = valeursDe(fd)
  if (idSur(id) === null) return { ...REFUS, valeurs, version: etat.version + 1 }
  const fichier = fd.get('file')
  const documentType = texte(fd, 'documentType', 40)
  if (!(fichier instanceof File) || fichier.size === 0) return { erreurs: { file: 'Choisissez un fichier (PDF, PNG ou JPEG, 10 Mo au plus).' }, valeurs, version: etat.version + 1 }
  const envoi = new FormData()
  envoi.append('file', fichier, fichier.name)
  envoi.append('_payload', JSON.stringify({ dossier: id, documentType }))
  const r = await api('/api/documents', { method: 'POST', body: envoi })
  if (!r.ok) return echec(etat, valeurs, r.status, r.data)
  revalidatePath(`/dossiers/${id}`)
  return { erreurs: {}, valeurs: {}, version: etat.version + 1, succes: 'Document déposé.' }
}

/** « Signer la convention » from the dossier page: a fresh personal link, then the signing page. */
export async function signerMaConvention(id: number): Promise<void> {
  if (idSur(id) === null) redirect('/dossiers')
  const r = await api<{ jeton?: string }>(`/api/dossiers/${id}/signature-convention/mon-lien`, { method: 'POST' })
  if (!r.ok || typeof r.data.jeton !== 'string') redirect(`/dossiers/${id}?signature=indisponible`)
  redirect(`/signature/${r.data.jeton}`)
}
