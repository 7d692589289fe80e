import type { RoomLookup } from '@roompost/sync';
import type { Clock } from '../../clock.js';
import { type PmsAdapter, PmsError, type PmsFeature } from '../adapter.js';
import { createHttpClient, type FetchLike, type HttpClient, type HttpRequest } from '../http/http-client.js';
import { assertPostable } from '../http/money.js';
import { createOAuthAuthorizer } from '../http/oauth-token.js';
import { toRoomLookup } from '../http/room-lookup.js';
import { staticAuth } from '../http/static-auth.js';
import { noCredentialLookup } from '../http/unsupported.js';
import { getPath, render, type TemplateValues } from './json-template.js';
import { amountIn, chargeValues, readAnswer, required } from './rest-answer.js';
import type { RestPmsConfig } from './rest-config.js';

type Endpoint = { method: HttpRequest['method']; path: string; body?: unknown };

/** A PMS described entirely by configuration (endpoints, templates, answer paths, code map). */
export function createRestAdapter(
  config: RestPmsConfig,
  deps: { clock: Clock; fetch?: FetchLike },
): PmsAdapter {
  const base = { baseUrl: config.baseUrl, timeoutMs: config.timeoutMs, clock: deps.clock, fetch: deps.fetch };
  const auth = config.auth;
  const http: HttpClient = createHttpClient({
    ...base,
    auth:
      auth.type === 'oauth'
        ? createOAuthAuthorizer(auth, createHttpClient(base), deps.clock)
        : auth.type === 'header'
          ? staticAuth({ [auth.name]: auth.value })
          : undefined,
  });
  const features = new Set<PmsFeature>(['room_lookup', 'charge_posting']);
  if (config.findPosting) features.add('read_postings');
  const { currency } = config;

  function request(
    e: Endpoint,
    values: TemplateValues,
    kind: HttpRequest['kind'],
    headers?: Record<string, string>,
  ) {
    const path = render(e.path, values, encodeURIComponent) as string;
    const body = e.body === undefined || e.method === 'GET' ? undefined : { json: render(e.body, values) };
    return http.send({ method: e.method, path, kind, headers, body });
  }

  async function lookupRoom(roomNumber: string): Promise<RoomLookup> {
    const answer = await request(config.lookup, { roomNumber }, 'read');
    const body = readAnswer(answer, config, 'ROOM_NOT_FOUND');
    const f = config.lookup.fields;
    const text = (p: string | undefined) => (p === undefined ? '' : String(getPath(body, p) ?? ''));
    if (
      f.status &&
      config.lookup.checkedOutValue !== undefined &&
      text(f.status) === config.lookup.checkedOutValue
    ) {
      throw new PmsError('GUEST_CHECKED_OUT', `the guest of room ${roomNumber} has checked out`);
    }
    return toRoomLookup({
      roomNumber,
      roomType: text(f.roomType),
      stayRef: String(required(answer, body, f.stayRef)),
      firstName: text(f.firstName),
      lastName: String(required(answer, body, f.lastName)),
      confirmation: text(f.confirmation) || text(f.stayRef),
      checkIn: text(f.checkIn),
      checkOut: text(f.checkOut),
      adults: Number(getPath(body, f.adults ?? '') ?? 1) || 1,
      currency,
      creditLimitMinor: f.creditLimit ? amountIn(config, getPath(body, f.creditLimit), currency) : null,
      balanceMinor: (f.balance && amountIn(config, getPath(body, f.balance), currency)) || 0,
      blockedReason:
        f.noPost && getPath(body, f.noPost) === true ? 'Room charges are blocked in the PMS' : null,
    });
  }

  return {
    kind: 'rest',
    features,
    async testConnection() {
      await lookupRoom('__roompost_probe__').catch((err: unknown) => {
        if (err instanceof PmsError && (err.code === 'ROOM_NOT_FOUND' || err.code === 'GUEST_CHECKED_OUT'))
          return;
        throw err;
      });
    },
    lookupRoom,
    lookupCredential: () => noCredentialLookup(config.name),
    async postCharge(charge) {
      assertPostable(charge, currency);
      const stayRef = charge.stayRef ?? (await lookupRoom(charge.roomNumber)).stayRef;
      const values = { ...chargeValues(config, { ...charge, stayRef }) };
      const headers = config.idempotencyHeader ? { [config.idempotencyHeader]: charge.chargeId } : undefined;
      const answer = await request(
        config.post,
        values,
        config.idempotent ? 'idempotent-write' : 'unprotected-write',
        headers,
      );
      const body = readAnswer(answer, config, null);
      return {
        pmsTransactionId: String(required(answer, body, config.post.resultId)),
        folioBalanceMinor: config.post.balance
          ? amountIn(config, getPath(body, config.post.balance), currency)
          : null,
        duplicate: config.post.duplicate ? Boolean(getPath(body, config.post.duplicate)) : false,
      };
    },
    ...(config.findPosting
      ? {
          async findPosting(chargeId: string, roomNumber: string) {
            const e = config.findPosting!;
            const answer = await request(e, { chargeId, roomNumber }, 'read');
            if (answer.status === 404) return null;
            const found = getPath(readAnswer(answer, config, null), e.foundId);
            if (found === undefined || found === null || found === '') return null;
            return { pmsTransactionId: String(found), folioBalanceMinor: null, duplicate: true };
          },
        }
      : {}),
    async close() {},
  };
}
