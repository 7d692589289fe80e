import type { RoomLookup } from '@roompost/sync';

/** What every PMS tells about an in-house stay, in our units, before it becomes a RoomLookup. */
export interface StayFacts {
  roomNumber: string;
  roomType: string;
  stayRef: string;
  title?: string | null;
  firstName: string;
  lastName: string;
  vipLevel?: string | null;
  confirmation: string;
  checkIn: string;
  checkOut: string;
  adults: number;
  currency: string;
  creditLimitMinor: number | null;
  balanceMinor: number;
  /** The PMS says this stay may not be charged (No-Post, Cashlist, no folio that allows charges). */
  blockedReason: string | null;
}

/** Seed 000 `pms_lookup_response` from the facts, with the headroom computed in one place. */
export function toRoomLookup(f: StayFacts): RoomLookup {
  const available = f.creditLimitMinor === null ? null : f.creditLimitMinor - f.balanceMinor;
  const restriction = f.blockedReason
    ? { code: 'CHARGES_BLOCKED' as const, reason: f.blockedReason }
    : available !== null && available <= 0
      ? { code: 'CREDIT_EXCEEDED' as const, reason: 'Credit limit exceeded' }
      : null;
  return {
    roomNumber: f.roomNumber,
    roomType: f.roomType,
    stayRef: f.stayRef,
    guest: {
      name: `${f.title ? `${f.title} ` : ''}${f.firstName} ${f.lastName}`.trim(),
      firstName: f.firstName,
      lastName: f.lastName,
      vipLevel: f.vipLevel ?? null,
    },
    reservation: {
      confirmation: f.confirmation,
      checkIn: f.checkIn.slice(0, 10),
      checkOut: f.checkOut.slice(0, 10),
      adults: f.adults,
      status: 'in_house',
    },
    billing: {
      currency: f.currency,
      chargesAllowed: restriction === null,
      creditLimitMinor: f.creditLimitMinor,
      currentBalanceMinor: f.balanceMinor,
      availableCreditMinor: available,
    },
    restriction,
  };
}

/** "Wilson, James" or "James Wilson" → first and last name (Cloudbeds and HTNG send one string). */
export function splitName(full: string): { firstName: string; lastName: string } {
  const text = full.trim();
  if (text.includes(',')) {
    const [last = '', first = ''] = text.split(',', 2);
    return { firstName: first.trim(), lastName: last.trim() };
  }
  const i = text.lastIndexOf(' ');
  return i < 0
    ? { firstName: '', lastName: text }
    : { firstName: text.slice(0, i), lastName: text.slice(i + 1) };
}
