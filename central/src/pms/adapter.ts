import { type ChargeItem, CodedError, type ErrorCode, type RoomLookup } from '@roompost/sync';
import type { OutletPmsCodes } from './outlet-config.js';
import type { PostingOptions } from './posting-options.js';

/** What an adapter can do (seed 000 `features`); the pipeline and the console ask before using one. */
export type PmsFeature =
  | 'room_lookup'
  | 'key_card_lookup'
  | 'charge_posting'
  | 'void'
  | 'read_postings'
  | 'guest_profiles';

/** One room charge as central hands it to a PMS. `chargeId` is the idempotency key / reference. */
export interface PmsChargeRequest {
  chargeId: string;
  roomNumber: string;
  stayRef: string | null;
  outletCode: string;
  checkNumber: string;
  description: string;
  currency: string;
  subtotalMinor: number;
  taxMinor: number;
  tipMinor: number;
  totalMinor: number;
  items: ChargeItem[];
  employeeId: string | null;
  createdAt: string;
  /** Staff at the outlet overrode the stay's credit limit (seed 000: front desk and up). */
  overrideCreditLimit?: { by: string; reason: string } | null;
  /** The outlet's own codes in the PMS (outlet config `pmsCodes`); they win over the PMS config's maps. */
  outletPmsCodes?: OutletPmsCodes | undefined;
  /** Seed 000 posting options; absent means the seed defaults (tip as its own line, summarized). */
  posting?: PostingOptions | undefined;
}

/** What a PMS can tell about a guest beyond the stay (seed 000 `sync_fields`), where it has it. */
export interface GuestProfile {
  name: string;
  email: string | null;
  phone: string | null;
  vipLevel: string | null;
  preferences: string[];
  allergies: string[];
  loyaltyNumber: string | null;
}

export interface PmsVoidRequest {
  /** The void's own idempotency key (not the charge's). */
  voidId: string;
  original: PmsChargeRequest;
  pmsTransactionId: string;
  reason: string;
}

export interface PmsPostingResult {
  pmsTransactionId: string;
  folioBalanceMinor: number | null;
  /** The PMS already had this charge (it answered our idempotency key with the earlier result). */
  duplicate: boolean;
}

/**
 * The seam every PMS sits behind: the built-in folio engine now, FIAS, Mews, Cloudbeds, apaleo,
 * OHIP and HTNG later. Implementations throw PmsError, never a transport error.
 */
export interface PmsAdapter {
  readonly kind: string;
  readonly features: ReadonlySet<PmsFeature>;
  testConnection(): Promise<void>;
  lookupRoom(roomNumber: string): Promise<RoomLookup>;
  lookupCredential(uid: string): Promise<RoomLookup>;
  postCharge(charge: PmsChargeRequest): Promise<PmsPostingResult>;
  /**
   * Posts several charges at once (the built-in folio: one transaction). One answer per charge, in
   * order: its result, or the PmsError that refused it alone. Throws only when none was posted.
   */
  postCharges?(charges: PmsChargeRequest[]): Promise<Array<PmsPostingResult | PmsError>>;
  /**
   * How many postings the pipeline keeps in flight at once (default 4). FIAS: 1, the link is one
   * conversation; Mews: 2, under its 200 requests per 30 s.
   */
  readonly postingConcurrency?: number;
  /** Reverses a posted charge in the PMS (feature `void`). */
  voidCharge?(request: PmsVoidRequest): Promise<PmsPostingResult>;
  /** Reads back whether the PMS holds a charge with this id (feature `read_postings`); null when not. */
  findPosting?(chargeId: string, roomNumber: string): Promise<PmsPostingResult | null>;
  /** Guests in house by last name (feature `room_lookup`, where the PMS can search by name). */
  lookupByName?(lastName: string): Promise<RoomLookup[]>;
  /** The guest profile of a stay (feature `guest_profiles`). */
  guestProfile?(stayRef: string): Promise<GuestProfile | null>;
  close(): Promise<void>;
}

/**
 * A PMS answer in our terms. `retryable` separates "try again later" (CONNECTION_FAILED, a 429, a
 * 5xx, FIAS RY/NA) from a final rejection (CREDIT_EXCEEDED, GUEST_CHECKED_OUT, POSTING_REJECTED…).
 * POSTING_UNKNOWN (sent, then no answer, to a PMS without an idempotency key) is neither: it is
 * never re-sent automatically, only verified by read-back or settled by a manager.
 */
export class PmsError extends CodedError {
  override readonly name = 'PmsError';
  readonly retryable: boolean;
  constructor(
    code: ErrorCode,
    message: string,
    opts: { retryable?: boolean; context?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(code, message, {
      ...(opts.context ? { context: opts.context } : {}),
      ...(opts.cause === undefined ? {} : { cause: opts.cause }),
    });
    this.retryable = code !== 'POSTING_UNKNOWN' && (opts.retryable ?? code === 'CONNECTION_FAILED');
  }
}
