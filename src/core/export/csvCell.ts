// One CSV cell, safe to open in Excel or LibreOffice: a text that a spreadsheet would read as a formula
// is made inert, and quoting follows RFC 4180.

/** Characters that start a formula (or a DDE payload) in Excel, LibreOffice and Google Sheets, incl. full-width forms. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Prefixes `'` when the text would be read as a formula (OWASP CSV injection). Spreadsheets skip
 * leading spaces before evaluating, so " =1+1" is caught too. Numbers (JS numbers) are left alone.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) || FORMULA_START.test(text.replace(/^[ \u00A0]+/, '')) ? `'${text}` : text;
}

export interface CsvOptions {
  /** `,` (default) or `;` for French Excel. */
  separator?: ',' | ';' | '\t';
  /** Make formula-looking text inert (default true). */
  neutralise?: boolean;
  /** Language of the text columns (findings, signals, block reasons); codes and data are never translated. */
  lang?: import('../i18n/locale').Lang;
}

export function csvCell(value: unknown, opts: CsvOptions = {}): string {
  if (value === null || value === undefined) return '';
  const sep = opts.separator ?? ',';
  let text: string;
  if (typeof value === 'number') {
    // French Excel reads "12,5" as a number only with a decimal comma; the separator decides.
    text = Number.isFinite(value) ? String(value) : '';
    if (sep === ';') text = text.replace('.', ',');
  } else if (typeof value === 'boolean') {
    text = value ? 'true' : 'false';
  } else {
    text = typeof value === 'string' ? value : JSON.stringify(value);
    if (opts.neutralise !== false) text = neutraliseFormula(text);
  }
  return needsQuotes(text, sep) ? `"${text.replace(/"/g, '""')}"` : text;
}

function needsQuotes(text: string, sep: string): boolean {
  return text.includes(sep) || /["\r\n]/.test(text) || /^\s|\s$/.test(text);
}

export function csvLine(values: unknown[], opts: CsvOptions = {}): string {
  return values.map((v) => csvCell(v, opts)).join(opts.separator ?? ',') + '\r\n';
}
