// A Cloudbeds v1.3 stand-in on loopback: getReservations, postCustomItem (form-encoded, referenceID
// dedupe answered with `notice`), postVoidItem, OAuth `access_token`, and business failures as
// HTTP 200 `{ success: false, message }` as Cloudbeds sends them. Every request is checked against
// Cloudbeds' published v1.3 OpenAPI document (./cloudbeds-contract.ts), and two documented behaviours
// are kept: `rooms` comes back only with includeAllRooms=true, and an appItemID seen before keeps the
// item name it was first sent with ("Item name/description sent in new request will be ignored").
import { decimalToMinor, minorToDecimal } from '../http/money.js';
import { CLOUDBEDS_REQUEST_LIMITS, type RequestWindow } from '../http/request-limits.js';
import { type SimGuestSeed, SimHotel, type SimStay } from '../http/sim-hotel.js';
import { SimOAuth } from '../http/sim-oauth.js';
import { type SimRequest, type SimResponse, type SimServer, startSimServer } from '../http/sim-server.js';
import { createCloudbedsContract } from './cloudbeds-contract.js';

export interface CloudbedsSimulator {
  server: SimServer;
  hotel: SimHotel;
  oauth: SimOAuth;
  /** The base URL to configure (`…/api/v1.3`); the token URL is `${baseUrl}/access_token`. */
  baseUrl: string;
  /** The item name each folio line shows, by soldProductID (the first name its appItemID was sent with). */
  folioLineNames: Map<string, string>;
  seedGuest(g: SimGuestSeed): void;
  close(): Promise<void>;
}

const PREFIX = '/api/v1.3';
const fail = (message: string): SimResponse => ({ status: 200, body: { success: false, message } });

export async function startCloudbedsSimulator(opts: {
  currency: string;
  clientId?: string;
  clientSecret?: string;
  /** Per ClientID: the published 5 requests/s of a property (10 for a tech partner). */
  requestLimits?: RequestWindow[];
}) {
  const hotel = new SimHotel(opts.currency);
  const oauth = new SimOAuth(opts.clientId ?? 'cb-client', opts.clientSecret ?? 'cb-secret');
  const money = (minor: number) => minorToDecimal(minor, opts.currency);
  const contract = createCloudbedsContract();
  const itemNames = new Map<string, string>();
  const folioLineNames = new Map<string, string>();

  function reservation(s: SimStay, includeAllRooms: boolean) {
    return {
      reservationID: s.id,
      status: s.status,
      guestID: s.guestId,
      guestName: `${s.firstName} ${s.lastName}`,
      startDate: s.arrival,
      endDate: s.departure,
      balance: money(s.balanceMinor),
      adults: 1,
      // getReservations: rooms is "Only returned if includeAllRooms is true".
      ...(includeAllRooms
        ? {
            rooms: [
              {
                roomID: `room-${s.roomNumber}`,
                roomName: s.roomNumber,
                roomTypeName: 'Deluxe King',
                guestID: s.guestId,
              },
            ],
          }
        : {}),
    };
  }

  function postCustomItem(form: URLSearchParams): SimResponse {
    const stay = hotel.stay(form.get('reservationID') ?? '');
    if (!stay) return fail('Reservation not found');
    const reference = form.get('referenceID');
    if (!reference) return fail('Parameter referenceID is required');
    let total = 0;
    for (const [key, value] of form) {
      // itemPrice × itemQuantity, plus every itemTaxes/itemFees value (decimal strings).
      if (/^items\[\d+]\[itemPrice]$/.test(key)) {
        const qty = Number(form.get(key.replace('itemPrice', 'itemQuantity')) ?? '1');
        total += decimalToMinor(value, opts.currency) * qty;
      } else if (/\[(taxValue|feeValue)]$/.test(key)) total += decimalToMinor(value, opts.currency);
    }
    const appItem = form.get('items[0][appItemID]') ?? '';
    const name = itemNames.get(appItem) ?? form.get('items[0][itemName]') ?? '';
    for (const [key, value] of form) {
      const id = /^items\[(\d+)]\[appItemID]$/.exec(key);
      if (id && !itemNames.has(value)) itemNames.set(value, form.get(`items[${id[1]}][itemName]`) ?? '');
    }
    const booked = hotel.book(stay, reference, total, name, true);
    if (!booked.ok) {
      const why = {
        NO_POST: 'Posting is not allowed for this reservation',
        CREDIT_LIMIT: 'Charge exceeds the credit limit of this reservation',
        NOT_IN_HOUSE: 'Reservation is checked out',
      };
      return fail(why[booked.reason]);
    }
    folioLineNames.set(booked.posting.id, name);
    const data: Record<string, string> = {
      soldProductID: booked.posting.id,
      transactionID: `TX${booked.posting.id}`,
    };
    if (booked.duplicate)
      data.notice = 'Item with this referenceID already exists. Nothing was created or updated.';
    return { status: 200, body: { success: true, data } };
  }

  function route(req: SimRequest): SimResponse {
    if (req.method === 'POST' && req.path === `${PREFIX}/access_token`) return oauth.token(req);
    if (!oauth.authorized(req))
      return { status: 401, body: { error: 'access_denied', error_description: 'Invalid token' } };
    const { operationId, violations } = contract.checkRequest(req);
    if (operationId && violations.length > 0) return fail(`Invalid request: ${violations.join('; ')}`);
    if (req.method === 'GET' && req.path === `${PREFIX}/getReservations`) {
      const status = req.query.get('status');
      const room = req.query.get('roomName');
      const last = req.query.get('lastName');
      if ((room || req.query.get('roomID')) && !status) return fail('roomName requires a status or dates');
      const data = hotel.stays
        .filter((s) => (status === 'checked_in' ? s.status === 'in_house' : s.status === status))
        .filter((s) => !room || s.roomNumber === room)
        .filter((s) => !last || s.lastName.toLowerCase() === last.toLowerCase())
        .map((r) => reservation(r, req.query.get('includeAllRooms') === 'true'));
      return { status: 200, body: { success: true, data, count: data.length, total: data.length } };
    }
    if (req.method === 'POST' && req.path === `${PREFIX}/postCustomItem`)
      return postCustomItem(new URLSearchParams(req.body));
    if (req.method === 'POST' && req.path === `${PREFIX}/postVoidItem`) {
      const form = new URLSearchParams(req.body);
      const i = hotel.postings.findIndex((p) => p.id === form.get('soldProductID'));
      if (i < 0) return fail('Item not found');
      const [p] = hotel.postings.splice(i, 1);
      const stay = p && hotel.stay(p.stayId);
      if (p && stay) stay.balanceMinor -= p.totalMinor;
      return { status: 200, body: { success: true, data: { soldProductID: p?.id } } };
    }
    return {
      status: 404,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Not Found</body></html>',
    };
  }

  const server = await startSimServer({
    route,
    isPosting: (req) => req.path.endsWith('/postCustomItem'),
    rateLimitBody: { success: false, message: 'API rate limit exceeded' },
    // developers.cloudbeds.com/docs/faq: 5 requests per second for properties, 10 for tech partners,
    // per ClientID, "for all endpoints" (tech-specs). Cloudbeds documents no 429 shape and no
    // Retry-After (its remedy is suspending the credentials), so this answers a bare 429 and
    // counts it: tests require none.
    requestLimits: {
      windows: opts.requestLimits ?? CLOUDBEDS_REQUEST_LIMITS,
      key: () => 'client',
      retryAfter: false,
    },
  });
  const sim: CloudbedsSimulator = {
    server,
    hotel,
    oauth,
    folioLineNames,
    baseUrl: `${server.url}${PREFIX}`,
    seedGuest: (g) => void hotel.seed(g),
    close: () => server.close(),
  };
  return sim;
}
