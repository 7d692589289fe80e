import { z } from 'zod';
import { httpConnectionFields } from '../http/http-config.js';
import { MEWS_REQUEST_LIMITS, requestLimits } from '../http/request-limits.js';
import { secretValue } from '../http/secret-value.js';

// Mews Connector API: every call is POST {PlatformAddress}/api/connector/v1/{resource}/{action} with
// ClientToken, AccessToken and Client in the JSON body (guidelines/authentication.md).
export const mewsPmsConfig = z
  .object({
    kind: z.literal('mews'),
    /** PlatformAddress: https://api.mews.com, or https://api.mews-demo.com for the demo. */
    baseUrl: z.url().default('https://api.mews.com'),
    clientToken: secretValue,
    accessToken: secretValue,
    /** "Name Version" of our integration, as Mews asks. */
    client: z.string().min(1).default('roompost 0.1.0'),
    /** The service of type Additional the F&B orders belong to (orders/add `ServiceId`). */
    serviceId: z.string().min(1),
    accountingCategoryId: z.string().min(1).optional(),
    /** Gross-pricing properties send GrossValue, net-pricing ones NetValue (orders.md). */
    pricing: z.enum(['gross', 'net']).default('gross'),
    /** Mews tax code of the check (one code only with GrossValue), e.g. "US-DC-G". */
    taxCode: z.string().min(1),
    tipTaxCode: z.string().min(1).optional(),
    /** How far back a read-back (orderItems/getAll CreatedUtc) looks for a charge. */
    readBackHours: z
      .number()
      .int()
      .positive()
      .max(24 * 90)
      .default(72),
    /** Mews' published limit per AccessToken (guidelines/environments.md): 200 requests in 30 s. */
    requestLimits: requestLimits.default(MEWS_REQUEST_LIMITS),
    ...httpConnectionFields,
  })
  .strict();
export type MewsPmsConfig = z.infer<typeof mewsPmsConfig>;
