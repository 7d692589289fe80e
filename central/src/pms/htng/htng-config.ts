import { z } from 'zod';
import { refusalCodes } from '../http/business-error.js';
import { httpConnectionFields } from '../http/http-config.js';
import { oauthConfig } from '../http/oauth-token.js';
import { secretValue } from '../http/secret-value.js';

// HTNG charge posting (protel I/O style): SOAP 1.2 over HTTPS, OTA_ReadRQ for the stay and
// HTNG_ChargePostingRQ for the charge, matched by CorrelationID and EchoToken.
export const htngPmsConfig = z
  .object({
    kind: z.literal('htng'),
    /** The SOAP endpoint both messages are posted to. */
    endpointUrl: z.url(),
    hotelCode: z.string().min(1),
    requestorId: z.string().min(1).default('roompost'),
    /** Namespace of the HTNG messages; vendors pin their own release (2014B here). */
    namespace: z.string().min(1).default('http://htng.org/2014B'),
    auth: z.discriminatedUnion('type', [
      z.object({ type: z.literal('bearer'), token: secretValue }).strict(),
      oauthConfig.extend({ type: z.literal('oauth') }),
    ]),
    /**
     * Whether the PMS drops a repeated CorrelationID (the natural duplicate key; inferred for protel,
     * not documented). Off by default: a lost answer is then POSTING_UNKNOWN, never re-sent.
     */
    dedupesOnCorrelationId: z.boolean().default(false),
    /** Revenue code of each outlet in the PMS (protel's article/revenue code), with a fallback. */
    revenueCodes: z.record(z.string(), z.string().min(1)).default({}),
    defaultRevenueCode: z.string().min(1),
    /** OTA error `Code` → ours, tried before the text patterns. */
    errorCodes: z.record(z.string(), refusalCodes).default({}),
    ...httpConnectionFields,
  })
  .strict();
export type HtngPmsConfig = z.infer<typeof htngPmsConfig>;
