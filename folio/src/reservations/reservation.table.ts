import type { ReservationStatus } from './reservation-status.js';

export interface ReservationTable {
  id: string;
  confirmation: string;
  guest_id: string;
  room_id: string;
  rate_plan_id: string;
  deposit_policy_id: string | null;
  /** YYYY-MM-DD; the nights are arrival … departure − 1. */
  arrival: string;
  departure: string;
  adults: number;
  children: number;
  extra_beds: number;
  credit_limit_minor: number | null;
  status: ReservationStatus;
  /** Set at check-in: the stay outlets charge to. */
  stay_id: string | null;
  created_at: string;
  created_by: string;
}

/** Append-only: who moved the reservation from which status to which, when. */
export interface ReservationEventTable {
  id: string;
  reservation_id: string;
  from_status: ReservationStatus | null;
  to_status: ReservationStatus;
  at: string;
  by: string;
  reason: string | null;
}

/** The price of each night, fixed at booking from the rate plan. */
export interface ReservationNightTable {
  reservation_id: string;
  stay_date: string;
  room_minor: number;
  /** Extra adults, children and beds above the room type's base occupancy. */
  extra_minor: number;
}
