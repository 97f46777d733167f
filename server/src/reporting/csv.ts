/** A cell as exports hand it over: text people wrote, or a figure or date the platform made. */
export type CsvValue = string | number | Date | null | undefined;

/**
 * Spreadsheets run a cell that starts with one of these as a formula (tab and carriage return
 * too, since some strip them first), so exported text people wrote could run code on the
 * reader's machine. OWASP's remedy: prefix such text with an apostrophe, which shows it as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-like text defused, and quoted (quotes doubled) whenever it holds a comma, quote or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  // Figures are ours (a negative one is not a formula); only text is defused.
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line, CRLF-terminated as RFC 4180 has it. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
