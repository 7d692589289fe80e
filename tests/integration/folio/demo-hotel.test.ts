import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemoHotel } from '../../../central/src/demo/demo-hotel.js';
import { folioError, ledgerCounts, openFolioFixture } from './folio-fixture.js';

const TODAY = '2026-01-27';

test('the demo seed builds Harbour View Hotel with 412 at 245.00 of a 500.00 limit', async (t) => {
  const { folio } = await openFolioFixture(t);

  const seed = await seedDemoHotel(folio, TODAY);

  assert.equal(seed.seeded, true);
  assert.deepEqual(await folio.getProperty(), {
    name: 'Harbour View Hotel',
    currency: 'USD',
    timeZone: 'America/New_York',
    businessDate: TODAY,
  });
  const wilson = await folio.lookupCredential('04A1B2C3');
  assert.equal(wilson.roomNumber, '412');
  assert.equal(wilson.roomTypeName, 'Deluxe King');
  assert.deepEqual(wilson.guest, { title: 'Mr.', firstName: 'James', lastName: 'Wilson', vipLevel: 'Gold' });
  assert.equal(wilson.creditLimitMinor, 50_000);
  assert.equal(wilson.balanceMinor, 24_500);
  assert.equal(wilson.availableCreditMinor, 25_500);
  assert.equal(wilson.restriction, null);
  assert.ok(wilson.arrival < TODAY && wilson.departure > TODAY);
  const postings = await folio.listPostings({ stayRef: wilson.stayRef });
  assert.ok(postings.every((p) => p.type === 'POS' || p.type === 'TAX'));
  assert.deepEqual([...new Set(postings.map((p) => p.businessDate))], ['2026-01-26', TODAY]);
});

test('the demo seed has the seed 000 guests, a checkout today, a no-post room and one nearly out of credit', async (t) => {
  const { folio } = await openFolioFixture(t);
  const seed = await seedDemoHotel(folio, TODAY);

  const names = seed.cards.map((card) => card.guestName);
  assert.ok(names.includes('Ms. Sarah Chen') && names.includes('Mr. Mike Johnson'));
  await assert.rejects(folio.lookupRoom('305'), folioError('GUEST_CHECKED_OUT'));
  assert.equal((await folio.lookupRoom('407')).restriction?.code, 'CHARGES_BLOCKED');
  const tight = await folio.lookupRoom('310');
  assert.equal(tight.creditLimitMinor, 20_000);
  assert.equal(tight.balanceMinor, 19_000);
  assert.equal(tight.availableCreditMinor, 1_000);
  await assert.rejects(folio.lookupRoom('301'), folioError('ROOM_NOT_FOUND', { vacant: true }));
});

test('every demo card is an 8-hex-digit UID that resolves to its room, or to GUEST_CHECKED_OUT for 305', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { cards } = await seedDemoHotel(folio, TODAY);

  assert.equal(new Set(cards.map((card) => card.uid)).size, cards.length);
  for (const card of cards) {
    assert.match(card.uid, /^[0-9A-F]{8}$/);
    if (card.roomNumber === '305') {
      await assert.rejects(folio.lookupCredential(card.uid), folioError('GUEST_CHECKED_OUT'));
      continue;
    }
    const lookup = await folio.lookupCredential(card.uid);
    assert.equal(lookup.roomNumber, card.roomNumber);
    assert.equal(`${lookup.guest.title} ${lookup.guest.firstName} ${lookup.guest.lastName}`, card.guestName);
    assert.ok(lookup.creditLimitMinor !== null, `${card.roomNumber} has a credit limit`);
  }
});

test('the demo seed has about 20 rooms of three room types', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  await seedDemoHotel(folio, TODAY);

  const rooms = await store.db
    .selectFrom('rooms')
    .innerJoin('room_types', 'room_types.id', 'rooms.room_type_id')
    .select(['rooms.number', 'room_types.name', 'room_types.base_occupancy'])
    .execute();
  assert.ok(rooms.length >= 18 && rooms.length <= 24, `${rooms.length} rooms`);
  assert.deepEqual([...new Set(rooms.map((r) => `${r.name}/${r.base_occupancy}`))].sort(), [
    'Deluxe King/2',
    'Junior Suite/3',
    'Standard Queen/2',
  ]);
});

test('seeding twice writes nothing the second time and returns the same cards', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const first = await seedDemoHotel(folio, TODAY);
  const before = await ledgerCounts(store);
  const stays = await store.db.selectFrom('stays').select('id').execute();

  const second = await seedDemoHotel(folio, '2026-02-01');

  assert.equal(second.seeded, false);
  assert.deepEqual(second.cards, first.cards);
  assert.deepEqual(await ledgerCounts(store), before);
  assert.deepEqual(await store.db.selectFrom('stays').select('id').execute(), stays);
  assert.equal((await folio.getProperty())?.businessDate, TODAY);
});

test('the demo seeds NYC invoice settings once: an older demo database gets them, changed ones are kept', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  await seedDemoHotel(folio, TODAY);
  assert.deepEqual(await folio.getInvoicingSettings(), {
    legalName: 'Harbour View Hotel LLC',
    address: '1 Harbour View Plaza, New York, NY 10004, USA',
    gstin: null,
    stateCode: null,
    regime: 'US_NYC',
    specifiedPremises: false,
    invoicePrefix: 'HV',
    creditNotePrefix: 'HVCN',
  });

  // A demo file seeded before invoicing existed: the next start adds the settings and nothing else.
  await store.db.deleteFrom('invoice_settings').execute();
  const before = await ledgerCounts(store);
  assert.equal((await seedDemoHotel(folio, TODAY)).seeded, false);
  assert.equal((await folio.getInvoicingSettings())?.invoicePrefix, 'HV');
  assert.deepEqual(await ledgerCounts(store), before);

  await folio.configureInvoicing(
    { legalName: 'Harbour View LLC', address: 'Pier 17, New York', regime: 'US_NYC', invoicePrefix: 'HVH' },
    'admin',
  );
  await seedDemoHotel(folio, TODAY);
  assert.equal((await folio.getInvoicingSettings())?.invoicePrefix, 'HVH');
});
