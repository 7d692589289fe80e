// A PMS simulator that speaks whatever a REST adapter config describes. It reads requests with the
// same templates the adapter renders them with (json-template `match`) and writes answers at the
// configured paths, so a config is proven end to end before an integrator points it at a real PMS.

import type { RefusalCode } from '../http/business-error.js';
import { minorToDecimal } from '../http/money.js';
import { type BookOutcome, type SimGuestSeed, SimHotel, type SimStay } from '../http/sim-hotel.js';
import { type SimRequest, type SimResponse, type SimServer, startSimServer } from '../http/sim-server.js';
import { match, setPath } from './json-template.js';
import { amountIn } from './rest-answer.js';
import type { RestPmsConfig } from './rest-config.js';

export type RestSimConfig = Omit<RestPmsConfig, 'baseUrl'>;

export interface RestSimulator {
  server: SimServer;
  hotel: SimHotel;
  /** Configure `baseUrl` as this (it carries the prefix the simulator was started with). */
  baseUrl: string;
  seedGuest(g: SimGuestSeed): void;
  close(): Promise<void>;
}

/** `rooms/{{roomNumber}}` under a prefix → a regex with one named group per placeholder. */
function pathPattern(prefix: string, template: string): RegExp {
  const rel = template.startsWith('/') ? template : `${prefix}/${template}`;
  const parts = rel.split(/\{\{\s*(\w+)\s*\}\}/);
  // split with a capture group alternates literal text and placeholder names.
  const source = parts.map((part, i) =>
    i % 2 ? `(?<${part}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );
  return new RegExp(`^${source.join('')}$`);
}

export async function startRestSimulator(
  config: RestSimConfig,
  opts: { prefix?: string } = {},
): Promise<RestSimulator> {
  const prefix = opts.prefix ?? '/api';
  const hotel = new SimHotel(config.currency);
  const amount = (minor: number) =>
    config.amounts === 'minor' ? minor : minorToDecimal(minor, config.currency);
  const lookupPath = pathPattern(prefix, config.lookup.path);
  const postPath = pathPattern(prefix, config.post.path);
  const findPath = config.findPosting ? pathPattern(prefix, config.findPosting.path) : null;
  const theirCode = (ours: RefusalCode) =>
    Object.entries(config.errors.map).find(([, v]) => v === ours)?.[0] ?? ours;

  function refuse(ours: RefusalCode, message: string, status: number): SimResponse {
    const body: Record<string, unknown> = {};
    if (config.errors.success) setPath(body, config.errors.success, false);
    if (config.errors.code) setPath(body, config.errors.code, theirCode(ours));
    if (config.errors.message) setPath(body, config.errors.message, message);
    return { status: config.errors.success ? 200 : status, body };
  }

  function lookup(room: string): SimResponse {
    const stay = hotel.inHouse(room) ?? hotel.checkedOut(room);
    const f = config.lookup.fields;
    if (!stay || (stay.status === 'checked_out' && !f.status))
      return refuse('ROOM_NOT_FOUND', 'Room not found', 404);
    const body: Record<string, unknown> = {};
    if (config.errors.success) setPath(body, config.errors.success, true);
    const put = (p: string | undefined, v: unknown) => p && setPath(body, p, v);
    put(f.stayRef, stay.id);
    put(f.lastName, stay.lastName);
    put(f.firstName, stay.firstName);
    put(f.roomType, 'Deluxe King');
    put(f.confirmation, `C${stay.id}`);
    put(f.checkIn, stay.arrival);
    put(f.checkOut, stay.departure);
    put(f.adults, 1);
    put(f.balance, amount(stay.balanceMinor));
    put(f.creditLimit, stay.creditLimitMinor === null ? null : amount(stay.creditLimitMinor));
    put(f.noPost, stay.noPost);
    put(f.status, stay.status === 'in_house' ? 'checked_in' : config.lookup.checkedOutValue);
    return { status: 200, body };
  }

  function post(req: SimRequest): SimResponse {
    const v = match(config.post.body, JSON.parse(req.body || 'null'));
    const header = config.idempotencyHeader ? req.headers[config.idempotencyHeader.toLowerCase()] : undefined;
    const reference = String(header ?? v.chargeId ?? '');
    const stay: SimStay | undefined =
      (typeof v.stayRef === 'string' ? hotel.stay(v.stayRef) : undefined) ??
      hotel.inHouse(String(v.roomNumber ?? ''));
    const total = amountIn(config, v.total, config.currency);
    if (!stay) return refuse('ROOM_NOT_FOUND', 'Reservation not found', 404);
    if (total === null || !reference) return refuse('POSTING_REJECTED', 'Missing amount or reference', 400);
    const booked: BookOutcome = hotel.book(
      stay,
      reference,
      total,
      String(v.description ?? ''),
      config.idempotent,
    );
    if (!booked.ok) {
      if (booked.reason === 'NO_POST')
        return refuse('CHARGES_BLOCKED', 'Posting not allowed for this stay', 422);
      if (booked.reason === 'CREDIT_LIMIT') return refuse('CREDIT_EXCEEDED', 'Credit limit exceeded', 422);
      return refuse('GUEST_CHECKED_OUT', 'Guest has checked out', 422);
    }
    const body: Record<string, unknown> = {};
    if (config.errors.success) setPath(body, config.errors.success, true);
    setPath(body, config.post.resultId, booked.posting.id);
    if (config.post.duplicate) setPath(body, config.post.duplicate, booked.duplicate);
    if (config.post.balance) setPath(body, config.post.balance, amount(stay.balanceMinor));
    return { status: booked.duplicate ? 200 : 201, body };
  }

  function route(req: SimRequest): SimResponse {
    const auth = config.auth;
    if (auth.type === 'header' && req.headers[auth.name.toLowerCase()] !== auth.value) {
      return refuse('POSTING_REJECTED', 'Unauthorized', 401);
    }
    const path = decodeURIComponent(req.path);
    const l = req.method === config.lookup.method ? lookupPath.exec(path) : null;
    if (l?.groups?.roomNumber) return lookup(l.groups.roomNumber);
    if (req.method === config.post.method && postPath.test(path)) return post(req);
    const f = findPath && req.method === config.findPosting?.method ? findPath.exec(path) : null;
    if (f?.groups?.chargeId) {
      const p = hotel.postings.find((x) => x.reference === f.groups?.chargeId);
      if (!p || !config.findPosting) return { status: 404, body: {} };
      return { status: 200, body: setPath({}, config.findPosting.foundId, p.id) };
    }
    return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html>Not Found</html>' };
  }

  const server = await startSimServer({
    route,
    isPosting: (req) => req.method === config.post.method && postPath.test(decodeURIComponent(req.path)),
  });
  return {
    server,
    hotel,
    baseUrl: `${server.url}${prefix}`,
    seedGuest: (g) => void hotel.seed(g),
    close: () => server.close(),
  };
}
