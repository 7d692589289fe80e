import type { Generated } from 'kysely';

export type StayStatus = 'in_house' | 'checked_out';

export interface StayTable {
  id: string;
  confirmation: string;
  room_id: string;
  guest_id: string;
  /** YYYY-MM-DD */
  arrival: string;
  /** YYYY-MM-DD */
  departure: string;
  adults: number;
  status: Generated<StayStatus>;
  /** null: no limit. */
  credit_limit_minor: number | null;
  /** 1 when the front desk blocks charges to this stay. */
  no_post: Generated<number>;
  checked_in_at: string;
  checked_out_at: string | null;
  /** The hotel date of the checkout, so "checked out today" follows the business date, not the clock. */
  checked_out_business_date: string | null;
}
