import { z } from 'zod';
import { refusalCodes } from '../http/business-error.js';
import { httpConnectionFields } from '../http/http-config.js';
import { oauthConfig } from '../http/oauth-token.js';
import { secretValue } from '../http/secret-value.js';
import { placeholders } from './json-template.js';

// The configurable REST adapter: StayNTouch and any PMS without a public posting
// spec is connected by describing its endpoints, not by code. See docs/pms-http-adapters.md.

/** What a request template may use. Amount names follow `amounts` (decimal or minor units). */
export const CHARGE_PLACEHOLDERS = [
  'chargeId',
  'roomNumber',
  'stayRef',
  'outletCode',
  'checkNumber',
  'description',
  'currency',
  'subtotal',
  'tax',
  'tip',
  'total',
  'items',
  'employeeId',
  'createdAt',
  'lastName',
  /** The outlet's code in this PMS (outlet `pmsCodes.rest.code`), else our outlet code. */
  'pmsCode',
  /** The check's posting lines per the posting options: `[{ kind, name, quantity, unitPrice, amount, tax }]`. */
  'lines',
] as const;

const path = z.string().min(1);
const method = z.enum(['GET', 'POST', 'PUT']);
const template = z.unknown().superRefine((t, ctx) => {
  const unknown = [...placeholders(t)].filter((p) => !(CHARGE_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length)
    ctx.addIssue({ code: 'custom', message: `unknown placeholders: ${unknown.join(', ')}` });
});

const endpoint = z
  .object({ method: method.default('GET'), path: z.string().min(1), body: template.optional() })
  .strict();

export const restPmsConfig = z
  .object({
    kind: z.literal('rest'),
    /** Which PMS this describes (logs, console): "stayntouch", … */
    name: z.string().min(1).default('rest'),
    baseUrl: z.url(),
    auth: z.discriminatedUnion('type', [
      z.object({ type: z.literal('none') }).strict(),
      z.object({ type: z.literal('header'), name: z.string().min(1), value: secretValue }).strict(),
      oauthConfig.extend({ type: z.literal('oauth') }),
    ]),
    amounts: z.enum(['decimal', 'minor']).default('decimal'),
    /** Sent with the charge id on postings when the PMS dedupes on a header (e.g. Idempotency-Key). */
    idempotencyHeader: z.string().min(1).optional(),
    /** The PMS dedupes on the charge id (header or a body field): a lost answer may then be re-sent. */
    idempotent: z.boolean().default(false),
    lookup: endpoint.extend({
      fields: z
        .object({
          stayRef: path,
          lastName: path,
          firstName: path.optional(),
          roomType: path.optional(),
          confirmation: path.optional(),
          checkIn: path,
          checkOut: path,
          adults: path.optional(),
          balance: path.optional(),
          creditLimit: path.optional(),
          noPost: path.optional(),
          /** With `checkedOutValue`: an answer whose status says the guest left is GUEST_CHECKED_OUT. */
          status: path.optional(),
        })
        .strict(),
      checkedOutValue: z.string().optional(),
    }),
    post: endpoint.extend({
      body: template,
      resultId: path,
      duplicate: path.optional(),
      balance: path.optional(),
    }),
    /** Read-back of one charge; a 404 or an empty `foundId` means the PMS does not hold it. */
    findPosting: endpoint.extend({ foundId: path }).optional(),
    errors: z
      .object({
        /** A boolean that is false on failure, for PMSs that answer errors with HTTP 200. */
        success: path.optional(),
        code: path.optional(),
        message: path.optional(),
        /** Their error code → ours. Unmapped codes fall back to the message patterns. */
        map: z.record(z.string(), refusalCodes).default({}),
      })
      .strict()
      .default({ map: {} }),
    ...httpConnectionFields,
  })
  .strict();
export type RestPmsConfig = z.infer<typeof restPmsConfig>;
