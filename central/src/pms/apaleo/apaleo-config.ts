import { z } from 'zod';
import { httpConnectionFields } from '../http/http-config.js';
import { oauthConfig } from '../http/oauth-token.js';
import { APALEO_LIVE_REQUEST_LIMITS, requestLimits } from '../http/request-limits.js';

// apaleo: OAuth2 client credentials at identity.apaleo.com. The client needs reservations.read (the
// lookup), folios.read and folios.manage (find the folio, read back, allowances) and charges.create
// (apaleo.dev/guides/api/scopes.html); a missing one is a 403 on that call.
// REST under api.apaleo.com.
export const apaleoPmsConfig = z
  .object({
    kind: z.literal('apaleo'),
    baseUrl: z.url().default('https://api.apaleo.com'),
    propertyId: z.string().min(1),
    auth: oauthConfig.extend({ tokenUrl: z.url().default('https://identity.apaleo.com/connect/token') }),
    /** apaleo's charge `serviceType` (Other | Accommodation | FoodAndBeverages). */
    serviceType: z.enum(['Other', 'Accommodation', 'FoodAndBeverages']).default('FoodAndBeverages'),
    /** Required at the top level of a charge (a 422 otherwise, per go-apaleo). */
    vatType: z.string().min(1).default('Normal'),
    /**
     * apaleo's published limits per Client ID and Account Code: live accounts 200/s burst and
     * 3500/min; dev and trial accounts set `[{5 per 1 s}, {200 per 60 s}]`.
     */
    requestLimits: requestLimits.default(APALEO_LIVE_REQUEST_LIMITS),
    ...httpConnectionFields,
  })
  .strict();
export type ApaleoPmsConfig = z.infer<typeof apaleoPmsConfig>;
