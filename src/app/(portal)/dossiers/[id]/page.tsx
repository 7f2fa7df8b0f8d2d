import { randomUUID } from 'node:crypto'
import Link from 'next/link'
import { formaterDateFr } from '@/src/domain/dates'
import { formaterEuros } from '@/src/domain/money'
import { STATUTS_EDITABLES_PAR_BENEFICIAIRE, type StatutDossier } from '@/src/domain/statuts'
import { dansGroupe, STATUTS_ACCORD, STATUTS_AVANT_VALIDATION, STATUTS_ENVOYES_OPCO } from '@/src/domain/workflow/groupes'
import type { EntreeHistorique } from '@/src/domain/historique'
import type { ListePieces } from '@/src/domain/piecesRequises'
import { BadgeStatut, prochaineEtape } from '@/src/components/portal/Badge'
import { BoutonAction } from '@/src/components/portal/BoutonAction'
import { confirmationDe, montantDemande, TEXTE_CERTIFICATION, type DossierWorkflow } from '@/src/domain/workflow'
import { resteAChargeApresAccord } from '@/src/domain/funding/resteACharge'
import { libelleEtatPiece, libelleOrigineDocument, texteDossierPortail } from '@/src/domain/textesDossierPortail'
import { DepotPiece } from '@/src/components/portal/DepotPiece'
import { Formulaire } from '@/src/components/portal/Formulaire'
import { Estimation } from '@/src/components/portal/Estimation'
import { chargerDossier, exigerUtilisateur, nomDe } from '@/src/services/portail/dossiers'
import { api, payloadPortail } from '@/src/services/portail/serveur'
import { appeler } from '@/src/services/portail/refus'
import { lireFil, marquerLu } from '@/src/services/messagerie'
import { agirSurDossier, deposerPiece, envoyerMessage, signerMaConvention } from '@/src/app/(portal)/dossiers/actions'
import { estSignataireEnAttente, etatSignatureDossier } from '@/src/services/signatureConvention'
import { libelleStatutDemande, LIBELLES_ROLE_SIGNATAIRE, type RoleSignataireConvention } from '@/src/domain/signatureConvention'
import { libelleTypeDocument } from '@/src/domain/documents/categories'
import { texteProchaineEcheance } from '@/src/domain/echeances'
import { echeancesDuDossier } from '@/src/services/echeances'
import { seancesParJour } from '@/src/domain/seances'

export const metadata = { title: 'Mon dossier — MonOPCO' }

/** What a beneficiary may upload; the generated kinds are MonOPCO's to produce. */
const TYPES_DEPOT = (['devis', 'programme', 'feuille_emargement', 'justificatif', 'autre'] as const).map((valeur) => ({ valeur, libelle: libelleTypeDocument(valeur) }))

export default async function PageDossier({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id: brut } = await params
  const sp = await searchParams
  const user = await exigerUtilisateur(`/dossiers/${brut}`)
  const d = await chargerDossier(brut, user, 1)
  const id = Number(d.id)
  const payload = await payloadPortail()
  const [pieces, historique, actions, documentsLus, messagesLus, seancesLues] = await Promise.all([
    api<ListePieces>(`/api/dossiers/${id}/pieces`),
    api<{ historique?: EntreeHistorique[] }>(`/api/dossiers/${id}/historique`),
    api<{ actions?: { action: string; libelle: string; style: string; champs: { obligatoire?: boolean }[] }[] }>(`/api/dossiers/${id}/actions`),
    appeler(() => payload.find({ collection: 'documents', user, overrideAccess: false, depth: 0, limit: 200, sort: '-createdAt', where: { dossier: { equals: id } } })),
    // The conversation as a thread (author, date and time), read with the visitor's rights.
    appeler(() => lireFil(payload, user, id)),
    // The training's half-days and their attendance, read-only (signing is done from the e-mailed link).
    appeler(() =>
      payload.find({
        collection: 'seances',
        user,
        overrideAccess: false,
        depth: 0,
        pagination: false,
        sort: 'date',
        where: { dossier: { equals: id } },
        select: { date: true, demiJournee: true, heureDebut: true, heureFin: true, statut: true, minutesDeclarees: true },
      }),
    ),
  ])
  // A refused side read leaves its panel empty and says why, instead of an error page.
  const refusLecture = [documentsLus, messagesLus, seancesLues].flatMap((r) => (r.ok ? [] : [r.message]))
  const documents = { docs: documentsLus.ok ? documentsLus.valeur.docs : [] }
  const fil = messagesLus.ok ? messagesLus.valeur : []
  const joursSeances = seancesParJour(seancesLues.ok ? seancesLues.valeur.docs : [])
  // Opening the dossier is reading its thread: « nouveau message » clears for this visitor only,
  // up to the last message shown (one arriving meanwhile stays new). A failed mark is not worth an error page.
  if (fil.length > 0) await marquerLu(payload, user, id, fil[fil.length - 1]!.date).catch(() => null)
  // The dossier was read under the visitor's rights above; its OPCO's deadlines are computed from it.
  const { prochaine } = await echeancesDuDossier(payload, undefined, d)
  // The convention's electronic signature (issue 17): its state, read with the visitor's rights; the button when they are a signer.
  const signature = await etatSignatureDossier(payload, user, id).catch(() => null)
  const peutSigner = signature?.statut === 'en_cours' && (await estSignataireEnAttente(payload, user.email, id))
  const editable = STATUTS_EDITABLES_PAR_BENEFICIAIRE.includes(d.status as StatutDossier)
  const f = (d.formation ?? {}) as Record<string, unknown>
  const conformite = d.conformite as { resume?: string; constats?: { regle?: string; message?: string; severite?: string }[] } | null | undefined
  // What the uploaded pieces say against the dossier (issue 19 item 3): the beneficiary uploaded them, they can fix them.
  const constatsPieces = (conformite?.constats ?? []).filter((c) => (c.regle === 'coherence-pieces' || c.regle === 'piece-illisible') && typeof c.message === 'string')
  const docs = documents.docs as unknown as { id: number; documentType?: string; origin?: string; filename?: string; url?: string; version?: number; createdAt?: string }[]
  const generes = docs.filter((x) => x.origin === 'generated')
  const deposes = docs.filter((x) => x.origin !== 'generated')
  const manquantes = pieces.ok ? pieces.data.manquantes : 0
  // Actions whose fields are all optional (cancel, complete-documents: a comment) are offered as a
  // plain button too: the beneficiary writes to the team in the messages instead.
  const actionsSansChamp = (actions.ok ? (actions.data.actions ?? []) : []).filter((a) => a.champs.every((c) => !c.obligatoire))
  // The OPCO's answer in figures: granted amount and what the company still pays (src/domain/funding/resteACharge.ts).
  const accord = dansGroupe(STATUTS_ACCORD, d.status) && typeof d.montantValide === 'number'
  const resteACharge = accord ? resteAChargeApresAccord(d.coutTotalHT, d.montantValide) : null
  const demande = montantDemande(d as unknown as DossierWorkflow)
  // The OPCO's answer is what matters most once the dossier is sent: first in the page (phones included) from then on.
  const envoye = dansGroupe(STATUTS_ENVOYES_OPCO, d.status)
  const reponseOpco = (
    <section className="carte" aria-labelledby="titre-reponse-opco" data-reponse-opco>
      <h2 id="titre-reponse-opco">Réponse de l’OPCO</h2>
      <p data-texte="reponseOpco">{texteDossierPortail(d.status, 'reponseOpco')}</p>
      <dl className="resume">
        {demande !== null && d.status !== 'brouillon' ? (
          <>
            <dt>Montant demandé</dt>
            <dd className="montant">{formaterEuros(demande)}</dd>
          </>
        ) : null}
        {accord ? (
          <>
            <dt>Montant accordé par l’OPCO</dt>
            <dd className="montant" data-montant-accorde>
              {formaterEuros(d.montantValide as number)}
            </dd>
          </>
        ) : null}
        {resteACharge !== null ? (
          <>
            <dt>Reste à charge de l’entreprise</dt>
            <dd className="montant" data-reste-a-charge>
              {formaterEuros(resteACharge)}
            </dd>
          </>
        ) : null}
        {typeof d.reponseOpcoDate === 'string' && d.reponseOpcoDate ? (
          <>
            <dt>Réponse reçue le</dt>
            <dd>{formaterDateFr(d.reponseOpcoDate)}</dd>
          </>
        ) : null}
        {typeof d.motifRefus === 'string' && d.motifRefus ? (
          <>
            <dt>{d.status === 'refuse' ? 'Motif du refus' : 'Message de l’OPCO'}</dt>
            <dd>{d.motifRefus}</dd>
          </>
        ) : null}
      </dl>
    </section>
  )
  return (
    <>
      <p>
        <Link href="/dossiers">← Mes dossiers</Link>
      </p>
      <div className="ligne">
        <h1>
          {d.reference} — {String(f.titre || 'Formation à préciser')}
        </h1>
        <BadgeStatut statut={d.status ?? 'brouillon'} />
      </div>
      {refusLecture.length ? (
        <p className="alerte alerte-erreur" role="alert">
          {refusLecture.join(' ')}
        </p>
      ) : null}
      {sp.fait === 'submit' ? (
        <p className="alerte alerte-succes" role="status">
          Dossier envoyé à l’équipe MonOPCO. Vous recevrez un e-mail à chaque étape.
        </p>
      ) : null}
      <p className="alerte alerte-info" data-prochaine-etape>
        {prochaineEtape(d.status ?? 'brouillon', manquantes)}
      </p>
      <div className="grille grille-2">
        <div>
          <section className="carte" aria-labelledby="titre-resume">
            <h2 id="titre-resume">Le dossier</h2>
            <dl className="resume">
              <dt>Personne formée</dt>
              <dd>{[d.beneficiaire?.prenom, d.beneficiaire?.nom].filter(Boolean).join(' ') || '—'}</dd>
              <dt>Entreprise</dt>
              <dd>{nomDe(d.company, 'raisonSociale') || '—'}</dd>
              <dt>OPCO</dt>
              <dd>{nomDe(d.opco) || 'à déterminer'}</dd>
              <dt>Organisme</dt>
              <dd>{nomDe(f.organisme) || '—'}</dd>
              <dt>Dates</dt>
              <dd>
                {f.dateDebut ? formaterDateFr(String(f.dateDebut)) : '—'} → {f.dateFin ? formaterDateFr(String(f.dateFin)) : '—'}
              </dd>
              <dt>Prochaine échéance</dt>
              <dd data-prochaine-echeance={prochaine?.type ?? 'aucune'}>{texteProchaineEcheance(prochaine)}</dd>
              <dt>Coût total HT</dt>
              <dd className="montant">{typeof d.coutTotalHT === 'number' ? formaterEuros(d.coutTotalHT) : '—'}</dd>
            </dl>
            {editable ? (
              <p>
                <Link href={`/dossiers/${id}/modifier/beneficiaire`}>Modifier le dossier</Link>
              </p>
            ) : null}
            {d.status === 'brouillon' ? <Estimation dossier={d} /> : null}
          </section>
          {envoye ? reponseOpco : null}
          {joursSeances.length ? (
            <section className="carte" aria-labelledby="titre-seances" data-seances>
              <h2 id="titre-seances">Séances de formation</h2>
              <p className="aide">Chaque demi-journée est émargée par la personne formée et le formateur, depuis le lien reçu par e-mail le jour même.</p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Demi-journée</th>
                    <th scope="col">Horaires</th>
                    <th scope="col">Émargement</th>
                  </tr>
                </thead>
                <tbody>
                  {joursSeances.flatMap((j) =>
                    j.seances.map((s) => (
                      <tr key={String(s.id)} data-seance={`${j.jour} ${s.demiJournee}`} data-statut={s.statut}>
                        <td>{j.jour}</td>
                        <td>{s.demiJournee}</td>
                        <td>{s.horaires}</td>
                        <td className={`etat-${s.statut}`}>{s.libelleStatut}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </section>
          ) : null}

          <section className="carte" aria-labelledby="titre-pieces">
            <h2 id="titre-pieces">Pièces du dossier</h2>
            {pieces.ok ? (
              <ul className="pieces">
                {pieces.data.pieces
                  .filter((p) => p.etat !== 'non_requis')
                  .map((p) => (
                    <li key={p.type} data-piece={p.type} data-etat={p.etat}>
                      <div className="ligne">
                        <strong>{p.libelle}</strong>
                        <span className={`etat-${p.etat}`}>{p.etat === 'a_venir' && p.fournisseur === 'beneficiaire' && editable ? 'À déposer avant l’envoi' : libelleEtatPiece(p.etat, p.fournisseur)}</span>
                      </div>
                      <span className="aide">
                        {p.libelleFournisseur} — {p.moment}
                      </span>
                    </li>
                  ))}
              </ul>
            ) : (
              <p>La liste des pièces est momentanément indisponible.</p>
            )}
            {editable ? (
              <>
                <h3>Déposer une pièce</h3>
                <DepotPiece dossier={id} action={deposerPiece.bind(null, id)} types={TYPES_DEPOT} typeParDefaut="devis" />
              </>
            ) : null}
            {deposes.length ? (
              <>
                <h3>Pièces déposées</h3>
                <ul>
                  {deposes.map((x) => (
                    <li key={x.id} data-origine={libelleOrigineDocument(x.origin)}>
                      <a href={x.url ?? '#'}>{libelleTypeDocument(x.documentType ?? '')}</a> — {x.filename} {x.createdAt ? `(${formaterDateFr(x.createdAt)})` : ''}{' '}
                      <span className="aide">{libelleOrigineDocument(x.origin)}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>

          {signature ? (
            <section className="carte" aria-labelledby="titre-signature" data-testid="signature-convention">
              <h2 id="titre-signature">Signature de la convention</h2>
              <p data-statut-signature={signature.statut ?? ''}>
                <strong>{libelleStatutDemande(signature.statut)}</strong>
                {signature.statut === 'caduque' ? ' : le salarié n’a pas signé la convention du bilan dans les 10 jours (article R6313-8 du code du travail). L’équipe MonOPCO peut refaire une demande.' : null}
              </p>
              <ul>
                {(signature.signataires ?? []).map((x) => (
                  <li key={String(x.id)}>
                    {LIBELLES_ROLE_SIGNATAIRE[x.role as RoleSignataireConvention] ?? x.role} : {x.prenom} {x.nom} — {x.signeLe ? `a signé le ${formaterDateFr(x.signeLe)}` : 'pas encore signé'}
                  </li>
                ))}
              </ul>
              {sp.signature === 'indisponible' ? <p className="erreur" role="alert">Aucune convention à signer pour vous dans ce dossier.</p> : null}
              {peutSigner ? (
                <form action={signerMaConvention.bind(null, id)}>
                  <button type="submit" data-action="signer-convention">
                    Signer la convention
                  </button>
                </form>
              ) : null}
            </section>
          ) : null}

          <section className="carte" aria-labelledby="titre-docs">
            <h2 id="titre-docs">Documents à télécharger</h2>
            <p data-texte="documents">{texteDossierPortail(d.status, 'documents')}</p>
            {generes.length ? (
              <ul data-documents-generes>
                {generes.map((x) => (
                  <li key={x.id} data-origine={libelleOrigineDocument(x.origin)}>
                    <a href={x.url ?? '#'} download data-document={x.documentType}>
                      {libelleTypeDocument(x.documentType ?? '')} (PDF{x.version && x.version > 1 ? `, version ${x.version}` : ''})
                    </a>{' '}
                    <span className="aide">{libelleOrigineDocument(x.origin)}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>

          <section className="carte" aria-labelledby="titre-messages">
            <h2 id="titre-messages">Messages avec l’équipe MonOPCO</h2>
            {fil.length ? (
              <ol className="messages" aria-label="Fil de la conversation">
                {fil.map((m) => (
                  <li key={String(m.id)} className={m.moi ? '' : 'equipe'} data-message>
                    <span className="aide">
                      <strong>{m.auteur}</strong>, le <time dateTime={m.date}>{m.dateAffichee.replace(' ', ' à ')}</time>
                    </span>
                    <br />
                    {m.texte}
                  </li>
                ))}
              </ol>
            ) : (
              <p>Aucun message pour le moment. Une question ? Écrivez-nous.</p>
            )}
            {/* One Idempotency-Key per submission (a new one each time the page is drawn): a double submit makes one message. */}
            <Formulaire
              nom="Message"
              action={envoyerMessage.bind(null, id)}
              bouton="Envoyer le message"
              valeurs={{ cle: randomUUID() }}
              champs={[
                { nom: 'message', libelle: 'Votre message', type: 'textarea', requis: true },
                { nom: 'cle', libelle: 'Clé d’envoi', type: 'hidden' },
              ]}
            />
          </section>
        </div>

        <div>
          {actionsSansChamp.length ? (
            <section className="carte" aria-labelledby="titre-actions">
              <h2 id="titre-actions">Actions</h2>
              {actionsSansChamp.map((a) => (
                <BoutonAction
                  key={a.action}
                  action={agirSurDossier.bind(null, id, a.action)}
                  libelle={a.action === 'submit' ? 'Envoyer le dossier à MonOPCO' : a.action === 'cancel' ? 'Annuler le dossier' : a.libelle}
                  danger={a.style === 'danger'}
                  confirmation={confirmationDe(a.action)}
                  certification={a.action === 'submit' ? TEXTE_CERTIFICATION : undefined}
                />
              ))}
            </section>
          ) : null}
          {envoye ? null : reponseOpco}
          <section className="carte" aria-labelledby="titre-conformite">
            <h2 id="titre-conformite">Vérification du dossier</h2>
            <p data-texte="verification">{texteDossierPortail(d.status, 'verification')}</p>
            {/* The stored summary speaks of the team's check still ahead: only until then. */}
            {conformite?.resume && dansGroupe(STATUTS_AVANT_VALIDATION, d.status) ? <p>{conformite.resume}</p> : null}
            {constatsPieces.length > 0 ? (
              <>
                <h3>Pièces déposées à vérifier</h3>
                <ul data-testid="constats-pieces">
                  {constatsPieces.map((c, i) => (
                    <li key={i}>{c.message}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
          <section className="carte" aria-labelledby="titre-historique">
            <h2 id="titre-historique">Suivi</h2>
            <p data-texte="suivi">{texteDossierPortail(d.status, 'suivi')}</p>
            {historique.ok && historique.data.historique?.length ? (
              <ol className="chronologie" data-historique>
                {[...historique.data.historique].reverse().map((h, i) => (
                  <li key={i}>
                    <strong>{h.titre}</strong>
                    <br />
                    <span className="aide">{formaterDateFr(h.date)}</span>
                    {h.detail ? <div>{h.detail}</div> : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p>Pas encore d’étape.</p>
            )}
          </section>
        </div>
      </div>
    </>
  )
}
