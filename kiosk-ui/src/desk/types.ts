// The shapes of central's answers the desk reads (docs/folio-engine.md, docs/front-desk.md), taken from
// the types folio and the contract declare for them. Type-only imports: nothing of folio or zod reaches
// the desk bundle.
import type {
  DepositView,
  DeskBoard,
  DeskReservationRow,
  DeskSetup,
  EarlyDeparturePreview,
  TaxLine as FolioTaxLine,
  FolioView,
  InvoiceDocument,
  LedgerLine,
  PaymentMethod,
  PropertyProfile,
  ReservationChangePreview,
  ReservationGuest,
  ReservationView,
} from '@roompost/folio';
import type { OutletCatalog } from '@roompost/sync/contract';

/** GET /api/folio/property. */
export type Property = PropertyProfile;
export type DeskRow = DeskReservationRow;
/** GET /api/desk/board. */
export type Board = DeskBoard;
/** GET /api/desk/setup: folio's setup plus the outlets that post room charges. */
export type Setup = DeskSetup & { outlets: Array<{ code: string; name: string }> };
export type Deposit = DepositView;
/** GET /api/folio/reservations/{id}. */
export type Reservation = ReservationView;
export type Posting = LedgerLine;
/** GET /api/folio/stays/{ref}/folios, one window. */
export type Folio = FolioView;
export type TaxLine = FolioTaxLine;
/** POST /api/folio/folios/{id}/invoice-preview. */
export type InvoiceDoc = InvoiceDocument;
/** GET /api/outlets/{code}/catalog: the parts the desk posts from. */
export type Catalog = Pick<OutletCatalog, 'items' | 'templates'>;
/** GET /api/desk/reservations/{id}/guest. */
export type DeskGuest = ReservationGuest;
/** GET /api/desk/reservations/{id}/early-departure. */
export type EarlyPreview = EarlyDeparturePreview;
/** POST /api/folio/reservations/{id}/change-preview. */
export type ChangePreview = ReservationChangePreview;

/** The ways of paying the desk offers: folio's methods less the online gateway and loyalty points. */
export const PAYMENT_METHODS = [
  'CASH',
  'CARD',
  'UPI',
  'BANK_TRANSFER',
  'CHEQUE',
  'COMPANY_ACCOUNT',
] as const satisfies readonly PaymentMethod[];
