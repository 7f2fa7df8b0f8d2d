/**
 * Fixed-window rate limiter kept in this process's memory. Per-instance limits are enough for
 * brute-force protection because the account lockout (5 failures → 10 min) is stored in the
 * database and so shared by every instance; see README "Production".
 */
export interface ResultatLimite {
  autorise: boolean
  retryAfterSeconds: number
}

export class LimiteurDebit {
  private readonly fenetres = new Map<string, { debut: number; compte: number }>()

  constructor(
    private readonly max: number,
    private readonly fenetreMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  consommer(cle: string): ResultatLimite {
    const t = this.now()
    if (this.fenetres.size > 50_000) this.purger(t)
    const fenetre = this.fenetres.get(cle)
    if (!fenetre || t - fenetre.debut >= this.fenetreMs) {
      this.fenetres.set(cle, { debut: t, compte: 1 })
      return { autorise: true, retryAfterSeconds: 0 }
    }
    fenetre.compte += 1
    if (fenetre.compte <= this.max) return { autorise: true, retryAfterSeconds: 0 }
    return { autorise: false, retryAfterSeconds: Math.max(1, Math.ceil((fenetre.debut + this.fenetreMs - t) / 1000)) }
  }

  private purger(t: number): void {
    for (const [cle, f] of this.fenetres) if (t - f.debut >= this.fenetreMs) this.fenetres.delete(cle)
  }
}
