// One schema source for every payload on the wire: zod gives both the runtime check and the type.
// Amounts are integer minor units of `currency` (never floats); every payload carries `v`.
import { z } from 'zod';
import { catalogCode, outletCatalog, taxRateString } from './catalog.js';
import { ERROR_CODES } from './errors.js';
import { staffId, staffProofAnswer, staffProofField, staffRosterAnswer } from './staff.js';
import { CONTRACT_VERSION } from './topics.js';

const version = z.literal(CONTRACT_VERSION);
export const minorUnits = z.number().int().safe();
const nonNegativeMinor = minorUnits.nonnegative();
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD or INR');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const isoDateTime = z.iso.datetime({ offset: true });
const uuid = z.uuid();

export const errorBody = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  context: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** Seed 000 `guest_profile_sync.sync_fields` beyond name and VIP level; a field not synced is absent. */
export const guestProfileFields = z.object({
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  preferences: z.array(z.string()).optional(),
  allergies: z.array(z.string()).optional(),
  loyaltyNumber: z.string().nullable().optional(),
});
export type GuestProfileFields = z.infer<typeof guestProfileFields>;

/** What a PMS (or our own folio engine) tells an outlet about a room: seed 000 `pms_lookup_response`. */
export const roomLookup = z.object({
  roomNumber: z.string().min(1),
  roomType: z.string(),
  /** Opaque reference of the stay the guest was verified on; the charge is posted to this stay. */
  stayRef: z.string().min(1),
  guest: z.object({
    name: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    vipLevel: z.string().nullable(),
  }),
  reservation: z.object({
    confirmation: z.string(),
    /** null when the PMS does not say (a FIAS PL carries GA/GD only where the PMS is set to send them). */
    checkIn: isoDate.nullable(),
    checkOut: isoDate.nullable(),
    adults: z.number().int().nonnegative(),
    status: z.literal('in_house'),
  }),
  billing: z.object({
    currency,
    chargesAllowed: z.boolean(),
    /** null: the stay has no credit limit. */
    creditLimitMinor: nonNegativeMinor.nullable(),
    currentBalanceMinor: minorUnits,
    availableCreditMinor: minorUnits.nullable(),
  }),
  /** Present when charges are not allowed, with the seed's code. */
  restriction: z
    .object({ code: z.enum(['CHARGES_BLOCKED', 'CREDIT_EXCEEDED']), reason: z.string() })
    .nullable(),
  /** Seed 000 `sync_fields` the PMS gave for the guest (profile sync on); for staff only. */
  profile: guestProfileFields.optional(),
  /**
   * `guest`: central's answer to a self-service outlet, cut to what its screen shows (the name as
   * initials, no balance, limit, confirmation or profile; the credit left only for the credit check).
   */
  scope: z.enum(['guest', 'staff']).optional(),
});
export type RoomLookup = z.infer<typeof roomLookup>;

/**
 * The zod issue parameter that marks an amount past Number.MAX_SAFE_INTEGER minor units (or a sum
 * that would pass it): parseRequest and decodePayload answer such input AMOUNT_OUT_OF_RANGE.
 */
export const AMOUNT_OUT_OF_RANGE_ISSUE = { code: 'AMOUNT_OUT_OF_RANGE' } as const;

/**
 * Most parts of one day's summary. Central holds a day's parts until all are in and then reads them
 * together, so this bounds what one device can make it hold: 64 packets of the broker's 1 MiB, about
 * 400,000 charges in a day at one outlet (a day of 100,000 is about 15 parts).
 */
export const MAX_SUMMARY_PARTS = 64;

/** Adds the out-of-range issue at `path` unless `sum` of the (safe) parts is itself safe. */
export function refineSafeSum(ctx: z.RefinementCtx, parts: number[], path: PropertyKey[]): boolean {
  const sum = parts.reduce((a, b) => a + b, 0);
  if (Number.isSafeInteger(sum)) return true;
  ctx.addIssue({
    code: 'custom',
    path,
    message: `the sum passes ${Number.MAX_SAFE_INTEGER} minor units`,
    params: AMOUNT_OUT_OF_RANGE_ISSUE,
  });
  return false;
}

/** Whether zod's issues include an amount past the safe integer range. */
export function isAmountOutOfRange(
  issues: ReadonlyArray<{ code: string; maximum?: unknown; params?: unknown }>,
): boolean {
  return issues.some(
    (i) =>
      (i.code === 'too_big' &&
        (i.maximum === Number.MAX_SAFE_INTEGER || i.maximum === BigInt(Number.MAX_SAFE_INTEGER))) ||
      (i.code === 'custom' &&
        (i.params as { code?: string } | undefined)?.code === AMOUNT_OUT_OF_RANGE_ISSUE.code),
  );
}

export const chargeItem = z
  .object({
    sku: z.string().min(1).max(64),
    name: z.string().min(1).max(120),
    quantity: z.number().int().positive().max(999),
    unitPriceMinor: nonNegativeMinor,
    amountMinor: nonNegativeMinor,
    taxMinor: nonNegativeMinor,
    /**
     * The catalog item's tax class and rate (`GST_FOOD` 0.05, `VAT_LIQUOR` 0.20), so the folio's invoice
     * names the tax the item pays (VAT on alcohol is not GST). Absent from older outlets and custom lines.
     */
    taxClass: catalogCode.optional(),
    taxRate: taxRateString.optional(),
  })
  .superRefine((i, ctx) => {
    if (!Number.isSafeInteger(i.quantity * i.unitPriceMinor)) {
      ctx.addIssue({
        code: 'custom',
        path: ['amountMinor'],
        message: `quantity × unit price passes ${Number.MAX_SAFE_INTEGER} minor units`,
        params: AMOUNT_OUT_OF_RANGE_ISSUE,
      });
    } else if (i.amountMinor !== i.quantity * i.unitPriceMinor) {
      ctx.addIssue({ code: 'custom', path: ['amountMinor'], message: 'must equal quantity × unit price' });
    }
  });
export type ChargeItem = z.infer<typeof chargeItem>;

export const creditOverride = z.object({
  by: z.string().min(1).max(64),
  reason: z.string().trim().min(1).max(200),
});
export type CreditOverride = z.infer<typeof creditOverride>;

/** The fields of a room charge, shared by the MQTT message and central's `POST /api/pms/post`. */
export const chargeFields = z.object({
  chargeId: uuid,
  outletCode: z.string().min(1).max(16),
  checkNumber: z.string().min(1).max(32),
  roomNumber: z.string().min(1).max(20),
  stayRef: z.string().min(1),
  guestName: z.string(),
  currency,
  subtotalMinor: nonNegativeMinor,
  taxMinor: nonNegativeMinor,
  tipMinor: nonNegativeMinor,
  totalMinor: nonNegativeMinor,
  items: z.array(chargeItem).min(1).max(200),
  employeeId: z.string().max(64).nullable(),
  createdAt: isoDateTime,
  /** A credit-limit override by front desk or a manager (seed 000 permissions): who and why. */
  override: creditOverride.nullable().optional(),
  /**
   * Central's signed staff proof for the staff member who made the charge (staff outlets). Central
   * requires one, naming a role that may, for an override or a custom price (verify-staff-claim).
   */
  staffProof: staffProofField.nullable().optional(),
  /**
   * The outlet accepted this charge on its own, against the replicated roster, while central or
   * the PMS was unreachable (DESIGN "Offline stand-in"); reconciliation lists such charges.
   */
  standIn: z.boolean().optional(),
  /** The outlet catalog version the edge priced the items with; central checks them against it. */
  catalogVersion: z.number().int().nonnegative().optional(),
});

type ChargeTotals = Pick<
  z.infer<typeof chargeFields>,
  'subtotalMinor' | 'taxMinor' | 'tipMinor' | 'totalMinor' | 'items'
>;

/** total = subtotal + tax + tip, and subtotal and tax are the sums of the items'. */
export function refineChargeTotals(c: ChargeTotals, ctx: z.RefinementCtx): void {
  // Sums past the safe range cannot be compared exactly: refuse them as out of range first.
  const safe =
    refineSafeSum(ctx, [c.subtotalMinor, c.taxMinor, c.tipMinor], ['totalMinor']) &&
    refineSafeSum(
      ctx,
      c.items.map((i) => i.amountMinor),
      ['subtotalMinor'],
    ) &&
    refineSafeSum(
      ctx,
      c.items.map((i) => i.taxMinor),
      ['taxMinor'],
    );
  if (!safe) return;
  if (c.subtotalMinor + c.taxMinor + c.tipMinor !== c.totalMinor) {
    ctx.addIssue({ code: 'custom', path: ['totalMinor'], message: 'must equal subtotal + tax + tip' });
  }
  const itemsSubtotal = c.items.reduce((sum, item) => sum + item.amountMinor, 0);
  if (itemsSubtotal !== c.subtotalMinor) {
    ctx.addIssue({ code: 'custom', path: ['subtotalMinor'], message: 'must equal the sum of item amounts' });
  }
  const itemsTax = c.items.reduce((sum, item) => sum + item.taxMinor, 0);
  if (itemsTax !== c.taxMinor) {
    ctx.addIssue({ code: 'custom', path: ['taxMinor'], message: 'must equal the sum of item taxes' });
  }
}

/** edge → central: one room charge. `chargeId` (UUIDv7, minted on the edge) is the idempotency key. */
export const chargeMessage = chargeFields.extend({ v: version }).superRefine(refineChargeTotals);
export type ChargeMessage = z.infer<typeof chargeMessage>;

// failed: retries are used up and a manager must act; the edge keeps asking, as for queued.
// voided: a manager reversed the posted charge and the PMS took the reversal (final).
// held: the outlet does not post automatically (`autoPost: false`); a manager posts it (not final).
// withdrawn: taken off the queue before the PMS held it (another tender was collected); final.
export const CHARGE_STATUSES = [
  'accepted',
  'queued',
  'held',
  'posted',
  'rejected',
  'failed',
  'voided',
  'withdrawn',
] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];

/** central → edge: where a charge stands. Any status ends the edge's re-publishing. */
export const chargeStatusMessage = z.object({
  v: version,
  chargeId: uuid,
  status: z.enum(CHARGE_STATUSES),
  pmsTransactionId: z.string().nullable(),
  folioBalanceMinor: minorUnits.nullable(),
  error: errorBody.nullable(),
  at: isoDateTime,
  /** How many times central has tried to post it (seed 000 "Retry #2"); absent from older centrals. */
  attempts: z.number().int().nonnegative().optional(),
});
export type ChargeStatusMessage = z.infer<typeof chargeStatusMessage>;

/** edge → central: statuses the edge has stored (after applying them); each `{ chargeId, status }`. */
export const chargeStatusAck = z.object({
  v: version,
  acks: z
    .array(z.object({ chargeId: uuid, status: z.enum(CHARGE_STATUSES) }))
    .min(1)
    .max(100),
});
export type ChargeStatusAck = z.infer<typeof chargeStatusAck>;

/** The most charge ids one `chargeStatuses` request may name (the answer stays far below the packet limit). */
export const CHARGE_STATUSES_MAX = 100;

/** central → edge (RPC `chargeStatuses`): the current status of each charge asked about that central holds. */
export const chargeStatusesAnswer = z.object({
  v: version,
  statuses: z.array(chargeStatusMessage).max(CHARGE_STATUSES_MAX),
});
export type ChargeStatusesAnswer = z.infer<typeof chargeStatusesAnswer>;

export const rpcRequest = z.discriminatedUnion('method', [
  z.object({
    v: version,
    id: z.string().min(1).max(64),
    method: z.literal('lookupRoom'),
    params: z.object({
      roomNumber: z.string().min(1).max(20),
      /**
       * Self-service outlets: the last name the guest typed. Central answers only when it matches the
       * guest in the room, and then only what a guest screen needs (`scope: 'guest'`).
       */
      lastName: z.string().min(1).max(80).optional(),
      /** Staff outlets: the signed-in staff member's proof; central answers nobody without one. */
      proof: staffProofField.optional(),
    }),
  }),
  z.object({
    v: version,
    id: z.string().min(1).max(64),
    method: z.literal('lookupCredential'),
    params: z.object({ uid: z.string().regex(/^[0-9A-F]{8,20}$/, 'an upper-case hex card UID') }),
  }),
  // Staff at the outlet (manager and up, checked on the edge) retry a charge central holds.
  z.object({
    v: version,
    id: z.string().min(1).max(64),
    method: z.literal('retryPosting'),
    params: z.object({
      chargeId: uuid,
      actor: z.string().min(1).max(64),
      note: z.string().max(500).nullable(),
    }),
  }),
  // The outlet collected another tender for a charge the PMS has not taken: central withdraws it
  // (waiting for a running attempt's outcome). `charge` is the charge as sent, so central can store
  // it straight as withdrawn if it never received it. `withdrawalId` is the idempotency key.
  z.object({
    v: version,
    id: z.string().min(1).max(64),
    method: z.literal('withdrawCharge'),
    params: z.object({
      withdrawalId: uuid,
      chargeId: uuid,
      actor: z.string().min(1).max(64),
      reason: z.string().min(3).max(500),
      charge: chargeMessage,
    }),
  }),
  // A manager at the outlet (checked on the edge) voids a posted charge of this outlet.
  z.object({
    v: version,
    id: z.string().min(1).max(64),
    method: z.literal('voidCharge'),
    params: z.object({
      chargeId: uuid,
      actor: z.string().min(1).max(64),
      reason: z.string().min(3).max(500),
      /** Central's staff proof of the manager who voids; required (verify-staff-claim). */
      proof: staffProofField.nullable().optional(),
    }),
  }),
  // Staff sign-in at a staff outlet: central checks the PIN itself and answers a signed staff proof.
  z.object({
    v: version,
    id: z.string().min(1).max(64),
    method: z.literal('staffProof'),
    params: z.object({
      staffId,
      pin: z.string().regex(/^\d{4,12}$/, '4 to 12 digits'),
      /** The staff badge tapped on the outlet's reader (outlets that sign in with PIN and badge). */
      badge: z
        .string()
        .regex(/^[0-9A-F]{8,20}$/, 'an upper-case hex card UID')
        .optional(),
    }),
  }),
  // A staff outlet's roster (slow PIN hashes); refused to self-service outlets.
  z.object({
    v: version,
    id: z.string().min(1).max(64),
    method: z.literal('staffRoster'),
    params: z.object({}),
  }),
  // The outlet's item master. Central derives the outlet from the calling device, never from params.
  z.object({
    v: version,
    id: z.string().min(1).max(64),
    method: z.literal('catalog'),
    params: z.object({}),
  }),
  // Where this outlet's own charges stand, asked again on every reconnect: a status lost while the
  // outlet was away (a void above all) is fetched, never waited for. Other devices' charges and
  // unknown ones are left out of the answer.
  z.object({
    v: version,
    id: z.string().min(1).max(64),
    method: z.literal('chargeStatuses'),
    params: z.object({ chargeIds: z.array(uuid).min(1).max(CHARGE_STATUSES_MAX) }),
  }),
]);
export type RpcRequest = z.infer<typeof rpcRequest>;
export type RpcMethod = RpcRequest['method'];
export type RpcResult =
  | RoomLookup
  | ChargeStatusMessage
  | z.infer<typeof outletCatalog>
  | z.infer<typeof staffProofAnswer>
  | z.infer<typeof staffRosterAnswer>
  | ChargeStatusesAnswer;

export const rpcResponse = z.discriminatedUnion('ok', [
  z.object({
    v: version,
    id: z.string(),
    ok: z.literal(true),
    result: z.union([
      roomLookup,
      chargeStatusMessage,
      outletCatalog,
      staffProofAnswer,
      staffRosterAnswer,
      chargeStatusesAnswer,
    ]),
  }),
  z.object({ v: version, id: z.string(), ok: z.literal(false), error: errorBody }),
]);
export type RpcResponse = z.infer<typeof rpcResponse>;

/** central → edge, retained on each device's `pms-status` topic: can central reach the PMS. */
export const pmsStatusMessage = z.object({
  v: version,
  pms: z.enum(['ok', 'trouble']),
  at: isoDateTime,
});
export type PmsStatusMessage = z.infer<typeof pmsStatusMessage>;

export const presenceMessage = z.object({
  v: version,
  online: z.boolean(),
  outletCode: z.string().nullable(),
  version: z.string().nullable(),
  at: isoDateTime.nullable(),
});
export type PresenceMessage = z.infer<typeof presenceMessage>;

const deviceHealth = z.enum(['connected', 'retrying', 'error', 'absent']);

/** edge → central, retained: what the fleet page shows for one device. */
export const deviceStatusMessage = z.object({
  v: version,
  outletCode: z.string().min(1).max(16),
  version: z.string().max(40),
  startedAt: isoDateTime,
  uptimeSeconds: z.number().int().nonnegative(),
  queueDepth: z.number().int().nonnegative(),
  /** Age of the oldest charge central has not acknowledged; null when none is waiting. */
  oldestUnsentSeconds: z.number().int().nonnegative().nullable(),
  lastAckAt: isoDateTime.nullable(),
  devices: z.object({ reader: deviceHealth, printer: deviceHealth, gpio: deviceHealth }),
  diskFreeBytes: z.number().int().nonnegative().nullable(),
  at: isoDateTime,
});
export type DeviceStatusMessage = z.infer<typeof deviceStatusMessage>;

/** One room charge as the outlet's own ledger holds it (the daily summary's list). */
export const dailySummaryCharge = z.object({
  chargeId: uuid,
  checkNumber: z.string().min(1).max(32),
  roomNumber: z.string().min(1).max(20),
  totalMinor: nonNegativeMinor,
  /** The edge's status of the charge (KioskChargeStatus: pending, posted, voided…). */
  status: z.string().min(1).max(32),
  createdAt: isoDateTime,
});

/**
 * edge → central: an outlet's ledger of one business day (the hotel's local date of `createdAt`),
 * computed from the edge's own SQLite. Ledger (a) of daily reconciliation. `digest` (sha256 of the
 * charge list) names this version: the edge re-publishes until central acknowledges that digest,
 * and again whenever the day's charges change. `closed`: the business day is over at the outlet
 * (the summary is signed off by the edge and no longer changes unless a late status arrives).
 */
export const dailySummaryMessage = z
  .object({
    v: version,
    outletCode: z.string().min(1).max(16),
    businessDate: isoDate,
    timeZone: z.string().min(1).max(64),
    currency,
    closed: z.boolean(),
    digest: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest'),
    byStatus: z
      .array(
        z.object({
          status: z.string().min(1).max(32),
          count: z.number().int().nonnegative(),
          totalMinor: nonNegativeMinor,
        }),
      )
      .max(32),
    charges: z.array(dailySummaryCharge).max(50_000),
    at: isoDateTime,
    /**
     * A day too large for one packet is sent in `parts` messages, `part` 1…parts, each listing a
     * slice of the charges and all carrying the whole day's `digest`, `byStatus` and `closed`.
     * Central keeps the parts of one digest until it holds them all, then stores the day and
     * acknowledges the digest. Left out (or 1 of 1) when the whole day fits.
     */
    part: z.number().int().min(1).max(MAX_SUMMARY_PARTS).optional(),
    parts: z.number().int().min(1).max(MAX_SUMMARY_PARTS).optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.part === undefined) !== (s.parts === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['parts'], message: 'part and parts come together' });
      return;
    }
    if (s.part !== undefined && s.parts !== undefined && s.parts > 1) {
      if (s.part > s.parts) ctx.addIssue({ code: 'custom', path: ['part'], message: 'part is past parts' });
      // A slice: none of its statuses counts more charges than the whole day's byStatus.
      const listed = new Map<string, number>();
      for (const c of s.charges) listed.set(c.status, (listed.get(c.status) ?? 0) + 1);
      for (const [status, n] of listed) {
        if (n > (s.byStatus.find((b) => b.status === status)?.count ?? 0))
          ctx.addIssue({
            code: 'custom',
            path: ['byStatus'],
            message: `more ${status} charges listed than counted`,
          });
      }
      return;
    }
    const count = s.byStatus.reduce((n, b) => n + b.count, 0);
    if (count !== s.charges.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['byStatus'],
        message: 'counts must add up to the charges listed',
      });
    }
    const total = s.byStatus.reduce((n, b) => n + b.totalMinor, 0);
    if (total !== s.charges.reduce((n, c) => n + c.totalMinor, 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['byStatus'],
        message: 'totals must add up to the charges listed',
      });
    }
  });
export type DailySummaryMessage = z.infer<typeof dailySummaryMessage>;

/** central → edge: the summary of this business date with this digest is stored. */
export const dailySummaryAckMessage = z.object({
  v: version,
  businessDate: isoDate,
  digest: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest'),
  at: isoDateTime,
});
export type DailySummaryAckMessage = z.infer<typeof dailySummaryAckMessage>;
