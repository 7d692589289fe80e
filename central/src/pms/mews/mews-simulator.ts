// A Mews Connector stand-in on loopback: tokens in the body, resources/getAll, customers/search
// (active customers only), customers/getAll, orders/add (no idempotency, as in Mews) and
// orderItems/getAll for read-back. Errors as Mews sends them: `{ Message, RequestId }` with 401/403.
import { randomUUID } from 'node:crypto';
import { decimalToMinor, minorToDecimal } from '../http/money.js';
import { MEWS_REQUEST_LIMITS, type RequestWindow } from '../http/request-limits.js';
import { type SimGuestSeed, SimHotel, type SimStay } from '../http/sim-hotel.js';
import { type SimRequest, type SimResponse, type SimServer, startSimServer } from '../http/sim-server.js';
import { createMewsContractCheck } from './mews-contract.js';

export interface MewsSimulator {
  server: SimServer;
  hotel: SimHotel;
  url: string;
  tokens: { clientToken: string; accessToken: string; serviceId: string };
  seedGuest(g: SimGuestSeed): void;
  close(): Promise<void>;
}

interface OrderItem {
  Id: string;
  AccountId: string;
  ServiceId: string;
  ServiceOrderId: string;
  ExternalIdentifier: string | null;
  Amount: { Currency: string; GrossValue: number };
}

type Body = Record<string, unknown>;
const error = (status: number, message: string): SimResponse => ({
  status,
  body: { Message: message, RequestId: randomUUID() },
});
const PREFIX = '/api/connector/v1/';

export async function startMewsSimulator(opts: {
  currency: string;
  /** Mews' limit per AccessToken; the published 200 in 30 s unless a test shrinks the window. */
  requestLimits?: RequestWindow[];
}): Promise<MewsSimulator> {
  const hotel = new SimHotel(opts.currency);
  const tokens = { clientToken: 'mews-client-token', accessToken: 'mews-access-token', serviceId: 'svc-fnb' };
  const items: OrderItem[] = [];
  const checkContract = createMewsContractCheck();

  const hit = (s: SimStay) => ({
    Customer: customer(s),
    Reservation: {
      Id: s.id,
      Number: s.id.slice(1),
      StartUtc: `${s.arrival}T14:00:00Z`,
      EndUtc: `${s.departure}T10:00:00Z`,
      AdultCount: 1,
      State: 'Started',
      AssignedResourceId: `space-${s.roomNumber}`,
    },
  });
  const customer = (s: SimStay) => ({
    Id: s.guestId,
    FirstName: s.firstName,
    LastName: s.lastName,
    Email: `${s.lastName.toLowerCase()}@example.com`,
    Classifications: s.noPost ? ['Cashlist'] : [],
  });

  function addOrder(b: Body): SimResponse {
    if (b.ServiceId !== tokens.serviceId) return error(400, 'Invalid ServiceId.');
    const stay = hotel.stay(String(b.AccountId ?? ''));
    if (!stay) return error(400, 'Invalid AccountId.');
    const lines = (b.Items ?? []) as Array<{
      UnitCount: number;
      UnitAmount: Body;
      ExternalIdentifier?: string;
      Name: string;
    }>;
    let total = 0;
    for (const line of lines) {
      if (line.UnitAmount.Currency !== opts.currency) return error(400, 'Invalid Currency.');
      const value = line.UnitAmount.GrossValue ?? line.UnitAmount.NetValue;
      total += decimalToMinor(value as number, opts.currency) * line.UnitCount;
    }
    if (stay.status !== 'in_house') return error(403, 'The customer is not checked in.');
    const reference = lines[0]?.ExternalIdentifier ?? '';
    const booked = hotel.book(stay, reference, total, lines[0]?.Name ?? '', false);
    if (!booked.ok) return error(403, 'The order exceeds the credit limit of the customer.');
    const orderId = randomUUID();
    for (const line of lines) {
      const value = (line.UnitAmount.GrossValue ?? line.UnitAmount.NetValue) as number;
      items.push({
        Id: randomUUID(),
        AccountId: stay.guestId,
        ServiceId: tokens.serviceId,
        ServiceOrderId: orderId,
        ExternalIdentifier: line.ExternalIdentifier ?? null,
        Amount: {
          Currency: opts.currency,
          GrossValue: minorToDecimal(decimalToMinor(value, opts.currency) * line.UnitCount, opts.currency),
        },
      });
    }
    return { status: 200, body: { OrderId: orderId } };
  }

  function route(req: SimRequest): SimResponse {
    if (req.method !== 'POST' || !req.path.startsWith(PREFIX)) return error(404, 'Not found.');
    const b = JSON.parse(req.body || '{}') as Body;
    const operation = req.path.slice(PREFIX.length);
    // guidelines/responses.md: a request the reference does not allow is a 400 client error.
    const violations = checkContract(operation, b);
    if (violations.length > 0) return error(400, `Invalid request: ${violations.join('; ')}`);
    if (b.ClientToken !== tokens.clientToken || b.AccessToken !== tokens.accessToken)
      return error(401, 'Invalid ClientToken or AccessToken.');
    switch (operation) {
      case 'resources/getAll': {
        const names = (b.Names ?? []) as string[];
        const ids = ((b.ResourceIds ?? []) as string[]).map((id) => id.replace(/^space-/, ''));
        const rooms = [...new Set(hotel.stays.map((s) => s.roomNumber))].filter(
          (n) => names.includes(n) || ids.includes(n),
        );
        return {
          status: 200,
          body: {
            Resources: rooms.map((n) => ({ Id: `space-${n}`, Name: n, IsActive: true })),
            Cursor: null,
          },
        };
      }
      case 'customers/search': {
        const room = String(b.ResourceId ?? '').replace(/^space-/, '');
        const name = typeof b.Name === 'string' ? b.Name.toLowerCase() : null;
        const match = (s: SimStay) =>
          name === null ? s.roomNumber === room : `${s.firstName} ${s.lastName}`.toLowerCase().includes(name);
        return {
          status: 200,
          body: {
            Customers: hotel.stays.filter((s) => match(s) && s.status === 'in_house').map(hit),
          },
        };
      }
      case 'customers/getAll': {
        const ids = (b.CustomerIds ?? []) as string[];
        return {
          status: 200,
          body: { Customers: hotel.stays.filter((s) => ids.includes(s.guestId)).map(customer), Cursor: null },
        };
      }
      case 'orders/add':
        return addOrder(b);
      case 'orderItems/getAll': {
        const services = (b.ServiceIds ?? []) as string[];
        const limit = b.Limitation as { Count: number; Cursor?: string | null };
        const start = Number(limit.Cursor ?? 0);
        const page = items.filter((i) => services.includes(i.ServiceId)).slice(start, start + limit.Count);
        return { status: 200, body: { OrderItems: page, Cursor: String(start + page.length) } };
      }
      default:
        return error(404, 'Operation not found.');
    }
  }

  const server = await startSimServer({
    route,
    isPosting: (req) => req.path === `${PREFIX}orders/add`,
    rateLimitBody: { Message: 'Too many requests.', RequestId: 'rl' },
    // guidelines/environments.md "Request limits": 200 requests per AccessToken within 30 seconds;
    // guidelines/requests.md: the 429 carries Retry-After.
    requestLimits: {
      windows: opts.requestLimits ?? MEWS_REQUEST_LIMITS,
      key: (req) => {
        const token = (tryParse(req.body) as { AccessToken?: unknown } | null)?.AccessToken;
        return typeof token === 'string' ? token : null;
      },
      retryAfter: true,
    },
  });
  return {
    server,
    hotel,
    url: server.url,
    tokens,
    seedGuest: (g) => void hotel.seed(g),
    close: () => server.close(),
  };
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
