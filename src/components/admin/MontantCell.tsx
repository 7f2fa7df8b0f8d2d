import { formaterEuros } from '@/src/domain/money'

/** List cell for amounts stored in integer cents: shows `1 234,56 €`, never raw cents. */
export function MontantCell({ cellData }: { cellData?: unknown }) {
  if (typeof cellData !== 'number' || !Number.isSafeInteger(cellData)) return <span>—</span>
  return <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formaterEuros(cellData)}</span>
}
