// Room and key-card lookups for outlets over MQTT RPC: what the requesting device's mode may see.
// A self-service (guest) outlet must send what the guest proved: the room and the guest's last
// name (seed 000 self-service: "the key card, or room number plus last name", never a full name).
// Central answers only on a match, with one ROOM_NOT_FOUND for every miss, throttled per device
// (counted in central's database, so across all its workers), and only the fields the guest screen needs. A staff outlet asks for a signed-in staff member: its
// request carries central's staff proof. A device central does not know gets nothing.
import { maskGuestName, type RoomLookup, type StaffSignIn, sameLastName } from '@roompost/sync';
import { CentralError } from '../central-error.js';
import type { PmsAdapter } from '../pms/adapter.js';
import { PmsError } from '../pms/adapter.js';
import type { StaffProofSigner } from '../staff/staff-proof.js';
import type { StaffRoster } from '../staff/staff-roster.js';
import { verifyStaffSession } from '../staff/verify-staff-session.js';
import { type LookupMissLog, memoryMissLog } from './lookup-misses.js';

export interface OutletLookupsDeps {
  adapter: Pick<PmsAdapter, 'lookupRoom' | 'lookupCredential'>;
  /** The outlet the device belongs to; undefined for a device central does not know. */
  outletOf: (device: string) => Promise<string | undefined>;
  isStaffOutlet: (outlet: string) => boolean;
  signInOf: (outlet: string) => StaffSignIn;
  staff: { roster: Pick<StaffRoster, 'roleOf'>; signer: StaffProofSigner };
  now: () => Date;
  /** Self-service lookups that found nobody, per device, before it must wait (default 30 in 5 minutes). */
  missLimit?: { count: number; windowMs: number };
  /**
   * Where the misses are counted: central's database (lookup-misses.ts), so the limit holds across
   * every worker; this process's memory when absent.
   */
  misses?: LookupMissLog;
}

export class OutletLookups {
  readonly #d: OutletLookupsDeps;
  readonly #misses: LookupMissLog;

  constructor(deps: OutletLookupsDeps) {
    this.#d = deps;
    this.#misses = deps.misses ?? memoryMissLog();
  }

  async room(
    device: string,
    params: { roomNumber: string; lastName?: string | undefined; proof?: string | undefined },
  ): Promise<RoomLookup> {
    const outlet = await this.#outletOf(device);
    if (this.#d.isStaffOutlet(outlet)) {
      await this.#staff(device, outlet, params.proof);
      return { ...(await this.#d.adapter.lookupRoom(params.roomNumber)), scope: 'staff' };
    }
    await this.#throttle(device);
    const { lastName } = params;
    if (!lastName) {
      throw new CentralError(
        'VALIDATION_FAILED',
        'a self-service outlet sends the last name the guest typed',
        {
          field: 'lastName',
        },
      );
    }
    let found: RoomLookup;
    try {
      found = await this.#d.adapter.lookupRoom(params.roomNumber);
    } catch (err) {
      throw await this.#miss(device, err);
    }
    if (!sameLastName(lastName, found.guest.lastName)) throw await this.#miss(device, null);
    return guestView(found);
  }

  /** A key card in hand is the guest's proof; a self-service outlet still gets only the guest view. */
  async credential(device: string, uid: string): Promise<RoomLookup> {
    const outlet = await this.#outletOf(device);
    if (this.#d.isStaffOutlet(outlet)) {
      return { ...(await this.#d.adapter.lookupCredential(uid)), scope: 'staff' };
    }
    await this.#throttle(device);
    try {
      return guestView(await this.#d.adapter.lookupCredential(uid));
    } catch (err) {
      if (err instanceof PmsError && !err.retryable && err.code !== 'INTERNAL') await this.#missed(device);
      throw err;
    }
  }

  async #outletOf(device: string): Promise<string> {
    const outlet = await this.#d.outletOf(device);
    if (!outlet)
      throw new CentralError('DEVICE_NOT_ALLOWED', `device ${device} belongs to no outlet central knows`);
    return outlet;
  }

  async #staff(device: string, outlet: string, proof: string | undefined): Promise<void> {
    await verifyStaffSession(proof, 'rooms.read', {
      signer: this.#d.staff.signer,
      device,
      roleOf: (id) => this.#d.staff.roster.roleOf(id),
      now: this.#d.now(),
      signIn: this.#d.signInOf(outlet),
    });
  }

  /** Every miss answers the same: no such room, vacant, checked out and wrong name look alike. */
  async #miss(device: string, err: unknown): Promise<unknown> {
    // Central or the PMS did not answer: the edge's roster stands in, so that error goes back as it is.
    if (err instanceof PmsError && (err.retryable || err.code === 'INTERNAL')) return err;
    if (err instanceof CentralError && err.code === 'CONNECTION_FAILED') return err;
    if (err !== null && !(err instanceof PmsError) && !(err instanceof CentralError)) return err;
    await this.#missed(device);
    return new CentralError('ROOM_NOT_FOUND', 'no guest with that last name in this room');
  }

  #limit() {
    return this.#d.missLimit ?? { count: 30, windowMs: 5 * 60_000 };
  }

  async #throttle(device: string): Promise<void> {
    const { count, windowMs } = this.#limit();
    const now = this.#d.now().getTime();
    const recent = await this.#misses.recent(device, new Date(now - windowMs).toISOString());
    if (recent.count >= count) {
      const oldest = recent.oldest === null ? now : Date.parse(recent.oldest);
      throw new CentralError(
        'LOOKUP_THROTTLED',
        'too many lookups from this outlet found nobody: wait a little',
        { context: { retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) } },
      );
    }
  }

  async #missed(device: string): Promise<void> {
    const now = this.#d.now().getTime();
    await this.#misses.record(
      device,
      new Date(now).toISOString(),
      new Date(now - this.#limit().windowMs).toISOString(),
    );
  }
}

/**
 * What a guest screen needs of a stay: the room, the name as initials ("J. W****" on screen), the
 * stay dates, whether charges are allowed and why not, and the credit left (the edge's credit check
 * answers the guest yes or no, never the figure). No full name, VIP level, confirmation number,
 * balance, credit limit or profile.
 */
export function guestView(l: RoomLookup): RoomLookup {
  const initial = (s: string) => [...s.trim()][0]?.toLocaleUpperCase() ?? '';
  return {
    roomNumber: l.roomNumber,
    roomType: l.roomType,
    stayRef: l.stayRef,
    guest: {
      name: maskGuestName(l.guest.firstName, l.guest.lastName),
      firstName: initial(l.guest.firstName),
      lastName: initial(l.guest.lastName),
      vipLevel: null,
    },
    reservation: {
      confirmation: '',
      checkIn: l.reservation.checkIn,
      checkOut: l.reservation.checkOut,
      adults: 0,
      status: l.reservation.status,
    },
    billing: {
      currency: l.billing.currency,
      chargesAllowed: l.billing.chargesAllowed,
      creditLimitMinor: null,
      currentBalanceMinor: 0,
      availableCreditMinor: l.billing.availableCreditMinor,
    },
    restriction: l.restriction,
    scope: 'guest',
  };
}
