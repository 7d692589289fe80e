// The edge's HTTP contract with the kiosk UI (kiosk-ui imports these types; the edge validates
// request bodies with these schemas). Amounts are integer minor units of the outlet's currency.
import { z } from 'zod';
import type { ErrorCode } from './errors.js';
import { VOID_REASON_MAX, VOID_REASON_MIN } from './limits.js';
import { plainText } from './plain-text.js';
import {
  CHARGE_STATUSES,
  type ChargeItem,
  type ErrorBody,
  type GuestProfileFields,
  minorUnits,
} from './schemas.js';
import type { StaffRole } from './staff.js';

/**
 * `POST /api/lookup`: a key card `{ uid }`, or `{ roomNumber, lastName? }` (the last name is required
 * on self-service outlets). One object schema (not a union) so the error says what is wrong.
 */
export const lookupRequest = z
  .object({
    uid: z
      .string()
      .regex(/^[0-9A-Fa-f]{8,20}$/, 'a hex card UID of 8 to 20 digits')
      .optional(),
    roomNumber: plainText(
      z.string().trim().min(1, 'enter a room number').max(20, 'at most 20 characters'),
    ).optional(),
    lastName: plainText(
      z.string().trim().min(1, 'enter the last name').max(80, 'at most 80 characters'),
    ).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.uid === undefined && r.roomNumber === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['roomNumber'],
        message: 'give a room number or tap a card (uid)',
      });
    }
    if (r.uid !== undefined && (r.roomNumber !== undefined || r.lastName !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['uid'],
        message: 'a card uid alone, or a room number and last name',
      });
    }
  })
  .transform((r): { uid: string } | { roomNumber: string; lastName?: string | undefined } =>
    r.uid !== undefined
      ? { uid: r.uid }
      : { roomNumber: r.roomNumber ?? '', ...(r.lastName === undefined ? {} : { lastName: r.lastName }) },
  );
export type LookupRequest = z.output<typeof lookupRequest>;

/** A guest as the kiosk may show it: the name is masked (`J. W****`) on self-service outlets. */
export interface KioskLookup {
  /** Proof of this lookup, required to create a check; valid for a few minutes on this edge. */
  verificationId: string;
  roomNumber: string;
  roomType: string;
  guestName: string;
  vipLevel: string | null;
  /** null when the PMS does not tell the stay's dates. */
  checkIn: string | null;
  checkOut: string | null;
  currency: string;
  chargesAllowed: boolean;
  restriction: { code: ErrorCode; reason: string } | null;
  /** null on self-service outlets, or when the stay has no credit limit. */
  availableCreditMinor: number | null;
  /** Staff only, when central syncs guest profiles: e-mail, phone, preferences, allergies, loyalty. */
  profile?: GuestProfileFields;
  /**
   * Answered from the outlet's replicated roster because central or the PMS is unreachable: the
   * name is masked for staff too, and a charge is accepted within the offline limits only.
   */
  standIn?: boolean;
}

/**
 * A menu item `{ sku, quantity }`, or (staff mode only) a custom charge `{ custom: { name,
 * unitPriceMinor }, quantity }` whose price is tax-inclusive. One object schema (not a union) so a
 * bad field is named precisely (`items.0.quantity`).
 */
export const checkItem = z
  .object({
    sku: plainText(z.string().min(1).max(64)).optional(),
    custom: z
      .object({
        name: plainText(z.string().trim().min(1, 'name the charge').max(80)),
        unitPriceMinor: minorUnits.positive(),
      })
      .strict()
      .optional(),
    quantity: z.number().int().min(1).max(99),
  })
  .strict()
  .superRefine((item, ctx) => {
    if ((item.sku === undefined) === (item.custom === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['sku'], message: 'give either a sku or a custom charge' });
    }
  })
  .transform(
    (
      item,
    ):
      | { sku: string; quantity: number }
      | { custom: { name: string; unitPriceMinor: number }; quantity: number } =>
      item.custom
        ? { custom: item.custom, quantity: item.quantity }
        : { sku: item.sku ?? '', quantity: item.quantity },
  );
export type CheckItem = z.output<typeof checkItem>;

/** The largest signature image a charge may carry (decoded PNG bytes), and its base64 length. */
export const SIGNATURE_MAX_BYTES = 32 * 1024;
export const SIGNATURE_MAX_BASE64 = Math.ceil(SIGNATURE_MAX_BYTES / 3) * 4;

/** `POST /api/lookup/credit`: the check's total against the credit of the guest a lookup found. */
export const creditCheckRequest = z
  .object({
    verificationId: z.uuid('the verificationId of a lookup'),
    totalMinor: z.number().int('minor units').nonnegative(),
  })
  .strict();

/** The `:id` of every `/api/charges/:id/…` route. */
export const chargeIdParams = z.object({ id: z.uuid('a charge id (UUID)') });

/** `POST /api/checks/quote`: the check priced by the edge before it is committed. */
export const quoteRequest = z
  .object({
    items: z.array(checkItem).min(1, 'add at least one item'),
    tipMinor: z.number().int().safe().nonnegative().default(0),
    /** "Delivery to room": the edge adds the outlet's delivery charge line. */
    delivery: z.boolean().default(false),
  })
  .strict();
export type QuoteRequest = z.input<typeof quoteRequest>;

/** The quote's answer: the lines as the edge priced them (a delivery line included) and the totals. */
export interface QuoteView {
  lines: ChargeItem[];
  subtotalMinor: number;
  taxMinor: number;
  tipMinor: number;
  totalMinor: number;
  /** An outlet with a GSTIN: the tax as CGST/SGST per rate (and VAT), adding up to `taxMinor`. */
  taxLines?: Array<{ code: 'CGST' | 'SGST' | 'VAT'; ratePercent: string; amountMinor: number }>;
}

export const createCheckRequest = z
  .object({
    /**
     * Minted by the kiosk once per confirmation (a UUID) and sent again if the answer was lost:
     * the same request id returns the charge already made instead of making a second one.
     */
    requestId: z.uuid('a UUID minted by the kiosk for this confirmation'),
    /** Staff Room Found: the hold of the check number it showed (POST /api/checks/number); the check takes it. */
    checkNumberHold: z.uuid('the hold id sent to POST /api/checks/number').optional(),
    verificationId: z.string().min(1, 'look up the room or tap the card first'),
    items: z.array(checkItem).min(1, 'add at least one item'),
    tipMinor: minorUnits.nonnegative().default(0),
    /**
     * "Delivery to room": the edge adds the outlet's configured delivery charge as its own line
     * (`OutletView.delivery`); refused with VALIDATION_FAILED on an outlet without one.
     */
    delivery: z.boolean().default(false),
    /** Ignored in staff mode: the signed-in staff member is the employee. */
    employeeId: plainText(z.string().max(64)).nullable().default(null),
    /** Post past the credit limit (front desk and up, staff mode only); the reason is kept. */
    override: z
      .object({ reason: plainText(z.string().trim().min(3, 'give a reason').max(200)) })
      .strict()
      .nullable()
      .default(null),
    /**
     * The guest's signature as a base64 PNG (no `data:` prefix), required at or above the outlet's
     * signature threshold (`OutletView.signature`); the edge checks it is a PNG of at most
     * SIGNATURE_MAX_BYTES and keeps it with the charge.
     */
    signaturePng: z
      .string()
      .max(SIGNATURE_MAX_BASE64, `a signature PNG of at most ${SIGNATURE_MAX_BYTES / 1024} KB`)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a base64 PNG without a data: prefix')
      .nullable()
      .default(null),
  })
  .strict();
export type CreateCheckRequest = z.input<typeof createCheckRequest>;

/** `POST /api/checks/number` (staff): hold the next check number for Room Found; `DELETE` gives it back. */
export const checkNumberHoldRequest = z.object({ holdId: z.uuid('a UUID minted by the kiosk') }).strict();

/** Staff mode: the signed-in staff member and what seed 000's permission table lets the role do. */
export const STAFF_ACTIONS = [
  'chargeToRoom',
  'overrideCreditLimit',
  'retryFailedPostings',
  'voidRoomCharges',
  'viewReconciliation',
  'configurePms',
  'nightAuditSignOff',
  /** Not in seed 000 (it has no device row): the kiosk's service screen (test page, relay pulse). */
  'deviceService',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** `POST /api/charges/{id}/withdraw` (staff): how the guest pays instead of the room charge. */
export const withdrawChargeRequest = z
  .object({ reason: z.string().trim().min(3, 'say how the guest pays instead').max(500) })
  .strict();

/** `POST /api/charges/{id}/void` (staff with the void permission): why the posted charge is voided. */
export { VOID_REASON_MAX, VOID_REASON_MIN };
export const voidChargeRequest = z
  .object({
    reason: plainText(
      z.string().trim().min(VOID_REASON_MIN, 'say why the charge is voided').max(VOID_REASON_MAX),
    ),
  })
  .strict();
export type VoidChargeRequest = z.infer<typeof voidChargeRequest>;

/**
 * `POST /api/staff/session`. `staffId` (optional) names who is signing in: wrong PINs then count
 * against that staff member as well as the terminal. PINs are 4 to 12 digits (new PINs at least the
 * property's configured length, 6 by default; the demo's 4-digit PINs are demo data).
 */
export const staffSignInRequest = z
  .object({
    pin: z.string().regex(/^\d{4,12}$/, '4 to 12 digits'),
    staffId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'a staff id: lower-case letters, digits, ".", "_" or "-"')
      .optional(),
    /**
     * The staff badge's card UID, where the outlet signs in with PIN and badge. Without it the edge
     * takes the badge last tapped on its own reader (within a minute).
     */
    badge: z
      .string()
      .regex(/^[0-9A-Fa-f]{8,20}$/, 'a hex card UID of 8 to 20 digits')
      .optional(),
  })
  .strict();

export interface StaffSessionView {
  token: string;
  staff: { id: string; name: string; role: StaffRole };
  permissions: StaffAction[];
  expiresAt: string;
}

export const KIOSK_CHARGE_STATUSES = ['pending', ...CHARGE_STATUSES] as const;
export type KioskChargeStatus = (typeof KIOSK_CHARGE_STATUSES)[number];

export interface ChargeView {
  id: string;
  checkNumber: string;
  outletCode: string;
  roomNumber: string;
  guestName: string;
  currency: string;
  items: Array<{ sku: string; name: string; quantity: number; amountMinor: number; taxMinor: number }>;
  subtotalMinor: number;
  taxMinor: number;
  tipMinor: number;
  totalMinor: number;
  /** pending: stored on the edge, not yet acknowledged by central. */
  status: KioskChargeStatus;
  error: ErrorBody | null;
  pmsTransactionId: string | null;
  /** Central's attempts to post it so far (seed 000 "Retry #2"); null until central has said. */
  attempts?: number | null;
  /**
   * Another tender was chosen after the posting failed (POST /api/charges/{id}/withdraw). Until
   * `confirmedAt` (status `withdrawn`) central has not confirmed it will never post the charge.
   */
  withdrawal?: { requestedAt: string; by: string | null; reason: string; confirmedAt: string | null } | null;
  /** The guest signed on the screen: the image is at GET /api/charges/{id}/signature.png (staff). */
  signed: boolean;
  /** Accepted by the outlet against its roster while central or the PMS was unreachable. */
  standIn?: boolean;
  /** GET /api/charges/{id} only: the guest asked for the receipt by e-mail (sent by the edge through the relay). */
  receiptEmail?: ReceiptEmailView | null;
  receiptText: string;
  createdAt: string;
  updatedAt: string;
}

export interface CatalogView {
  currency: string;
  categories: Array<{ code: string; name: string }>;
  items: Array<{ sku: string; name: string; categoryCode: string; priceMinor: number; taxRateLabel: string }>;
  /** Seed 004 phase 2 charge templates (staff): one tap adds every line. Absent: none. */
  templates?: Array<{ code: string; name: string; lines: Array<{ sku: string; quantity: number }> }>;
}

export const RECEIPT_OPTIONS = ['print', 'qr', 'email'] as const;
export type ReceiptOption = (typeof RECEIPT_OPTIONS)[number];

/** `POST /api/charges/{id}/receipt-email`: where the guest wants the receipt. */
export const receiptEmailRequest = z
  .object({ address: z.email('an e-mail address such as name@example.com').max(254) })
  .strict();

/**
 * A stored e-mail receipt request, sent by the edge through the property's SMTP relay:
 * queued → sending → sent | failed (docs/edge-api.md "Receipt choice").
 */
export interface ReceiptEmailView {
  address: string;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  requestedAt: string;
  /** Delivery attempts so far (a retry after a crash mid-send counts). */
  attempts?: number;
  /** The last attempt's error (the relay's reply when it gave one); null once sent. */
  lastError?: string | null;
  /** When a queued request is tried again (after a failed attempt); null otherwise. */
  nextAttemptAt?: string | null;
  sentAt?: string | null;
}

export interface OutletView {
  code: string;
  name: string;
  currency: string;
  locale: string;
  timeZone: string;
  mode: 'self-service' | 'staff';
  tipPercentPresets: number[];
  /**
   * The signature pad: shown when a charge's total is at or above `thresholdMinor`. `required`:
   * the edge refuses such a charge without one (always on staff outlets); otherwise the guest may skip.
   * `maxWidth`×`maxHeight`: the largest image the receipt printer prints (dots); the kiosk scales the
   * drawing to fit, the edge refuses a larger one. null: this outlet never asks for a signature.
   */
  signature: { thresholdMinor: number; required: boolean; maxWidth: number; maxHeight: number } | null;
  /** Present when the card reader is simulated: cards the developer panel can tap. */
  simulatedCards: Array<{ uid: string; label: string }> | null;
  /** In-room dining: the delivery charge a "delivery to room" check gets. Absent or null: none. */
  delivery?: { chargeMinor: number; name: string; defaultOn: boolean } | null;
  /** After a charge, what the guest may choose (the receipt still prints where it always does). */
  receiptOptions?: ReceiptOption[];
}

/** Server-sent events on GET /api/events (event name → data). */
export interface KioskEvents {
  tap: { ok: true; lookup: KioskLookup } | { ok: false; error: ApiErrorBody };
  charge: ChargeView;
  /** `pms`: what central last said about its link to the PMS (absent until it has said). */
  connection: { central: 'online' | 'offline'; pms?: 'ok' | 'trouble' };
  /** A device of the outlet changed health; sent for every device when a stream opens. */
  device: {
    device: 'reader' | 'printer' | 'gpio' | 'display';
    health: 'connected' | 'retrying' | 'error';
    reason: string | null;
  };
  /**
   * The fridge door sensor (GPIO input) changed. `endsSession`: the door closed after a
   * self-service charge unlocked it; the kiosk goes back to its first screen with an empty cart.
   */
  door: { open: boolean; endsSession: boolean };
}

/** Every error the edge API returns: HTTP status plus this JSON body. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  action: string;
  field?: string;
}

/** `GET /api/health`: the edge, its link to central, the PMS as central last said, and its devices. */
export interface HealthView {
  status: 'ok';
  outlet: string;
  device: string;
  central: 'online' | 'offline';
  /** Central's last word on its PMS link; null until it has said. */
  pms: 'ok' | 'trouble' | null;
  pendingCharges: number;
}

/** `GET /api/staff/pending`: what has not reached the folio (seed 000 "Pending Room Postings"). */
export interface PendingView {
  central: 'online' | 'offline';
  charges: ChargeView[];
  /** When the PMS last took one of this outlet's charges (seed 000 "Last PMS connection"). */
  lastPostedAt: string | null;
}
