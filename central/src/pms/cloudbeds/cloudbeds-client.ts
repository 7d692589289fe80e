// The three Cloudbeds calls a room charge needs. Cloudbeds reports business failures as HTTP 200
// with `success: false` and a `message` ("Common API errors"), so every answer is checked for it.
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { classifyMessage, refusal } from '../http/business-error.js';
import { createHttpClient, type FetchLike, type HttpAnswer, type HttpClient } from '../http/http-client.js';
import { readJson, tryJson } from '../http/json-answer.js';
import { createOAuthAuthorizer } from '../http/oauth-token.js';
import type { RefreshTokenStore } from '../http/refresh-token-store.js';
import { RequestLimiter } from '../http/request-limits.js';
import { staticAuth } from '../http/static-auth.js';
import type { CloudbedsPmsConfig } from './cloudbeds-config.js';

const amount = z.union([z.number(), z.string()]);
export const cbReservation = z.object({
  reservationID: z.string(),
  status: z.string(),
  guestID: z.coerce.string(),
  guestName: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  balance: amount.default(0),
  adults: z.coerce.number().int().nonnegative().default(1),
  rooms: z.array(z.object({ roomName: z.string(), roomTypeName: z.string().optional() })).default([]),
});
export type CbReservation = z.infer<typeof cbReservation>;

const failure = z.object({ success: z.literal(false), message: z.string().default('') });
const reservations = z.union([z.object({ success: z.literal(true), data: z.array(cbReservation) }), failure]);
const posted = z.union([
  z.object({
    success: z.literal(true),
    data: z.object({
      soldProductID: z.coerce.string().optional(),
      transactionID: z.coerce.string().optional(),
      notice: z.string().optional(),
    }),
  }),
  failure,
]);

export interface CloudbedsDeps {
  clock: Clock;
  fetch?: FetchLike;
  /** Keeps the rotating refresh token across restarts (each refresh spends the one before). */
  refreshTokens?: RefreshTokenStore | undefined;
}

export class CloudbedsClient {
  readonly #http: HttpClient;
  readonly #config: CloudbedsPmsConfig;

  constructor(config: CloudbedsPmsConfig, deps: CloudbedsDeps) {
    this.#config = config;
    const base = {
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      clock: deps.clock,
      fetch: deps.fetch,
      // "Our current rate limit for all endpoints": the token endpoint (same API host) counts too.
      limiter: new RequestLimiter(config.requestLimits),
    };
    const auth =
      config.auth.type === 'oauth'
        ? createOAuthAuthorizer(config.auth, createHttpClient(base), deps.clock, {}, deps.refreshTokens)
        : staticAuth({ 'x-api-key': config.auth.apiKey });
    this.#http = createHttpClient({ ...base, auth });
  }

  /** `getReservations?status=…&roomName=…` or `…&lastName=…` (roomName needs a status, per the spec). */
  async reservations(
    status: 'checked_in' | 'checked_out',
    filter: { roomName: string } | { lastName: string },
  ): Promise<CbReservation[]> {
    const answer = await this.#http.send({
      method: 'GET',
      path: 'getReservations',
      kind: 'read',
      // The room of each reservation (`rooms`) is "Only returned if includeAllRooms is true".
      query: { status, ...filter, propertyID: this.#config.propertyId, includeAllRooms: 'true' },
    });
    const body = readJson(this.#ok(answer), reservations);
    if (!body.success)
      throw refusal(classifyMessage(body.message, this.#config.messagePatterns), body.message);
    return body.data;
  }

  /** `postCustomItem`: with `referenceID` set, Cloudbeds refuses to add a duplicate (idempotent). */
  async postCustomItem(form: URLSearchParams) {
    return this.#post('postCustomItem', form);
  }

  async postVoidItem(form: URLSearchParams) {
    return this.#post('postVoidItem', form);
  }

  async #post(path: string, form: URLSearchParams) {
    if (this.#config.propertyId) form.set('propertyID', this.#config.propertyId);
    const answer = await this.#http.send({ method: 'POST', path, kind: 'idempotent-write', body: { form } });
    const body = readJson(this.#ok(answer), posted);
    if (!body.success)
      throw refusal(classifyMessage(body.message, this.#config.messagePatterns), body.message);
    return body.data;
  }

  // A 4xx is final ("never retry … before attempting to fix the issue"); its text says why.
  #ok(answer: HttpAnswer): HttpAnswer {
    if (answer.status < 400) return answer;
    const body = tryJson(answer) as { message?: unknown; error_description?: unknown } | null;
    const message = String(body?.message ?? body?.error_description ?? `HTTP ${answer.status}`);
    throw refusal(classifyMessage(message, this.#config.messagePatterns), message, { status: answer.status });
  }
}
