// The Indian demo property (`ROOMPOST_DEMO=in npm start`): Amber Haveli, a heritage hotel in Jaipur,
// Rajasthan (GST state 08), in INR on Asia/Kolkata. Its room types straddle the GST slabs of the current
// period (domain.md §3, from 22 Sep 2025: ≤ ₹7,500 per unit per day 5 % without ITC, above it 18 %), and
// it is "specified premises" (a unit above ₹7,500), so its restaurant charges 18 % with ITC.
// docs/walkthrough-gst-invoice.md walks a stay from booking to a finalized GST invoice on this data.
import {
  type BillToInput,
  type FolioService,
  type InvoiceSettingsInput,
  percentOfMinor,
} from '@roompost/folio';
import type { DemoCard, DemoSeedResult } from './demo-hotel.js';
import { addDays, type DemoGuest, type DemoOutletCheck, seedInHouseGuests } from './demo-in-house.js';

export const IN_DEMO_NAME = 'Amber Haveli Jaipur';
export const IN_DEMO_CURRENCY = 'INR';
export const IN_DEMO_TIME_ZONE = 'Asia/Kolkata';
export const IN_DEMO_RATE_PLAN = 'BAR';
export const IN_DEMO_DEPOSIT_POLICY = 'DEP25';

/** Invoices AH/26-27/00001… per Indian financial year, credit notes AHCN/26-27/00001…. */
export const IN_DEMO_INVOICING: InvoiceSettingsInput = {
  legalName: 'Amber Haveli Hospitality Pvt Ltd',
  address: '14 Amer Road, Jaipur, Rajasthan 302002, India',
  gstin: '08AAKCA4521M1ZH',
  stateCode: '08',
  regime: 'IN_GST',
  // Notif 05/2025-CT(R): a unit above ₹7,500 per day (the suites) makes the hotel specified premises.
  specifiedPremises: true,
  invoicePrefix: 'AH',
  creditNotePrefix: 'AHCN',
};

/** The corporate client whose GSTIN goes on B2B invoices (registered in Maharashtra, state 27). */
export const IN_DEMO_COMPANY: Required<BillToInput> = {
  name: 'Deccan Textiles Pvt Ltd',
  address: '5th floor, Raheja Centre, Nariman Point, Mumbai, Maharashtra 400021',
  gstin: '27AADCD7788K1ZY',
  stateCode: '27',
};

/** Nightly rates in paise on rate plan BAR: two room types at or below ₹7,500 (5 %), two above (18 %). */
export const IN_DEMO_ROOM_TYPES = [
  { code: 'DLX', name: 'Deluxe Room', baseOccupancy: 2, nightlyMinor: 450_000 },
  { code: 'PRM', name: 'Premier Room', baseOccupancy: 2, nightlyMinor: 750_000 },
  { code: 'HS', name: 'Heritage Suite', baseOccupancy: 3, nightlyMinor: 1_250_000 },
  { code: 'MS', name: 'Maharaja Suite', baseOccupancy: 2, nightlyMinor: 4_500_000 },
] as const;

const ROOMS: Array<{ number: string; type: (typeof IN_DEMO_ROOM_TYPES)[number]['code'] }> = [
  ...['101', '102', '103', '104', '105', '106', '107', '108'].map((number) => ({
    number,
    type: 'DLX' as const,
  })),
  ...['201', '202', '203', '204', '205', '206'].map((number) => ({ number, type: 'PRM' as const })),
  ...['301', '302', '303'].map((number) => ({ number, type: 'HS' as const })),
  { number: '401', type: 'MS' },
];

type GuestWithoutTax = Omit<DemoGuest, 'charges'> & { charges?: Array<Omit<DemoOutletCheck, 'tax'>> };

/** Outlet checks carry the GST the outlet charged: 18 %, CGST 9 % + SGST 9 %, each rounded half-up on its own. */
function withOutletGst(guests: GuestWithoutTax[]): DemoGuest[] {
  const half = (subtotal: number) => percentOfMinor(subtotal, '9', 'HALF_UP');
  return guests.map((g) => ({ ...g, charges: g.charges?.map((c) => ({ ...c, tax: 2 * half(c.subtotal) })) }));
}

const GUESTS: DemoGuest[] = withOutletGst([
  {
    room: '204',
    title: 'Mr.',
    firstName: 'Arjun',
    lastName: 'Mehta',
    confirmation: 'AH26110204',
    arrive: -2,
    depart: 1,
    adults: 1,
    creditLimitMinor: 5_000_000,
    cardUid: '08A1B2C3',
    charges: [
      { day: -1, outlet: 'REST', name: 'Chandni Mahal', check: '5102', subtotal: 245_000, tip: 20_000 },
      { day: 0, outlet: 'BAR', name: 'Sheesh Bar', check: '6207', subtotal: 98_000, tip: 0 },
    ],
  },
  {
    room: '105',
    title: 'Ms.',
    firstName: 'Kavya',
    lastName: 'Iyer',
    confirmation: 'AH26110105',
    arrive: -1,
    depart: 2,
    adults: 2,
    creditLimitMinor: 2_500_000,
    cardUid: '08B2C3D4',
  },
  {
    room: '302',
    title: 'Dr.',
    firstName: 'Rohan',
    lastName: 'Kapoor',
    confirmation: 'AH26110302',
    arrive: 0,
    depart: 3,
    adults: 3,
    creditLimitMinor: 10_000_000,
    cardUid: '08C3D4E5',
  },
  {
    room: '206',
    title: 'Mr.',
    firstName: 'Farhan',
    lastName: 'Qureshi',
    confirmation: 'AH26110206',
    arrive: -1,
    depart: 1,
    adults: 2,
    creditLimitMinor: 2_000_000,
    cardUid: '08D4E5F6',
    noPost: true,
  },
  {
    room: '107',
    title: 'Ms.',
    firstName: 'Meera',
    lastName: 'Nair',
    confirmation: 'AH26110107',
    arrive: -2,
    depart: 0,
    adults: 1,
    creditLimitMinor: 2_000_000,
    cardUid: '08E5F6A7',
    checkedOutToday: true,
  },
]);

/** The Indian demo's key cards (the departed guest's card answers GUEST_CHECKED_OUT). */
export const IN_DEMO_CARDS: readonly DemoCard[] = GUESTS.map((g) => ({
  uid: g.cardUid,
  roomNumber: g.room,
  guestName: `${g.title} ${g.firstName} ${g.lastName}`,
}));

/**
 * Seeds Amber Haveli with `today` as the business date; a property that exists is left as it is. Not one
 * transaction (the folio service owns its own), so a seed that crashed midway needs a fresh database file.
 */
export async function seedIndianDemoHotel(folio: FolioService, today: string): Promise<DemoSeedResult> {
  const cards = IN_DEMO_CARDS.map((card) => ({ ...card }));
  if (await folio.getProperty()) return { seeded: false, cards };

  await folio.configureProperty({
    name: IN_DEMO_NAME,
    currency: IN_DEMO_CURRENCY,
    timeZone: IN_DEMO_TIME_ZONE,
    businessDate: addDays(today, -1),
  });
  await folio.configureInvoicing(IN_DEMO_INVOICING, 'demo-seed');
  for (const { code, name, baseOccupancy } of IN_DEMO_ROOM_TYPES) {
    await folio.createRoomType({ code, name, baseOccupancy });
  }
  for (const room of ROOMS) await folio.createRoom({ number: room.number, roomTypeCode: room.type });

  await folio.createRatePlan({
    code: IN_DEMO_RATE_PLAN,
    name: 'Best available rate',
    extraAdultMinor: 150_000,
    extraChildMinor: 75_000,
    extraBedMinor: 120_000,
    // One night at the booked rate when a guest leaves early.
    earlyDeparture: { kind: 'NIGHTS', value: '1' },
  });
  for (const type of IN_DEMO_ROOM_TYPES) {
    await folio.setRates({
      ratePlanCode: IN_DEMO_RATE_PLAN,
      roomTypeCode: type.code,
      from: addDays(today, -1),
      to: addDays(today, 366),
      amountMinor: type.nightlyMinor,
    });
  }
  await folio.createDepositPolicy({
    code: IN_DEMO_DEPOSIT_POLICY,
    type: 'BOOKING_DEPOSIT',
    percent: '25',
    expiryHours: 72,
  });
  // Deccan Textiles' negotiated rate: 10 % below BAR, no early-departure fee. A Premier Room stays in the
  // 5 % slab (₹6,750); the slab follows the price charged, not the published tariff.
  await folio.createRatePlan({
    code: 'CORP',
    name: 'Corporate (Deccan Textiles)',
    extraAdultMinor: 150_000,
    extraChildMinor: 75_000,
    extraBedMinor: 120_000,
    earlyDeparture: { kind: 'NONE', value: null },
  });
  for (const type of IN_DEMO_ROOM_TYPES) {
    await folio.setRates({
      ratePlanCode: 'CORP',
      roomTypeCode: type.code,
      from: addDays(today, -1),
      to: addDays(today, 366),
      amountMinor: (type.nightlyMinor * 9) / 10,
    });
  }
  // A fixed ₹5,000 advance at check-in, for walk-ins.
  await folio.createDepositPolicy({
    code: 'ADV5K',
    type: 'CHECKIN_ADVANCE',
    fixedMinor: 500_000,
    expiryHours: 24,
  });

  await seedInHouseGuests(folio, today, GUESTS, {
    currency: IN_DEMO_CURRENCY,
    chargeIdPrefix: 'demo-in',
    emailDomain: 'example.in',
    postedBy: 'EMP-108',
  });
  return { seeded: true, cards };
}
