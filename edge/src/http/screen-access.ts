// The outlet's own screen. A guest kiosk's event stream carries every card tap with its
// verification id, and its charge lists carry other guests' charges, so they are bound to the
// screen the edge serves: the kiosk browser runs on the edge itself (systemd/roompost-kiosk), so
// a page loaded over loopback gets a per-screen token in an HttpOnly, SameSite=Strict cookie, and
// a loopback client may pair explicitly (`POST /api/screen`). A phone or laptop on the guest
// network gets neither.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EdgeError } from '../edge-error.js';

export const SCREEN_COOKIE = 'roompost_screen';
export const SCREEN_HEADER = 'x-kiosk-screen';
/** Screens remembered at once (each page load over loopback pairs one; the oldest goes first). */
const MAX_SCREENS = 32;

export class ScreenAccess {
  readonly #tokens = new Set<string>();

  issue(): string {
    const token = randomBytes(24).toString('base64url');
    this.#tokens.add(token);
    if (this.#tokens.size > MAX_SCREENS) {
      const oldest = this.#tokens.values().next().value;
      if (oldest !== undefined) this.#tokens.delete(oldest);
    }
    return token;
  }

  /** The screen token a request carries, when it is one this edge issued. */
  screenOf(req: FastifyRequest): string | undefined {
    const token = screenTokenOf(req);
    return token !== undefined && this.#tokens.has(token) ? token : undefined;
  }

  /** The screen token, or SCREEN_NOT_PAIRED. */
  require(req: FastifyRequest): string {
    const token = this.screenOf(req);
    if (!token) throw new EdgeError('SCREEN_NOT_PAIRED', 'only the outlet screen itself may do this');
    return token;
  }
}

/** The token from `x-kiosk-screen`, the cookie, or `?screen=` (an EventSource sends no headers). */
export function screenTokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers[SCREEN_HEADER];
  if (typeof header === 'string' && header) return header;
  const cookie = req.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${SCREEN_COOKIE}=`));
  if (cookie) return cookie.slice(SCREEN_COOKIE.length + 1) || undefined;
  const query = req.query as Record<string, unknown> | undefined;
  return typeof query?.screen === 'string' ? query.screen : undefined;
}

export function isLoopback(req: FastifyRequest): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/**
 * Pairs the kiosk screen: the page (`/`, `/index.html`) served over loopback sets the screen
 * cookie, and `POST /api/screen` from loopback answers a token; from anywhere else, 401.
 */
export function registerScreenPairing(app: FastifyInstance, screens: ScreenAccess): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || !isLoopback(req)) return;
    const path = req.url.split('?')[0];
    if (path !== '/' && path !== '/index.html') return;
    if (screens.screenOf(req)) return;
    reply.header('set-cookie', `${SCREEN_COOKIE}=${screens.issue()}; Path=/; HttpOnly; SameSite=Strict`);
  });
  app.post('/api/screen', async (req, reply) => {
    if (!isLoopback(req)) {
      throw new EdgeError('SCREEN_NOT_PAIRED', 'a screen pairs only on the edge itself (loopback)');
    }
    return reply.status(201).send({ token: screens.issue() });
  });
}
