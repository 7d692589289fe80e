// Checkout step 1 (seed 004 §7 "folio review"): the nights a stay used are posted, the ones it did not
// use are taken back by linked corrections wherever they were moved, and the early-departure fee is
// added. Repeatable: every line it writes is keyed, so a second run writes nothing.
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { adjustPosting, remainingOf, voidPosting } from '../folios/corrections.js';
import { foliosOfStay } from '../folios/folio-view.js';
import { type LedgerLine, toLedgerLine } from '../folios/ledger-line.js';
import { type FullPostingRow, requireOpenFolio, writePosting } from '../folios/ledger-writer.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { Property } from '../property/property.service.js';
import { selectNights } from '../reservations/reservation.repository.js';
import { requireReservation } from '../reservations/reservation-lifecycle.js';
import { invalid } from '../validation.js';
import { earlyDepartureFee } from './early-departure.js';
import { postedNightKeys, postNights } from './room-nights.js';

type Db = Kysely<FolioDatabase>;
export type CheckoutMode = 'normal' | 'early';
export const EARLY_DEPARTURE_CODE = 'EARLY_DEP';

export interface PreparedCheckout {
  departure: string;
  removedNights: string[];
  corrections: LedgerLine[];
  fee: LedgerLine | null;
  postedNights: LedgerLine[];
}

export async function inHouse(db: Db, reservationId: string) {
  const reservation = await requireReservation(db, reservationId);
  if (reservation.status !== 'CheckedIn' || reservation.stay_id === null) {
    throw new FolioError('ILLEGAL_TRANSITION', `a ${reservation.status} reservation is not in house`, {
      reservationId,
      from: reservation.status,
    });
  }
  const meta = await db
    .selectFrom('rooms')
    .innerJoin('rate_plans', (j) => j.on('rate_plans.id', '=', reservation.rate_plan_id))
    .select([
      'rooms.number',
      'rate_plans.code',
      'rate_plans.early_departure_kind',
      'rate_plans.early_departure_value',
    ])
    .where('rooms.id', '=', reservation.room_id)
    .executeTakeFirstOrThrow();
  const folios = await foliosOfStay(db, reservation.stay_id);
  const main = folios.find((f) => f.window_number === 1);
  if (!main)
    throw new FolioError('NOT_FOUND', 'the stay has no folio window 1', { stayRef: reservation.stay_id });
  return {
    reservation: { ...reservation, ratePlanCode: meta.code, roomNumber: meta.number },
    meta,
    folios,
    main,
    stayId: reservation.stay_id,
  };
}

/** The live remainder of a posting: itself if not fully corrected, and where its transfers went. */
async function liveLines(
  db: Db,
  posting: FullPostingRow,
): Promise<Array<{ row: FullPostingRow; remaining: number }>> {
  const out: Array<{ row: FullPostingRow; remaining: number }> = [];
  const remaining = await remainingOf(db, posting);
  if (remaining !== 0) out.push({ row: posting, remaining });
  const transfersOut = await db
    .selectFrom('postings')
    .select('id')
    .where('linked_posting_id', '=', posting.id)
    .where('link_kind', '=', 'TRANSFER_OUT')
    .execute();
  for (const t of transfersOut) {
    const into = await db
      .selectFrom('postings')
      .selectAll()
      .where('linked_posting_id', '=', t.id)
      .where('link_kind', '=', 'TRANSFER_IN')
      .executeTakeFirst();
    if (into) out.push(...(await liveLines(db, into)));
  }
  return out;
}

export async function prepareCheckout(
  db: Db,
  ctx: FolioContext,
  property: Property,
  reservationId: string,
  mode: CheckoutMode,
  by: string,
): Promise<PreparedCheckout> {
  const { reservation, meta, folios, main } = await inHouse(db, reservationId);
  const nights = await selectNights(db, reservation.id);
  const departure = mode === 'early' ? property.businessDate : reservation.departure;
  if (mode === 'early' && !(departure >= reservation.arrival && departure < reservation.departure)) {
    throw invalid('mode', 'an early checkout is before the booked departure; use normal', {
      businessDate: departure,
      departure: reservation.departure,
    });
  }
  const used = nights.filter((n) => n.stay_date < departure);
  const removed = nights.filter((n) => n.stay_date >= departure);
  const corrections: FullPostingRow[] = [];
  if (removed.length > 0) {
    // Nights already posted in advance are taken back by linked corrections, wherever they were moved.
    const originals = await db
      .selectFrom('postings')
      .selectAll()
      .where(
        'folio_id',
        'in',
        folios.map((f) => f.id),
      )
      .where(
        'stay_date',
        'in',
        removed.map((n) => n.stay_date),
      )
      .where('link_kind', 'is', null)
      .where('code', '!=', EARLY_DEPARTURE_CODE)
      .execute();
    for (const original of originals) {
      for (const { row, remaining } of await liveLines(db, original)) {
        const sameDay = row.business_date === property.businessDate && remaining === row.amount_minor;
        corrections.push(
          sameDay
            ? await voidPosting(db, ctx, property, row, by, 'early departure')
            : await adjustPosting(db, ctx, property, row, -remaining, by, 'early departure'),
        );
      }
    }
  }
  let fee: FullPostingRow | null = null;
  const feeRule =
    mode === 'early'
      ? earlyDepartureFee(
          meta.early_departure_kind,
          meta.early_departure_value,
          removed.map((n) => n.room_minor),
        )
      : null;
  if (feeRule && !(await postedNightKeys(db, main.id)).has(`${departure}|${EARLY_DEPARTURE_CODE}`)) {
    fee = await writePosting(db, ctx, property, {
      folio: await requireOpenFolio(db, main.id),
      type: 'SURCHARGE',
      amountMinor: feeRule.amountMinor,
      description: `Early departure (${removed.length} night(s) released)`,
      by,
      ruleApplied: feeRule.rule,
      referenceKind: 'policy',
      referenceId: meta.code,
      stayDate: departure,
      code: EARLY_DEPARTURE_CODE,
      // Taxed as the principal supply, the released nights (CBIC Circular 178/10/2022): their slab, not
      // the fee's. The highest released night's value picks it (they share it in a normal booking).
      category: 'ROOM',
      slabValueMinor: Math.max(...removed.map((n) => n.room_minor)),
    });
  }
  const postedNights = await postNights(
    db,
    ctx,
    property,
    reservation,
    await requireOpenFolio(db, main.id),
    used,
    by,
  );
  return {
    departure,
    removedNights: removed.map((n) => n.stay_date),
    corrections: corrections.map(toLedgerLine),
    fee: fee === null ? null : toLedgerLine(fee),
    postedNights: postedNights.map(toLedgerLine),
  };
}
