import type {
  CatalogCategoryTable,
  CatalogItemTable,
  CatalogMetaTable,
  CatalogTemplateTable,
} from '../catalog/catalog.table.js';
import type {
  ChargeSignatureTable,
  ChargeTable,
  CheckNumberHoldTable,
  CheckTable,
  CounterTable,
  LastReceiptTable,
  OutboxTable,
} from '../charges/charge.table.js';
import type { ReceiptRequestTable } from '../receipts/receipt-requests.js';
import type { DailySummaryAckTable } from '../reconciliation/daily-summary.js';
import type { RosterTables } from '../roster/roster.table.js';
import type { StaffRosterTable } from '../staff/staff-roster-sync.js';

export interface EdgeDatabase extends RosterTables {
  catalog_categories: CatalogCategoryTable;
  catalog_items: CatalogItemTable;
  catalog_templates: CatalogTemplateTable;
  catalog_meta: CatalogMetaTable;
  counters: CounterTable;
  checks: CheckTable;
  charges: ChargeTable;
  last_receipt: LastReceiptTable;
  check_number_holds: CheckNumberHoldTable;
  outbox: OutboxTable;
  charge_signatures: ChargeSignatureTable;
  receipt_requests: ReceiptRequestTable;
  staff_roster: StaffRosterTable;
  daily_summary_acks: DailySummaryAckTable;
}
