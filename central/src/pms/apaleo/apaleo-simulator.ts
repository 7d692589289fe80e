// An apaleo stand-in on loopback: identity token endpoint, units, reservations (204 when empty),
// guest folios with `allowedActions`, folio-actions charges honouring Idempotency-Key (replayed
// answers repeat the first one, marked `Idempotent-Replayed: true`), 422 `{ messages }` refusals.
// Every API request is checked against apaleo's published Swagger documents (./apaleo-contract.ts):
// what they do not allow is refused with 422 "Validation errors in the request body or query
// params", and the answers carry every member those documents mark required.
import { decimalToMinor, minorToDecimal } from '../http/money.js';
import { APALEO_LIVE_REQUEST_LIMITS, type RequestWindow } from '../http/request-limits.js';
import { type SimGuestSeed, SimHotel, type SimStay } from '../http/sim-hotel.js';
import { SimOAuth } from '../http/sim-oauth.js';
import { type SimRequest, type SimResponse, type SimServer, startSimServer } from '../http/sim-server.js';
import { createApaleoContract } from './apaleo-contract.js';

export interface ApaleoSimulator {
  server: SimServer;
  hotel: SimHotel;
  oauth: SimOAuth;
  url: string;
  seedGuest(g: SimGuestSeed): void;
  close(): Promise<void>;
}

const unprocessable = (...messages: string[]): SimResponse => ({ status: 422, body: { messages } });
const list = (key: string, items: unknown[]): SimResponse =>
  items.length === 0 ? { status: 204 } : { status: 200, body: { [key]: items, count: items.length } };

export async function startApaleoSimulator(opts: {
  currency: string;
  /** Per Client ID and Account Code: live figures unless a test picks the dev/trial ones. */
  requestLimits?: RequestWindow[];
}): Promise<ApaleoSimulator> {
  const hotel = new SimHotel(opts.currency);
  const oauth = new SimOAuth('apaleo-client', 'apaleo-secret');
  const replies = new Map<string, { body: string; response: SimResponse }>();
  const contract = createApaleoContract();
  const CREATED = '2026-01-20T10:00:00+01:00';
  const money = (minor: number) => ({
    amount: minorToDecimal(minor, opts.currency),
    currency: opts.currency,
  });

  const reservation = (s: SimStay) => ({
    id: s.id,
    bookingId: `B${s.id}`,
    status: s.status === 'in_house' ? 'InHouse' : 'CheckedOut',
    property: { id: 'MUC' },
    ratePlan: { id: 'MUC-BAR', isSubjectToCityTax: false },
    totalGrossAmount: money(30000),
    arrival: `${s.arrival}T14:00:00+01:00`,
    departure: `${s.departure}T11:00:00+01:00`,
    created: CREATED,
    modified: CREATED,
    adults: 1,
    channelCode: 'Direct',
    primaryGuest: { firstName: s.firstName, lastName: s.lastName },
    unit: { id: `U${s.roomNumber}`, name: s.roomNumber },
    unitGroup: { id: 'DK', name: 'Deluxe King' },
    guaranteeType: 'PM6Hold',
    cancellationFee: {
      id: 'MUC-FLE',
      code: 'FLE',
      name: 'Flexible',
      description: 'Free until the day of arrival',
      dueDateTime: `${s.arrival}T00:00:00+01:00`,
      fee: money(0),
    },
    noShowFee: { id: 'MUC-NSF', code: 'NSF', name: 'No-show', description: 'First night', fee: money(10000) },
    balance: money(-s.balanceMinor),
    hasCityTax: false,
  });

  function charge(folioId: string, req: SimRequest): SimResponse {
    const key = req.headers['idempotency-key'];
    const earlier = typeof key === 'string' ? replies.get(key) : undefined;
    if (earlier) {
      if (earlier.body !== req.body)
        return { status: 409, body: { messages: ['Idempotency-Key reused with another payload'] } };
      return { ...earlier.response, headers: { 'idempotent-replayed': 'true' } };
    }
    const stay = hotel.stay(folioId.replace(/^F/, ''));
    if (!stay) return { status: 404, body: { messages: [`Folio ${folioId} not found`] } };
    const body = JSON.parse(req.body) as {
      vatType?: string;
      name?: string;
      amount?: { amount: number; currency: string };
    };
    if (!body.vatType) return unprocessable('The VatType field is required.');
    if (!body.amount || body.amount.currency !== opts.currency)
      return unprocessable('Amount currency must be the property currency.');
    if (stay.noPost) return unprocessable('Folio does not allow the action AddCharge.');
    const booked = hotel.book(
      stay,
      String(key ?? ''),
      decimalToMinor(body.amount.amount, opts.currency),
      body.name ?? '',
      false,
    );
    if (!booked.ok) {
      if (booked.reason === 'CREDIT_LIMIT')
        return unprocessable('The charge exceeds the credit limit of the folio.');
      return unprocessable('Charges can only be posted to reservations that are in house.');
    }
    // finance-v1 swagger: 200 with AddedChargeModel `{ id, feeChargeIds? }`.
    const response: SimResponse = { status: 200, body: { id: `${folioId}-${booked.posting.id}` } };
    if (typeof key === 'string') replies.set(key, { body: req.body, response });
    return response;
  }

  /** An allowance on a charge (apaleo#47: reversal without deletion): booked as a negative posting. */
  function allowance(folioId: string, chargeId: string, req: SimRequest): SimResponse {
    const key = req.headers['idempotency-key'];
    const earlier = typeof key === 'string' ? replies.get(key) : undefined;
    if (earlier) return { ...earlier.response, headers: { 'idempotent-replayed': 'true' } };
    const stay = hotel.stay(folioId.replace(/^F/, ''));
    const original = hotel.postings.find((p) => `${folioId}-${p.id}` === chargeId);
    if (!stay || !original) return { status: 404, body: { messages: [`Charge ${chargeId} not found`] } };
    const body = JSON.parse(req.body) as { reason?: string; amount?: { amount: number; currency: string } };
    if (!body.amount || body.amount.currency !== opts.currency)
      return unprocessable('Amount currency must be the property currency.');
    const minor = decimalToMinor(body.amount.amount, opts.currency);
    if (minor <= 0 || minor > original.totalMinor) return unprocessable('The allowance exceeds the charge.');
    const booked = hotel.book(stay, String(key ?? ''), -minor, body.reason ?? 'Allowance', false);
    if (!booked.ok) return unprocessable('Allowances can only be posted to open folios.');
    // finance-v1 swagger: 200 with CreatedSubResourceIdModel `{ id }`.
    const response: SimResponse = { status: 200, body: { id: `${chargeId}-A${booked.posting.id}` } };
    if (typeof key === 'string') replies.set(key, { body: req.body, response });
    return response;
  }

  function route(req: SimRequest): SimResponse {
    if (req.method === 'POST' && req.path === '/connect/token') return oauth.token(req);
    if (!oauth.authorized(req)) return { status: 401 };
    const { operationId, violations } = contract.checkRequest(req);
    if (!operationId) return { status: 404 };
    if (violations.length > 0) return unprocessable(...violations);
    const q = req.query;
    // Swagger 2.0 array parameters are comma-separated (collectionFormat csv, the default).
    const csv = (name: string) => (q.get(name) ?? '').split(',').filter((v) => v !== '');
    if (req.method === 'GET' && req.path === '/inventory/v1/units') {
      const names = [...new Set(hotel.stays.map((s) => s.roomNumber))].filter((n) =>
        n.includes(q.get('textSearch') ?? ''),
      );
      return list(
        'units',
        names.map((name) => ({
          id: `U${name}`,
          name,
          description: `Room ${name}`,
          property: { id: q.get('propertyId') ?? 'MUC' },
          unitGroup: { id: 'DK' },
          status: { isOccupied: hotel.inHouse(name) !== undefined, condition: 'Clean' },
          maxPersons: 2,
          created: CREATED,
        })),
      );
    }
    if (req.method === 'GET' && req.path === '/booking/v1/reservations') {
      const found = hotel.stays
        .map(reservation)
        .filter((r) => !q.has('status') || csv('status').includes(r.status))
        .filter((r) => !q.has('unitIds') || csv('unitIds').includes(r.unit.id))
        .filter((r) => !q.has('textSearch') || r.primaryGuest.lastName.includes(q.get('textSearch') ?? ''));
      return list('reservations', found);
    }
    if (req.method === 'GET' && req.path === '/finance/v1/folios') {
      const stay = hotel.stay(csv('reservationIds')[0] ?? '');
      const actions = stay?.noPost ? ['AddPayment'] : ['AddCharge', 'AddPayment', 'AddAllowance'];
      const folios = stay
        ? [
            {
              id: `F${stay.id}`,
              created: CREATED,
              updated: CREATED,
              type: 'Guest',
              isMainFolio: true,
              allowedActions: actions,
              balance: money(-stay.balanceMinor),
              status: 'Open',
            },
          ]
        : [];
      return list('folios', folios);
    }
    const m = /^\/finance\/v1\/folio-actions\/([^/]+)\/charges(?:\/([^/]+)\/allowances)?$/.exec(req.path);
    if (req.method === 'POST' && m?.[1] && !m[2]) return charge(decodeURIComponent(m[1]), req);
    if (req.method === 'POST' && m?.[1] && m[2])
      return allowance(decodeURIComponent(m[1]), decodeURIComponent(m[2]), req);
    return { status: 404 };
  }

  const server = await startSimServer({
    route,
    isPosting: (req) => /\/folio-actions\/[^/]+\/charges$/.test(req.path),
    rateLimitBody: { messages: ['Too many requests'] },
    // apaleo.dev/guides/api/rate-limiting: limits per Client ID and Account Code over the API (the
    // identity server's token endpoint is not part of it); a 429 does not count; no Retry-After
    // header is documented, so none is sent.
    requestLimits: {
      windows: opts.requestLimits ?? APALEO_LIVE_REQUEST_LIMITS,
      key: (req) => (req.path === '/connect/token' ? null : 'apaleo-client'),
      retryAfter: false,
    },
  });
  return {
    server,
    hotel,
    oauth,
    url: server.url,
    seedGuest: (g) => void hotel.seed(g),
    close: () => server.close(),
  };
}
