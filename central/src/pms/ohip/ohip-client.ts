// OPERA Cloud calls behind a room charge: getReservations (searchType=InHouse&roomId), the csh
// postBillingCharges, and the folio read-back. Errors come as `exceptionDetailType` with a
// module-prefixed `o:errorCode`.
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { PmsError } from '../adapter.js';
import { classifyMessage, type RefusalCode, refusal } from '../http/business-error.js';
import { createHttpClient, type FetchLike, type HttpAnswer, type HttpClient } from '../http/http-client.js';
import { readJson, tryJson } from '../http/json-answer.js';
import { createOAuthAuthorizer } from '../http/oauth-token.js';
import { RequestLimiter } from '../http/request-limits.js';
import type { OhipPmsConfig } from './ohip-config.js';

const BUILT_IN_CODES: Record<string, RefusalCode> = { FOF00241: 'GUEST_CHECKED_OUT' };

const idList = z.array(z.object({ id: z.string(), type: z.string().optional() })).default([]);
export const ohipReservation = z.object({
  reservationIdList: idList,
  reservationStatus: z.string().optional(),
  roomStay: z.object({
    roomId: z.string().optional(),
    roomType: z.string().optional(),
    arrivalDate: z.string(),
    departureDate: z.string(),
    adultCount: z.number().int().nonnegative().default(1),
  }),
  reservationGuest: z.object({
    givenName: z.string().default(''),
    surname: z.string(),
    namePrefix: z.string().optional(),
  }),
  vipStatus: z.string().optional(),
});
export type OhipReservation = z.infer<typeof ohipReservation>;
const search = z.object({
  reservations: z
    .object({ reservationInfo: z.array(ohipReservation).default([]) })
    .default({ reservationInfo: [] }),
});
const money = z.object({ amount: z.union([z.number(), z.string()]), currencyCode: z.string().optional() });
export const ohipPosting = z.object({
  transactionNo: z.coerce.string().optional(),
  reference: z.string().optional(),
  postedAmount: money.optional(),
});
// csh.json getFolio: reservationFolioInformation.folioWindows[].folios[].postings[] (folioType.postings).
const folioWindow = z.object({
  folios: z.array(z.object({ postings: z.array(ohipPosting).default([]) })).default([]),
});
const folios = z.object({
  reservationFolioInformation: z
    .object({ folioWindows: z.array(folioWindow).default([]) })
    .default({ folioWindows: [] }),
});
const posted = z.object({
  billingChargesDetails: z.object({ postings: z.array(ohipPosting).default([]) }).optional(),
});

export class OhipClient {
  readonly #http: HttpClient;
  readonly #config: OhipPmsConfig;

  constructor(config: OhipPmsConfig, deps: { clock: Clock; fetch?: FetchLike }) {
    this.#config = config;
    const headers = { 'x-app-key': config.appKey, 'x-hotelid': config.hotelId };
    const base = {
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      clock: deps.clock,
      fetch: deps.fetch,
      headers,
    };
    const tokenHeaders: Record<string, string> = config.enterpriseId
      ? { enterpriseId: config.enterpriseId }
      : {};
    const tokenUrl = config.auth.tokenUrl ?? new URL('/oauth/v1/tokens', config.baseUrl).href;
    const auth = createOAuthAuthorizer(
      { ...config.auth, tokenUrl },
      createHttpClient(base),
      deps.clock,
      tokenHeaders,
    );
    // The token comes from the gateway's OAuth service; the OPERA Cloud calls share one limiter
    // (Oracle throttles the requests an OPERA Cloud environment receives).
    this.#http = createHttpClient({ ...base, auth, limiter: new RequestLimiter(config.requestLimits) });
  }

  /** getReservations, in-house only, by room (`roomId`) or by last name (`surname`). */
  async inHouse(filter: { roomId: string } | { surname: string }): Promise<OhipReservation[]> {
    const answer = await this.#http.send({
      method: 'GET',
      path: `/rsv/v1/hotels/${encodeURIComponent(this.#config.hotelId)}/reservations`,
      kind: 'read',
      query: { searchType: 'InHouse', ...filter, limit: 20 },
    });
    return readJson(this.#ok(answer), search).reservations.reservationInfo;
  }

  /** postBillingCharges: no idempotency header exists in csh.json, so a lost answer is unknown. */
  async postCharges(
    reservationId: string,
    body: unknown,
  ): Promise<{ transactionNo: string | null; location: string | null }> {
    const answer = await this.#http.send({
      method: 'POST',
      path: `/csh/v1/hotels/${encodeURIComponent(this.#config.hotelId)}/reservations/${encodeURIComponent(reservationId)}/charges`,
      kind: 'unprotected-write',
      body: { json: body },
    });
    this.#ok(answer);
    const location = answer.headers.get('location');
    const details = answer.text.trim() === '' ? {} : readJson(answer, posted);
    const first = details.billingChargesDetails?.postings.find((p) => p.transactionNo)?.transactionNo ?? null;
    return { transactionNo: first, location };
  }

  async postings(reservationId: string) {
    const answer = await this.#http.send({
      method: 'GET',
      path: `/csh/v1/hotels/${encodeURIComponent(this.#config.hotelId)}/reservations/${encodeURIComponent(reservationId)}/folios`,
      kind: 'read',
      query: { fetchInstructions: 'Postings', summaryOnly: 'false' },
    });
    return readJson(this.#ok(answer), folios).reservationFolioInformation.folioWindows.flatMap((w) =>
      w.folios.flatMap((f) => f.postings),
    );
  }

  #ok(answer: HttpAnswer): HttpAnswer {
    if (answer.status < 400) return answer;
    const body = tryJson(answer) as Record<string, unknown> | null;
    const code = typeof body?.['o:errorCode'] === 'string' ? body['o:errorCode'] : null;
    const message =
      [body?.title, body?.detail].filter((s) => typeof s === 'string' && s).join(': ') ||
      `HTTP ${answer.status}`;
    const context = { status: answer.status, pmsCode: code };
    if (answer.status === 403)
      throw new PmsError('CONNECTION_FAILED', `OHIP refused access: ${message}`, {
        context: { ...context, auth: true },
      });
    const mapped = code ? (this.#config.errorCodes[code] ?? BUILT_IN_CODES[code]) : undefined;
    throw refusal(mapped ?? classifyMessage(message, this.#config.messagePatterns), message, context);
  }
}
