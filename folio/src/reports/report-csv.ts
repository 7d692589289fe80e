// CSV export of the morning reports (RFC 4180: comma, CRLF, quotes doubled). Amounts are decimal strings in
// the report currency (formatted from minor units by toDecimalString, never through a float).
import { type CurrencyCode, toDecimalString } from '../money/index.js';
import type {
  DepositAgingReport,
  OccupancyReport,
  OutstandingBalancesReport,
  RevenueReport,
} from './reports.js';

type Cell = string | number;

function csv(rows: Cell[][]): string {
  const cell = (v: Cell) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function revenueCsv(r: RevenueReport): string {
  const money = (m: number) => toDecimalString(m, r.currency as CurrencyCode);
  return csv([
    ['category', 'detail', 'amount', 'currency'],
    ['ROOM', '', money(r.roomMinor), r.currency],
    ...r.pos.map((p) => ['POS', p.outlet, money(p.amountMinor), r.currency]),
    ...r.surcharges.map((s) => ['SURCHARGE', s.kind, money(s.amountMinor), r.currency]),
    ...r.discounts.map((d) => ['DISCOUNT', d.kind, money(d.amountMinor), r.currency]),
    ['ADJUSTMENT', '', money(r.adjustmentMinor), r.currency],
    ['NET_REVENUE', '', money(r.netRevenueMinor), r.currency],
    ['TAX', '', money(r.taxMinor), r.currency],
  ]);
}

export function occupancyCsv(r: OccupancyReport): string {
  const money = (m: number) => toDecimalString(m, r.currency as CurrencyCode);
  return csv([
    [
      'date',
      'rooms_available',
      'rooms_sold',
      'occupancy_percent',
      'room_revenue',
      'adr',
      'revpar',
      'currency',
    ],
    ...[...r.days, { date: 'TOTAL', ...r.total }].map((d) => [
      d.date,
      d.roomsAvailable,
      d.roomsSold,
      d.occupancyPercent,
      money(d.roomRevenueMinor),
      money(d.adrMinor),
      money(d.revparMinor),
      r.currency,
    ]),
  ]);
}

export function depositAgingCsv(r: DepositAgingReport): string {
  const money = (m: number) => toDecimalString(m, r.currency as CurrencyCode);
  return csv([
    ['bucket', 'deposit_id', 'confirmation', 'state', 'held_on', 'age_days', 'amount', 'currency'],
    ...r.deposits.map((d) => [
      d.bucket,
      d.depositId,
      d.confirmation,
      d.state,
      d.heldOn,
      d.ageDays,
      money(d.amountMinor),
      r.currency,
    ]),
    ...r.buckets.map((b) => [b.bucket, 'TOTAL', '', '', '', b.count, money(b.amountMinor), r.currency]),
  ]);
}

export function outstandingBalancesCsv(r: OutstandingBalancesReport): string {
  const money = (m: number) => toDecimalString(m, r.currency as CurrencyCode);
  return csv([
    ['status', 'room', 'confirmation', 'guest', 'arrival', 'departure', 'balance', 'currency'],
    ...r.inHouse.map((b) => [
      'IN_HOUSE',
      b.roomNumber,
      b.confirmation,
      b.guestName,
      b.arrival,
      b.departure,
      money(b.balanceMinor),
      r.currency,
    ]),
    ...r.checkedOut.map((b) => [
      'CHECKED_OUT',
      b.roomNumber,
      b.confirmation,
      b.guestName,
      b.arrival,
      b.departure,
      money(b.balanceMinor),
      r.currency,
    ]),
  ]);
}
