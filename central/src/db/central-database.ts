import type { DeviceDatabase } from '../devices/device.table.js';
import type { PostingAttemptTable, RoomChargeTable } from '../postings/room-charge.table.js';

/** Central's own tables (the folio engine's live in the same file, typed by folio). */
export interface CentralDatabase extends DeviceDatabase {
  room_charges: RoomChargeTable;
  posting_attempts: PostingAttemptTable;
}
