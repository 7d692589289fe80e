// A small INR hotel for the reservation, deposit, folio-operation and checkout tests: rooms 301–303 of
// type DLX (base occupancy 2), rate plan BAR at ₹6,000.00 a night through March 2026 with a 50 %
// early-departure rule, and deposit policy DEP30 (30 % of the stay, 48 h hold).
import type { FolioService } from '@roompost/folio';

export const BUSINESS_DATE = '2026-03-10';
export const NIGHT = 600_000;
export const CLERK = 'fd-anita';

export async function seedFrontOffice(folio: FolioService) {
  await folio.configureProperty({
    name: 'Lake Palace',
    currency: 'INR',
    timeZone: 'Asia/Kolkata',
    businessDate: BUSINESS_DATE,
  });
  await folio.createRoomType({ code: 'DLX', name: 'Deluxe Double', baseOccupancy: 2 });
  for (const number of ['301', '302', '303']) await folio.createRoom({ number, roomTypeCode: 'DLX' });
  await folio.createRatePlan({
    code: 'BAR',
    name: 'Best available rate',
    extraAdultMinor: 100_000,
    extraBedMinor: 50_000,
    earlyDeparture: { kind: 'PERCENT_OF_REMOVED', value: '50' },
  });
  await folio.setRates({
    ratePlanCode: 'BAR',
    roomTypeCode: 'DLX',
    from: '2026-03-01',
    to: '2026-04-01',
    amountMinor: NIGHT,
  });
  await folio.createDepositPolicy({ code: 'DEP30', type: 'BOOKING_DEPOSIT', percent: '30', expiryHours: 48 });
  const guestId = await folio.createGuest({ title: 'Mr.', firstName: 'Rajesh', lastName: 'Kumar' });
  return { guestId };
}

/** Books 301 for 10–14 March (4 nights) as a Draft, with DEP30 unless told otherwise. */
export function bookRoom(
  folio: FolioService,
  guestId: string,
  overrides: Partial<Parameters<FolioService['book']>[0]> = {},
) {
  return folio.book({
    guestId,
    roomNumber: '301',
    ratePlanCode: 'BAR',
    arrival: '2026-03-10',
    departure: '2026-03-14',
    adults: 2,
    depositPolicyCode: 'DEP30',
    creditLimitMinor: 5_000_000,
    by: CLERK,
    ...overrides,
  });
}

/** Booked, deposit held, confirmed and checked in on 10 March: the reservation and its window 1. */
export async function checkedIn(
  folio: FolioService,
  guestId: string,
  overrides: Partial<Parameters<FolioService['book']>[0]> = {},
) {
  const booked = await bookRoom(folio, guestId, overrides);
  if (booked.depositPolicyCode === null) {
    await folio.transitionReservation({ reservationId: booked.id, to: 'Confirmed', by: CLERK });
  } else {
    await folio.transitionReservation({ reservationId: booked.id, to: 'PendingDeposit', by: CLERK });
    await folio.holdDeposit({ reservationId: booked.id, method: 'CARD', reference: 'AUTH-1', by: CLERK });
  }
  const reservation = await folio.checkInReservation({ reservationId: booked.id, by: CLERK });
  return { reservation, folioId: reservation.folios[0]!.id, stayRef: reservation.stayRef! };
}
