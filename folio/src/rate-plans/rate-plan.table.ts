import type { Generated } from 'kysely';

export type EarlyDepartureKind = 'NONE' | 'FIXED' | 'PERCENT_OF_REMOVED' | 'NIGHTS';

export interface RatePlanTable {
  id: string;
  code: string;
  name: string;
  /** Per night, per person above the room type's base occupancy. */
  extra_adult_minor: Generated<number>;
  extra_child_minor: Generated<number>;
  /** Per night, per extra bed. */
  extra_bed_minor: Generated<number>;
  early_departure_kind: Generated<EarlyDepartureKind>;
  /** FIXED: minor units; PERCENT_OF_REMOVED: a percent such as "50"; NIGHTS: a count. */
  early_departure_value: string | null;
  created_at: string;
}

export interface RatePlanRateTable {
  rate_plan_id: string;
  room_type_id: string;
  stay_date: string;
  amount_minor: number;
}
