/**
 * Writes ISO 20022 CAMT.053 statements for the tests and the bench, the way French banks export
 * them: one Stmt, one Ntry per transfer, remittance text in Ustrd (or structured in Strd), the
 * payer in RltdPties/Dbtr, the bank's id in AcctSvcrRef.
 */
export interface EcritureCamt {
  id?: string
  montant: number
  sens?: 'CRDT' | 'DBIT'
  date?: string
  ustrd?: string[]
  refStructuree?: string
  endToEnd?: string
  payeur?: string
  info?: string
  statut?: string
}

const echapper = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const euros = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`

export function ecritureCamt(e: EcritureCamt): string {
  return `
      <Ntry>
        ${e.id ? `<NtryRef>${echapper(e.id)}</NtryRef>` : ''}
        <Amt Ccy="EUR">${euros(e.montant)}</Amt>
        <CdtDbtInd>${e.sens ?? 'CRDT'}</CdtDbtInd>
        <Sts>${e.statut ?? 'BOOK'}</Sts>
        <BookgDt><Dt>${e.date ?? '2026-11-30'}</Dt></BookgDt>
        <ValDt><Dt>${e.date ?? '2026-11-30'}</Dt></ValDt>
        ${e.id ? `<AcctSvcrRef>${echapper(e.id)}</AcctSvcrRef>` : ''}
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs>${e.endToEnd ? `<EndToEndId>${echapper(e.endToEnd)}</EndToEndId>` : '<EndToEndId>NOTPROVIDED</EndToEndId>'}</Refs>
          <Amt Ccy="EUR">${euros(e.montant)}</Amt>
          <CdtDbtInd>${e.sens ?? 'CRDT'}</CdtDbtInd>
          ${e.payeur ? `<RltdPties><Dbtr><Nm>${echapper(e.payeur)}</Nm></Dbtr></RltdPties>` : ''}
          <RmtInf>${(e.ustrd ?? []).map((u) => `<Ustrd>${echapper(u)}</Ustrd>`).join('')}${e.refStructuree ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${echapper(e.refStructuree)}</Ref></CdtrRefInf></Strd>` : ''}</RmtInf>
        </TxDtls></NtryDtls>
        ${e.info ? `<AddtlNtryInf>${echapper(e.info)}</AddtlNtryInf>` : ''}
      </Ntry>`
}

export function releveCamt053(ecritures: readonly EcritureCamt[], options: { id?: string; iban?: string; version?: string; namespace?: string } = {}): string {
  const ns = options.namespace ?? `urn:iso:std:iso:20022:tech:xsd:camt.053.001.${options.version ?? '02'}`
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="${ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-${options.id ?? 'STMT-1'}</MsgId><CreDtTm>2026-12-01T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>${options.id ?? 'STMT-1'}</Id>
      <CreDtTm>2026-12-01T06:00:00</CreDtTm>
      <Acct><Id><IBAN>${options.iban ?? 'FR7630006000011234567890189'}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      ${ecritures.map(ecritureCamt).join('')}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`
}
