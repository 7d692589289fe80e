// The demo property that `npm start` and the tests run against: Harbour View Hotel, seed 000's guests
// (Mr. James Wilson in 412 with 245.00 of his 500.00 limit used) plus one guest for every outlet answer:
// checked out today, charges blocked, almost out of credit.
import type { FolioService, InvoiceSettingsInput } from '@roompost/folio';
import { seedDemoFrontOffice } from './demo-front-office.js';
import { addDays, type DemoGuest, seedInHouseGuests } from './demo-in-house.js';

export interface DemoCard {
  uid: string;
  roomNumber: string;
  guestName: string;
}

export interface DemoSeedResult {
  /** false when the property already existed and nothing was written. */
  seeded: boolean;
  cards: DemoCard[];
}

const ROOM_TYPES = [
  { code: 'SQ', name: 'Standard Queen', baseOccupancy: 2 },
  { code: 'DK', name: 'Deluxe King', baseOccupancy: 2 },
  { code: 'JS', name: 'Junior Suite', baseOccupancy: 3 },
] as const;

const ROOMS: Array<{ number: string; type: (typeof ROOM_TYPES)[number]['code'] }> = [
  ...range(301, 308).map((n) => ({ number: String(n), type: 'SQ' as const })),
  ...range(309, 310).map((n) => ({ number: String(n), type: 'DK' as const })),
  ...range(401, 404).map((n) => ({ number: String(n), type: 'SQ' as const })),
  ...range(405, 408).map((n) => ({ number: String(n), type: 'DK' as const })),
  ...range(409, 411).map((n) => ({ number: String(n), type: 'JS' as const })),
  { number: '412', type: 'DK' },
];

// Taxes are what the outlets computed (8.875% NYC sales tax, half-up per check); the folio does not recompute.
const GUESTS: DemoGuest[] = [
  {
    room: '412',
    title: 'Mr.',
    firstName: 'James',
    lastName: 'Wilson',
    vipLevel: 'Gold',
    confirmation: 'HX78451290',
    arrive: -2,
    depart: 1,
    adults: 2,
    creditLimitMinor: 50_000,
    cardUid: '04A1B2C3',
    charges: [
      { day: -1, outlet: 'REST', name: 'Restaurant', check: '1102', subtotal: 11_000, tax: 976, tip: 2_200 },
      { day: 0, outlet: 'BAR', name: 'Bar/Lounge', check: '2207', subtotal: 8_500, tax: 754, tip: 1_070 },
    ],
  },
  {
    room: '402',
    title: 'Ms.',
    firstName: 'Sarah',
    lastName: 'Chen',
    confirmation: 'HX78452218',
    arrive: -1,
    depart: 2,
    adults: 1,
    creditLimitMinor: 100_000,
    cardUid: '04B2C3D4',
  },
  {
    room: '306',
    title: 'Mr.',
    firstName: 'Mike',
    lastName: 'Johnson',
    confirmation: 'HX78452315',
    arrive: -3,
    depart: 1,
    adults: 2,
    creditLimitMinor: 75_000,
    cardUid: '04C3D4E5',
    charges: [
      { day: -1, outlet: 'POOL', name: 'Pool Bar', check: '3051', subtotal: 3_600, tax: 320, tip: 720 },
    ],
  },
  {
    room: '310',
    title: 'Ms.',
    firstName: 'Priya',
    lastName: 'Sharma',
    confirmation: 'HX78453310',
    arrive: -2,
    depart: 2,
    adults: 1,
    creditLimitMinor: 20_000,
    cardUid: '04D4E5F6',
    charges: [
      {
        day: -1,
        outlet: 'IRS',
        name: 'In-Room Dining',
        check: '4417',
        subtotal: 16_000,
        tax: 1_420,
        tip: 1_580,
      },
    ],
  },
  {
    room: '407',
    title: 'Mr.',
    firstName: 'Robert',
    lastName: 'Garcia',
    confirmation: 'HX78454407',
    arrive: -1,
    depart: 3,
    adults: 2,
    creditLimitMinor: 50_000,
    cardUid: '04E5F6A7',
    noPost: true,
  },
  {
    room: '410',
    title: 'Dr.',
    firstName: 'Aisha',
    lastName: 'Khan',
    vipLevel: 'Platinum',
    confirmation: 'HX78455410',
    arrive: 0,
    depart: 4,
    adults: 3,
    creditLimitMinor: 150_000,
    cardUid: '04F6A7B8',
  },
  {
    room: '303',
    title: 'Mrs.',
    firstName: 'Maria',
    lastName: 'Rossi',
    confirmation: 'HX78456303',
    arrive: -1,
    depart: 1,
    adults: 2,
    creditLimitMinor: 50_000,
    cardUid: '04A7B8C9',
  },
  {
    room: '305',
    title: 'Ms.',
    firstName: 'Emily',
    lastName: 'Davis',
    confirmation: 'HX78457305',
    arrive: -3,
    depart: 0,
    adults: 1,
    creditLimitMinor: 50_000,
    cardUid: '04B8C9DA',
    checkedOutToday: true,
  },
];

const DEMO_NAME = 'Harbour View Hotel';

/** A New York hotel: NYC hotel taxes, no GSTIN; invoices HV/2026/00001…, credit notes HVCN/2026/00001…. */
export const DEMO_INVOICING: InvoiceSettingsInput = {
  legalName: 'Harbour View Hotel LLC',
  address: '1 Harbour View Plaza, New York, NY 10004, USA',
  regime: 'US_NYC',
  invoicePrefix: 'HV',
  creditNotePrefix: 'HVCN',
};

/** The demo's key cards, including the departed guest's (tapping it shows GUEST_CHECKED_OUT). */
export const DEMO_CARDS: readonly DemoCard[] = GUESTS.map((g) => ({
  uid: g.cardUid,
  roomNumber: g.room,
  guestName: `${g.title} ${g.firstName} ${g.lastName}`,
}));

/**
 * Seeds the demo hotel with `today` as the business date. If the property exists it only adds the demo's
 * invoice settings when there are none (a demo file from before invoicing). Not one
 * transaction (the folio service owns its own), so a seed that crashed midway needs a fresh database file.
 */
export async function seedDemoHotel(folio: FolioService, today: string): Promise<DemoSeedResult> {
  const cards = DEMO_CARDS.map((card) => ({ ...card }));
  const existing = await folio.getProperty();
  if (existing) {
    // A demo database from before invoicing was seeded gets its settings; nothing else is touched.
    if (existing.name === DEMO_NAME) await seedDemoInvoicing(folio);
    return { seeded: false, cards };
  }

  // Opened yesterday so that yesterday's charges carry yesterday's business date; then "night audit" ran.
  await folio.configureProperty({
    name: DEMO_NAME,
    currency: 'USD',
    timeZone: 'America/New_York',
    businessDate: addDays(today, -1),
  });
  for (const type of ROOM_TYPES) await folio.createRoomType(type);
  for (const room of ROOMS) await folio.createRoom({ number: room.number, roomTypeCode: room.type });

  await seedInHouseGuests(folio, today, GUESTS, {
    currency: 'USD',
    chargeIdPrefix: 'demo',
    emailDomain: 'example.com',
    postedBy: 'EMP-042',
  });
  await seedDemoFrontOffice(folio, today, addDays);
  await seedDemoInvoicing(folio);
  return { seeded: true, cards };
}

/** Invoice settings once: settings someone changed since (PUT /api/folio/invoice-settings) are kept. */
async function seedDemoInvoicing(folio: FolioService): Promise<void> {
  if ((await folio.getInvoicingSettings()) === null)
    await folio.configureInvoicing(DEMO_INVOICING, 'demo-seed');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
