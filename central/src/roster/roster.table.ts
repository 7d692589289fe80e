/**
 * Central's copy of the in-house roster it replicates to the outlets (sync `roster.ts`): one row per
 * room it has heard of. `pms_*` is what the PMS said at `pms_as_of`; `open_minor` is what central
 * held for the stay then and the PMS had not taken; the credit sent is the first less the second.
 */
export interface RosterEntryTable {
  room_number: string;
  in_house: number;
  stay_ref: string | null;
  masked_name: string;
  last_name_key: string | null;
  check_in: string | null;
  check_out: string | null;
  currency: string | null;
  no_post: number;
  pms_available_minor: number | null;
  pms_as_of: string;
  open_minor: number;
  available_credit_minor: number | null;
  as_of: string;
  version: number;
}

export interface RosterDatabase {
  roster_entries: RosterEntryTable;
}
