// The in-house roster central replicates to every outlet device, so an outlet can stand in for
// central and the PMS while they are unreachable (DESIGN "Offline stand-in"): per room the stay,
// a masked name, the stay dates, the no-post flag and the credit left when central computed it.
// It flows down as a retained snapshot plus deltas (DESIGN "Config and roster flow down as
// retained snapshots plus deltas"); ordering is not assumed, so every entry carries the version it
// was computed at and an older one never replaces a newer one.
import { z } from 'zod';
import { CONTRACT_VERSION } from './topics.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const isoDateTime = z.iso.datetime({ offset: true });
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD or INR');

export const rosterEntry = z.object({
  roomNumber: z.string().min(1).max(20),
  /** false: the stay checked out or the room is empty; the outlet refuses it offline. */
  inHouse: z.boolean(),
  /** The stay charges are posted to; null when the room is not in house. */
  stayRef: z.string().min(1).max(128).nullable(),
  /** As a self-service screen may show it ("J. W****"); never the full name. */
  maskedName: z.string().max(40),
  /**
   * SHA-256 (hex) of the stay reference and the normalized last name, so a self-service outlet
   * can check "room + last name" offline without holding the name (sync `rosterLastNameKey`).
   */
  lastNameKey: z
    .string()
    .regex(/^[0-9a-f]{64}$/, '64 hex digits')
    .nullable(),
  checkIn: isoDate.nullable(),
  checkOut: isoDate.nullable(),
  currency: currency.nullable(),
  /** The PMS no-post flag (charges blocked). */
  noPost: z.boolean(),
  /**
   * Credit left when central computed the entry: the PMS figure less every charge central holds
   * for the stay that the PMS has not taken yet. null: no credit limit.
   */
  availableCreditMinor: z.number().int().safe().nullable(),
  /** Central's time when it computed this entry (same clock as charge-status `at`). */
  asOf: isoDateTime,
  /** Grows with every change central makes to the roster; per entry, the version it changed at. */
  version: z.number().int().safe().nonnegative(),
});
export type RosterEntry = z.infer<typeof rosterEntry>;

/** central → edge, retained on `roster`: every room central knows, at `version`. */
export const rosterSnapshot = z.object({
  v: z.literal(CONTRACT_VERSION),
  version: z.number().int().safe().nonnegative(),
  asOf: isoDateTime,
  entries: z.array(rosterEntry).max(20_000),
});
export type RosterSnapshot = z.infer<typeof rosterSnapshot>;

/** central → edge, not retained, on `roster-delta`: entries that changed since the last snapshot. */
export const rosterDelta = z.object({
  v: z.literal(CONTRACT_VERSION),
  version: z.number().int().safe().nonnegative(),
  entries: z.array(rosterEntry).min(1).max(2_000),
});
export type RosterDelta = z.infer<typeof rosterDelta>;

/**
 * The columns of a roster entry that central and the edge both store (each table adds its own):
 * one row per room, as the roster messages above carry it.
 */
export interface RosterEntryColumns {
  room_number: string;
  in_house: number;
  stay_ref: string | null;
  masked_name: string;
  last_name_key: string | null;
  check_in: string | null;
  check_out: string | null;
  currency: string | null;
  no_post: number;
  available_credit_minor: number | null;
  /** Central's time the entry was computed. */
  as_of: string;
  version: number;
}
