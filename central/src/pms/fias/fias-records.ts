// The records roompost sends as a POS (IF PO) and how it reads PL answers (2.20.23 pp.78–90).
import type { PmsChargeRequest } from '../adapter.js';
import { cleanText, type FiasRecord, record } from './fias-codec.js';
import type { FiasPmsConfig } from './fias-config.js';
import { fiasDateTime, moneyOut } from './fias-fields.js';

/** p.25–28: LR declares each record type we send or receive, as `LR|RIxx|FLxxxx|` in that order. */
export const LINK_RECORDS: FiasRecord[] = [
  // Every field a PR may carry: S2–S9 for itemized checks and CO for a credit-limit override, or
  // the IFC drops them (p.27: fields not declared are not used).
  ['PR', 'P#PIMX$2RNG#GNTAS1S2S3S4S5S6S7S8S9T1TPSCC#WSSOIDPMPTCTCODATI'],
  ['PL', 'P#RNG#GNGFGAGDGVNPBACLWSSOIDDATI'],
  ['PA', 'P#ASCTRNG#GNBAWSSOIDDATI'],
  ['GI', 'RNG#GSGNGFGAGDGVNPSF'],
  ['GO', 'RNG#GSSF'],
  ['GC', 'RNG#GSGNGFGAGDGVNPROSF'],
  ['NS', 'DATI'],
  ['NE', 'DATI'],
].map(([ri, fl]) =>
  record('LR', [
    ['RI', ri],
    ['FL', fl],
  ]),
);

export interface PostingContext {
  config: FiasPmsConfig;
  roomNumber: string;
  reservation: string;
  guestName: string;
}

/**
 * A PR posting (p.81, example p.90). TA and its parts are integers of minor units (p.21); DA/TI
 * and C# come from the charge itself so a re-post is recognisable on the folio (C#, DA and TI
 * identical across records of one check, p.89). `sign` -1 makes the reversing posting of a void.
 */
export function postingRecord(
  charge: PmsChargeRequest,
  ctx: PostingContext,
  sequence: string,
  sign: 1 | -1 = 1,
): FiasRecord {
  const { config } = ctx;
  const { DA, TI } = fiasDateTime(new Date(charge.createdAt), config.timeZone);
  return record('PR', [
    ['RN', ctx.roomNumber],
    ['G#', ctx.reservation],
    ['GN', ctx.guestName],
    ...amountFields(charge, config, sign),
    ['C#', /^\d{1,8}$/.test(charge.checkNumber) ? String(Number(charge.checkNumber)) : undefined],
    ['SO', charge.outletPmsCodes?.fias?.salesOutlet ?? config.salesOutlets[charge.outletCode]],
    ['WS', config.workstation],
    ['ID', charge.employeeId ? cleanText(charge.employeeId, 16) : undefined],
    ['PM', config.paymentMethod],
    ['PT', 'C'],
    ['CT', postingText(charge, sign)],
    // p.81: CO=Y asks the PMS to accept a posting over the credit limit (a supervisor's override,
    // which central has already checked against the staff member's role).
    ['CO', sign === 1 && charge.overrideCreditLimit ? 'Y' : undefined],
    ['DA', DA],
    ['TI', TI],
    ['P#', sequence],
  ]);
}

/**
 * CT is 20 characters (p.81). The check number is what the front desk matches a folio line against,
 * so it always survives: the outlet's name is shortened, never the number
 * ("Main Restaurant - Check #1001" → "Main Restauran #1001", voided "VOID Main Rest #1001").
 */
export function postingText(charge: PmsChargeRequest, sign: 1 | -1): string {
  const MAX = 20;
  const full = cleanText(sign === 1 ? charge.description : `VOID ${charge.description}`, 200);
  if (full.length <= MAX) return full;
  const number = cleanText(charge.checkNumber, MAX - 2);
  const outlet = cleanText(charge.description.replace(/\s*-?\s*Check\s*#?\s*\S*\s*$/i, ''), 200);
  const head = `${sign === 1 ? '' : 'VOID '}${outlet}`
    .slice(0, Math.max(0, MAX - number.length - 2))
    .trimEnd();
  return `${head} #${number}`.slice(-MAX).trimStart();
}

/** TA and its parts (p.88): S1–S9 the subtotals, T1 the add-on tax, TP the tip (posting options decide). */
export function amountFields(
  charge: PmsChargeRequest,
  config: FiasPmsConfig,
  sign: 1 | -1 = 1,
): Array<[string, string | undefined]> {
  const inclusive = config.taxMode === 'inclusive';
  const amount = (minor: number) => moneyOut(sign * minor);
  const tipLine = charge.posting?.tipAsSeparateLine ?? true;
  // p.88: S1–S9 are the check's itemizers. Itemized: one per item (the ninth takes the rest);
  // summarized: one. With add-on tax (T1) the subtotals are net; inclusive ones carry the tax.
  const parts = charge.posting?.itemized
    ? charge.items.map((i) => i.amountMinor + (inclusive ? i.taxMinor : 0))
    : [charge.subtotalMinor + (inclusive ? charge.taxMinor : 0)];
  const subtotals =
    parts.length > 9 ? [...parts.slice(0, 8), parts.slice(8).reduce((a, b) => a + b, 0)] : parts;
  // Tip combined into the check: it rides in the last subtotal and TP is left out.
  const last = subtotals.length - 1;
  const withTip = tipLine ? subtotals : subtotals.map((m, i) => (i === last ? m + charge.tipMinor : m));
  return [
    ['TA', amount(charge.totalMinor)],
    ...withTip.map((minor, i): [string, string] => [`S${i + 1}`, amount(minor)]),
    ['T1', !inclusive && charge.taxMinor !== 0 ? amount(charge.taxMinor) : undefined],
    ['TP', tipLine && charge.tipMinor !== 0 ? amount(charge.tipMinor) : undefined],
  ];
}

export type InquiryKey =
  | { by: 'room'; value: string }
  | { by: 'name'; value: string }
  | { by: 'track2'; value: string };

/** A PR inquiry: no G#, a PI (or $2), no TA (p.79). */
export function inquiryRecord(
  key: InquiryKey,
  config: FiasPmsConfig,
  at: Date,
  sequence: string,
): FiasRecord {
  const { DA, TI } = fiasDateTime(at, config.timeZone);
  return record('PR', [
    ['PI', key.by === 'track2' ? undefined : key.value],
    ['$2', key.by === 'track2' ? key.value : undefined],
    ['MX', key.by === 'name' ? String(config.nameSearchMax) : undefined],
    ['WS', config.workstation],
    ['PM', config.paymentMethod],
    ['DA', DA],
    ['TI', TI],
    ['P#', sequence],
  ]);
}

/** One guest of a PL: its fields from one RN up to the next RN (p.85: one block per guest). */
export interface PlGuest {
  fields: Map<string, string>;
}

const SHARED = new Set(['SO', 'WS', 'ID', 'P#', 'DA', 'TI']);

export function plGuests(pl: FiasRecord): PlGuest[] {
  const guests: PlGuest[] = [];
  let current: PlGuest | null = null;
  for (const [code, value] of pl.fields) {
    if (SHARED.has(code)) continue;
    if (code === 'RN' || !current) {
      current = { fields: new Map() };
      guests.push(current);
    }
    if (!current.fields.has(code)) current.fields.set(code, value);
  }
  return guests.filter((g) => g.fields.has('RN'));
}
