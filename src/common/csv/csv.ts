import { stringify } from 'csv-stringify/sync';

/**
 * Spreadsheet-safe CSV (pure). A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is a formula to Excel and LibreOffice (`+cmd|' /C calc'!A0` runs a program), so it gets
 * a leading apostrophe, which the spreadsheet shows as text (OWASP "CSV Injection"). A cell that
 * is a number as a whole (`-1234,56`, `12.5`) stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?\d+([.,]\d+)?$/;

export function neutraliseCell(value: string): string {
  if (!FORMULA_START.test(value) || NUMBER.test(value)) return value;
  return `'${value}`;
}

/** Excel opens a UTF-8 CSV with Polish letters right only with the byte order mark. */
export const CSV_BOM = '\uFEFF';

/**
 * The app's one way to write CSV: every cell neutralised, `;` between cells (the Polish Excel
 * default), CRLF after every row, UTF-8 with the BOM.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return (
    CSV_BOM +
    stringify(
      rows.map((row) => row.map(neutraliseCell)),
      { delimiter: ';', record_delimiter: '\r\n' },
    )
  );
}
