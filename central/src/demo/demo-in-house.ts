// What both demo hotels do to fill their rooms: check guests in with a key card each, post their earlier
// outlet checks (yesterday's under yesterday's business date, then the date rolls), and check out the
// guest who left today. The hotels differ only in their data.
import type { FolioService } from '@roompost/folio';

export interface DemoGuest {
  room: string;
  title: string;
  firstName: string;
  lastName: string;
  vipLevel?: string;
  confirmation: string;
  /** Days relative to the business date. */
  arrive: number;
  depart: number;
  adults: number;
  creditLimitMinor: number | null;
  cardUid: string;
  noPost?: boolean;
  checkedOutToday?: boolean;
  /** Earlier outlet checks that make up the opening balance; `day` relative to the business date. */
  charges?: DemoOutletCheck[];
}

export interface DemoOutletCheck {
  day: -1 | 0;
  outlet: string;
  name: string;
  check: string;
  subtotal: number;
  /** The tax the outlet charged on `subtotal`. */
  tax: number;
  tip: number;
}

export interface InHouseSeed {
  currency: string;
  /** Prefix of the demo charges' ids (their idempotency keys). */
  chargeIdPrefix: string;
  emailDomain: string;
  /** The employee the demo's outlet checks are posted by. */
  postedBy: string;
}

/**
 * Checks `guests` in on a property whose business date is yesterday, posts their outlet checks, moves
 * the business date to `today` between yesterday's and today's, and checks out who left today.
 */
export async function seedInHouseGuests(
  folio: FolioService,
  today: string,
  guests: readonly DemoGuest[],
  seed: InHouseSeed,
): Promise<void> {
  const stays = new Map<DemoGuest, string>();
  for (const guest of guests) {
    const guestId = await folio.createGuest({
      title: guest.title,
      firstName: guest.firstName,
      lastName: guest.lastName,
      vipLevel: guest.vipLevel ?? null,
      email: `${guest.firstName}.${guest.lastName}@${seed.emailDomain}`.toLowerCase(),
    });
    const stayId = await folio.checkIn({
      roomNumber: guest.room,
      guestId,
      confirmation: guest.confirmation,
      arrival: addDays(today, guest.arrive),
      departure: addDays(today, guest.depart),
      adults: guest.adults,
      creditLimitMinor: guest.creditLimitMinor,
      noPost: guest.noPost ?? false,
    });
    await folio.issueCredential({ uid: guest.cardUid, stayId });
    stays.set(guest, stayId);
  }

  for (const day of [-1, 0] as const) {
    if (day === 0) await folio.setBusinessDate(today);
    for (const [guest, stayRef] of stays) {
      for (const charge of guest.charges ?? []) {
        if (charge.day !== day) continue;
        await folio.postCharge({
          chargeId: `${seed.chargeIdPrefix}-${guest.room}-${charge.outlet}-${charge.check}`,
          stayRef,
          roomNumber: guest.room,
          outletCode: charge.outlet,
          checkNumber: charge.check,
          description: charge.name,
          currency: seed.currency,
          subtotalMinor: charge.subtotal,
          taxMinor: charge.tax,
          tipMinor: charge.tip,
          postedBy: seed.postedBy,
          serviceDate: addDays(today, day),
        });
      }
    }
  }

  for (const [guest, stayRef] of stays) {
    if (guest.checkedOutToday) await folio.checkOut(stayRef);
  }
}

/** YYYY-MM-DD plus whole days, in calendar arithmetic (no time zone can shift a pure date). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y!, m! - 1, d! + days));
  if (Number.isNaN(shifted.getTime())) throw new RangeError(`not a date as YYYY-MM-DD: ${date}`);
  return shifted.toISOString().slice(0, 10);
}
