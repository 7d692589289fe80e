import { type CurrencyCode, formatMinor, isCurrencyCode } from '@roompost/folio/money';
import { type ErrorCode, type RoomLookup, rosterLastNameKey } from '@roompost/sync';
import type { Kysely, Transaction } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import { EdgeError } from '../edge-error.js';
import {
  findRosterEntry,
  type RosterRow,
  rosterInfo,
  standInOpenMinor,
  unreflectedMinor,
} from './roster.repository.js';

export interface StandInOptions {
  db: Kysely<EdgeDatabase>;
  mode: 'self-service' | 'staff';
  /** Per currency, the most this outlet charges one stay while offline (minor units). */
  floorLimits: Record<string, number>;
  /** An older roster is not trusted: the outlet stops standing in. */
  maxRosterAgeMs: number;
  now: () => Date;
}

export interface StandInCharge {
  roomNumber: string;
  stayRef: string;
  currency: string;
  totalMinor: number;
  /** Staff overrode the credit limit (the floor limit still holds). */
  overridden: boolean;
}

/**
 * The offline stand-in (DESIGN "Offline stand-in"): while central or the PMS is unreachable the
 * outlet finds guests in its replicated roster and accepts a charge only within the credit the
 * roster gave the stay (less this outlet's charges the figure cannot include yet) and the outlet's
 * floor limit for the stay. Both are checked inside the charge's own write transaction, so two
 * charges at once cannot both pass on the same headroom.
 */
export class StandIn {
  readonly #o: StandInOptions;

  constructor(options: StandInOptions) {
    this.#o = options;
  }

  /** A room found in the roster, as a lookup (the name masked: the roster holds no other). */
  async lookup(
    request: { roomNumber: string; lastName?: string | undefined } | { uid: string },
  ): Promise<RoomLookup> {
    if ('uid' in request) {
      throw this.#refuse('CONNECTION_FAILED', {
        guest:
          'Key cards cannot be checked while the hotel system is offline. Please enter your room number and last name.',
        staff: 'Central is unreachable and the roster holds no key cards: type the room number.',
      });
    }
    await this.#assertFresh();
    const entry = await findRosterEntry(this.#o.db, request.roomNumber);
    const e = this.#inHouse(entry);
    if (
      request.lastName !== undefined &&
      rosterLastNameKey(e.stayRef, request.lastName) !== e.row.last_name_key
    ) {
      throw new EdgeError('ROOM_NOT_FOUND', 'no guest with that last name in this room');
    }
    const currency = e.row.currency ?? '';
    const available = await this.#available(this.#o.db, e.row, e.stayRef);
    return {
      roomNumber: e.row.room_number,
      roomType: '',
      stayRef: e.stayRef,
      guest: { name: e.row.masked_name, firstName: '', lastName: '', vipLevel: null },
      reservation: {
        confirmation: '',
        checkIn: e.row.check_in ?? '',
        checkOut: e.row.check_out ?? '',
        adults: 0,
        status: 'in_house',
      },
      billing: {
        currency,
        chargesAllowed: e.row.no_post === 0,
        creditLimitMinor: null,
        currentBalanceMinor: 0,
        availableCreditMinor: available,
      },
      restriction:
        e.row.no_post === 1 ? { code: 'CHARGES_BLOCKED', reason: 'Room charges are blocked' } : null,
    };
  }

  /** Inside the charge's write transaction: throws a coded refusal, or returns and the charge is written. */
  async admit(trx: Transaction<EdgeDatabase>, c: StandInCharge): Promise<void> {
    await this.#assertFresh(trx);
    const e = this.#inHouse(await findRosterEntry(trx, c.roomNumber));
    if (e.stayRef !== c.stayRef) {
      throw new EdgeError('VERIFICATION_EXPIRED', 'a different stay is now in this room; look up again');
    }
    if (e.row.no_post === 1) throw new EdgeError('CHARGES_BLOCKED', 'Room charges are blocked');
    if (e.row.currency !== c.currency) {
      throw new EdgeError(
        'POSTING_REJECTED',
        `the folio is kept in ${e.row.currency}, this outlet charges ${c.currency}`,
      );
    }
    const floor = this.#o.floorLimits[c.currency];
    if (floor === undefined) {
      throw this.#refuse('CONNECTION_FAILED', {
        guest: 'Room charges are not possible while the hotel system is offline.',
        staff: `Central is unreachable and this outlet has no offline floor limit for ${c.currency}.`,
      });
    }
    const used = await standInOpenMinor(trx, c.stayRef);
    if (used + c.totalMinor > floor) {
      throw this.#refuse(
        'OFFLINE_LIMIT_EXCEEDED',
        {
          guest: 'This room cannot take more charges here while the hotel system is offline.',
          staff: `Offline floor limit for this stay: ${money(floor, c.currency)}, ${money(Math.max(0, floor - used), c.currency)} left.`,
        },
        { floorLimitMinor: floor, usedMinor: used, chargeMinor: c.totalMinor },
      );
    }
    const available = await this.#available(trx, e.row, c.stayRef);
    if (available !== null && c.totalMinor > available && !c.overridden) {
      throw this.#refuse(
        'CREDIT_EXCEEDED',
        {
          guest: 'This charge is more than the credit left on the room.',
          staff: `Offline: ${money(Math.max(0, available), c.currency)} of credit left on the roster for this stay.`,
        },
        { availableCreditMinor: available, chargeMinor: c.totalMinor, standIn: true },
      );
    }
  }

  async #available(db: Kysely<EdgeDatabase> | Transaction<EdgeDatabase>, row: RosterRow, stayRef: string) {
    if (row.available_credit_minor === null) return null;
    return row.available_credit_minor - (await unreflectedMinor(db, stayRef, row.as_of));
  }

  #inHouse(row: RosterRow | undefined): { row: RosterRow; stayRef: string } {
    if (!row) throw new EdgeError('ROOM_NOT_FOUND', 'no guest in this room on the outlet roster');
    if (row.in_house !== 1 || row.stay_ref === null) {
      throw new EdgeError('GUEST_CHECKED_OUT', 'the guest of this room has checked out');
    }
    return { row, stayRef: row.stay_ref };
  }

  async #assertFresh(db: Kysely<EdgeDatabase> | Transaction<EdgeDatabase> = this.#o.db): Promise<void> {
    const info = await rosterInfo(db);
    const age = info.receivedAt === null ? Infinity : this.#o.now().getTime() - Date.parse(info.receivedAt);
    if (age > this.#o.maxRosterAgeMs) {
      throw this.#refuse('CONNECTION_FAILED', {
        guest: 'Room charges are not possible while the hotel system is offline.',
        staff:
          info.receivedAt === null
            ? 'Central is unreachable and this outlet has no roster yet.'
            : `Central is unreachable and the roster is too old (from ${info.receivedAt}).`,
      });
    }
  }

  /** Guests read guest words; staff read what happened and the figures. */
  #refuse(
    code: ErrorCode,
    words: { guest: string; staff: string },
    context: Record<string, unknown> = {},
  ): EdgeError {
    return new EdgeError(code, this.#o.mode === 'staff' ? words.staff : words.guest, {
      context: { ...context, standIn: true },
    });
  }
}

function money(minor: number, currency: string): string {
  return isCurrencyCode(currency) ? formatMinor(minor, currency as CurrencyCode) : `${minor} ${currency}`;
}
