import type { ChargeReceiptTable, OutletTaxLineTable } from '../charges/charge-receipt.table.js';
import type {
  HousekeepingTaskTable,
  RoomOpsColumns,
  StayOpsColumns,
} from '../checkout/housekeeping.table.js';
import type { KeyCredentialTable } from '../credentials/key-credential.table.js';
import type { DepositPolicyTable, DepositTable } from '../deposits/deposit.table.js';
import type { FolioTable } from '../folios/folio.table.js';
import type { PostingTable } from '../folios/posting.table.js';
import type { FolioOpsColumns, PostingOpsColumns } from '../folios/posting-ops.table.js';
import type { GuestTable } from '../guests/guest.table.js';
import type {
  InvoiceCounterTable,
  InvoiceLineTable,
  InvoiceSettingsTable,
  InvoiceTable,
} from '../invoices/invoice.table.js';
import type { PropertyTable } from '../property/property.table.js';
import type { RatePlanRateTable, RatePlanTable } from '../rate-plans/rate-plan.table.js';
import type {
  ReservationEventTable,
  ReservationNightTable,
  ReservationTable,
} from '../reservations/reservation.table.js';
import type { RoomTable, RoomTypeTable } from '../rooms/room.table.js';
import type {
  NightAuditRunTable,
  PricingRuleTable,
  PromoCodeTable,
  PromoRedemptionTable,
} from '../rules/rule.table.js';
import type { StayTable } from '../stays/stay.table.js';
import type { PostingTaxColumns } from '../tax/posting-tax.table.js';

/** The folio engine's tables. A host database (central) may hold more; see createFolioService. */
export interface FolioDatabase {
  property: PropertyTable;
  room_types: RoomTypeTable;
  rooms: RoomTable & RoomOpsColumns;
  guests: GuestTable;
  stays: StayTable & StayOpsColumns;
  folios: FolioTable & FolioOpsColumns;
  postings: PostingTable & PostingOpsColumns & PostingTaxColumns;
  charge_receipts: ChargeReceiptTable;
  outlet_tax_lines: OutletTaxLineTable;
  key_credentials: KeyCredentialTable;
  // 000200: reservations, rate plans, deposits, checkout
  rate_plans: RatePlanTable;
  rate_plan_rates: RatePlanRateTable;
  deposit_policies: DepositPolicyTable;
  reservations: ReservationTable;
  reservation_events: ReservationEventTable;
  reservation_nights: ReservationNightTable;
  deposits: DepositTable;
  housekeeping_tasks: HousekeepingTaskTable;
  // 000300: taxes and invoices
  invoice_settings: InvoiceSettingsTable;
  invoices: InvoiceTable;
  invoice_lines: InvoiceLineTable;
  invoice_counters: InvoiceCounterTable;
  // 000400: surcharge/discount rules, promo codes, night audit
  pricing_rules: PricingRuleTable;
  promo_codes: PromoCodeTable;
  promo_redemptions: PromoRedemptionTable;
  night_audit_runs: NightAuditRunTable;
}
