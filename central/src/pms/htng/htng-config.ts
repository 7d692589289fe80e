import { z } from 'zod';
import { refusalCodes } from '../http/business-error.js';
import { httpConnectionFields } from '../http/http-config.js';
import { oauthConfig } from '../http/oauth-token.js';
import { secretValue } from '../http/secret-value.js';

// HTNG charge posting as protel I/O publishes it: SOAP 1.2 over HTTPS with WS-Addressing and HTNG's
// asynchronous headers; OTA_ReadRQ for the stay and HTNG_ChargePostingRQ for the charge ("Version
// 3.0, Authentication: Bearer Token, Message type: Asynchronous, Push"). The PMS acknowledges each
// request at once and pushes the RS to `callback`, matched by CorrelationID and EchoToken.
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
      /** WS-Security UsernameToken (PasswordText) in the SOAP header, as HTNG 2008B endpoints take it. */
      z.object({ type: z.literal('wsse'), username: z.string().min(1), password: secretValue }).strict(),
    ]),
    /** Where the PMS pushes its results (the `htnga:ReplyTo` address). */
    callback: z
      .object({
        listenHost: z.string().min(1).default('0.0.0.0'),
        /** 0 picks a free port (tests); a real PMS needs a fixed one it can reach. */
        listenPort: z.number().int().min(0).max(65535),
        /** The URL the PMS can reach (a reverse proxy in front of central); default: the listener's own. */
        publicUrl: z.url().optional(),
        path: z.string().startsWith('/').default('/htng/results'),
      })
      .strict(),
    /** How long to wait for the pushed RS after the PMS acknowledged the request. */
    resultTimeoutMs: z.number().int().positive().max(300_000).default(30_000),
    /** `wsa:Action` of each request; vendors name their own (the message name by default). */
    actions: z
      .object({
        read: z.string().min(1).default('OTA_ReadRQ'),
        chargePosting: z.string().min(1).default('HTNG_ChargePostingRQ'),
      })
      .strict()
      .default({ read: 'OTA_ReadRQ', chargePosting: 'HTNG_ChargePostingRQ' }),
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
