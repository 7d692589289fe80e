// An OPERA Cloud (OHIP) stand-in on loopback: /oauth/v1/tokens (x-app-key + Basic), getReservations
// (searchType=InHouse&roomId), postBillingCharges (201 + Location, no idempotency), folio postings
// for read-back, and refusals as `exceptionDetailType` with `o:errorCode`.
import { decimalToMinor, minorToDecimal } from '../http/money.js';
import { OHIP_REQUEST_LIMITS, type RequestWindow } from '../http/request-limits.js';
import { type SimGuestSeed, SimHotel, type SimStay } from '../http/sim-hotel.js';
import { SimOAuth } from '../http/sim-oauth.js';
import { type SimRequest, type SimResponse, type SimServer, startSimServer } from '../http/sim-server.js';
import { createOhipContract } from './ohip-contract.js';

export interface OhipSimulator {
  server: SimServer;
  hotel: SimHotel;
  oauth: SimOAuth;
  url: string;
  appKey: string;
  seedGuest(g: SimGuestSeed): void;
  close(): Promise<void>;
}

const problem = (status: number, title: string, detail: string, code?: string): SimResponse => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: { type: 'about:blank', title, status, detail, ...(code ? { 'o:errorCode': code } : {}) },
});

interface Line {
  transactionCode: string;
  price: { amount: number; currencyCode: string };
  postingQuantity: number;
  postingReference?: string;
}

export async function startOhipSimulator(opts: {
  currency: string;
  hotelId: string;
  /** The environment's throttling windows (default Oracle's published 50 per second). */
  requestLimits?: RequestWindow[];
  /**
   * Over the limit: `delay` as Oracle documents for the property APIs (held 1000 ms), or `refuse`
   * with 429 and Retry-After (how the guide's "Limits" page words the streaming management calls).
   */
  overLimit?: 'delay' | 'refuse';
}): Promise<OhipSimulator> {
  const hotel = new SimHotel(opts.currency);
  const oauth = new SimOAuth('ohip-client', 'ohip-secret');
  // csh.json / rsv.json: x-app-key is a UUID (pattern ^[a-f0-9]{8}-…-4…$).
  const appKey = '5f0b7d2e-3c1a-4e8b-9f6d-2a7c1e4b8d90';
  const contract = createOhipContract();
  const lines = new Map<string, Array<{ transactionNo: string; reference: string; minor: number }>>();

  const info = (s: SimStay) => ({
    reservationIdList: [
      { id: s.id, type: 'Reservation' },
      { id: `C${s.id}`, type: 'Confirmation' },
    ],
    reservationStatus: 'InHouse',
    roomStay: {
      roomId: s.roomNumber,
      roomType: 'DLXK',
      arrivalDate: s.arrival,
      departureDate: s.departure,
      adultCount: 1,
    },
    reservationGuest: { givenName: s.firstName, surname: s.lastName },
  });

  function post(resId: string, req: SimRequest): SimResponse {
    const stay = hotel.stay(resId);
    if (!stay) return problem(404, 'Not Found', `Reservation ${resId} not found`);
    const charges = (JSON.parse(req.body) as { criteria?: { charges?: Line[] } }).criteria?.charges ?? [];
    if (charges.length === 0) return problem(400, 'Bad Request', 'criteria.charges is required');
    if (charges.some((c) => c.price.currencyCode !== opts.currency))
      return problem(400, 'Bad Request', 'Currency must be the hotel currency');
    const total = charges.reduce(
      (sum, c) => sum + decimalToMinor(c.price.amount, opts.currency) * c.postingQuantity,
      0,
    );
    if (stay.status !== 'in_house') return problem(400, 'Bad Request', 'Room is not occupied', 'FOF00241');
    const reference = charges[0]?.postingReference ?? '';
    const booked = hotel.book(stay, reference, total, '', false);
    if (!booked.ok) {
      return booked.reason === 'NO_POST'
        ? problem(400, 'Bad Request', 'The reservation has the No Post flag set. Posting failed.', 'CSH00107')
        : problem(400, 'Bad Request', 'There is not enough available credit. Posting failed.', 'CSH00108');
    }
    const posted = charges.map((c, i) => ({
      transactionNo: `${booked.posting.id.slice(1)}${i}`,
      reference: c.postingReference ?? '',
      minor: decimalToMinor(c.price.amount, opts.currency),
    }));
    lines.set(resId, [...(lines.get(resId) ?? []), ...posted]);
    return {
      status: 201,
      headers: { location: `/csh/v1/hotels/${opts.hotelId}/transactions/${posted[0]?.transactionNo}` },
      body: {
        billingChargesDetails: {
          postings: posted.map((p) => ({ transactionNo: p.transactionNo })),
          warnings: [],
        },
      },
    };
  }

  function route(req: SimRequest): SimResponse {
    if (req.headers['x-app-key'] !== appKey)
      return problem(401, 'Unauthorized', 'Missing or invalid x-app-key');
    if (req.method === 'POST' && req.path === '/oauth/v1/tokens') return oauth.token(req);
    if (!oauth.authorized(req)) return problem(401, 'Unauthorized', 'Invalid token');
    const { violations } = contract.checkRequest({
      method: req.method,
      path: req.path,
      query: req.query,
      headers: req.headers,
      body: req.body,
    });
    if (violations.length > 0) return problem(400, 'Bad Request', violations.join('; '));
    if (req.headers['x-hotelid'] !== opts.hotelId) return problem(403, 'Forbidden', 'Hotel not granted');
    const base = `/hotels/${opts.hotelId}/reservations`;
    if (req.method === 'GET' && req.path === `/rsv/v1${base}`) {
      if (req.query.get('searchType') !== 'InHouse')
        return problem(400, 'Bad Request', 'unsupported searchType');
      const room = req.query.get('roomId');
      const surname = req.query.get('surname')?.toLowerCase();
      const found = hotel.stays.filter(
        (s) =>
          s.status === 'in_house' &&
          (room === null || s.roomNumber === room) &&
          (surname === undefined || s.lastName.toLowerCase().startsWith(surname)),
      );
      return {
        status: 200,
        body: { reservations: { reservationInfo: found.map(info), totalPages: 1 }, links: [] },
      };
    }
    const m = new RegExp(`^/csh/v1${base}/([^/]+)/(charges|folios)$`).exec(req.path);
    if (req.method === 'POST' && m?.[1] && m[2] === 'charges') return post(decodeURIComponent(m[1]), req);
    if (req.method === 'GET' && m?.[1] && m[2] === 'folios') {
      // csh.json getFolio → folio: postings sit in folioWindows[].folios[].postings[]; transactionNo is a number.
      const postings = (lines.get(decodeURIComponent(m[1])) ?? []).map((l) => ({
        transactionNo: Number(l.transactionNo),
        reference: l.reference,
        postedAmount: { amount: minorToDecimal(l.minor, opts.currency), currencyCode: opts.currency },
      }));
      return {
        status: 200,
        body: {
          reservationFolioInformation: {
            folioWindows: [{ folioWindowNo: 1, folios: [{ folioNo: 1, postings }] }],
          },
        },
      };
    }
    return problem(404, 'Not Found', `${req.method} ${req.path}`);
  }

  const server = await startSimServer({
    route,
    isPosting: (req) => req.method === 'POST' && req.path.endsWith('/charges'),
    rateLimitBody: { type: 'about:blank', title: 'Too Many Requests', status: 429 },
    // OHIP User Guide "API Throttling": more than 50 requests per second for one OPERA Cloud
    // environment, and "the 51st and subsequent requests received in a single second will be delayed
    // by 1000 milliseconds". Counted per environment (one simulator); the OAuth token is not an
    // OPERA Cloud call.
    requestLimits: {
      windows: opts.requestLimits ?? OHIP_REQUEST_LIMITS,
      key: (req) => (req.path.startsWith('/oauth/') ? null : 'opera-cloud-environment'),
      retryAfter: opts.overLimit === 'refuse',
      ...(opts.overLimit === 'refuse' ? {} : { delayMs: 1000 }),
    },
  });
  return {
    server,
    hotel,
    oauth,
    url: server.url,
    appKey,
    seedGuest: (g) => void hotel.seed(g),
    close: () => server.close(),
  };
}
