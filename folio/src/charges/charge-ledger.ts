// What the folio engine holds for a set of room charges, read in bulk for daily reconciliation:
// the receipt (the idempotency record written with the lines), the lines' net, and what corrections
// (VOID / ADJUSTMENT linked to a line of the charge) took back. A day's ids go as one parameter
// (`inIdList`: two statements for a day of 100,000 charges, where IN-lists of 900 took ~220); the
// descriptions of the few charges central never received keep chunked IN-lists.
import { type Kysely, sql } from 'kysely';
import { inIdList } from '../persistence/batches.js';
import type { FolioDatabase } from '../persistence/folio-database.js';

export interface HeldCharge {
  chargeId: string;
  transactionId: string;
  /** The charge's total as the receipt recorded it (what the outlet asked to post). */
  totalMinor: number;
  /** Sum of the folio lines carrying the charge id (subtotal, tax, tip). */
  postedMinor: number;
  /** Sum of the VOID / ADJUSTMENT lines that correct those lines (negative or zero). */
  correctedMinor: number;
  postedAt: string;
  /** Business date of the first line (the hotel date the charge was posted on). */
  businessDate: string | null;
}

const CHUNK = 900;

/**
 * What the folio holds for each of these charge ids (those it has a receipt for). Two statements for
 * any number of ids, the list passed as one parameter (`inIdList`).
 */
export async function readHeldCharges(
  db: Kysely<FolioDatabase>,
  chargeIds: readonly string[],
): Promise<Map<string, HeldCharge>> {
  const held = new Map<string, HeldCharge>();
  if (chargeIds.length === 0) return held;
  // The receipt and the sum of its lines in one statement (the lines found by the unique index on
  // charge_ref, line_no).
  const receipts = await db
    .selectFrom('charge_receipts as r')
    .leftJoin('postings as p', 'p.charge_ref', 'r.charge_id')
    .select([
      'r.charge_id',
      'r.transaction_id',
      'r.total_minor',
      'r.posted_at',
      sql<number | null>`sum(p.amount_minor)`.as('posted'),
      sql<string | null>`min(p.business_date)`.as('business_date'),
    ])
    .where(inIdList(db, 'r.charge_id', chargeIds))
    .groupBy(['r.charge_id', 'r.transaction_id', 'r.total_minor', 'r.posted_at'])
    .execute();
  if (receipts.length === 0) return held;
  const corrections = await db
    .selectFrom('postings as c')
    .innerJoin('postings as o', 'o.id', 'c.linked_posting_id')
    .select(['o.charge_ref', sql<number>`sum(c.amount_minor)`.as('corrected')])
    .where(
      inIdList(
        db,
        'o.charge_ref',
        receipts.map((r) => r.charge_id),
      ),
    )
    .where('c.link_kind', 'in', ['VOID', 'ADJUSTMENT'])
    .groupBy('o.charge_ref')
    .execute();
  const corrected = new Map(corrections.map((c) => [c.charge_ref, Number(c.corrected)]));
  for (const r of receipts) {
    held.set(r.charge_id, {
      chargeId: r.charge_id,
      transactionId: r.transaction_id,
      totalMinor: r.total_minor,
      postedMinor: Number(r.posted ?? 0),
      correctedMinor: corrected.get(r.charge_id) ?? 0,
      postedAt: r.posted_at,
      businessDate: r.business_date ?? null,
    });
  }
  return held;
}

/** A charge the folio holds, as its first line and its stay tell it (where it came from). */
export interface ChargeOfDay {
  chargeId: string;
  transactionId: string;
  outletCode: string | null;
  checkNumber: string | null;
  roomNumber: string;
  postedAt: string;
}

/**
 * The ids of the charges of one origin (`roompost`: outlet charges posted by central) whose lines
 * carry `serviceDate`, the local day the guest was served. Charges of no origin (the demo's seeded
 * history) are not listed.
 */
export async function listChargeIdsOfDay(
  db: Kysely<FolioDatabase>,
  serviceDate: string,
  origin: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('postings as p')
    .innerJoin('charge_receipts as r', 'r.charge_id', 'p.charge_ref')
    .select('r.charge_id')
    .where('p.service_date', '=', serviceDate)
    .where('p.line_no', '=', 1)
    .where('r.origin', '=', origin)
    .execute();
  return rows.map((r) => r.charge_id);
}

/** Where each of these charges came from: outlet and check of its first line, room of its stay. */
export async function describeCharges(
  db: Kysely<FolioDatabase>,
  chargeIds: readonly string[],
): Promise<ChargeOfDay[]> {
  const out: ChargeOfDay[] = [];
  for (let i = 0; i < chargeIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('charge_receipts as r')
      .innerJoin('postings as p', (j) => j.onRef('p.charge_ref', '=', 'r.charge_id').on('p.line_no', '=', 1))
      .innerJoin('stays as s', 's.id', 'r.stay_id')
      .innerJoin('rooms as m', 'm.id', 's.room_id')
      .select([
        'r.charge_id',
        'r.transaction_id',
        'r.posted_at',
        'p.outlet_code',
        'p.check_number',
        'm.number as room_number',
      ])
      .where('r.charge_id', 'in', chargeIds.slice(i, i + CHUNK))
      .execute();
    for (const r of rows)
      out.push({
        chargeId: r.charge_id,
        transactionId: r.transaction_id,
        outletCode: r.outlet_code,
        checkNumber: r.check_number,
        roomNumber: r.room_number,
        postedAt: r.posted_at,
      });
  }
  return out;
}
