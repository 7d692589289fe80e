// What an outlet is told about a guest it is about to charge (seed 000 "Guest Lookup Response").
import { asMinorUnits, type MinorUnits } from '../money/index.js';
import type { StayDetailRow } from './stay.repository.js';

export type StayRestrictionCode = 'CHARGES_BLOCKED' | 'CREDIT_EXCEEDED';

export interface StayLookup {
  /** The stay id; an outlet posts the charge against exactly this stay. */
  stayRef: string;
  roomNumber: string;
  roomTypeName: string;
  guest: { title: string | null; firstName: string; lastName: string; vipLevel: string | null };
  confirmation: string;
  arrival: string;
  departure: string;
  adults: number;
  currency: string;
  /** null: no limit. */
  creditLimitMinor: MinorUnits | null;
  /** Over all folio windows of the stay. */
  balanceMinor: MinorUnits;
  /** creditLimit − balance (may be negative); null without a limit. */
  availableCreditMinor: MinorUnits | null;
  noPost: boolean;
  /** Why charges are not allowed now; null when they are. */
  restriction: null | { code: StayRestrictionCode; reason: string };
}

export function toStayLookup(stay: StayDetailRow, balanceMinor: number, currency: string): StayLookup {
  const balance = asMinorUnits(balanceMinor);
  const creditLimit = stay.credit_limit_minor === null ? null : asMinorUnits(stay.credit_limit_minor);
  const available = creditLimit === null ? null : asMinorUnits(creditLimit - balance);
  const noPost = stay.no_post === 1;
  return {
    stayRef: stay.id,
    roomNumber: stay.room_number,
    roomTypeName: stay.room_type_name,
    guest: {
      title: stay.guest_title,
      firstName: stay.guest_first_name,
      lastName: stay.guest_last_name,
      vipLevel: stay.guest_vip_level,
    },
    confirmation: stay.confirmation,
    arrival: stay.arrival,
    departure: stay.departure,
    adults: stay.adults,
    currency,
    creditLimitMinor: creditLimit,
    balanceMinor: balance,
    availableCreditMinor: available,
    noPost,
    restriction: restrictionOf(noPost, available),
  };
}

function restrictionOf(noPost: boolean, available: number | null): StayLookup['restriction'] {
  if (noPost) return { code: 'CHARGES_BLOCKED', reason: 'Room charges are blocked' };
  if (available !== null && available <= 0)
    return { code: 'CREDIT_EXCEEDED', reason: 'Credit limit exceeded' };
  return null;
}
