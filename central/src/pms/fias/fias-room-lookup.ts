// A PL guest block in our terms (RoomLookup). FIAS says little about a stay in a PL: RN, G#, GN
// always (p.85); GA/GD/GV and BA/CL/NP only when the PMS is configured to send them.
import { currencyExponent } from '@roompost/folio/money';
import type { RoomLookup } from '@roompost/sync';
import { PmsError } from '../adapter.js';
import type { FiasPmsConfig } from './fias-config.js';
import { isoFromFiasDate, moneyIn } from './fias-fields.js';
import type { PlGuest } from './fias-records.js';

/** stayRef of a FIAS guest: the reservation (G#) and the room it was verified in. */
export function stayRefOf(reservation: string, roomNumber: string): string {
  return `fias:${reservation}:${roomNumber}`;
}

export function parseStayRef(stayRef: string): { reservation: string; roomNumber: string } | null {
  const m = /^fias:([^:]*):(.+)$/.exec(stayRef);
  return m ? { reservation: m[1]!, roomNumber: m[2]! } : null;
}

/** GN is "Last, First" or "Last, Title" (p.85 "Guest, Mr."); GF, when sent, is the first name. */
export function splitName(gn: string, gf: string | undefined): { firstName: string; lastName: string } {
  const comma = gn.indexOf(',');
  const lastName = (comma < 0 ? gn : gn.slice(0, comma)).trim();
  const rest = comma < 0 ? '' : gn.slice(comma + 1).trim();
  return { lastName, firstName: gf?.trim() || rest };
}

export function toRoomLookup(g: PlGuest, config: FiasPmsConfig): RoomLookup {
  const f = (code: string) => g.fields.get(code);
  const roomNumber = f('RN') ?? '';
  const reservation = f('G#') ?? '';
  if (!roomNumber)
    throw new PmsError('POSTING_REJECTED', 'FIAS PL without a room number', { retryable: false });
  const { firstName, lastName } = splitName(f('GN') ?? '', f('GF'));
  const exponent = currencyExponent(config.currency);
  const limit = moneyIn(f('CL'), exponent);
  const balance = moneyIn(f('BA'), exponent) ?? 0;
  const available = limit === null ? null : limit - balance;
  const noPost = f('NP') === 'Y';
  const restriction = noPost
    ? ({ code: 'CHARGES_BLOCKED', reason: 'No-post flag set in the PMS' } as const)
    : available !== null && available <= 0
      ? ({ code: 'CREDIT_EXCEEDED', reason: 'Credit limit reached in the PMS' } as const)
      : null;
  return {
    roomNumber,
    roomType: '',
    stayRef: stayRefOf(reservation, roomNumber),
    guest: { name: `${firstName} ${lastName}`.trim(), firstName, lastName, vipLevel: f('GV') || null },
    reservation: {
      confirmation: reservation,
      // A PL without GA/GD (the spec's own example has none) gives no dates: say so, don't invent them.
      checkIn: isoFromFiasDate(f('GA')),
      checkOut: isoFromFiasDate(f('GD')),
      adults: 1,
      status: 'in_house',
    },
    billing: {
      currency: config.currency,
      chargesAllowed: restriction === null,
      creditLimitMinor: limit,
      currentBalanceMinor: balance,
      availableCreditMinor: available,
    },
    restriction,
  };
}
