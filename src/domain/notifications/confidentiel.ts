/**
 * E-mails that carry a personal secret (a link or a code that acts in the recipient's name):
 * their outbox row is « confidentiel » and its content is readable by nobody through the API or
 * the admin — an admin who could read a signing code or an attendance link could sign in
 * somebody else's place, which would defeat the signature's evidence. Only the sender and
 * « renvoyer » (server code, overrideAccess) read it.
 *
 * The one place that decides: the templates below, by id. The outbox (src/services/emails/
 * boiteEnvoi.ts) marks a row from its template, so a resend (same template) stays masked, and
 * Payload's own e-mails (password reset through the outbox adapter) are covered by their id too.
 */
export const MODELES_CONFIDENTIELS: readonly string[] = [
  // Password reset: the link carries Payload's reset token (templates/email/comptes.ts).
  'mot_de_passe',
  // Convention signing: the personal link, its reminder (a fresh link), the 6-digit code (templates/email/signatures.ts).
  'signature_convention_lien',
  'signature_convention_relance',
  'signature_convention_code',
  // Attendance: the link of the day `/emargement/<jeton>` (templates/email/emargement.ts).
  'emargement_lien',
  // A mail sent through payload.sendEmail that we did not render (no template marker): Payload's
  // default auth e-mails carry tokens, so unknown content is masked by prudence.
  'payload',
]

export const estModeleConfidentiel = (modele: string | null | undefined): boolean => typeof modele === 'string' && MODELES_CONFIDENTIELS.includes(modele)

/** What the admin shows instead of the content (French UI). */
export const NOTE_CONTENU_MASQUE = 'Contenu masqué : cet e-mail contient un lien ou un code personnel. Personne ne peut le lire, administrateurs compris ; l’envoi et « Renvoyer » l’utilisent tel quel.'

/**
 * A provider's error text may echo part of the message (a proxy, a validation error quoting the
 * body): on a confidential row, `lastError` keeps the status and the reason but no link, no
 * token-like run and no 6-digit code. Over-masking an innocent number is the cheaper mistake.
 */
export function expurgerSecrets(texte: string): string {
  return texte
    .replace(/https?:\/\/[^\s"'<>]+/gi, '[lien masqué]')
    .replace(/\/(?:emargement|signature|reinitialiser|reset)\/[^\s"'<>]+/gi, '[lien masqué]')
    .replace(/[A-Za-z0-9_-]{20,}/g, (m) => (/[0-9]/.test(m) && /[A-Za-z]/.test(m) ? '[masqué]' : m))
    .replace(/(?<![0-9])[0-9]{6}(?![0-9])/g, '[code masqué]')
}
