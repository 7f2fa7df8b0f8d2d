import { describe, expect, it } from '@jest/globals'
import { EnvironnementInvalideError, lireEnvironnement } from '@/src/config/env'

type Source = Record<string, string | undefined>
const SECRET_PROD = 'f3a9c1d7e5b2a8c4d6e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2'
const PROD: Source = { NODE_ENV: 'production', PAYLOAD_SECRET: SECRET_PROD }
const emails = (source: Source) => lireEnvironnement(source, () => true).emails

function refuse(source: Source, variable: string): void {
  try {
    lireEnvironnement(source, () => true)
  } catch (e) {
    expect(e).toBeInstanceOf(EnvironnementInvalideError)
    expect((e as EnvironnementInvalideError).variable).toBe(variable)
    expect((e as Error).message).toContain(variable)
    return
  }
  throw new Error(`aucune erreur pour ${JSON.stringify(source)}`)
}

describe('configuration des e-mails', () => {
  it('par défaut : aucun fournisseur (la boîte d’envoi garde les e-mails), délais documentés', () => {
    expect(emails({})).toEqual({
      fournisseur: { type: 'aucun' },
      fromAddress: 'notifications@monopco.local',
      fromName: 'MonOPCO',
      resendWebhookSecret: null,
      maxTentatives: 8,
      delaiReessaiSecondes: 60,
      relances: { piecesJours: 7, opcoJours: 21, debutFormationJours: 15, paiementJours: 30, cron: '0 7 * * *' },
    })
  })

  it('Resend quand RESEND_API_KEY est défini (prioritaire sur SMTP), RESEND_BASE_URL sans barre finale', () => {
    expect(emails({ RESEND_API_KEY: 're_abc', SMTP_HOST: 'smtp.exemple.fr' }).fournisseur).toEqual({ type: 'resend', apiKey: 're_abc', baseUrl: 'https://api.resend.com' })
    expect(emails({ RESEND_API_KEY: 're_abc', RESEND_BASE_URL: 'http://127.0.0.1:4010/' }).fournisseur).toMatchObject({ baseUrl: 'http://127.0.0.1:4010' })
    refuse({ RESEND_BASE_URL: 'ftp://x' }, 'RESEND_BASE_URL')
    refuse({ RESEND_BASE_URL: 'https://api.resend.com/emails' }, 'RESEND_BASE_URL')
    refuse({ RESEND_API_KEY: 're abc' }, 'RESEND_API_KEY')
  })

  it('SMTP : port 587 par défaut, 465 implique TLS, identifiants par paire', () => {
    expect(emails({ SMTP_HOST: 'smtp.exemple.fr' }).fournisseur).toEqual({ type: 'smtp', host: 'smtp.exemple.fr', port: 587, secure: false, user: null, password: null })
    expect(emails({ SMTP_HOST: 'h', SMTP_PORT: '465' }).fournisseur).toMatchObject({ port: 465, secure: true })
    expect(emails({ SMTP_HOST: 'h', SMTP_SECURE: 'true' }).fournisseur).toMatchObject({ port: 465, secure: true })
    expect(emails({ SMTP_HOST: 'h', SMTP_USER: 'u', SMTP_PASSWORD: 'p' }).fournisseur).toMatchObject({ user: 'u', password: 'p' })
    refuse({ SMTP_HOST: 'h', SMTP_USER: 'u' }, 'SMTP_PASSWORD')
    refuse({ SMTP_HOST: 'h', SMTP_PASSWORD: 'p' }, 'SMTP_USER')
    refuse({ SMTP_HOST: 'h', SMTP_PORT: '70000' }, 'SMTP_PORT')
    refuse({ SMTP_HOST: 'h', SMTP_SECURE: 'peut-être' }, 'SMTP_SECURE')
  })

  it('expéditeur : adresse seule dans EMAIL_FROM, nom dans EMAIL_FROM_NAME ; obligatoire en production avec un fournisseur', () => {
    expect(emails({ EMAIL_FROM: 'bonjour@monopco.fr', EMAIL_FROM_NAME: 'Équipe MonOPCO' })).toMatchObject({ fromAddress: 'bonjour@monopco.fr', fromName: 'Équipe MonOPCO' })
    refuse({ EMAIL_FROM: 'MonOPCO <bonjour@monopco.fr>' }, 'EMAIL_FROM')
    refuse({ EMAIL_FROM: 'pas-une-adresse' }, 'EMAIL_FROM')
    refuse({ EMAIL_FROM_NAME: 'Nom\r\nBcc: x@y.fr' }, 'EMAIL_FROM_NAME')
    refuse({ ...PROD, RESEND_API_KEY: 're_abc' }, 'EMAIL_FROM')
    expect(emails({ ...PROD, RESEND_API_KEY: 're_abc', EMAIL_FROM: 'bonjour@monopco.fr' }).fournisseur.type).toBe('resend')
    expect(emails(PROD).fournisseur.type).toBe('aucun')
  })

  it('RESEND_WEBHOOK_SECRET au format whsec_… (base64)', () => {
    expect(emails({ RESEND_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }).resendWebhookSecret).toBe('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')
    refuse({ RESEND_WEBHOOK_SECRET: 'secret' }, 'RESEND_WEBHOOK_SECRET')
    refuse({ RESEND_WEBHOOK_SECRET: 'whsec_court' }, 'RESEND_WEBHOOK_SECRET')
  })

  it('tentatives, délai de réessai et délais des relances : entiers bornés ; cron à 5 ou 6 champs', () => {
    expect(emails({ EMAIL_MAX_ATTEMPTS: '3', EMAIL_RETRY_BASE_SECONDS: '0' })).toMatchObject({ maxTentatives: 3, delaiReessaiSecondes: 0 })
    expect(emails({ REMINDER_DOCUMENTS_DAYS: '3', REMINDER_OPCO_DAYS: '14', REMINDER_TRAINING_START_DAYS: '30', REMINDER_PAYMENT_DAYS: '45', REMINDERS_CRON: '30 6 * * 1-5' }).relances).toEqual({
      piecesJours: 3,
      opcoJours: 14,
      debutFormationJours: 30,
      paiementJours: 45,
      cron: '30 6 * * 1-5',
    })
    refuse({ EMAIL_MAX_ATTEMPTS: '0' }, 'EMAIL_MAX_ATTEMPTS')
    refuse({ EMAIL_RETRY_BASE_SECONDS: '-1' }, 'EMAIL_RETRY_BASE_SECONDS')
    refuse({ REMINDER_DOCUMENTS_DAYS: '0' }, 'REMINDER_DOCUMENTS_DAYS')
    refuse({ REMINDER_OPCO_DAYS: 'trois' }, 'REMINDER_OPCO_DAYS')
    refuse({ REMINDER_TRAINING_START_DAYS: '400' }, 'REMINDER_TRAINING_START_DAYS')
    refuse({ REMINDER_PAYMENT_DAYS: '1.5' }, 'REMINDER_PAYMENT_DAYS')
    refuse({ REMINDERS_CRON: 'tous les jours' }, 'REMINDERS_CRON')
  })
})
