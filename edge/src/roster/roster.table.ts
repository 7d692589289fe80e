/** The in-house roster as central last sent it (sync `roster.ts`); one row per room. */
export interface EdgeRosterEntryTable {
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
  /** Central's time the entry was computed (compared with charge-status times, also central's). */
  as_of: string;
  version: number;
  /** This edge's time the entry arrived. */
  received_at: string;
}

/** The last snapshot or delta: what version the edge holds and when it last heard of the roster. */
export interface EdgeRosterMetaTable {
  id: number;
  version: number;
  received_at: string;
}

export interface RosterTables {
  roster_entries: EdgeRosterEntryTable;
  roster_meta: EdgeRosterMetaTable;
}
