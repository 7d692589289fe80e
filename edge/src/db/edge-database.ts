import type { CatalogCategoryTable, CatalogItemTable } from '../catalog/catalog.table.js';
import type {
  ChargeSignatureTable,
  ChargeTable,
  CheckTable,
  CounterTable,
  OutboxTable,
} from '../charges/charge.table.js';

export interface EdgeDatabase {
  catalog_categories: CatalogCategoryTable;
  catalog_items: CatalogItemTable;
  counters: CounterTable;
  checks: CheckTable;
  charges: ChargeTable;
  outbox: OutboxTable;
  charge_signatures: ChargeSignatureTable;
}
