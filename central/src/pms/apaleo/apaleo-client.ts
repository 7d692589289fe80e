// The apaleo calls behind a room charge: unit by name, in-house reservation by unit, the guest folio
// that allows `AddCharge`, and `folio-actions/{folioId}/charges` with an Idempotency-Key.
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { PmsError } from '../adapter.js';
import { classifyMessage, refusal } from '../http/business-error.js';
import { createHttpClient, type FetchLike, type HttpAnswer, type HttpClient } from '../http/http-client.js';
import { readJson, tryJson } from '../http/json-answer.js';
import { createOAuthAuthorizer } from '../http/oauth-token.js';
import { RequestLimiter } from '../http/request-limits.js';
import type { ApaleoPmsConfig } from './apaleo-config.js';

const money = z.object({ amount: z.union([z.number(), z.string()]), currency: z.string() });
const units = z.object({ units: z.array(z.object({ id: z.string(), name: z.string() })) });
export const apaleoReservation = z.object({
  id: z.string(),
  bookingId: z.string().optional(),
  status: z.string(),
  arrival: z.string(),
  departure: z.string(),
  adults: z.number().int().nonnegative().default(1),
  primaryGuest: z.object({
    title: z.string().optional(),
    firstName: z.string().default(''),
    lastName: z.string(),
  }),
  unit: z.object({ id: z.string(), name: z.string() }).optional(),
  unitGroup: z.object({ name: z.string().optional() }).optional(),
  balance: money.optional(),
});
export type ApaleoReservation = z.infer<typeof apaleoReservation>;
const reservations = z.object({ reservations: z.array(apaleoReservation) });
export const apaleoFolio = z.object({
  id: z.string(),
  type: z.string(),
  allowedActions: z.array(z.string()).default([]),
  balance: money.optional(),
});
export type ApaleoFolio = z.infer<typeof apaleoFolio>;
const folios = z.object({ folios: z.array(apaleoFolio) });
const created = z.object({ id: z.string() });

export class ApaleoClient {
  readonly #http: HttpClient;
  readonly #config: ApaleoPmsConfig;

  constructor(config: ApaleoPmsConfig, deps: { clock: Clock; fetch?: FetchLike }) {
    this.#config = config;
    const base = {
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      clock: deps.clock,
      fetch: deps.fetch,
    };
    // The token comes from identity.apaleo.com, outside the API's limits; the API calls share one limiter.
    const auth = createOAuthAuthorizer(config.auth, createHttpClient(base), deps.clock);
    this.#http = createHttpClient({ ...base, auth, limiter: new RequestLimiter(config.requestLimits) });
  }

  async unitId(name: string): Promise<string | null> {
    const q = { propertyId: this.#config.propertyId, textSearch: name };
    const list = await this.#list('/inventory/v1/units', q, units, { units: [] });
    return list.units.find((u) => u.name === name)?.id ?? null;
  }

  async reservations(unitId: string, status: 'InHouse' | 'CheckedOut'): Promise<ApaleoReservation[]> {
    const q = { propertyIds: this.#config.propertyId, unitIds: unitId, status };
    return (await this.#list('/booking/v1/reservations', q, reservations, { reservations: [] })).reservations;
  }

  /** In-house reservations whose guest matches `textSearch` (apaleo searches names, ids and more). */
  async inHouseByText(text: string): Promise<ApaleoReservation[]> {
    const q = { propertyIds: this.#config.propertyId, status: 'InHouse', textSearch: text };
    return (await this.#list('/booking/v1/reservations', q, reservations, { reservations: [] })).reservations;
  }

  async guestFolios(reservationId: string): Promise<ApaleoFolio[]> {
    const q = { reservationIds: reservationId, type: 'Guest', expand: 'allowedActions' };
    return (await this.#list('/finance/v1/folios', q, folios, { folios: [] })).folios;
  }

  /** 201 `{ id }`; a repeated Idempotency-Key gets the first answer again (no second charge). */
  async postCharge(
    folioId: string,
    idempotencyKey: string,
    body: unknown,
  ): Promise<{ id: string; replayed: boolean }> {
    const answer = await this.#http.send({
      method: 'POST',
      path: `/finance/v1/folio-actions/${encodeURIComponent(folioId)}/charges`,
      kind: 'idempotent-write',
      headers: { 'idempotency-key': idempotencyKey },
      body: { json: body },
    });
    const { id } = readJson(this.#ok(answer), created);
    return { id, replayed: answer.headers.get('idempotent-replayed') === 'true' };
  }

  async postAllowance(
    folioId: string,
    chargeId: string,
    idempotencyKey: string,
    body: unknown,
  ): Promise<string> {
    const answer = await this.#http.send({
      method: 'POST',
      path: `/finance/v1/folio-actions/${encodeURIComponent(folioId)}/charges/${encodeURIComponent(chargeId)}/allowances`,
      kind: 'idempotent-write',
      headers: { 'idempotency-key': idempotencyKey },
      body: { json: body },
    });
    return readJson(this.#ok(answer), created).id;
  }

  // apaleo answers an empty list with 204 No Content.
  async #list<S extends z.ZodType>(
    path: string,
    query: Record<string, string>,
    schema: S,
    empty: z.infer<S>,
  ) {
    const answer = this.#ok(await this.#http.send({ method: 'GET', path, kind: 'read', query }));
    return answer.status === 204 ? empty : readJson(answer, schema);
  }

  #ok(answer: HttpAnswer): HttpAnswer {
    if (answer.status < 400) return answer;
    const body = tryJson(answer) as { messages?: unknown } | null;
    const message = Array.isArray(body?.messages)
      ? body.messages.map(String).join('; ')
      : `HTTP ${answer.status}`;
    // 403 (sometimes with an empty body, apaleo/api#464) is a missing scope: nothing was booked.
    if (answer.status === 403) {
      throw new PmsError('CONNECTION_FAILED', `apaleo refused access: ${message}`, {
        context: { status: 403, auth: true },
      });
    }
    if (answer.status === 404) throw refusal('ROOM_NOT_FOUND', message, { status: 404 });
    throw refusal(classifyMessage(message, this.#config.messagePatterns), message, { status: answer.status });
  }
}
