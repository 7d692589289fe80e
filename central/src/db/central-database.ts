import type { AuthDatabase } from '../auth/user.table.js';
import type { CatalogDatabase } from '../catalog/catalog.table.js';
import type { DeviceDatabase } from '../devices/device.table.js';
import type { InvoiceEmailDatabase } from '../invoice-mail/invoice-email.table.js';
import type { PmsRefreshTokenDatabase } from '../pms/oauth/refresh-token.table.js';
import type { PmsSettingsDatabase } from '../pms/pms-config.table.js';
import type { LookupMissDatabase } from '../postings/lookup-misses.js';
import type { PostingAttemptTable, RoomChargeTable } from '../postings/room-charge.table.js';
import type { ReconciliationDatabase } from '../reconciliation/reconciliation.table.js';
import type { RosterDatabase } from '../roster/roster.table.js';
import type { OutletStaffDatabase } from '../staff/outlet-staff.table.js';
import type { VoidDatabase } from '../voids/charge-void.table.js';

/** Central's own tables (the folio engine's live in the same file, typed by folio). */
export interface CentralDatabase
  extends DeviceDatabase,
    VoidDatabase,
    PmsSettingsDatabase,
    PmsRefreshTokenDatabase,
    AuthDatabase,
    CatalogDatabase,
    OutletStaffDatabase,
    ReconciliationDatabase,
    RosterDatabase,
    InvoiceEmailDatabase,
    LookupMissDatabase {
  room_charges: RoomChargeTable;
  /** The last charge status each edge acknowledged (postings/status-resender.ts). */
  charge_status_acks: { charge_id: string; status: string; acked_at: string };
  posting_attempts: PostingAttemptTable;
}
