import type { RosterEntryColumns } from '@roompost/sync';

/**
 * Central's copy of the in-house roster it replicates to the outlets (sync `roster.ts`): one row per
 * room it has heard of. `pms_*` is what the PMS said at `pms_as_of`; `open_minor` is what central
 * held for the stay then and the PMS had not taken; the credit sent is the first less the second.
 */
export interface RosterEntryTable extends RosterEntryColumns {
  pms_available_minor: number | null;
  pms_as_of: string;
  open_minor: number;
}

export interface RosterDatabase {
  roster_entries: RosterEntryTable;
}
