import { z } from 'zod';
import { httpConnectionFields } from '../http/http-config.js';
import { oauthConfig } from '../http/oauth-token.js';
import { CLOUDBEDS_REQUEST_LIMITS, requestLimits } from '../http/request-limits.js';
import { secretValue } from '../http/secret-value.js';

// Cloudbeds API v1.3 (cloudbeds/openapi-specs pms-v1.3-openapi.yaml): form-encoded requests, JSON
// answers, auth by `x-api-key` or an OAuth bearer token.
export const cloudbedsPmsConfig = z
  .object({
    kind: z.literal('cloudbeds'),
    baseUrl: z.url().default('https://api.cloudbeds.com/api/v1.3'),
    /** Sent as `propertyID` when one token serves several properties. */
    propertyId: z.string().min(1).optional(),
    auth: z.discriminatedUnion('type', [
      z.object({ type: z.literal('apiKey'), apiKey: secretValue }).strict(),
      oauthConfig.extend({ type: z.literal('oauth') }),
    ]),
    /** Cloudbeds' published limit per ClientID: 5 requests/s for a property, 10 for a tech partner. */
    requestLimits: requestLimits.default(CLOUDBEDS_REQUEST_LIMITS),
    ...httpConnectionFields,
  })
  .strict();
export type CloudbedsPmsConfig = z.infer<typeof cloudbedsPmsConfig>;
