// The export of a day's reconciliation: JSON (the report with every charge) or CSV (one row per
// charge, RFC 4180 by csv-stringify). Text cells that a spreadsheet would run as a formula
// (starting with = + - @ tab or CR; OWASP "CSV injection") get a leading apostrophe; plain numbers
// (amounts such as -12.50) are left as they are, since they are not formulas.
import { type CurrencyCode, toDecimalString } from '@roompost/folio';
import { stringify } from 'csv-stringify/sync';
import type { Report } from './reconciliation-service.js';

export const CSV_COLUMNS = [
  'business_date',
  'outlet',
  'charge_id',
  'device',
  'check_number',
  'room',
  'created_at',
  'outlet_amount',
  'outlet_status',
  'central_amount',
  'central_status',
  'pms_reference',
  'pms_amount',
  'owed',
  'confirmed',
  'variance',
  'currency',
  'exceptions',
] as const;

const NUMBER = /^-?\d+(\.\d+)?$/;

/** A cell a spreadsheet will not evaluate. */
export function safeCell(value: string): string {
  if (NUMBER.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function reconciliationCsv(report: Report): string {
  const currency = report.currency as CurrencyCode;
  const money = (m: number | null) => (m === null ? '' : toDecimalString(m, currency));
  const rows = report.charges.map((c) => [
    report.date,
    c.outletCode,
    c.chargeId,
    c.device ?? '',
    c.checkNumber ?? '',
    c.roomNumber ?? '',
    c.createdAt ?? '',
    money(c.edgeTotalMinor),
    c.edgeStatus ?? '',
    money(c.centralTotalMinor),
    c.centralStatus ?? '',
    c.pmsReference ?? '',
    money(c.pmsNetMinor),
    money(c.owedMinor),
    money(c.confirmedMinor),
    money(c.varianceMinor),
    report.currency,
    c.exceptions.join(' '),
  ]);
  return stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: '\r\n', cast: { string: safeCell } });
}
