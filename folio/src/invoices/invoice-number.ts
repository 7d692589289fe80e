// Invoice serials (GST Rule 46): consecutive per series and financial year, at most 16 characters of
// letters, digits, "-" and "/". Format `{PREFIX}/{FY}/{SEQ}`: INV/25-26/00001 (15), CN/25-26/00001 (14).
import { invalid } from '../validation.js';

/** 1–4 upper-case letters or digits, so the longest serial is 4 + 1 + 5 + 1 + 5 = 16 characters. */
export const SERIES_PREFIX = /^[A-Z0-9]{1,4}$/;
export const SEQ_DIGITS = 5;
export const MAX_SEQ = 10 ** SEQ_DIGITS - 1;
export const MAX_INVOICE_NUMBER_LENGTH = 16;

/**
 * The financial year a date falls in. India (GST): April–March, written "25-26" for 1 Apr 2025 – 31 Mar
 * 2026. Elsewhere the calendar year, "2026".
 */
export function fiscalYearOf(isoDate: string, aprilToMarch: boolean): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  if (!aprilToMarch) return String(year);
  const start = month >= 4 ? year : year - 1;
  return `${String(start % 100).padStart(2, '0')}-${String((start + 1) % 100).padStart(2, '0')}`;
}

export function formatInvoiceNumber(prefix: string, fiscalYear: string, seq: number): string {
  if (!SERIES_PREFIX.test(prefix)) throw invalid('prefix', 'must be 1–4 letters A–Z or digits', { prefix });
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > MAX_SEQ) {
    throw invalid('prefix', `series ${prefix} is full for ${fiscalYear}: start a new series prefix`, {
      prefix,
      fiscalYear,
    });
  }
  const number = `${prefix}/${fiscalYear}/${String(seq).padStart(SEQ_DIGITS, '0')}`;
  if (number.length > MAX_INVOICE_NUMBER_LENGTH) throw new RangeError(`invoice number too long: ${number}`);
  return number;
}
