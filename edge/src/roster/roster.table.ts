import type { RosterEntryColumns } from '@roompost/sync';

/** The in-house roster as central last sent it (sync `roster.ts`); one row per room. */
export interface EdgeRosterEntryTable extends RosterEntryColumns {
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
