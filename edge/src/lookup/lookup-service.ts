import { randomUUID } from 'node:crypto';
import { ApiError, type KioskLookup, type LookupRequest, type RoomLookup, RpcError } from '@roompost/sync';
import { maskGuestName, sameLastName } from './mask-name.js';

export interface LookupPort {
  lookupRoom(roomNumber: string, timeoutMs?: number): Promise<RoomLookup>;
  lookupCredential(uid: string, timeoutMs?: number): Promise<RoomLookup>;
}

export interface LookupServiceOptions {
  central: LookupPort;
  mode: 'self-service' | 'staff';
  verificationTtlMs: number;
  now: () => Date;
  /** Whether central is reachable right now; when not, a fresh re-check is not even tried. */
  online: () => boolean;
  /** Lookups that found nobody, per client, before it must wait (default 8 in 5 minutes). */
  missLimit?: { count: number; windowMs: number };
}

interface Verification {
  lookup: RoomLookup;
  at: number;
  /** The client the lookup was made for (a screen, a staff member, or `reader`: the card reader's tap). */
  owner: string;
}

/** A verification from a card tap: any client that may see the tap (paired screen, staff) may use it. */
export const READER_OWNER = 'reader';

/**
 * Finds the guest behind a room number or key card through central, and remembers each verified
 * guest for a few minutes under a random id. A check can only be created against such an id: the
 * kiosk cannot name an arbitrary stay, and a guest verified moments ago can still be charged while
 * central is briefly unreachable (the charge waits in the outbox).
 */
export class LookupService {
  readonly #o: LookupServiceOptions;
  readonly #verified = new Map<string, Verification>();
  readonly #misses = new Map<string, number[]>();

  constructor(options: LookupServiceOptions) {
    this.#o = options;
  }

  async lookup(request: LookupRequest, owner: string): Promise<KioskLookup> {
    this.#throttle(owner);
    let lookup: RoomLookup;
    try {
      lookup = 'uid' in request ? await this.#byCard(request.uid) : await this.#byRoom(request);
    } catch (err) {
      if (err instanceof ApiError && err.code !== 'CONNECTION_FAILED') this.#missed(owner);
      throw err;
    }
    this.#prune();
    const verificationId = randomUUID();
    this.#verified.set(verificationId, { lookup, at: this.#o.now().getTime(), owner });
    return this.view(verificationId, lookup);
  }

  /**
   * The guest to charge for a verification id: re-checked with central when it is reachable (credit
   * and status may have changed), the remembered answer when it is not.
   */
  async forCharge(verificationId: string, owner: string): Promise<RoomLookup> {
    this.#prune();
    const found = this.#verified.get(verificationId);
    // Another client's verification is answered like an unknown one: it cannot be used or probed.
    const v = found && (found.owner === owner || found.owner === READER_OWNER) ? found : undefined;
    if (!v)
      throw new ApiError('VERIFICATION_EXPIRED', 'look up the room or tap the card again', {
        field: 'verificationId',
      });
    if (!this.#o.online()) return v.lookup;
    try {
      const fresh = await this.#o.central.lookupRoom(v.lookup.roomNumber, 1500);
      if (fresh.stayRef !== v.lookup.stayRef) {
        this.#verified.delete(verificationId);
        throw new ApiError('VERIFICATION_EXPIRED', 'a different stay is now in this room; look up again');
      }
      v.lookup = fresh;
      return fresh;
    } catch (err) {
      if (err instanceof RpcError && err.code === 'CONNECTION_FAILED') return v.lookup;
      throw asApiError(err);
    }
  }

  view(verificationId: string, l: RoomLookup): KioskLookup {
    const selfService = this.#o.mode === 'self-service';
    return {
      verificationId,
      roomNumber: l.roomNumber,
      roomType: l.roomType,
      guestName: selfService ? maskGuestName(l.guest.firstName, l.guest.lastName) : l.guest.name,
      vipLevel: selfService ? null : l.guest.vipLevel,
      checkIn: l.reservation.checkIn,
      checkOut: l.reservation.checkOut,
      currency: l.billing.currency,
      chargesAllowed: l.billing.chargesAllowed,
      restriction: l.restriction,
      availableCreditMinor: selfService ? null : l.billing.availableCreditMinor,
      // Contact details, allergies and loyalty are for staff eyes only, never on a guest's screen.
      ...(selfService || !l.profile ? {} : { profile: l.profile }),
    };
  }

  async #byCard(uid: string): Promise<RoomLookup> {
    try {
      return await this.#o.central.lookupCredential(uid.toUpperCase());
    } catch (err) {
      throw asApiError(err);
    }
  }

  async #byRoom(request: { roomNumber: string; lastName?: string | undefined }): Promise<RoomLookup> {
    if (this.#o.mode === 'self-service' && !request.lastName) {
      throw new ApiError('VALIDATION_FAILED', 'enter the last name of the guest in the room', {
        field: 'lastName',
      });
    }
    let lookup: RoomLookup;
    try {
      lookup = await this.#o.central.lookupRoom(request.roomNumber);
    } catch (err) {
      const apiError = asApiError(err);
      // A guest's screen gets one answer for every miss (no such room, vacant, checked out, wrong
      // name), so it cannot map who is in which room; staff keep seed 000's specific code.
      if (
        this.#o.mode === 'self-service' &&
        apiError instanceof ApiError &&
        apiError.code !== 'CONNECTION_FAILED'
      ) {
        throw notFound();
      }
      throw apiError;
    }
    if (request.lastName !== undefined && !sameLastName(request.lastName, lookup.guest.lastName)) {
      // Same answer as an unknown room: a self-service screen must not confirm who is in which room.
      throw notFound();
    }
    return lookup;
  }

  #throttle(owner: string): void {
    if (owner === READER_OWNER) return; // a card tap needs the card in hand
    const { count, windowMs } = this.#o.missLimit ?? { count: 8, windowMs: 5 * 60_000 };
    const now = this.#o.now().getTime();
    const recent = (this.#misses.get(owner) ?? []).filter((at) => at > now - windowMs);
    this.#misses.set(owner, recent);
    if (recent.length >= count) {
      throw new ApiError('LOOKUP_THROTTLED', 'too many lookups found nobody: wait a little', {
        context: { retryAfterSeconds: Math.ceil(((recent[0] ?? now) + windowMs - now) / 1000) },
      });
    }
  }

  #missed(owner: string): void {
    if (owner === READER_OWNER) return;
    this.#misses.set(owner, [...(this.#misses.get(owner) ?? []), this.#o.now().getTime()]);
    if (this.#misses.size > 1000) this.#misses.delete(this.#misses.keys().next().value as string);
  }

  #prune(): void {
    const oldest = this.#o.now().getTime() - this.#o.verificationTtlMs;
    for (const [id, v] of this.#verified) if (v.at < oldest) this.#verified.delete(id);
  }
}

function notFound(): ApiError {
  return new ApiError('ROOM_NOT_FOUND', 'no guest with that last name in this room');
}

function asApiError(err: unknown): unknown {
  if (err instanceof RpcError) {
    const code = err.code === 'INTERNAL' ? 'CONNECTION_FAILED' : err.code;
    return new ApiError(code, err.message, { context: err.context });
  }
  return err;
}
