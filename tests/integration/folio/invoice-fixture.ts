// An Indian hotel on a real SQLite file with invoicing configured, and a way to put postings on a folio
// with a charge category (the ledger as a fixture: which feature posted them does not matter here).
import type { TestContext } from 'node:test';
import {
  type ChargeCategory,
  createInvoiceService,
  type FolioDatabase,
  type PostingType,
} from '@roompost/folio';
import { type Kysely, sql } from 'kysely';
import { openFolioFixture } from './folio-fixture.js';

export const GSTIN = '27AABCS1234F1Z5';

export async function openIndianHotel(t: TestContext, businessDate = '2025-11-15') {
  const fixture = await openFolioFixture(t);
  fixture.clock.set(`${businessDate}T06:30:00.000Z`);
  await fixture.folio.configureProperty({
    name: 'Hotel Sagar',
    currency: 'INR',
    timeZone: 'Asia/Kolkata',
    businessDate,
  });
  const invoices = createInvoiceService(fixture.store.db, { clock: fixture.clock });
  await invoices.configureInvoicing(
    {
      legalName: 'Sagar Hotels Pvt Ltd',
      address: 'Marine Drive, Mumbai 400020',
      gstin: GSTIN,
      regime: 'IN_GST',
    },
    'admin',
  );
  await fixture.folio.createRoomType({ code: 'DD', name: 'Deluxe Double', baseOccupancy: 2 });
  return { ...fixture, invoices };
}

let roomSeq = 300;

/** Checks a guest into a new room for 13–15 Nov 2025; returns the stay and its folio window 1. */
export async function stayWithFolio(hotel: Awaited<ReturnType<typeof openIndianHotel>>) {
  const number = String(++roomSeq);
  await hotel.folio.createRoom({ number, roomTypeCode: 'DD' });
  const guestId = await hotel.folio.createGuest({ title: 'Mr.', firstName: 'Rajesh', lastName: 'Kumar' });
  const stayId = await hotel.folio.checkIn({
    roomNumber: number,
    guestId,
    confirmation: `RES-${number}`,
    arrival: '2025-11-13',
    departure: '2025-11-15',
    adults: 2,
    creditLimitMinor: null,
  });
  const folio = await hotel.store.db
    .selectFrom('folios')
    .select('id')
    .where('stay_id', '=', stayId)
    .executeTakeFirstOrThrow();
  return { stayId, folioId: folio.id };
}

let postingSeq = 0;

export async function postRaw(
  db: Kysely<FolioDatabase>,
  folioId: string,
  line: { type: PostingType; rupees: number; date: string; description: string; category?: ChargeCategory },
): Promise<string> {
  const id = `posting-${++postingSeq}`;
  await sql`
    insert into postings (id, folio_id, type, amount_minor, currency, description, business_date,
      service_date, created_at, posted_by, line_no, category)
    values (${id}, ${folioId}, ${line.type}, ${Math.round(line.rupees * 100)}, 'INR', ${line.description},
      ${line.date}, ${line.date}, ${`${line.date}T10:00:00.000Z`}, 'FD-1', 1, ${line.category ?? null})
  `.execute(db);
  return id;
}

/** Seed 004 §8's charges and payments on one folio. */
export async function postSeedStay(db: Kysely<FolioDatabase>, folioId: string): Promise<void> {
  const lines: Parameters<typeof postRaw>[2][] = [
    { type: 'DEPOSIT', rupees: -5_000, date: '2025-11-11', description: 'Advance' },
    { type: 'ROOM', rupees: 6_000, date: '2025-11-13', description: 'Room 13-Nov (Night 1)' },
    { type: 'ROOM', rupees: 6_000, date: '2025-11-14', description: 'Room 14-Nov (Night 2)' },
    { type: 'POS', rupees: 800, date: '2025-11-14', description: 'Breakfast', category: 'FOOD_BEVERAGE' },
    { type: 'POS', rupees: 1_200, date: '2025-11-14', description: 'Lunch', category: 'FOOD_BEVERAGE' },
    {
      type: 'POS',
      rupees: 1_500,
      date: '2025-11-14',
      description: 'Room Service',
      category: 'FOOD_BEVERAGE',
    },
    { type: 'POS', rupees: 400, date: '2025-11-14', description: 'Laundry', category: 'LAUNDRY' },
    { type: 'POS', rupees: 800, date: '2025-11-15', description: 'Airport Transfer', category: 'TRANSPORT' },
    { type: 'PAYMENT', rupees: -10_000, date: '2025-11-15', description: 'Cash' },
  ];
  for (const line of lines) await postRaw(db, folioId, line);
}

export async function tableCounts(db: Kysely<FolioDatabase>) {
  const count = async (table: 'postings' | 'invoices' | 'invoice_lines' | 'invoice_counters') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    postings: await count('postings'),
    invoices: await count('invoices'),
    lines: await count('invoice_lines'),
    counters: await count('invoice_counters'),
  };
}
