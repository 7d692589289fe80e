import { randomUUID } from 'node:crypto';
import { type KioskLookup, type LookupRequest, type RoomLookup, RpcError } from '@roompost/sync';
import { EdgeError } from '../edge-error.js';
import type { StandIn } from '../roster/stand-in.js';
import { maskGuestName, sameLastName } from './mask-name.js';

export interface LookupPort {
  /** Self-service outlets send the guest's last name; staff outlets the staff member's proof. */
  lookupRoom(
    roomNumber: string,
    timeoutMs?: number,
    as?: { lastName?: string | undefined; proof?: string | null | undefined },
  ): Promise<RoomLookup>;
  lookupCredential(uid: string, timeoutMs?: number): Promise<RoomLookup>;
}

export interface LookupServiceOptions {
  central: LookupPort;
  mode: 'self-service' | 'staff';
  /** How long a verification id may be used to create a check. */
  verificationTtlMs: number;
  /** The replicated roster, asked when central or the PMS is unreachable. */
  standIn: StandIn;
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
  /** Found in the outlet's roster, not confirmed by central. */
  standIn: boolean;
  /** How the guest was found, asked again the same way before a charge. */
  via: LookupRequest;
}

/** Whom to charge, and whether central confirmed it just now or the roster stands in for it. */
export interface ChargeGuest {
  lookup: RoomLookup;
  standIn: boolean;
}

/** A verification from a card tap: any client that may see the tap (paired screen, staff) may use it. */
export const READER_OWNER = 'reader';

/**
 * Finds the guest behind a room number or key card through central, and remembers each verified
 * guest for a few minutes under a random id. A check can only be created against such an id, so
 * the kiosk cannot name an arbitrary stay. When central or the PMS is unreachable, the outlet's
 * replicated roster stands in (roster/stand-in.ts): never a credit figure remembered from earlier.
 */
export class LookupService {
  readonly #o: LookupServiceOptions;
  readonly #verified = new Map<string, Verification>();
  readonly #misses = new Map<string, number[]>();

  constructor(options: LookupServiceOptions) {
    this.#o = options;
  }

  /**
   * `proof`: the signed-in staff member's staff proof (staff outlets), which central asks for before
   * it answers; null for a session signed in while central was away.
   */
  async lookup(request: LookupRequest, owner: string, proof: string | null = null): Promise<KioskLookup> {
    this.#throttle(owner);
    if (!('uid' in request) && this.#o.mode === 'self-service' && !request.lastName) {
      throw new EdgeError('VALIDATION_FAILED', 'enter the last name of the guest in the room', {
        field: 'lastName',
      });
    }
    let lookup: RoomLookup;
    let standIn = false;
    try {
      if (!this.#o.online())
        throw new RpcError({ code: 'CONNECTION_FAILED', message: 'not connected to central' });
      lookup = 'uid' in request ? await this.#byCard(request.uid) : await this.#byRoom(request, proof);
    } catch (err) {
      if (!unreachable(err)) {
        if (err instanceof EdgeError) this.#missed(owner);
        throw asApiError(err);
      }
      // Central or the PMS did not answer: the outlet's replicated roster stands in.
      try {
        lookup = await this.#o.standIn.lookup(request);
      } catch (missed) {
        if (missed instanceof EdgeError && missed.code !== 'CONNECTION_FAILED') {
          this.#missed(owner);
          if (this.#o.mode === 'self-service') throw notFound();
        }
        throw missed;
      }
      standIn = true;
    }
    this.#prune();
    const verificationId = randomUUID();
    this.#verified.set(verificationId, { lookup, at: this.#o.now().getTime(), owner, standIn, via: request });
    return this.#view(verificationId, lookup, standIn);
  }

  /**
   * The guest to charge for a verification id: re-checked with central (credit and status may
   * have changed). When central or the PMS cannot answer, the roster stands in: the charge is then
   * admitted by StandIn inside its write transaction, never on a remembered credit figure.
   */
  async forCharge(verificationId: string, owner: string, proof: string | null = null): Promise<ChargeGuest> {
    this.#prune();
    const found = this.#verified.get(verificationId);
    // Another client's verification is answered like an unknown one: it cannot be used or probed.
    const v = found && (found.owner === owner || found.owner === READER_OWNER) ? found : undefined;
    if (!v)
      throw new EdgeError('VERIFICATION_EXPIRED', 'look up the room or tap the card again', {
        field: 'verificationId',
      });
    if (!this.#o.online()) return { lookup: v.lookup, standIn: true };
    try {
      // Asked again as it was found: the card, or the room with the guest's last name (self-service)
      // or the staff member's proof (staff).
      const fresh =
        'uid' in v.via
          ? await this.#o.central.lookupCredential(v.via.uid.toUpperCase(), 1500)
          : await this.#o.central.lookupRoom(v.lookup.roomNumber, 1500, this.#as(v.via.lastName, proof));
      if (fresh.stayRef !== v.lookup.stayRef) {
        this.#verified.delete(verificationId);
        throw new EdgeError('VERIFICATION_EXPIRED', 'a different stay is now in this room; look up again');
      }
      v.lookup = fresh;
      v.standIn = false;
      return { lookup: fresh, standIn: false };
    } catch (err) {
      if (unreachable(err)) return { lookup: v.lookup, standIn: true };
      throw asApiError(err);
    }
  }

  /**
   * Seed 000 "Credit Check: Verify available credit before posting", done as soon as the guest is
   * known and again whenever the check's total changes (a tip), before any signature or tip screen:
   * the remembered lookup with charges refused (CREDIT_EXCEEDED) when `totalMinor` is more than the
   * credit left. A guest kiosk learns only yes or no, never the amount. Only for the client that
   * made the lookup (or a card tap). A stand-in lookup is checked against the roster's figure; the
   * charge itself is admitted by StandIn inside its write transaction.
   */
  creditCheck(verificationId: string, totalMinor: number, owner: string): KioskLookup {
    this.#prune();
    const found = this.#verified.get(verificationId);
    const v = found && (found.owner === owner || found.owner === READER_OWNER) ? found : undefined;
    if (!v)
      throw new EdgeError('VERIFICATION_EXPIRED', 'look up the room or tap the card again', {
        field: 'verificationId',
      });
    return this.#view(verificationId, v.lookup, v.standIn, totalMinor);
  }

  #view(verificationId: string, l: RoomLookup, standIn: boolean, totalMinor?: number): KioskLookup {
    const available = l.billing.availableCreditMinor;
    const overCredit =
      totalMinor !== undefined && available !== null && totalMinor > available && l.billing.chargesAllowed;
    const selfService = this.#o.mode === 'self-service';
    return {
      verificationId,
      roomNumber: l.roomNumber,
      roomType: l.roomType,
      // The roster holds only the masked name.
      guestName: selfService && !standIn ? maskGuestName(l.guest.firstName, l.guest.lastName) : l.guest.name,
      vipLevel: selfService ? null : l.guest.vipLevel,
      checkIn: l.reservation.checkIn,
      checkOut: l.reservation.checkOut,
      currency: l.billing.currency,
      chargesAllowed: l.billing.chargesAllowed && !overCredit,
      restriction: overCredit
        ? { code: 'CREDIT_EXCEEDED', reason: 'this check is more than the credit left on the room' }
        : l.restriction,
      availableCreditMinor: selfService ? null : l.billing.availableCreditMinor,
      // Contact details, allergies and loyalty are for staff eyes only, never on a guest's screen.
      ...(selfService || !l.profile ? {} : { profile: l.profile }),
      ...(standIn ? { standIn: true } : {}),
    };
  }

  #byCard(uid: string): Promise<RoomLookup> {
    return this.#o.central.lookupCredential(uid.toUpperCase());
  }

  /** What central needs to answer a room lookup: the guest's last name, or the staff member's proof. */
  #as(lastName: string | undefined, proof: string | null): { lastName?: string; proof?: string } {
    if (this.#o.mode === 'self-service') return lastName ? { lastName } : {};
    return proof ? { proof } : {};
  }

  async #byRoom(
    request: { roomNumber: string; lastName?: string | undefined },
    proof: string | null,
  ): Promise<RoomLookup> {
    if (this.#o.mode === 'self-service' && !request.lastName) {
      throw new EdgeError('VALIDATION_FAILED', 'enter the last name of the guest in the room', {
        field: 'lastName',
      });
    }
    let lookup: RoomLookup;
    try {
      lookup = await this.#o.central.lookupRoom(
        request.roomNumber,
        undefined,
        this.#as(request.lastName, proof),
      );
    } catch (err) {
      const apiError = asApiError(err);
      // A guest's screen gets one answer for every miss (no such room, vacant, checked out, wrong
      // name), so it cannot map who is in which room; staff keep seed 000's specific code.
      if (
        this.#o.mode === 'self-service' &&
        apiError instanceof EdgeError &&
        apiError.code !== 'CONNECTION_FAILED'
      ) {
        throw notFound();
      }
      throw apiError;
    }
    // Central compared the name itself when it answered with the guest view (initials only).
    if (
      request.lastName !== undefined &&
      lookup.scope !== 'guest' &&
      !sameLastName(request.lastName, lookup.guest.lastName)
    ) {
      // Same answer as an unknown room: a self-service screen must not confirm who is in which room.
      throw notFound();
    }
    return lookup;
  }

  #throttle(owner: string): void {
    // A card tap needs the card in hand; on a staff outlet every lookup is a signed-in staff
    // member's (who may see every room anyway): the throttle limits guests' guessing only.
    if (owner === READER_OWNER || this.#o.mode === 'staff') return;
    const { count, windowMs } = this.#o.missLimit ?? { count: 8, windowMs: 5 * 60_000 };
    const now = this.#o.now().getTime();
    const recent = (this.#misses.get(owner) ?? []).filter((at) => at > now - windowMs);
    this.#misses.set(owner, recent);
    if (recent.length >= count) {
      throw new EdgeError('LOOKUP_THROTTLED', 'too many lookups found nobody: wait a little', {
        context: { retryAfterSeconds: Math.ceil(((recent[0] ?? now) + windowMs - now) / 1000) },
      });
    }
  }

  #missed(owner: string): void {
    if (owner === READER_OWNER || this.#o.mode === 'staff') return;
    this.#misses.set(owner, [...(this.#misses.get(owner) ?? []), this.#o.now().getTime()]);
    if (this.#misses.size > 1000) this.#misses.delete(this.#misses.keys().next().value as string);
  }

  #prune(): void {
    const oldest = this.#o.now().getTime() - this.#o.verificationTtlMs;
    for (const [id, v] of this.#verified) if (v.at < oldest) this.#verified.delete(id);
  }
}

/** Central did not answer, or answered that the PMS did not: the roster stands in. */
function unreachable(err: unknown): boolean {
  if (err instanceof EdgeError) return err.code === 'CONNECTION_FAILED';
  return err instanceof RpcError && (err.code === 'CONNECTION_FAILED' || err.code === 'INTERNAL');
}

function notFound(): EdgeError {
  return new EdgeError('ROOM_NOT_FOUND', 'no guest with that last name in this room');
}

function asApiError(err: unknown): unknown {
  if (err instanceof RpcError) {
    const code = err.code === 'INTERNAL' ? 'CONNECTION_FAILED' : err.code;
    return new EdgeError(code, err.message, { context: err.context });
  }
  return err;
}
