// The night audit's reads of who is in house on a date and at which rates: one query for the stays with
// their room, folio window 1, reservation and its night, two for the walk-in rate plan's rates.
import type { Kysely } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { InHouseRow } from './in-house-nights.js';

type Db = Kysely<FolioDatabase>;

/** Stays in house on the date (arrived on or before it, departing after it), by room number. */
export async function readInHouse(db: Db, date: string): Promise<InHouseRow[]> {
  return (await db
    .selectFrom('stays as s')
    .innerJoin('rooms as r', 'r.id', 's.room_id')
    .innerJoin('room_types as rt', 'rt.id', 'r.room_type_id')
    .leftJoin('folios as f', (j) => j.onRef('f.stay_id', '=', 's.id').on('f.window_number', '=', 1))
    .leftJoin('reservations as res', 'res.id', 's.reservation_id')
    .leftJoin('rate_plans as rp', 'rp.id', 'res.rate_plan_id')
    .leftJoin('reservation_nights as rn', (j) =>
      j.onRef('rn.reservation_id', '=', 'res.id').on('rn.stay_date', '=', date),
    )
    .select([
      's.id as stay_id',
      's.arrival',
      's.adults as stay_adults',
      's.reservation_id',
      'r.number as room_number',
      'r.room_type_id',
      'rt.code as room_type_code',
      'rt.base_occupancy',
      'f.id as folio_id',
      'f.closed_at as folio_closed_at',
      'f.currency',
      'res.adults as res_adults',
      'res.children',
      'res.extra_beds',
      'rp.code as rate_plan_code',
      'rp.extra_adult_minor',
      'rp.extra_child_minor',
      'rp.extra_bed_minor',
      'rn.room_minor',
      'rn.extra_minor',
    ])
    .where('s.status', '=', 'in_house')
    .where('s.arrival', '<=', date)
    .where('s.departure', '>', date)
    .orderBy('r.number')
    .execute()) as InHouseRow[];
}

export async function selectRatePlans(db: Db) {
  return db.selectFrom('rate_plans').selectAll().execute();
}

/** The plan's room rates of the date, by room type. */
export async function selectPlanRates(
  db: Db,
  ratePlanId: string,
  date: string,
): Promise<Array<{ room_type_id: string; amount_minor: number }>> {
  return db
    .selectFrom('rate_plan_rates')
    .select(['room_type_id', 'amount_minor'])
    .where('rate_plan_id', '=', ratePlanId)
    .where('stay_date', '=', date)
    .execute();
}
