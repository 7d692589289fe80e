import type { Generated } from 'kysely';

export type HousekeepingStatus = 'CLEAN' | 'DIRTY' | 'INSPECTED' | 'OUT_OF_ORDER';

export interface HousekeepingTaskTable {
  id: string;
  room_id: string;
  reservation_id: string | null;
  kind: string;
  status: Generated<string>;
  created_at: string;
  created_by: string;
}

export interface RoomOpsColumns {
  housekeeping_status: Generated<HousekeepingStatus>;
}

export interface StayOpsColumns {
  reservation_id: string | null;
}
