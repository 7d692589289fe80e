// The edge's HTTP contract with the kiosk UI (kiosk-ui imports these types; the edge validates
// request bodies with these schemas). Amounts are integer minor units of the outlet's currency.
import { z } from 'zod';
import type { ErrorCode } from './errors.js';
import { CHARGE_STATUSES, type ErrorBody, minorUnits } from './schemas.js';

export const lookupRequest = z.union([
  z.object({ uid: z.string().regex(/^[0-9A-Fa-f]{8,20}$/, 'a hex card UID') }).strict(),
  z
    .object({
      roomNumber: z.string().trim().min(1, 'enter a room number').max(20),
      lastName: z.string().trim().min(1).max(80).optional(),
    })
    .strict(),
]);
export type LookupRequest = z.infer<typeof lookupRequest>;

/** A guest as the kiosk may show it: the name is masked (`J. W****`) on self-service outlets. */
export interface KioskLookup {
  /** Proof of this lookup, required to create a check; valid for a few minutes on this edge. */
  verificationId: string;
  roomNumber: string;
  roomType: string;
  guestName: string;
  vipLevel: string | null;
  checkIn: string;
  checkOut: string;
  currency: string;
  chargesAllowed: boolean;
  restriction: { code: ErrorCode; reason: string } | null;
  /** null on self-service outlets, or when the stay has no credit limit. */
  availableCreditMinor: number | null;
}

/**
 * A menu item `{ sku, quantity }`, or (staff mode only) a custom charge `{ custom: { name,
 * unitPriceMinor }, quantity }` whose price is tax-inclusive. One object schema (not a union) so a
 * bad field is named precisely (`items.0.quantity`).
 */
export const checkItem = z
  .object({
    sku: z.string().min(1).max(64).optional(),
    custom: z
      .object({
        name: z.string().trim().min(1, 'name the charge').max(80),
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

export const createCheckRequest = z
  .object({
    /**
     * Minted by the kiosk once per confirmation (a UUID) and sent again if the answer was lost:
     * the same request id returns the charge already made instead of making a second one.
     */
    requestId: z.uuid('a UUID minted by the kiosk for this confirmation'),
    verificationId: z.string().min(1, 'look up the room or tap the card first'),
    items: z.array(checkItem).min(1, 'add at least one item'),
    tipMinor: minorUnits.nonnegative().default(0),
    /** Ignored in staff mode: the signed-in staff member is the employee. */
    employeeId: z.string().max(64).nullable().default(null),
    /** Post past the credit limit (front desk and up, staff mode only); the reason is kept. */
    override: z
      .object({ reason: z.string().trim().min(3, 'give a reason').max(200) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type CreateCheckRequest = z.input<typeof createCheckRequest>;

/** Staff mode: the signed-in staff member and what seed 000's permission table lets the role do. */
export const STAFF_ROLES = ['server', 'front_desk', 'manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const STAFF_ACTIONS = [
  'chargeToRoom',
  'overrideCreditLimit',
  'retryFailedPostings',
  'voidRoomCharges',
  'viewReconciliation',
  'configurePms',
  'nightAuditSignOff',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

export const staffSignInRequest = z.object({ pin: z.string().regex(/^\d{4,8}$/, '4 to 8 digits') }).strict();

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
  receiptText: string;
  createdAt: string;
  updatedAt: string;
}

export interface CatalogView {
  currency: string;
  categories: Array<{ code: string; name: string }>;
  items: Array<{ sku: string; name: string; categoryCode: string; priceMinor: number; taxRateLabel: string }>;
}

export interface OutletView {
  code: string;
  name: string;
  currency: string;
  locale: string;
  timeZone: string;
  mode: 'self-service' | 'staff';
  tipPercentPresets: number[];
  /** Present when the card reader is simulated: cards the developer panel can tap. */
  simulatedCards: Array<{ uid: string; label: string }> | null;
}

/** Server-sent events on GET /api/events (event name → data). */
export interface KioskEvents {
  tap: { ok: true; lookup: KioskLookup } | { ok: false; error: ApiErrorBody };
  charge: ChargeView;
  connection: { central: 'online' | 'offline' };
  /** A device of the outlet changed health (issue #6); sent for every device when a stream opens. */
  device: {
    device: 'reader' | 'printer' | 'gpio' | 'display';
    health: 'connected' | 'retrying' | 'error';
    reason: string | null;
  };
}

/** Every error the edge API returns: HTTP status plus this JSON body. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  action: string;
  field?: string;
}
