// The Mews Connector calls behind a room charge, with the documented error statuses
// (guidelines/responses.md): 400 client bug, 401 bad tokens, 403 a business rule to show the user,
// 408 timeout, 409 data changed, 429 rate limit with Retry-After.
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { PmsError } from '../adapter.js';
import { classifyMessage, refusal } from '../http/business-error.js';
import { createHttpClient, type FetchLike, type HttpClient, type RequestKind } from '../http/http-client.js';
import { readJson, tryJson } from '../http/json-answer.js';
import { RequestLimiter } from '../http/request-limits.js';
import type { MewsPmsConfig } from './mews-config.js';

const amount = z.union([z.number(), z.string()]);
export const mewsCustomer = z.object({
  Id: z.string(),
  FirstName: z.string().nullish(),
  LastName: z.string(),
  Title: z.string().nullish(),
  Email: z.string().nullish(),
  Phone: z.string().nullish(),
  LoyaltyCode: z.string().nullish(),
  Classifications: z.array(z.string()).default([]),
});
export type MewsCustomer = z.infer<typeof mewsCustomer>;
const searchResult = z.object({
  Customers: z.array(
    z.object({
      Customer: mewsCustomer,
      Reservation: z
        .object({
          Id: z.string(),
          Number: z.string().nullish(),
          StartUtc: z.string(),
          EndUtc: z.string(),
          AdultCount: z.number().int().nonnegative().default(1),
          AssignedResourceId: z.string().nullish(),
        })
        .nullish(),
    }),
  ),
});
export type MewsSearchHit = z.infer<typeof searchResult>['Customers'][number];
const resources = z.object({ Resources: z.array(z.object({ Id: z.string(), Name: z.string() })) });
const orderAdded = z.object({ OrderId: z.string() });
export const mewsOrderItem = z.object({
  Id: z.string(),
  AccountId: z.string().nullish(),
  ServiceOrderId: z.string().nullish(),
  ExternalIdentifier: z.string().nullish(),
  Amount: z.object({ Currency: z.string(), GrossValue: amount }).optional(),
});
const orderItems = z.object({ OrderItems: z.array(mewsOrderItem), Cursor: z.string().nullish() });
const customers = z.object({ Customers: z.array(mewsCustomer) });

export class MewsClient {
  readonly #http: HttpClient;
  readonly #config: MewsPmsConfig;

  constructor(config: MewsPmsConfig, deps: { clock: Clock; fetch?: FetchLike }) {
    this.#config = config;
    this.#http = createHttpClient({
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      clock: deps.clock,
      fetch: deps.fetch,
      // One limiter per AccessToken (one adapter per property), as Mews counts them.
      limiter: new RequestLimiter(config.requestLimits),
    });
  }

  // resources/getAll and customers/getAll: `Extent` is required (operations/resources.md,
  // operations/customers.md); without it Mews answers 400 and nothing else works.
  async resourceId(name: string): Promise<string | null> {
    const body = await this.#call(
      'resources/getAll',
      { Names: [name], Extent: { Resources: true }, Limitation: { Count: 10 } },
      resources,
    );
    return body.Resources.find((r) => r.Name === name)?.Id ?? null;
  }

  /** Space names by id (resources/getAll `ResourceIds`). */
  async resourceNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const body = await this.#call(
      'resources/getAll',
      { ResourceIds: ids, Extent: { Resources: true }, Limitation: { Count: ids.length } },
      resources,
    );
    return new Map(body.Resources.map((r) => [r.Id, r.Name]));
  }

  /** customers/search by Name: customers active now whose name matches. */
  async searchByName(name: string): Promise<MewsSearchHit[]> {
    return (await this.#call('customers/search', { Name: name }, searchResult)).Customers;
  }

  /** customers/search by ResourceId: the customers active now in that space (checked-in only). */
  async searchByResource(resourceId: string): Promise<MewsSearchHit[]> {
    return (await this.#call('customers/search', { ResourceId: resourceId }, searchResult)).Customers;
  }

  async customer(id: string): Promise<MewsCustomer | null> {
    const body = await this.#call(
      'customers/getAll',
      { CustomerIds: [id], Extent: { Customers: true }, Limitation: { Count: 1 } },
      customers,
    );
    return body.Customers[0] ?? null;
  }

  /** orders/add: no idempotency key in the Connector API, so a lost answer is POSTING_UNKNOWN. */
  async addOrder(order: Record<string, unknown>): Promise<string> {
    return (await this.#call('orders/add', order, orderAdded, 'unprotected-write')).OrderId;
  }

  async orderItems(filter: Record<string, unknown>) {
    return this.#call('orderItems/getAll', filter, orderItems);
  }

  async #call<S extends z.ZodType>(operation: string, body: object, schema: S, kind: RequestKind = 'read') {
    const answer = await this.#http.send({
      method: 'POST',
      path: `api/connector/v1/${operation}`,
      kind,
      body: {
        json: {
          ClientToken: this.#config.clientToken,
          AccessToken: this.#config.accessToken,
          Client: this.#config.client,
          ...body,
        },
      },
    });
    if (answer.status < 400) return readJson(answer, schema) as z.infer<S>;
    const err = tryJson(answer) as { Message?: unknown; RequestId?: unknown } | null;
    const message = typeof err?.Message === 'string' ? err.Message : `HTTP ${answer.status}`;
    const context = { status: answer.status, operation, requestId: err?.RequestId };
    if (answer.status === 403)
      throw refusal(classifyMessage(message, this.#config.messagePatterns), message, context);
    if (answer.status === 409) throw new PmsError('CONNECTION_FAILED', `Mews: ${message}`, { context });
    // 400 (a bad identifier) and 404 (a wrong URL) are our mistake: nothing was booked, re-sending won't help.
    throw new PmsError('POSTING_REJECTED', `Mews: ${message}`, { retryable: false, context });
  }
}
