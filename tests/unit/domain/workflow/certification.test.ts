import { describe, expect, it } from '@jest/globals'
import { lireCertification, MESSAGE_CERTIFICATION_MANQUANTE, TEXTE_CERTIFICATION } from '@/src/domain/workflow'

const MAINTENANT = new Date('2026-12-03T10:00:00.000Z')

describe('certification au dépôt (submit)', () => {
  it('exigée du bénéficiaire : seul `true` compte', () => {
    for (const v of [undefined, false, 'true', 1, 'on', null, {}]) {
      expect(lireCertification({ role: 'user' }, 'submit', { certification: v }, MAINTENANT)).toEqual({ ok: false, message: MESSAGE_CERTIFICATION_MANQUANTE })
    }
    expect(lireCertification({ role: 'user' }, 'submit', { certification: true }, MAINTENANT)).toEqual({
      ok: true,
      certification: { texte: TEXTE_CERTIFICATION, date: '2026-12-03T10:00:00.000Z' },
    })
  })

  it("ni pour l'équipe, ni pour les autres actions", () => {
    expect(lireCertification({ role: 'admin' }, 'submit', {}, MAINTENANT)).toEqual({ ok: true, certification: null })
    expect(lireCertification({ role: 'user' }, 'cancel', {}, MAINTENANT)).toEqual({ ok: true, certification: null })
    expect(lireCertification({ role: 'user' }, 'complete-documents', {}, MAINTENANT)).toEqual({ ok: true, certification: null })
  })

  it('message en français qui dit quoi faire', () => {
    expect(MESSAGE_CERTIFICATION_MANQUANTE).toMatch(/^Impossible de « Soumettre » : cochez « Je certifie l'exactitude des informations/)
  })
})
