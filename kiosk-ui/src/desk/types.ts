// The shapes of central's answers the desk reads (docs/folio-engine.md, docs/front-desk.md).
export interface Property {
  name: string;
  currency: string;
  businessDate: string;
  regime: string | null;
  gstin: string | null;
}
export interface DeskRow {
  reservationId: string | null;
  stayRef: string | null;
  confirmation: string;
  status: string;
  guestName: string;
  roomNumber: string;
  roomTypeCode: string;
  arrival: string;
  departure: string;
  adults: number;
}
export interface Board {
  businessDate: string;
  arrivals: DeskRow[];
  inHouse: DeskRow[];
  departures: DeskRow[];
  upcoming: DeskRow[];
  rooms: Array<{ number: string; roomTypeCode: string; housekeeping: string; occupiedBy: string | null }>;
}
export interface Setup {
  roomTypes: Array<{ code: string; name: string; baseOccupancy: number }>;
  rooms: Array<{ number: string; roomTypeCode: string }>;
  ratePlans: Array<{ code: string; name: string; earlyDeparture: { kind: string; value: string | null } }>;
  depositPolicies: Array<{
    code: string;
    type: string;
    fixedMinor: number | null;
    percent: string | null;
    expiryHours: number;
  }>;
  outlets: Array<{ code: string; name: string }>;
}
export interface Deposit {
  id: string;
  type: string;
  state: string;
  amountMinor: number;
  method: string;
  reference: string | null;
  expiresAt: string;
  heldAt: string;
  heldBy: string;
  settledAt: string | null;
}
export interface Reservation {
  id: string;
  confirmation: string;
  status: string;
  roomNumber: string;
  roomTypeCode: string;
  ratePlanCode: string;
  depositPolicyCode: string | null;
  arrival: string;
  departure: string;
  adults: number;
  children: number;
  extraBeds: number;
  stayRef: string | null;
  nights: Array<{ stayDate: string; roomMinor: number; extraMinor: number }>;
  stayTotalMinor: number;
  deposits: Deposit[];
  folios: Array<{
    id: string;
    windowNumber: number;
    payerLabel: string;
    balanceMinor: number;
    closedAt: string | null;
  }>;
  balanceMinor: number;
  history: Array<{ from: string | null; to: string; at: string; by: string; reason: string | null }>;
}
export interface Posting {
  id: string;
  folioId: string;
  type: string;
  amountMinor: number;
  description: string;
  businessDate: string;
  serviceDate: string;
  link: { kind: string; postingId: string } | null;
  payment: { method: string; reference: string | null } | null;
  category: string | null;
  outletCode: string | null;
}
export interface Folio {
  id: string;
  stayRef: string;
  reservationId: string | null;
  windowNumber: number;
  payerLabel: string;
  closedAt: string | null;
  balanceMinor: number;
  postings: Posting[];
  creditWarning: { level: string } | null;
}
export interface TaxLine {
  code: string;
  label: string;
  rate: string | null;
  amountMinor: number;
}
export interface InvoiceDoc {
  number: string | null;
  status: string;
  lines: Array<{
    postingId: string;
    category: string;
    description: string;
    serviceDate: string;
    sac: string | null;
    amountMinor: number;
    taxes: TaxLine[];
  }>;
  subtotalMinor: number;
  taxBreakup: Array<{
    code: string;
    label: string;
    rate: string | null;
    taxableMinor: number;
    amountMinor: number;
  }>;
  taxTotalMinor: number;
  grandTotalMinor: number;
  paymentsTotalMinor: number;
  balanceDueMinor: number;
  amountInWords: string;
}
export interface Catalog {
  items: Array<{ sku: string; name: string; priceMinor: number; active: boolean }>;
  templates: Array<{ code: string; name: string; lines: Array<{ sku: string; quantity: number }> }>;
}
export const PAYMENT_METHODS = ['CASH', 'CARD', 'UPI', 'BANK_TRANSFER', 'CHEQUE', 'COMPANY_ACCOUNT'] as const;
/** GET /api/desk/reservations/{id}/guest: who the stay is for and whom its invoice bills by default. */
export interface DeskGuest {
  guestName: string;
  email: string | null;
  phone: string | null;
  billTo: { name: string; gstin: string | null; address: string | null; stateCode: string | null } | null;
}
