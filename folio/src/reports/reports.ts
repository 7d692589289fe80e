// The morning reports (seed 003 §9), read from the ledger: revenue by category, occupancy, deposit aging and
// outstanding balances. Read-only; every amount is integer minor units, every ratio rounded half-up once.
import { type Kysely, sql } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { requireProperty } from '../property/property.service.js';
import { invalid, requireIsoDate } from '../validation.js';

type Db = Kysely<FolioDatabase>;

export interface DateRange {
  from: string;
  to: string;
}

export interface RevenueReport {
  currency: string;
  /** Business dates, inclusive. */
  from: string;
  to: string;
  roomMinor: number;
  /** POS by outlet; lines posted at the desk without an outlet are under FRONT_DESK. */
  pos: Array<{ outlet: string; amountMinor: number }>;
  posMinor: number;
  /** SURCHARGE by kind: the part of the code before ":" (WEEKEND, SEASONAL, EXTRA_BED, SERVICE…), MANUAL. */
  surcharges: Array<{ kind: string; amountMinor: number }>;
  surchargeMinor: number;
  /** DISCOUNT by kind (ROOM_DISCOUNT, PROMO, MANUAL); negative. */
  discounts: Array<{ kind: string; amountMinor: number }>;
  discountMinor: number;
  adjustmentMinor: number;
  taxMinor: number;
  /** room + POS + surcharges + discounts + adjustments (net revenue before tax). */
  netRevenueMinor: number;
}

export interface OccupancyDay {
  date: string;
  roomsAvailable: number;
  roomsSold: number;
  /** Percent with two decimals, as a string ("66.67"). */
  occupancyPercent: string;
  roomRevenueMinor: number;
  /** Average daily rate: room revenue / rooms sold, half-up; 0 when none sold. */
  adrMinor: number;
  /** Revenue per available room: room revenue / rooms available, half-up. */
  revparMinor: number;
}

export interface OccupancyReport {
  currency: string;
  from: string;
  to: string;
  days: OccupancyDay[];
  total: Omit<OccupancyDay, 'date'>;
}

export const AGING_BUCKETS = ['0-7', '8-30', '31-90', '>90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface DepositAgingReport {
  currency: string;
  asOf: string;
  buckets: Array<{ bucket: AgingBucket; count: number; amountMinor: number }>;
  deposits: Array<{
    depositId: string;
    confirmation: string;
    state: string;
    amountMinor: number;
    heldOn: string;
    ageDays: number;
    bucket: AgingBucket;
  }>;
}

export interface OutstandingBalancesReport {
  currency: string;
  asOf: string;
  inHouse: BalanceRow[];
  checkedOut: BalanceRow[];
  inHouseMinor: number;
  checkedOutMinor: number;
}

export interface BalanceRow {
  stayRef: string;
  confirmation: string;
  roomNumber: string;
  guestName: string;
  arrival: string;
  departure: string;
  balanceMinor: number;
}

const DAY_MS = 86_400_000;

export function validRange(range: Partial<DateRange>, fallback: string): DateRange {
  const from = requireIsoDate(range.from ?? fallback, 'from');
  const to = requireIsoDate(range.to ?? from, 'to');
  if (from > to) throw invalid('to', 'is before from', { from, to });
  if (daysBetween(from, to) > 366) throw invalid('to', 'a report covers at most 366 days');
  return { from, to };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** a / b rounded half-up (b > 0), integers only. */
function divHalfUp(a: number, b: number): number {
  if (b === 0) return 0;
  const q = Math.floor(a / b);
  return 2 * (a - q * b) >= b ? q + 1 : q;
}

function percent2(part: number, whole: number): string {
  const hundredths = divHalfUp(part * 10_000, whole);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

const kindOf = (code: string | null, referenceKind: string | null) =>
  code === null ? (referenceKind === 'manual' ? 'MANUAL' : 'OTHER') : (code.split(':')[0] ?? code);

/** Revenue of the business dates from…to by category. Voids count in their original's category (same type). */
export async function revenueReport(db: Db, range: Partial<DateRange> = {}): Promise<RevenueReport> {
  const property = await requireProperty(db);
  const { from, to } = validRange(range, property.businessDate);
  const rows = await db
    .selectFrom('postings')
    .select(['type', 'outlet_code', 'code', 'reference_kind'])
    .select((eb) => eb.fn.sum<number>('amount_minor').as('amount'))
    .where('business_date', '>=', from)
    .where('business_date', '<=', to)
    .where('type', 'in', ['ROOM', 'POS', 'SURCHARGE', 'DISCOUNT', 'ADJUSTMENT', 'TAX'])
    .groupBy(['type', 'outlet_code', 'code', 'reference_kind'])
    .execute();
  const pos = new Map<string, number>();
  const surcharges = new Map<string, number>();
  const discounts = new Map<string, number>();
  let roomMinor = 0;
  let adjustmentMinor = 0;
  let taxMinor = 0;
  const add = (map: Map<string, number>, key: string, amount: number) =>
    map.set(key, (map.get(key) ?? 0) + amount);
  for (const row of rows) {
    const amount = Number(row.amount);
    if (row.type === 'ROOM') roomMinor += amount;
    else if (row.type === 'POS') add(pos, row.outlet_code ?? 'FRONT_DESK', amount);
    else if (row.type === 'SURCHARGE') add(surcharges, kindOf(row.code, row.reference_kind), amount);
    else if (row.type === 'DISCOUNT') add(discounts, kindOf(row.code, row.reference_kind), amount);
    else if (row.type === 'ADJUSTMENT') adjustmentMinor += amount;
    else taxMinor += amount;
  }
  const list = <K extends string>(map: Map<string, number>, key: K) =>
    [...map.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([k, amountMinor]) => ({ [key]: k, amountMinor }) as { [P in K]: string } & { amountMinor: number },
      );
  const sum = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
  const posMinor = sum(pos);
  const surchargeMinor = sum(surcharges);
  const discountMinor = sum(discounts);
  return {
    currency: property.currency,
    from,
    to,
    roomMinor,
    pos: list(pos, 'outlet'),
    posMinor,
    surcharges: list(surcharges, 'kind'),
    surchargeMinor,
    discounts: list(discounts, 'kind'),
    discountMinor,
    adjustmentMinor,
    taxMinor,
    netRevenueMinor: roomMinor + posMinor + surchargeMinor + discountMinor + adjustmentMinor,
  };
}

/**
 * Occupancy by stay date: a room is sold on a night when its ROOM line and every correction of it net above zero (a
 * voided night is not sold); room revenue is the ROOM lines of that night. Rooms available: every room that
 * is not OUT_OF_ORDER.
 */
export async function occupancyReport(db: Db, range: Partial<DateRange> = {}): Promise<OccupancyReport> {
  const property = await requireProperty(db);
  const { from, to } = validRange(range, addDays(property.businessDate, -1));
  const available = Number(
    (
      await db
        .selectFrom('rooms')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('housekeeping_status', '<>', 'OUT_OF_ORDER')
        .executeTakeFirstOrThrow()
    ).n,
  );
  // A night's ROOM line and everything derived from it (voids, adjustments, transfers: they carry no stay
  // date of their own), summed per night and per stay the night was posted for.
  const nights = (
    await sql<{ stay_date: string; stay_id: string; amount: number }>`
      with recursive chain(start_id, cur_id, depth) as (
        select p.id, p.id, 0 from postings p
        where p.type in ('ROOM', 'ADJUSTMENT')
          and (p.linked_posting_id is not null or p.stay_date between ${from} and ${to})
        union all
        select chain.start_id, q.linked_posting_id, chain.depth + 1
        from chain join postings q on q.id = chain.cur_id
        where q.linked_posting_id is not null and chain.depth < 64
      ),
      origin as (
        select c.start_id, c.cur_id as origin_id from chain c
        where c.depth = (select max(c2.depth) from chain c2 where c2.start_id = c.start_id)
      )
      select o.stay_date, f.stay_id, sum(p.amount_minor) as amount
      from postings p
      join origin on origin.start_id = p.id
      join postings o on o.id = origin.origin_id
      join folios f on f.id = o.folio_id
      where o.type = 'ROOM' and o.stay_date between ${from} and ${to}
      group by o.stay_date, f.stay_id
    `.execute(db)
  ).rows;
  const byDate = new Map<string, { sold: number; revenue: number }>();
  for (const n of nights) {
    const day = byDate.get(n.stay_date!) ?? { sold: 0, revenue: 0 };
    const amount = Number(n.amount);
    day.revenue += amount;
    if (amount > 0) day.sold += 1;
    byDate.set(n.stay_date!, day);
  }
  const figures = (roomsAvailable: number, roomsSold: number, revenue: number) => ({
    roomsAvailable,
    roomsSold,
    occupancyPercent: roomsAvailable === 0 ? '0.00' : percent2(roomsSold, roomsAvailable),
    roomRevenueMinor: revenue,
    adrMinor: divHalfUp(revenue, roomsSold),
    revparMinor: divHalfUp(revenue, roomsAvailable),
  });
  const days: OccupancyDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const day = byDate.get(d) ?? { sold: 0, revenue: 0 };
    days.push({ date: d, ...figures(available, day.sold, day.revenue) });
  }
  const total = figures(
    available * days.length,
    days.reduce((a, d) => a + d.roomsSold, 0),
    days.reduce((a, d) => a + d.roomRevenueMinor, 0),
  );
  return { currency: property.currency, from, to, days, total };
}

export function agingBucket(ageDays: number): AgingBucket {
  if (ageDays <= 7) return '0-7';
  if (ageDays <= 30) return '8-30';
  if (ageDays <= 90) return '31-90';
  return '>90';
}

/**
 * Deposits the hotel holds that no folio has absorbed yet: HELD authorisations, and CAPTURED deposits not yet
 * applied at check-in. Age: whole days from the day it was held (UTC date of held_at) to the business date.
 */
export async function depositAgingReport(db: Db): Promise<DepositAgingReport> {
  const property = await requireProperty(db);
  const rows = await db
    .selectFrom('deposits')
    .innerJoin('reservations', 'reservations.id', 'deposits.reservation_id')
    .select([
      'deposits.id',
      'deposits.state',
      'deposits.amount_minor',
      'deposits.held_at',
      'reservations.confirmation',
    ])
    .where((eb) =>
      eb.or([
        eb('deposits.state', '=', 'HELD'),
        eb.and([eb('deposits.state', '=', 'CAPTURED'), eb('deposits.deposit_posting_id', 'is', null)]),
      ]),
    )
    .orderBy('deposits.held_at')
    .execute();
  const deposits = rows.map((r) => {
    const heldOn = r.held_at.slice(0, 10);
    const ageDays = Math.max(0, daysBetween(heldOn, property.businessDate));
    return {
      depositId: r.id,
      confirmation: r.confirmation,
      state: r.state,
      amountMinor: r.amount_minor,
      heldOn,
      ageDays,
      bucket: agingBucket(ageDays),
    };
  });
  return {
    currency: property.currency,
    asOf: property.businessDate,
    buckets: AGING_BUCKETS.map((bucket) => {
      const inBucket = deposits.filter((d) => d.bucket === bucket);
      return {
        bucket,
        count: inBucket.length,
        amountMinor: inBucket.reduce((a, d) => a + d.amountMinor, 0),
      };
    }),
    deposits,
  };
}

/** Stays whose folios (all windows) do not net to zero: in house, and checked out with a balance left. */
export async function outstandingBalancesReport(db: Db): Promise<OutstandingBalancesReport> {
  const property = await requireProperty(db);
  const rows = await db
    .selectFrom('stays')
    .innerJoin('rooms', 'rooms.id', 'stays.room_id')
    .innerJoin('guests', 'guests.id', 'stays.guest_id')
    .innerJoin('folios', 'folios.stay_id', 'stays.id')
    .leftJoin('postings', 'postings.folio_id', 'folios.id')
    .select([
      'stays.id',
      'stays.confirmation',
      'stays.status',
      'stays.arrival',
      'stays.departure',
      'rooms.number',
      'guests.title',
      'guests.first_name',
      'guests.last_name',
    ])
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('postings.amount_minor'), eb.lit(0)).as('balance'))
    .groupBy('stays.id')
    .orderBy('rooms.number')
    .execute();
  const toRow = (r: (typeof rows)[number]): BalanceRow => ({
    stayRef: r.id,
    confirmation: r.confirmation,
    roomNumber: r.number,
    guestName: [r.title, r.first_name, r.last_name].filter(Boolean).join(' '),
    arrival: r.arrival,
    departure: r.departure,
    balanceMinor: Number(r.balance),
  });
  const inHouse = rows.filter((r) => r.status === 'in_house').map(toRow);
  const checkedOut = rows.filter((r) => r.status === 'checked_out' && Number(r.balance) !== 0).map(toRow);
  return {
    currency: property.currency,
    asOf: property.businessDate,
    inHouse,
    checkedOut,
    inHouseMinor: inHouse.reduce((a, r) => a + r.balanceMinor, 0),
    checkedOutMinor: checkedOut.reduce((a, r) => a + r.balanceMinor, 0),
  };
}

export function createReportService({ db }: { db: Db }) {
  return {
    revenueReport: (range?: Partial<DateRange>) => revenueReport(db, range),
    occupancyReport: (range?: Partial<DateRange>) => occupancyReport(db, range),
    depositAgingReport: () => depositAgingReport(db),
    outstandingBalancesReport: () => outstandingBalancesReport(db),
  };
}

export type ReportService = ReturnType<typeof createReportService>;
