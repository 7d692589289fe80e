import type { ChargeReceiptTable } from '../charges/charge-receipt.table.js';
import type { KeyCredentialTable } from '../credentials/key-credential.table.js';
import type { FolioTable } from '../folios/folio.table.js';
import type { PostingTable } from '../folios/posting.table.js';
import type { GuestTable } from '../guests/guest.table.js';
import type { PropertyTable } from '../property/property.table.js';
import type { RoomTable, RoomTypeTable } from '../rooms/room.table.js';
import type { StayTable } from '../stays/stay.table.js';

/** The folio engine's tables. A host database (central) may hold more; see createFolioService. */
export interface FolioDatabase {
  property: PropertyTable;
  room_types: RoomTypeTable;
  rooms: RoomTable;
  guests: GuestTable;
  stays: StayTable;
  folios: FolioTable;
  postings: PostingTable;
  charge_receipts: ChargeReceiptTable;
  key_credentials: KeyCredentialTable;
}
