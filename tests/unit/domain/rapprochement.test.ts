import { describe, expect, it } from '@jest/globals'
import { ErreurMetier } from '@/src/domain/erreurs'
import { candidatsPour, identifiantsPossibles, nomPresent, jetons, paiementsDuCandidat, rapprocherOperations, type FactureOuverte, type OperationARapprocher } from '@/src/domain/rapprochement/appariement'
import * as appariement from '@/src/domain/rapprochement/appariement'
import { lireReleve, TAILLE_MAX_RELEVE } from '@/src/domain/rapprochement/releve'
import { releveCamt053 } from '@/tests/helpers/camt053'

const refusAvec = (f: () => unknown, motif: RegExp) => {
  try {
    f()
  } catch (err) {
    expect(err).toBeInstanceOf(ErreurMetier)
    expect((err as ErreurMetier).status).toBe(400)
    expect((err as Error).message).toMatch(motif)
    return
  }
  throw new Error('aucun refus')
}

describe('lireReleve — CAMT.053', () => {
  it('lit crédits et débits, montants en centimes, payeur, remise, identifiant bancaire', () => {
    const r = lireReleve(
      releveCamt053([
        { id: 'BQ-1', montant: 126_000, payeur: 'OPCO ATLAS', ustrd: ['VIR SEPA F-2026-00012'], endToEnd: 'E2E-1' },
        { id: 'BQ-2', montant: 4_550, sens: 'DBIT', ustrd: ['FRAIS'] },
        { id: 'BQ-3', montant: 10_00, statut: 'PDNG' },
        { montant: 5, refStructuree: 'RF18 MO-2026-000123', info: 'Remise AKTO &amp; cie' },
      ]),
    )
    expect(r.format).toBe('camt053')
    expect(r.cle).toBe('camt053:FR7630006000011234567890189:STMT-1')
    expect(r.operations).toHaveLength(3)
    expect(r.operations[0]).toEqual({ idTransaction: 'BQ-1', date: '2026-11-30', montant: 126_000, sens: 'credit', libelle: 'VIR SEPA F-2026-00012', nomContrepartie: 'OPCO ATLAS', reference: 'E2E-1' })
    expect(r.operations[1]).toMatchObject({ sens: 'debit', montant: 4_550 })
    // No bank id: a stable fingerprint, the same on every reading of the same file.
    expect(r.operations[2]!.idTransaction).toMatch(/^camt-[0-9a-f]{32}$/)
    expect(r.operations[2]!.libelle).toContain('MO-2026-000123')
    expect(r.operations[2]!.libelle).toContain('AKTO &amp; cie')
    expect(lireReleve(releveCamt053([{ montant: 5, refStructuree: 'RF18 MO-2026-000123' }])).operations[0]!.idTransaction).toBe(lireReleve(releveCamt053([{ montant: 5, refStructuree: 'RF18 MO-2026-000123' }])).operations[0]!.idTransaction)
  })

  it('accepte les versions récentes (nom du payeur sous Pty, statut sous Cd) et un préfixe d’espace de noms', () => {
    const xml = `<?xml version="1.0"?><c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><c:BkToCstmrStmt><c:Stmt><c:Id>S8</c:Id>
      <c:Ntry><c:Amt Ccy="EUR">12.5</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:Sts><c:Cd>BOOK</c:Cd></c:Sts><c:BookgDt><c:Dt>2026-12-01</c:Dt></c:BookgDt><c:AcctSvcrRef>X1</c:AcctSvcrRef>
      <c:NtryDtls><c:TxDtls><c:RltdPties><c:Dbtr><c:Pty><c:Nm>Akto</c:Nm></c:Pty></c:Dbtr></c:RltdPties></c:TxDtls></c:NtryDtls></c:Ntry></c:Stmt></c:BkToCstmrStmt></c:Document>`
    expect(lireReleve(xml).operations).toEqual([expect.objectContaining({ idTransaction: 'X1', montant: 1250, nomContrepartie: 'Akto', date: '2026-12-01' })])
  })

  it('refuse entités, XXE, billion laughs, mauvais espace de noms, XML mal formé, montants et devises illisibles', () => {
    const bon = releveCamt053([{ id: 'A', montant: 100 }])
    refusAvec(() => lireReleve(bon.replace('<Document', '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Document').replace('<Id>STMT-1</Id>', '<Id>&x;</Id>')), /DOCTYPE et ENTITY/)
    const rires = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&lol1;</Document>`
    refusAvec(() => lireReleve(rires), /DOCTYPE/)
    refusAvec(() => lireReleve(bon.replace('camt.053.001.02', 'camt.052.001.02')), /n'est pas un relevé CAMT\.053.*camt\.052/)
    refusAvec(() => lireReleve('<Document><a></Document>'), /bien formé/)
    refusAvec(() => lireReleve(bon.replace('<Amt Ccy="EUR">1.00</Amt>', '<Amt Ccy="EUR">1,00</Amt>')), /montant « 1,00 » illisible/)
    refusAvec(() => lireReleve(bon.replaceAll('Ccy="EUR"', 'Ccy="USD"')), /devise « USD »/)
    refusAvec(() => lireReleve(bon.replace('<Stmt>', '<Autre>').replace('</Stmt>', '</Autre>')), /aucun relevé/)
    refusAvec(() => lireReleve(''), /vide/)
    refusAvec(() => lireReleve('   \n'), /vide/)
    refusAvec(() => lireReleve('%PDF-1.4 binaire'), /Format de relevé non reconnu/)
    refusAvec(() => lireReleve(new Uint8Array(TAILLE_MAX_RELEVE + 1)), /taille maximale/)
  })
})

describe('lireReleve — CSV', () => {
  it('lit date;libellé;montant;référence avec décimales françaises, en-tête, guillemets et latin-1', () => {
    const csv = 'Date;Libellé;Montant;Référence\n30/11/2026;"VIR ATLAS; F-2026-00012";1 260,00;REF1\n01/12/2026;FRAIS;-4,50;\n2026-12-02;VIR;+12;\n'
    const r = lireReleve(csv)
    expect(r.format).toBe('csv')
    expect(r.operations.map((o) => [o.date, o.montant, o.sens, o.libelle, o.reference])).toEqual([
      ['2026-11-30', 126_000, 'credit', 'VIR ATLAS; F-2026-00012', 'REF1'],
      ['2026-12-01', 450, 'debit', 'FRAIS', ''],
      ['2026-12-02', 1200, 'credit', 'VIR', ''],
    ])
    expect(lireReleve(csv).operations.map((o) => o.idTransaction)).toEqual(r.operations.map((o) => o.idTransaction))
    const latin = Uint8Array.from([...Buffer.from('30/11/2026;VIR '), 0xe9, ...Buffer.from('cole;10,00;X\n')])
    expect(lireReleve(latin).operations[0]!.libelle).toBe('VIR école')
  })

  it('refuse les montants, dates et colonnes illisibles en nommant la ligne', () => {
    refusAvec(() => lireReleve('30/11/2026;VIR;12,3,4;X'), /Ligne 1 : montant « 12,3,4 » illisible/)
    refusAvec(() => lireReleve('date;libellé;montant;référence\n30/11/2026;VIR;abc;X'), /Ligne 2 : montant/)
    refusAvec(() => lireReleve('30/11/2026;VIR;1,234;X'), /montant/)
    refusAvec(() => lireReleve('31/02/2026;VIR;1,00;X'), /Ligne 1 : date « 31\/02\/2026 »/)
    refusAvec(() => lireReleve('30/11/2026;VIR;0,00;X'), /montant nul/)
    refusAvec(() => lireReleve('30/11/2026;"VIR;1,00;X'), /guillemets/)
    refusAvec(() => lireReleve('30/11/2026;a;b;1,00;X;Y'), /colonnes/)
    refusAvec(() => lireReleve('date;libellé;montant;référence\n'), /aucune opération/)
  })
})

describe('appariement', () => {
  const f = (id: number, solde: number, extra: Partial<FactureOuverte> = {}): FactureOuverte => ({
    id, numero: `F-2026-${String(id).padStart(5, '0')}`, dossier: 100 + id, referenceDossier: `MO-2026-${String(id).padStart(6, '0')}`, numeroDossierOpco: `ATL-${id}77`, payeur: 'opco', nomsPayeur: ['Atlas', 'ATLAS'], solde, ...extra,
  })
  const op = (montant: number, libelle: string, extra: Partial<OperationARapprocher> = {}): OperationARapprocher => ({ idTransaction: `T${montant}`, montant, sens: 'credit', libelle, nomContrepartie: '', reference: '', ...extra })
  const factures = [f(1, 100_000), f(2, 50_000), f(3, 50_000, { nomsPayeur: ['Akto'] }), f(4, 25_000), f(5, 0)]

  it('découpe les identifiants quelle que soit leur écriture', () => {
    expect(jetons('Réf. F-2026/00012')).toEqual(['REF', 'F', '2026', '00012'])
    for (const t of ['F-2026-00012', 'F 2026 00012', 'REF:F2026-00012', 'facture f2026 00012 merci']) expect(identifiantsPossibles([t]).has('F202600012')).toBe(true)
    expect(nomPresent('Atlas', new Set(jetons('OPCO ATLAS')))).toBe(true)
    expect(nomPresent('OPCO', new Set(jetons('OPCO ATLAS')))).toBe(false)
  })

  it('numéro de facture + montant égal au solde : sûr, quel que soit l’endroit de la référence', () => {
    for (const o of [op(100_000, 'VIR SEPA F-2026-00001'), op(100_000, '', { reference: 'f2026 00001' }), op(100_000, 'PAIEMENT', { nomContrepartie: 'ATLAS F 2026 00001' })]) {
      const [r] = rapprocherOperations([o], factures)
      expect(r!.decision).toBe('automatique')
      expect(r!.candidats[0]).toMatchObject({ factures: [1], situation: 'exact', identifie: true })
    }
  })

  it('référence MonOPCO ou numéro de dossier OPCO : sûrs aussi ; nom du payeur en plus de la note', () => {
    const [a] = rapprocherOperations([op(100_000, 'MO 2026 000001')], factures)
    const [b] = rapprocherOperations([op(100_000, 'dossier atl-177', { nomContrepartie: 'OPCO ATLAS' })], factures)
    expect(a!.decision).toBe('automatique')
    expect(b!.decision).toBe('automatique')
    expect(b!.candidats[0]!.score).toBeGreaterThan(a!.candidats[0]!.score)
  })

  it('deux factures d’un même payeur réglées par un virement : les deux ensemble, sûr', () => {
    const [r] = rapprocherOperations([op(125_000, 'F-2026-00001 et F-2026-00004')], factures)
    expect(r!.decision).toBe('automatique')
    expect(r!.candidats[0]!.factures).toEqual([1, 4])
  })

  it('paiement partiel, trop-perçu, facture déjà réglée : à confirmer, écart montré', () => {
    const [p, t, d] = rapprocherOperations([op(40_000, 'F-2026-00001'), op(110_000, 'F-2026-00002'), op(1_000, 'F-2026-00005')], factures)
    expect([p!.decision, p!.candidats[0]!.situation, p!.candidats[0]!.ecart]).toEqual(['a_confirmer', 'partiel', -60_000])
    expect([t!.decision, t!.candidats[0]!.situation, t!.candidats[0]!.ecart]).toEqual(['a_confirmer', 'trop_percu', 60_000])
    expect([d!.decision, d!.candidats[0]!.situation]).toEqual(['a_confirmer', 'trop_percu'])
  })

  it('montant seul ou nom seul : jamais sûr ; rien du tout : sans correspondance ; débits ignorés', () => {
    const [m, n, rien, debit] = rapprocherOperations([op(25_000, 'VIREMENT', { nomContrepartie: 'ATLAS' }), op(50_000, 'VIREMENT'), op(12_345, 'LOYER'), op(100_000, 'F-2026-00001', { sens: 'debit' })], factures)
    expect(m!.decision).toBe('a_confirmer')
    expect(m!.candidats[0]!.factures).toEqual([4])
    // Two open invoices with that balance: both candidates, equally possible.
    expect([n!.decision, n!.candidats.map((c) => c.factures[0]).sort()]).toEqual(['a_confirmer', [2, 3]])
    expect(rien!.decision).toBe('sans_correspondance')
    expect(debit!.decision).toBe('debit')
  })

  it('le même numéro dans deux virements : le second est un trop-perçu, pas un second paiement exact', () => {
    const [a, b] = rapprocherOperations([op(100_000, 'F-2026-00001'), { ...op(100_000, 'F-2026-00001'), idTransaction: 'T2' }], factures)
    expect(a!.decision).toBe('automatique')
    expect([b!.decision, b!.candidats[0]!.situation]).toEqual(['a_confirmer', 'trop_percu'])
  })

  it('un identifiant trop court ou fait de chiffres seuls ne désigne rien', () => {
    const courtes = [f(9, 7_700, { numeroDossierOpco: '77', referenceDossier: null }), f(10, 8_800, { numeroDossierOpco: '2026120101', referenceDossier: null })]
    expect(candidatsPour(op(1, 'VIR 77 2026120101'), courtes)).toEqual([])
  })

  it('paiements enregistrés : un par dossier, partiel sur les premiers, trop-perçu sur le dernier, références dérivées de l’opération', () => {
    const fs = [f(1, 100_000), f(4, 25_000)]
    expect(paiementsDuCandidat({ factures: [1, 4], payeur: 'opco' }, fs, 125_000, 'BQ')).toEqual([
      { dossier: 101, payeur: 'opco', montant: 100_000, reference: 'BQ/1' },
      { dossier: 104, payeur: 'opco', montant: 25_000, reference: 'BQ/2' },
    ])
    expect(paiementsDuCandidat({ factures: [1, 4], payeur: 'opco' }, fs, 60_000, 'BQ')).toEqual([{ dossier: 101, payeur: 'opco', montant: 60_000, reference: 'BQ' }])
    expect(paiementsDuCandidat({ factures: [1], payeur: 'opco' }, fs, 130_000, 'BQ')).toEqual([{ dossier: 101, payeur: 'opco', montant: 130_000, reference: 'BQ' }])
  })
})

describe('soldesDesFactures', () => {
  it('impute les paiements reçus d’un payeur à ses factures du dossier, la plus ancienne d’abord', () => {
    const { soldesDesFactures } = appariement
    const soldes = soldesDesFactures(
      [
        { id: 2, dossier: 1, payeur: 'opco', totalTTC: 50_000, ordre: '2026-10-02' },
        { id: 1, dossier: 1, payeur: 'opco', totalTTC: 30_000, ordre: '2026-10-01' },
        { id: 3, dossier: 1, payeur: 'entreprise', totalTTC: 10_000, ordre: '2026-10-01' },
        { id: 4, dossier: 2, payeur: 'opco', totalTTC: 10_000, ordre: '2026-10-01' },
      ],
      [{ dossier: 1, payeur: 'opco', montant: 40_000 }, { dossier: 1, payeur: 'entreprise', montant: 12_000 }, { dossier: 2, payeur: 'opco', montant: -5 }],
    )
    expect(Object.fromEntries(soldes)).toEqual({ 1: 0, 2: 40_000, 3: 0, 4: 10_000 })
  })
})
