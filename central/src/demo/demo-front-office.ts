// The demo's front office: rate plan BAR for every room type, deposit policy DEP25 and one
// future reservation waiting for its deposit, so the book → deposit → check-in → checkout walk-through
// (docs/folio-engine.md) runs against `npm start`. Leaves the in-house guests of demo-hotel.ts untouched.
import type { FolioService } from '@roompost/folio';

export const DEMO_RATE_PLAN = 'BAR';
export const DEMO_DEPOSIT_POLICY = 'DEP25';
export const DEMO_FUTURE_CONFIRMATION = 'HX78460309';

/** Nightly rates in cents for the demo's room types. */
const NIGHTLY: Record<string, number> = { SQ: 18_900, DK: 24_900, JS: 39_900 };

export async function seedDemoFrontOffice(
  folio: FolioService,
  today: string,
  addDays: (d: string, n: number) => string,
) {
  await folio.createRatePlan({
    code: DEMO_RATE_PLAN,
    name: 'Best available rate',
    extraAdultMinor: 3_500,
    extraChildMinor: 1_500,
    extraBedMinor: 2_500,
    // One night at the booked rate when a guest leaves early.
    earlyDeparture: { kind: 'NIGHTS', value: '1' },
  });
  for (const [roomTypeCode, amountMinor] of Object.entries(NIGHTLY)) {
    await folio.setRates({
      ratePlanCode: DEMO_RATE_PLAN,
      roomTypeCode,
      from: addDays(today, -1),
      to: addDays(today, 366),
      amountMinor,
    });
  }
  // night audit on the demo adds 10 % to Junior Suite nights on Fri–Sun and $25.00 a night per extra
  // bed (the walk-through of docs/folio-engine.md books a Standard Queen without extra beds: unaffected).
  await folio.createRule(
    {
      code: 'WEEKEND',
      kind: 'WEEKEND',
      name: 'Suite weekend surcharge',
      percent: '10',
      roomTypeCodes: ['JS'],
    },
    'demo-seed',
  );
  await folio.createRule(
    { code: 'XBED', kind: 'EXTRA_BED', name: 'Extra bed', amountMinor: 2_500 },
    'demo-seed',
  );
  await folio.createDepositPolicy({
    code: DEMO_DEPOSIT_POLICY,
    type: 'BOOKING_DEPOSIT',
    percent: '25',
    expiryHours: 72,
  });
  const guestId = await folio.createGuest({
    title: 'Ms.',
    firstName: 'Ananya',
    lastName: 'Rao',
    email: 'ananya.rao@example.com',
  });
  const reservation = await folio.book({
    guestId,
    roomNumber: '309',
    ratePlanCode: DEMO_RATE_PLAN,
    arrival: addDays(today, 7),
    departure: addDays(today, 10),
    adults: 2,
    depositPolicyCode: DEMO_DEPOSIT_POLICY,
    creditLimitMinor: 100_000,
    confirmation: DEMO_FUTURE_CONFIRMATION,
    by: 'demo-seed',
  });
  await folio.transitionReservation({ reservationId: reservation.id, to: 'PendingDeposit', by: 'demo-seed' });
  return reservation.id;
}
