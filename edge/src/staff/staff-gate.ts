import type { StaffAction } from '@roompost/sync';
import type { FastifyRequest } from 'fastify';
import { EdgeError } from '../edge-error.js';
import { ScreenAccess } from '../http/screen-access.js';
import type { StaffAuth, StaffSession } from './staff-auth.js';

/**
 * Where the kiosk API meets staff sign-in. On a staff outlet every guest-facing action needs a
 * session whose role may do it; on a self-service outlet there is no staff, and staff-only
 * extras (custom charges, overrides) are refused.
 */
export class StaffGate {
  constructor(
    readonly auth: StaffAuth,
    readonly staffMode: boolean,
    readonly screens: ScreenAccess = new ScreenAccess(),
  ) {}

  /**
   * Who is asking for a guest-facing action: a staff session that may do `action` (staff mode),
   * or the outlet's own paired screen (self-service; SCREEN_NOT_PAIRED for any other client).
   * `owner` binds a guest verification to the client that made it.
   */
  client(req: FastifyRequest, action: StaffAction): { session: StaffSession | null; owner: string } {
    if (this.staffMode) {
      const session = this.auth.require(tokenOf(req), action);
      return { session, owner: `staff:${session.staff.id}` };
    }
    return { session: null, owner: `screen:${this.screens.require(req)}` };
  }

  /** Whether the request comes from the outlet's screen or a signed-in staff member. */
  trusted(req: FastifyRequest): boolean {
    if (this.screens.screenOf(req)) return true;
    if (!this.staffMode) return false;
    try {
      this.auth.session(tokenOf(req));
      return true;
    } catch {
      return false;
    }
  }

  /** The session behind the request (staff mode), or null on a self-service outlet. */
  check(req: FastifyRequest, action: StaffAction): StaffSession | null {
    return this.staffMode ? this.auth.require(tokenOf(req), action) : null;
  }

  /** A session that may do `action`, on any outlet. */
  require(req: FastifyRequest, action: StaffAction): StaffSession {
    if (!this.staffMode) throw new EdgeError('FORBIDDEN', 'this outlet is a self-service kiosk');
    return this.auth.require(tokenOf(req), action);
  }
}

/** `Authorization: Bearer <token>`; an event stream (EventSource sends no headers) uses `?token=`. */
export function tokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  const query = req.query as Record<string, unknown> | undefined;
  return typeof query?.token === 'string' ? query.token : undefined;
}
