import { z } from 'zod';
import { refusalCodes } from '../http/business-error.js';
import { httpConnectionFields } from '../http/http-config.js';
import { oauthConfig } from '../http/oauth-token.js';
import { OHIP_REQUEST_LIMITS, requestLimits } from '../http/request-limits.js';
import { secretValue } from '../http/secret-value.js';

// Oracle Hospitality Integration Platform (OPERA Cloud REST): OAuth token at {gateway}/oauth/v1/tokens
// (x-app-key + Basic client credentials), then x-app-key, x-hotelid and the bearer on every call.
export const ohipPmsConfig = z
  .object({
    kind: z.literal('ohip'),
    /** The OHIP gateway, e.g. https://xxxx-uat.hospitality-api.us-ashburn-1.ocs.oraclecloud.com */
    baseUrl: z.url(),
    appKey: secretValue,
    hotelId: z.string().min(1),
    /** Sent as the `enterpriseId` header on the token request where the tenant requires it. */
    enterpriseId: z.string().min(1).optional(),
    auth: oauthConfig.extend({
      tokenUrl: z.url().optional(),
      clientAuth: z.enum(['basic', 'body']).default('basic'),
    }),
    cashierId: z.number().int().positive(),
    folioWindowNo: z.number().int().min(1).max(8).default(1),
    /** OPERA transaction code per outlet (FIAS subtotals become `charges[]` lines with their own code). */
    transactionCodes: z.record(z.string(), z.string().min(1)),
    defaultTransactionCode: z.string().min(1),
    /** Where tax and tip go as their own lines; otherwise they are folded into the outlet line. */
    taxTransactionCode: z.string().min(1).optional(),
    tipTransactionCode: z.string().min(1).optional(),
    /** `o:errorCode` → ours, before the text patterns (FOF00241 "Room is not occupied" is built in). */
    errorCodes: z.record(z.string(), refusalCodes).default({}),
    /** Oracle's published throttling: 50 requests per second per OPERA Cloud environment. */
    requestLimits: requestLimits.default(OHIP_REQUEST_LIMITS),
    ...httpConnectionFields,
  })
  .strict();
export type OhipPmsConfig = z.infer<typeof ohipPmsConfig>;
