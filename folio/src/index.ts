// @roompost/folio: the built-in folio engine (Node). Pure money helpers are also at @roompost/folio/money.

// The back office (seed 003 §8, seed 004 §5): surcharge/discount rules, night audit, reports
export { type BackOffice, createBackOffice } from './audit/back-office.js';
export type {
  LateNightAuditInput,
  LateNightAuditResult,
  NightAuditCheckpoints,
  NightAuditPorts,
  NightAuditResult,
  NightAuditRun,
  RunNightAuditInput,
} from './audit/night-audit.js';
export {
  DATE_PATTERN,
  dayBounds,
  localDate,
  localDayBounds,
  localMinute,
  localTime,
  previousDate,
  shiftDate,
} from './calendar/local-day.js';
export type { ChargeOfDay, HeldCharge } from './charges/charge-ledger.js';
export type {
  ChargeOrigin,
  CreditOverride,
  PostChargeInput,
  PostChargeResult,
} from './charges/post-charge.js';
export type { ReverseChargeInput, ReverseChargeResult } from './charges/reverse-charge.js';
// reservations, deposits, folio operations, payments, checkout
export type {
  CheckoutInput,
  CheckoutMode,
  CheckoutResult,
  PreparedCheckout,
} from './checkout/checkout.service.js';
export { earlyDepartureFee } from './checkout/early-departure.js';
export type { IssueCredentialInput, IssuedCredential } from './credentials/credential.service.js';
export type { DepositType } from './deposits/deposit.table.js';
export { DEPOSIT_STATES, DEPOSIT_TRANSITIONS, type DepositState } from './deposits/deposit-state.js';
export type { DepositView } from './deposits/deposit-view.js';
export { type FolioClock, type FolioDeps, uuidV7From } from './deps.js';
export { FOLIO_ERRORS, FolioError, type FolioErrorCode, isFolioError, type RefusalKind } from './errors.js';
export type { FolioOperations } from './folio-operations.js';
export { createFolioService, type FolioService } from './folio-service.js';
export { CHARGE_TYPES, type ChargeType, type PostFolioChargeInput } from './folios/folio-ops.service.js';
export type { CreditWarning, FolioView } from './folios/folio-view.js';
export type { ListPostingsFilter } from './folios/ledger.service.js';
export type { LedgerLine } from './folios/ledger-line.js';
export type { Posting } from './folios/posting.js';
export type { LinkKind, ReferenceKind } from './folios/posting-ops.table.js';
export { POSTING_TYPES, type PostingType } from './folios/posting-type.js';
export {
  createFrontDesk,
  type DeskBoard,
  type DeskReservationRow,
  type DeskRoom,
  type DeskSetup,
  type EarlyDeparturePreview,
  type FrontDesk,
  type ReservationGuest,
} from './front-desk/desk-board.js';
export type { CreateGuestInput } from './guests/guest.service.js';
// taxes and invoices
export { amountInWords } from './invoices/amount-in-words.js';
export { type BuildInvoiceInput, buildInvoice, type InvoicePosting } from './invoices/build-invoice.js';
export {
  createInvoiceService,
  type FinalizedInvoice,
  type InvoiceService,
} from './invoices/invoice.service.js';
export type { InvoiceKind } from './invoices/invoice.table.js';
export type {
  InvoiceChargeLine,
  InvoiceDocument,
  InvoicePaymentLine,
  InvoiceSection,
  Party,
  TaxBreakupRow,
} from './invoices/invoice-document.js';
export { type InvoiceHtmlMeta, invoiceHtml, stateName } from './invoices/invoice-html.js';
export { fiscalYearOf, formatInvoiceNumber } from './invoices/invoice-number.js';
export { invoicePdf } from './invoices/invoice-pdf.js';
export type { BillToInput, InvoiceRequest } from './invoices/invoice-request.js';
export type { InvoiceSettings, InvoiceSettingsInput } from './invoices/invoice-settings.js';
export * from './money/index.js';
export type { PayInput, PaymentPart, RefundInput } from './payments/payment.service.js';
export { PAYMENT_METHODS, type PaymentMethod } from './payments/payment-method.js';
export { inIdList, inLists, powerOfTwoChunks } from './persistence/batches.js';
export {
  addRowidOnPostgres,
  createRefusingTrigger,
  type DialectKind,
  dialectOf,
  dropRefusingTrigger,
  IMMUTABLE_ROW_CODES,
  isImmutableRowError,
} from './persistence/dialect.js';
export type { FolioDatabase } from './persistence/folio-database.js';
export { GroupCommit } from './persistence/group-commit.js';
export {
  FOLIO_MIGRATION_LOCK_TABLE,
  FOLIO_MIGRATION_TABLE,
  folioMigrations,
  migrateFolio,
} from './persistence/migrations/index.js';
export {
  type OpenPostgresOptions,
  openPostgres,
  type PostgresStore,
  TRANSACTION_LOCK_KEY,
  transactionLock,
  withoutTransactionLock,
} from './persistence/postgres.js';
export { InsertTemplate, QueryTemplate } from './persistence/query-template.js';
export { relaxedTransaction } from './persistence/relaxed-commit.js';
export { runMigrations } from './persistence/run-migrations.js';
export { type OpenSqliteOptions, openSqlite, type SqliteStore } from './persistence/sqlite.js';
export { type DatabaseTarget, openStore, type Store } from './persistence/store.js';
export { isUniqueViolation } from './persistence/unique-violation.js';
export type { ConfigurePropertyInput, Property } from './property/property.service.js';
export type { PropertyProfile, UpdatePropertyInput } from './property/property-profile.js';
export type {
  CreateDepositPolicyInput,
  CreateRatePlanInput,
  SetRatesInput,
} from './rate-plans/rate-plan.service.js';
export type { EarlyDepartureKind } from './rate-plans/rate-plan.table.js';
export * from './reports/report-csv.js';
export type {
  DateRange,
  DepositAgingReport,
  OccupancyReport,
  OutstandingBalancesReport,
  RevenueReport,
} from './reports/reports.js';
export type { BookInput } from './reservations/reservation.service.js';
export type {
  ReservationChangeInput,
  ReservationChangePreview,
  ReservationTerms,
} from './reservations/reservation-change.service.js';
export {
  canTransition,
  RESERVATION_STATUSES,
  RESERVATION_TRANSITIONS,
  type ReservationStatus,
} from './reservations/reservation-status.js';
export type { ReservationView } from './reservations/reservation-view.js';
export type {
  CreateRoomInput,
  CreateRoomsInput,
  CreateRoomTypeInput,
  RoomTypeView,
  RoomView,
} from './rooms/room.service.js';
export {
  type NightToPrice,
  type PricedLine,
  type PricingContext,
  priceNight,
} from './rules/price-night.js';
export type { PromoCodeInput } from './rules/rule.service.js';
export {
  DEFAULT_WEEKEND_NIGHTS,
  PROMO_SCOPES,
  type PricingRule,
  type PromoCode,
  RULE_KINDS,
  type RuleKind,
  SERVICE_KINDS,
} from './rules/rule-types.js';
export type { RuleInput } from './rules/rule-validation.js';
export type { CheckInInput } from './stays/stay.service.js';
export type { StayLookup, StayRestrictionCode } from './stays/stay-lookup.js';
export { GST_ROOM_PERIODS, GST_SAC } from './tax/gst-periods.js';
export { NYC_TAXES } from './tax/nyc-taxes.js';
export type { TaxPreview, TaxPreviewInput } from './tax/tax.service.js';
export { taxLinesFor } from './tax/tax-lines.js';
export {
  CHARGE_CATEGORIES,
  type ChargeCategory,
  TAX_REGIMES,
  type TaxInput,
  type TaxLine,
  type TaxRegime,
} from './tax/tax-types.js';
