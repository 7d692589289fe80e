// FIAS data types (2.20.23 p.21, FAQ p.110) and the posting total rule (pp.88–89).
import { dateTimeFormat } from '@roompost/folio/money';
import { type FiasRecord, field } from './fias-codec.js';

/** D: YYMMDD and T: HHMMSS, in the hotel's local time as the PMS expects it. */
export function fiasDateTime(at: Date, timeZone: string): { DA: string; TI: string } {
  const parts = dateTimeFormat('en-GB', {
    timeZone,
    year: '2-digit',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return {
    DA: `${get('year')}${get('month')}${get('day')}`,
    TI: `${get('hour')}${get('minute')}${get('second')}`,
  };
}

/** YYMMDD → YYYY-MM-DD (FIAS dates are two-digit years; this century is assumed). */
export function isoFromFiasDate(value: string | undefined): string | null {
  if (!value || !/^\d{6}$/.test(value)) return null;
  return `20${value.slice(0, 2)}-${value.slice(2, 4)}-${value.slice(4, 6)}`;
}

/**
 * M, to the PMS: "must be without decimal indicator" (p.21): the integer of minor units, a leading
 * `-` for negatives (`D1-200`). Currencies with 3 decimals are sent as is (FAQ p.110).
 */
export function moneyOut(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an integer amount: ${minor}`);
  return String(minor);
}

/**
 * M, from the PMS: "period as decimal indicator where necessary" (p.21). A value with a period is
 * read as major units with that many decimals; without one it is whole major units. Not confirmed
 * against a live IFC: the spec has no example of BA/CL in a PL.
 */
export function moneyIn(value: string | undefined, exponent: number): number | null {
  if (value === undefined || value === '') return null;
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  if (frac.length > exponent && /[1-9]/.test(frac.slice(exponent))) return null;
  const minor = Number(whole) * 10 ** exponent + Number(frac.slice(0, exponent).padEnd(exponent, '0') || '0');
  return sign === '-' ? -minor : minor;
}

const TOTAL_PARTS = /^(S[1-9]|T[1-9]|D[1-9]|TP|SC)$/;

/**
 * The total rule (p.88): TA = S1+[S2]+[S3]+T1+[T2]+[T3]+D1+[D2]+[D3]+[TP]+[SC], discounts negative.
 * The PMS answers a mismatch with AS DM; we check before sending so a wrong total never leaves.
 */
export function checkTotal(rec: FiasRecord): { ok: true } | { ok: false; reason: string } {
  const ta = field(rec, 'TA');
  if (ta === undefined) return { ok: false, reason: 'no TA' };
  let sum = 0;
  let parts = 0;
  for (const [code, value] of rec.fields) {
    if (!TOTAL_PARTS.test(code)) continue;
    if (!/^-?\d+$/.test(value)) return { ok: false, reason: `${code} is not an integer amount` };
    if (code.startsWith('D') && Number(value) > 0) return { ok: false, reason: `${code} must be negative` };
    sum += Number(value);
    parts += 1;
  }
  if (!/^-?\d+$/.test(ta)) return { ok: false, reason: 'TA is not an integer amount' };
  // A posting with no itemizers at all is just its TA (PS telephone and minibar postings).
  if (parts > 0 && sum !== Number(ta)) return { ok: false, reason: `TA ${ta} ≠ sum of parts ${sum}` };
  return { ok: true };
}
