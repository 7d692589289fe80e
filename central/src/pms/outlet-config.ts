import { STAFF_SIGN_IN } from '@roompost/sync';
import { z } from 'zod';

const code = z.string().min(1).max(40);

/**
 * An outlet's own codes in each PMS (pms-interfaces.md): they take precedence over the PMS config's
 * per-outlet maps (`salesOutlets`, `transactionCodes`, `revenueCodes`). Only the running PMS's entry
 * is used; the others may stay configured for a switch of PMS.
 */
export const outletPmsCodes = z
  .object({
    /** FIAS `SO` sales outlet (numeric, max 5 digits). */
    fias: z
      .object({ salesOutlet: z.string().regex(/^\d{1,5}$/, 'digits, at most 5') })
      .strict()
      .optional(),
    /** Mews `AccountingCategoryId` of the order items. */
    mews: z.object({ accountingCategoryId: code }).strict().optional(),
    /** Cloudbeds `appItemID` (the item the POS line is filed under). */
    cloudbeds: z.object({ appItemId: code }).strict().optional(),
    /** apaleo folio charge `serviceType` and optional `subAccountId`. */
    apaleo: z
      .object({
        serviceType: z.enum(['Other', 'Accommodation', 'FoodAndBeverages']).optional(),
        subAccountId: code.optional(),
      })
      .strict()
      .optional(),
    /** OPERA Cloud OHIP `transactionCode`. */
    ohip: z.object({ transactionCode: code }).strict().optional(),
    /** HTNG / protel revenue code. */
    htng: z.object({ revenueCode: code }).strict().optional(),
    /** The configurable REST adapter: `{{pmsCode}}` in its request template. */
    rest: z.object({ code }).strict().optional(),
  })
  .strict();
export type OutletPmsCodes = z.infer<typeof outletPmsCodes>;

/** Seed 000 "Outlet Configuration", one outlet. Absent flags mean the seed's defaults. */
export const outletConfig = z
  .object({
    code: z.string().min(1).max(16),
    name: z.string().min(1),
    postingDescription: z.string().min(1),
    revenueCenter: z.string().optional(),
    /**
     * Seed 000 `auto_post` (default true). False: the outlet's charges are stored but held (status
     * `held`) until a manager posts them (`POST /api/pms/queue/process` or `/api/pms/queue/{id}/retry`).
     */
    autoPost: z.boolean().optional(),
    /** Seed 000 `delivery_charge` (room service), in minor units; stored and shown, not yet priced in. */
    deliveryChargeMinor: z.number().int().nonnegative().optional(),
    /** False: this outlet may not charge to rooms at all (OUTLET_NOT_ALLOWED). Default true. */
    allowedForRoomCharge: z.boolean().optional(),
    pmsCodes: outletPmsCodes.optional(),
    /**
     * `staff`: staff sign in at this outlet's devices, which get the staff roster and staff proofs.
     * Absent or `self-service`: never (docs/provisioning.md "Outlet staff").
     */
    mode: z.enum(['staff', 'self-service']).optional(),
    /**
     * How staff sign in at this outlet's devices: `pin`, or `pin+badge` (the PIN and the member's
     * staff badge on the outlet's reader). Absent: the property's `auth.staffSignIn` (default `pin`).
     */
    staffSignIn: z.enum(STAFF_SIGN_IN).optional(),
  })
  .strict();
export type OutletConfig = z.infer<typeof outletConfig>;

export const outletsConfig = z
  .array(outletConfig)
  .min(1)
  .superRefine((outlets, ctx) => {
    const seen = new Set<string>();
    outlets.forEach((o, i) => {
      if (seen.has(o.code))
        ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `outlet ${o.code} twice` });
      seen.add(o.code);
    });
  });
