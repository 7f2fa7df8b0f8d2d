import fs from 'node:fs'
import { once } from 'node:events'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { Transform as Json2Csv } from '@json2csv/node'
import ExcelJS from 'exceljs'
import type { Payload } from 'payload'
import { COLONNES_DOSSIERS, FORMAT_DATE_XLSX, FORMAT_EUROS_XLSX, ligneCsv, ligneXlsx } from '@/src/domain/reports/colonnes'
import type { FiltresDossiers } from '@/src/domain/reports/filtres'
import { lireDossiersExport } from './dossiers'

export type FormatExport = 'csv' | 'xlsx'
export const FORMATS_EXPORT: readonly FormatExport[] = ['csv', 'xlsx']

export const TYPES_MIME: Record<FormatExport, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** Called after each page written, with the rows written so far. */
export type Progression = (lignes: number) => Promise<void> | void

/**
 * CSV for French Excel: `;` separator, UTF-8 BOM, CRLF, amounts `1234,56`, dates `jj/mm/aaaa`.
 * Pages from SQL go through json2csv's stream into the file: memory stays flat at 100k rows.
 */
export async function ecrireCsv(payload: Payload, filtres: FiltresDossiers, chemin: string, progression?: Progression): Promise<number> {
  let lignes = 0
  const source = Readable.from(
    (async function* () {
      for await (const page of lireDossiersExport(payload, filtres)) {
        for (const l of page) yield ligneCsv(l)
        lignes += page.length
        await progression?.(lignes)
      }
    })(),
    { objectMode: true },
  )
  const csv = new Json2Csv({ fields: COLONNES_DOSSIERS.map((c) => c.entete), delimiter: ';', withBOM: true, eol: '\r\n' }, {}, { objectMode: true })
  await pipeline(source, csv, fs.createWriteStream(chemin))
  return lignes
}

type FluxInterne = { _writableState?: { length?: number }; once: (e: string, f: () => void) => unknown }

/**
 * exceljs 4.4 pipes the sheet's XML into the zip without backpressure: rows come faster than
 * deflate, and the pass-through in between grew to ~100 MB at 100k rows. After each page, wait
 * until the zip has taken all but 1 MB of it — memory then stays bounded whatever the row count.
 * (Internal fields, read defensively: if exceljs changes them, this just stops waiting.)
 */
async function attendreCompression(feuille: ExcelJS.Worksheet): Promise<void> {
  const passage = (feuille as unknown as { stream?: { pipes?: FluxInterne[] } }).stream?.pipes?.[0]
  while (passage && (passage._writableState?.length ?? 0) > 1 << 20) await once(passage as never, 'drain')
}

/**
 * XLSX through exceljs's streaming writer (each row committed, then released): euros as numbers
 * formatted `# ##0,00 €`, dates as date cells `jj/mm/aaaa`, text as text.
 */
export async function ecrireXlsx(payload: Payload, filtres: FiltresDossiers, chemin: string, progression?: Progression): Promise<number> {
  const fichier = fs.createWriteStream(chemin)
  const classeur = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: fichier, useStyles: true, useSharedStrings: false })
  classeur.creator = 'MonOPCO'
  const feuille = classeur.addWorksheet('Dossiers', { views: [{ state: 'frozen', ySplit: 1 }] })
  feuille.columns = COLONNES_DOSSIERS.map((c) => ({
    header: c.entete,
    key: c.cle,
    width: c.largeur,
    style: c.type === 'euros' ? { numFmt: FORMAT_EUROS_XLSX } : c.type === 'date' ? { numFmt: FORMAT_DATE_XLSX } : {},
  }))
  feuille.getRow(1).font = { bold: true }
  feuille.getRow(1).commit()
  let lignes = 0
  for await (const page of lireDossiersExport(payload, filtres)) {
    for (const l of page) feuille.addRow(ligneXlsx(l)).commit()
    lignes += page.length
    await attendreCompression(feuille)
    await progression?.(lignes)
  }
  feuille.commit()
  const fin = once(fichier, 'close')
  await classeur.commit()
  await fin
  return lignes
}

export const ecrireExport = (format: FormatExport, payload: Payload, filtres: FiltresDossiers, chemin: string, progression?: Progression): Promise<number> =>
  format === 'csv' ? ecrireCsv(payload, filtres, chemin, progression) : ecrireXlsx(payload, filtres, chemin, progression)
