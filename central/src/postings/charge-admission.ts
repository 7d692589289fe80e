// Central checks every charge against what it knows before anything is stored: who sent it, for
// which outlet, in which mode, at which prices, for how much, and when. One entry point
// (`ChargeAdmission.admit`) runs one ordered list of checks; the first refusal is the answer, sent to
// the edge as a `rejected` status with its code (nothing is written, nothing dropped silently).
import { applyRate, chargeAddsUp, chargeTotalMinor } from '@roompost/folio/money';
import type { ChargeMessage, ErrorBody, ErrorCode } from '@roompost/sync';
import type { PricedItem } from '../catalog/catalog-service.js';
import type { Clock } from '../clock.js';
import type { DeviceEntry } from '../devices/device-directory.js';

/** What admission reads of a charge as it arrives (MQTT `charge` message or `POST /api/pms/post` body). */
export type IncomingChargeFields = Pick<
  ChargeMessage,
  | 'outletCode'
  | 'currency'
  | 'subtotalMinor'
  | 'taxMinor'
  | 'tipMinor'
  | 'totalMinor'
  | 'items'
  | 'employeeId'
  | 'createdAt'
  | 'override'
  | 'catalogVersion'
  | 'staffProof'
>;

/** Where a charge came from: a device over MQTT (as central knows it), or a signed-in user over HTTP. */
export type ChargeOrigin =
  | { kind: 'device'; id: string; device: DeviceEntry | undefined }
  | { kind: 'http'; actor: string };

/** Seed 000 has no figure for these; central.json `admission` sets them (docs/central-api.md). */
export interface AdmissionPolicy {
  /** Largest total one charge may have, per ISO currency; `default` for the others. */
  maxChargeMinor: Readonly<Record<string, number>> & { default: number };
  /** How far ahead of central's clock a charge's `createdAt` may be (device clocks drift). */
  maxFutureSkewMinutes: number;
  /** How old a charge may be when it first reaches central (an edge offline for days). */
  maxAgeHours: number;
}

export const DEFAULT_ADMISSION_POLICY: AdmissionPolicy = {
  maxChargeMinor: { default: 100_000_000 },
  maxFutureSkewMinutes: 10,
  maxAgeHours: 7 * 24,
};

/** What the checks may consult. */
export interface AdmissionDeps {
  clock: Clock;
  policy: AdmissionPolicy;
  /** The priced items of an outlet's catalog at `version` (current when omitted); null: none. */
  pricedItems: (
    outletCode: string,
    version?: number,
  ) => Promise<{ version: number; items: ReadonlyMap<string, PricedItem> } | null>;
  /** The outlet's delivery charge as central configures it (seed 000 `delivery_charge`), if any. */
  deliveryChargeMinor: (outletCode: string) => number | undefined;
}

export interface AdmissionInput {
  charge: IncomingChargeFields;
  origin: ChargeOrigin;
  deps: AdmissionDeps;
}

/** A refusal: the code the edge shows, and `context.check` / `context.field` naming what failed. */
export type Refusal = ErrorBody;

/** One named check; answers a refusal or null. */
export interface AdmissionCheck {
  name: string;
  check(input: AdmissionInput): Refusal | null | Promise<Refusal | null>;
}

/** Lines a staff terminal enters with its own name and price (edge `CUSTOM-n`). */
export const isCustomLine = (sku: string) => /^CUSTOM-\d+$/.test(sku);
/** The delivery line the edge adds from the outlet's delivery charge. */
export const DELIVERY_SKU = 'DELIVERY';

const refuse = (code: ErrorCode, check: string, message: string, field?: string): Refusal => ({
  code,
  message,
  context: { check, ...(field === undefined ? {} : { field }) },
});

/** "0.20" and "0.2" are one rate (contract rates are decimal fractions, no exponent). */
const canonicalRate = (rate: string) =>
  rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
const sameRate = (a: string, b: string) => canonicalRate(a) === canonicalRate(b);

const deviceOf = (origin: ChargeOrigin) => (origin.kind === 'device' ? origin.device : undefined);

/** The device is one central knows and has not revoked (fail closed). */
const knownDevice: AdmissionCheck = {
  name: 'known-device',
  check: ({ origin }) => {
    if (origin.kind !== 'device') return null;
    if (!origin.device || origin.device.revoked) {
      return refuse('DEVICE_NOT_ALLOWED', 'known-device', `device ${origin.id} is not known to central`);
    }
    return null;
  },
};

/** A device charges only for its own outlet, never the one the payload names. */
const ownOutlet: AdmissionCheck = {
  name: 'own-outlet',
  check: ({ charge, origin }) => {
    const device = deviceOf(origin);
    if (device && device.outletCode !== charge.outletCode) {
      return refuse(
        'DEVICE_NOT_ALLOWED',
        'own-outlet',
        `device ${device.id} may not post for outlet ${charge.outletCode}`,
        'outletCode',
      );
    }
    return null;
  },
};

/** A self-service device never claims a credit override, names an employee or enters a price. */
const selfServiceLimits: AdmissionCheck = {
  name: 'self-service-limits',
  check: ({ charge, origin }) => {
    const device = deviceOf(origin);
    if (device?.mode !== 'self-service') return null;
    if (charge.override) {
      return refuse(
        'DEVICE_NOT_ALLOWED',
        'self-service-limits',
        'a self-service device cannot override the credit limit',
        'override',
      );
    }
    if (charge.employeeId !== null) {
      return refuse(
        'DEVICE_NOT_ALLOWED',
        'self-service-limits',
        'a self-service device cannot name an employee',
        'employeeId',
      );
    }
    const custom = charge.items.findIndex((i) => isCustomLine(i.sku));
    if (custom >= 0) {
      return refuse(
        'DEVICE_NOT_ALLOWED',
        'self-service-limits',
        'only a staff terminal may charge an item at its own price',
        `items.${custom}.sku`,
      );
    }
    return null;
  },
};

/** A positive total, every amount and sum within the safe range, at most the currency's maximum. */
const amountsInRange: AdmissionCheck = {
  name: 'amounts-in-range',
  check: ({ charge, deps }) => {
    const amounts = [
      charge.subtotalMinor,
      charge.taxMinor,
      charge.tipMinor,
      charge.totalMinor,
      ...charge.items.flatMap((i) => [i.unitPriceMinor, i.amountMinor, i.taxMinor]),
    ];
    const sums = [
      chargeTotalMinor(charge),
      charge.items.reduce((s, i) => s + i.amountMinor, 0),
      charge.items.reduce((s, i) => s + i.taxMinor, 0),
    ];
    if (![...amounts, ...sums].every((a) => Number.isSafeInteger(a) && a >= 0)) {
      return refuse(
        'AMOUNT_OUT_OF_RANGE',
        'amounts-in-range',
        'an amount is negative or past the safe integer range',
        'totalMinor',
      );
    }
    if (charge.totalMinor <= 0) {
      return refuse(
        'AMOUNT_OUT_OF_RANGE',
        'amounts-in-range',
        'a room charge must be more than zero',
        'totalMinor',
      );
    }
    const max = deps.policy.maxChargeMinor[charge.currency] ?? deps.policy.maxChargeMinor.default;
    if (charge.totalMinor > max) {
      return refuse(
        'AMOUNT_OUT_OF_RANGE',
        'amounts-in-range',
        `a room charge in ${charge.currency} may be at most ${max} minor units`,
        'totalMinor',
      );
    }
    return null;
  },
};

/** The arithmetic again: each line = quantity × price; subtotal, tax and total add up. */
const totalsAddUp: AdmissionCheck = {
  name: 'totals-add-up',
  check: ({ charge }) => {
    const line = charge.items.findIndex((i) => i.amountMinor !== i.quantity * i.unitPriceMinor);
    if (line >= 0) {
      return refuse(
        'VALIDATION_FAILED',
        'totals-add-up',
        'must equal quantity × unit price',
        `items.${line}.amountMinor`,
      );
    }
    if (charge.items.reduce((s, i) => s + i.amountMinor, 0) !== charge.subtotalMinor) {
      return refuse(
        'VALIDATION_FAILED',
        'totals-add-up',
        'must equal the sum of item amounts',
        'subtotalMinor',
      );
    }
    if (charge.items.reduce((s, i) => s + i.taxMinor, 0) !== charge.taxMinor) {
      return refuse('VALIDATION_FAILED', 'totals-add-up', 'must equal the sum of item taxes', 'taxMinor');
    }
    if (!chargeAddsUp(charge)) {
      return refuse('VALIDATION_FAILED', 'totals-add-up', 'must equal subtotal + tax + tip', 'totalMinor');
    }
    return null;
  },
};

/** `createdAt` within the skew window around central's clock. */
const createdInWindow: AdmissionCheck = {
  name: 'created-in-window',
  check: ({ charge, deps }) => {
    const now = deps.clock.now().getTime();
    const created = Date.parse(charge.createdAt);
    if (!Number.isFinite(created) || created > now + deps.policy.maxFutureSkewMinutes * 60_000) {
      return refuse(
        'CLOCK_SKEW',
        'created-in-window',
        `createdAt ${charge.createdAt} is in the future`,
        'createdAt',
      );
    }
    if (created < now - deps.policy.maxAgeHours * 3_600_000) {
      return refuse(
        'CLOCK_SKEW',
        'created-in-window',
        `createdAt ${charge.createdAt} is older than ${deps.policy.maxAgeHours} hours`,
        'createdAt',
      );
    }
    return null;
  },
};

/**
 * Priced lines match the outlet's item master at the version the charge names (the current one
 * when it names none): price, and tax at the item's rate (half-up per line, as the edge prices).
 * A device's charge is always checked; an HTTP caller's when it names a version. The delivery line
 * matches the outlet's delivery charge when central configures one; open-price lines are for staff
 * terminals (self-service-limits).
 */
const matchesCatalog: AdmissionCheck = {
  name: 'matches-catalog',
  check: async ({ charge, origin, deps }) => {
    if (origin.kind === 'http' && charge.catalogVersion === undefined) return null;
    const priced = charge.items
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => !isCustomLine(item.sku) && item.sku !== DELIVERY_SKU);
    const delivery = deps.deliveryChargeMinor(charge.outletCode);
    const badDelivery = charge.items.findIndex(
      (i) =>
        i.sku === DELIVERY_SKU &&
        delivery !== undefined &&
        (i.unitPriceMinor !== delivery || i.quantity !== 1),
    );
    if (badDelivery >= 0) {
      return refuse(
        'CATALOG_MISMATCH',
        'matches-catalog',
        `the delivery charge is ${delivery}`,
        `items.${badDelivery}.unitPriceMinor`,
      );
    }
    if (priced.length === 0) return null;
    const catalog = await deps.pricedItems(charge.outletCode, charge.catalogVersion);
    if (!catalog) {
      return refuse(
        'CATALOG_MISMATCH',
        'matches-catalog',
        charge.catalogVersion === undefined
          ? `outlet ${charge.outletCode} has no catalog at central`
          : `outlet ${charge.outletCode} has no catalog version ${charge.catalogVersion}`,
        'catalogVersion',
      );
    }
    for (const { item, index } of priced) {
      const known = catalog.items.get(item.sku);
      if (!known) {
        return refuse(
          'CATALOG_MISMATCH',
          'matches-catalog',
          `no item ${item.sku} in catalog version ${catalog.version}`,
          `items.${index}.sku`,
        );
      }
      if (known.priceMinor !== item.unitPriceMinor) {
        return refuse(
          'CATALOG_MISMATCH',
          'matches-catalog',
          `${item.sku} costs ${known.priceMinor} in catalog version ${catalog.version}`,
          `items.${index}.unitPriceMinor`,
        );
      }
      // The invoice names the tax from the line's class and rate: they must be the catalog's.
      if (item.taxClass !== undefined && known.taxClass !== undefined && item.taxClass !== known.taxClass) {
        return refuse(
          'CATALOG_MISMATCH',
          'matches-catalog',
          `${item.sku} is tax class ${known.taxClass} in catalog version ${catalog.version}`,
          `items.${index}.taxClass`,
        );
      }
      if (item.taxRate !== undefined && !sameRate(item.taxRate, known.taxRate)) {
        return refuse(
          'CATALOG_MISMATCH',
          'matches-catalog',
          `${item.sku} is taxed at ${known.taxRate} in catalog version ${catalog.version}`,
          `items.${index}.taxRate`,
        );
      }
      const tax = applyRate(item.amountMinor, known.taxRate, 'HALF_UP');
      if (tax !== item.taxMinor) {
        return refuse(
          'CATALOG_MISMATCH',
          'matches-catalog',
          `${item.sku} carries ${tax} tax on ${item.amountMinor} in catalog version ${catalog.version}`,
          `items.${index}.taxMinor`,
        );
      }
    }
    return null;
  },
};

/** Every check, in the order they run. Another check (a staff proof) is added to this list. */
export const CHARGE_CHECKS: readonly AdmissionCheck[] = [
  knownDevice,
  ownOutlet,
  selfServiceLimits,
  amountsInRange,
  totalsAddUp,
  createdInWindow,
  matchesCatalog,
];

export class ChargeAdmission {
  readonly #deps: AdmissionDeps;
  readonly #checks: readonly AdmissionCheck[];

  constructor(deps: AdmissionDeps, checks: readonly AdmissionCheck[] = CHARGE_CHECKS) {
    this.#deps = deps;
    this.#checks = checks;
  }

  /** The first refusal of a new charge from `origin`, or null when central admits it. */
  async admit(charge: IncomingChargeFields, origin: ChargeOrigin): Promise<Refusal | null> {
    const input: AdmissionInput = { charge, origin, deps: this.#deps };
    for (const check of this.#checks) {
      const refusal = await check.check(input);
      if (refusal) return refusal;
    }
    return null;
  }
}
