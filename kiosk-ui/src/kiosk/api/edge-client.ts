// Typed calls to the edge's kiosk API (docs/edge-api.md). `fetch` is passed in so the client runs
// the same in the browser and in node:test.
import type {
  CatalogView,
  ChargeView,
  CreateCheckRequest,
  HealthView,
  KioskEvents,
  KioskLookup,
  LookupRequest,
  OutletView,
  PendingView,
  QuoteRequest,
  QuoteView,
  StaffSessionView,
} from '@roompost/sync/contract';
import { isApiError } from '../events/kiosk-event.js';
import type { EdgeError } from './edge-error.js';

/**
 * Why a call failed: the edge answered with an error body (`api`), or the kiosk never got an
 * answer it could read (`network`: the request may or may not have reached the edge).
 */
export class EdgeRequestError extends Error {
  constructor(
    readonly kind: 'api' | 'network',
    readonly status: number | null,
    readonly body: EdgeError | null,
    options?: { cause?: unknown },
  ) {
    super(body ? `${body.code}: ${body.message}` : `edge request failed (${status ?? 'no answer'})`, options);
    this.name = 'EdgeRequestError';
  }
}

/** A print request's answer (a printer that is away answers 409 with its code and reason). */
export interface PrintAnswer {
  printed: true;
  printedAt: string;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export function createEdgeClient(fetchFn: FetchLike, baseUrl = '', options: { screenToken?: string } = {}) {
  // Staff mode: the signed-in session's token goes with every call.
  let token: string | null = null;
  // The outlet screen's own token. The page the edge serves carries it as an HttpOnly cookie the
  // browser sends by itself; a kiosk page served elsewhere (the Vite dev server, tests) pairs over
  // loopback (`POST /api/screen`) when the edge first answers SCREEN_NOT_PAIRED, and sends it as a header.
  let screen: string | null = options.screenToken ?? null;

  async function pairScreen(): Promise<boolean> {
    const response = await fetchFn(`${baseUrl}/api/screen`, { method: 'POST' }).catch(() => null);
    if (response?.status !== 201) return false;
    const body = (await response.json().catch(() => null)) as { token?: unknown } | null;
    if (typeof body?.token !== 'string') return false;
    screen = body.token;
    return true;
  }

  async function call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
    paired = false,
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetchFn(`${baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(screen ? { 'x-kiosk-screen': screen } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new EdgeRequestError('network', null, null, { cause });
    }
    const text = await response.text().catch(() => '');
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON: handled below
    }
    if (!response.ok) {
      if (!paired && isApiError(json) && json.code === 'SCREEN_NOT_PAIRED' && (await pairScreen())) {
        return call<T>(method, path, body, signal, true);
      }
      throw new EdgeRequestError(
        isApiError(json) ? 'api' : 'network',
        response.status,
        isApiError(json) ? json : null,
      );
    }
    return json as T;
  }

  return {
    health: () => call<HealthView>('GET', '/api/health'),
    outlet: () => call<OutletView>('GET', '/api/outlet'),
    catalog: () => call<CatalogView>('GET', '/api/catalog'),
    lookup: (request: LookupRequest) => call<KioskLookup>('POST', '/api/lookup', request),
    quote: (request: QuoteRequest, signal?: AbortSignal) =>
      call<QuoteView>('POST', '/api/checks/quote', request, signal),
    createCheck: (request: CreateCheckRequest) => call<ChargeView>('POST', '/api/checks', request),
    /** Staff Room Found: the number the check will get, held until the check is made or released. */
    holdCheckNumber: (holdId: string) =>
      call<{ checkNumber: string }>('POST', '/api/checks/number', { holdId }),
    releaseCheckNumber: (holdId: string) =>
      call<unknown>('DELETE', `/api/checks/number/${encodeURIComponent(holdId)}`),
    charge: (id: string) => call<ChargeView>('GET', `/api/charges/${encodeURIComponent(id)}`),
    devTap: (uid: string) => call<unknown>('POST', '/api/dev/tap', { uid }),
    signIn: async (pin: string) => {
      const session = await call<StaffSessionView>('POST', '/api/staff/session', { pin });
      token = session.token;
      return session;
    },
    signOut: async () => {
      const had = token;
      token = null;
      if (had) {
        await fetchFn(`${baseUrl}/api/staff/session`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${had}` },
        }).catch(() => undefined);
      }
    },
    /** The event stream's URL; EventSource cannot send headers, so a staff token rides in the query. */
    eventsUrl: () => {
      const query = new URLSearchParams();
      if (token) query.set('token', token);
      if (screen) query.set('screen', screen);
      const q = query.toString();
      return `${baseUrl}/api/events${q ? `?${q}` : ''}`;
    },
    /** Pairs this page as the outlet screen (loopback only); the served page is paired by its cookie. */
    pairScreen,
    pending: () => call<PendingView>('GET', '/api/staff/pending'),
    retry: (id: string) => call<ChargeView>('POST', `/api/staff/charges/${encodeURIComponent(id)}/retry`, {}),
    /** The check's total against the guest's credit (after a lookup, and when the total changes). */
    creditCheck: (verificationId: string, totalMinor: number) =>
      call<KioskLookup>('POST', '/api/lookup/credit', { verificationId, totalMinor }),
    /** Another tender after a failed posting: withdraws the room charge (answers it, maybe unconfirmed). */
    withdraw: (id: string, reason: string) =>
      call<ChargeView>('POST', `/api/charges/${encodeURIComponent(id)}/withdraw`, { reason }),
    /** Device service (docs/devices.md): every device's health, test page, relay pulse, reprint. */
    devices: () => call<{ devices: Array<KioskEvents['device']> }>('GET', '/api/devices'),
    printTestPage: () => call<PrintAnswer>('POST', '/api/devices/printer/test', {}),
    pulseRelay: (seconds?: number) =>
      call<{ pulsed: true; seconds: number }>('POST', '/api/devices/relay/pulse', seconds ? { seconds } : {}),
    reprint: () => call<PrintAnswer>('POST', '/api/devices/printer/reprint', {}),
    /** The printed receipt as an SVG, for an <img> (the token rides in the query). */
    receiptSvgUrl: (id: string) =>
      `${baseUrl}/api/charges/${encodeURIComponent(id)}/receipt.svg${token ? `?token=${encodeURIComponent(token)}` : ''}`,
    /** Today's charges at this outlet (property time zone), newest first: the void list. */
    today: () => call<{ charges: ChargeView[] }>('GET', '/api/charges?date=today'),
    /** Manager: void a charge with a reason; answers the charge, `status: 'voided'`. */
    voidCharge: (id: string, reason: string) =>
      call<ChargeView>('POST', `/api/charges/${encodeURIComponent(id)}/void`, { reason }),
    /** Receipt choice after a charge (docs/edge-api.md "Receipt choice"): a printed copy. */
    printReceipt: (id: string) =>
      call<PrintAnswer>('POST', `/api/charges/${encodeURIComponent(id)}/print`, {}),
    /** The QR code (SVG) of the receipt's link, for an <img> (a staff token rides in the query). */
    receiptQrUrl: (id: string) =>
      `${baseUrl}/api/charges/${encodeURIComponent(id)}/receipt-qr.svg${token ? `?token=${encodeURIComponent(token)}` : ''}`,
    /** Queues an e-mail receipt request (the edge sends it through the property's relay). */
    emailReceipt: (id: string, address: string) =>
      call<ChargeView>('POST', `/api/charges/${encodeURIComponent(id)}/receipt-email`, { address }),
    /** The signature image, for an <img> (which cannot send headers: the token rides in the query). */
    signatureUrl: (id: string) =>
      `${baseUrl}/api/charges/${encodeURIComponent(id)}/signature.png${token ? `?token=${encodeURIComponent(token)}` : ''}`,
  };
}

export type EdgeClient = ReturnType<typeof createEdgeClient>;

export type { HealthView, PendingView, QuoteRequest, QuoteView };
