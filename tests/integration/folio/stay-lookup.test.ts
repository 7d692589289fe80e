import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dbErrorCode } from '../../support/test-database.js';
import { checkInGuest, folioError, openFolioFixture, seedSmallHotel } from './folio-fixture.js';

test('lookupRoom returns the in-house guest with seed 000 billing figures', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);

  const lookup = await folio.lookupRoom('412');

  assert.deepEqual(lookup, {
    stayRef,
    roomNumber: '412',
    roomTypeName: 'Deluxe King',
    guest: { title: 'Mr.', firstName: 'James', lastName: 'Wilson', vipLevel: 'Gold' },
    confirmation: 'HX78451290',
    arrival: '2026-01-25',
    departure: '2026-01-28',
    adults: 2,
    currency: 'USD',
    creditLimitMinor: 50_000,
    balanceMinor: 0,
    availableCreditMinor: 50_000,
    noPost: false,
    restriction: null,
  });
});

test('lookupCredential finds the stay by card UID, whatever case or separators the reader uses', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);

  assert.equal((await folio.lookupCredential('04A1B2C3')).stayRef, stayRef);
  assert.equal((await folio.lookupCredential('04:a1:b2:c3')).stayRef, stayRef);
});

test('lookupRoom answers ROOM_NOT_FOUND for a room the hotel does not have', async (t) => {
  const { folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);

  await assert.rejects(
    folio.lookupRoom('999'),
    folioError('ROOM_NOT_FOUND', { roomNumber: '999', vacant: undefined }),
  );
});

test('lookupRoom answers ROOM_NOT_FOUND with vacant: true for an empty room', async (t) => {
  const { folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);

  await assert.rejects(
    folio.lookupRoom('101'),
    folioError('ROOM_NOT_FOUND', { roomNumber: '101', vacant: true }),
  );
});

test('lookupRoom answers GUEST_CHECKED_OUT on the business date of the checkout, vacant after night audit', async (t) => {
  const { folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);
  const stayRef = await checkInGuest(folio, '102');
  await folio.checkOut(stayRef);

  await assert.rejects(folio.lookupRoom('102'), folioError('GUEST_CHECKED_OUT', { stayRef }));

  await folio.setBusinessDate('2026-01-28');
  await assert.rejects(folio.lookupRoom('102'), folioError('ROOM_NOT_FOUND', { vacant: true }));
});

test('lookupRoom shows the new guest, not the departed one, once the room is re-let the same day', async (t) => {
  const { folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);
  await folio.checkOut(await checkInGuest(folio, '102', { confirmation: 'OLD' }));
  const newStay = await checkInGuest(folio, '102', { confirmation: 'NEW' });

  assert.equal((await folio.lookupRoom('102')).stayRef, newStay);
});

test('lookupCredential answers CREDENTIAL_NOT_FOUND for an unknown, malformed or revoked card', async (t) => {
  const { folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);

  await assert.rejects(folio.lookupCredential('DEADBEEF'), folioError('CREDENTIAL_NOT_FOUND'));
  await assert.rejects(folio.lookupCredential('not-a-uid'), folioError('CREDENTIAL_NOT_FOUND'));
  await folio.revokeCredential('04A1B2C3');
  await assert.rejects(folio.lookupCredential('04A1B2C3'), folioError('CREDENTIAL_NOT_FOUND'));
  await assert.rejects(folio.revokeCredential('04A1B2C3'), folioError('CREDENTIAL_NOT_FOUND'));
});

test('lookupCredential answers GUEST_CHECKED_OUT for the card of a departed stay', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);
  await folio.checkOut(stayRef);

  await assert.rejects(folio.lookupCredential('04A1B2C3'), folioError('GUEST_CHECKED_OUT', { stayRef }));
});

test('encoding a card for a new stay moves it there and the old stay loses it', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);
  await folio.checkOut(stayRef);
  const newStay = await checkInGuest(folio, '101');

  await folio.issueCredential({ uid: '04a1b2c3', stayId: newStay });

  assert.equal((await folio.lookupCredential('04A1B2C3')).stayRef, newStay);
});

test('issuing a card to a checked-out stay is refused with GUEST_CHECKED_OUT', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);
  await folio.checkOut(stayRef);

  await assert.rejects(
    folio.issueCredential({ uid: '04FFFFFF', stayId: stayRef }),
    folioError('GUEST_CHECKED_OUT'),
  );
  await assert.rejects(
    folio.issueCredential({ uid: 'XYZ', stayId: stayRef }),
    folioError('VALIDATION_FAILED'),
  );
});

test('a no-post stay looks up with restriction CHARGES_BLOCKED until the flag is cleared', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);

  await folio.setNoPost(stayRef, true);
  const blocked = await folio.lookupRoom('412');
  assert.equal(blocked.noPost, true);
  assert.deepEqual(blocked.restriction, { code: 'CHARGES_BLOCKED', reason: 'Room charges are blocked' });

  await folio.setNoPost(stayRef, false);
  assert.equal((await folio.lookupRoom('412')).restriction, null);
});

test('a stay with no credit left looks up with restriction CREDIT_EXCEEDED', async (t) => {
  const { folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);
  await checkInGuest(folio, '103', { creditLimitMinor: 0 });

  const lookup = await folio.lookupRoom('103');

  assert.equal(lookup.availableCreditMinor, 0);
  assert.equal(lookup.restriction?.code, 'CREDIT_EXCEEDED');
});

test('a stay without a credit limit has null available credit and no restriction', async (t) => {
  const { folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);
  await checkInGuest(folio, '103', { creditLimitMinor: null });

  const lookup = await folio.lookupRoom('103');

  assert.equal(lookup.creditLimitMinor, null);
  assert.equal(lookup.availableCreditMinor, null);
  assert.equal(lookup.restriction, null);
});

test('checkIn refuses an occupied room, an unknown room, a reused confirmation and bad dates', async (t) => {
  const { folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);
  const guestId = await folio.createGuest({ firstName: 'Mike', lastName: 'Johnson' });
  const base = {
    guestId,
    confirmation: 'HX1',
    arrival: '2026-01-27',
    departure: '2026-01-28',
    adults: 1,
    creditLimitMinor: null,
  };

  await assert.rejects(
    folio.checkIn({ ...base, roomNumber: '412' }),
    folioError('VALIDATION_FAILED', { field: 'roomNumber' }),
  );
  await assert.rejects(folio.checkIn({ ...base, roomNumber: '999' }), folioError('ROOM_NOT_FOUND'));
  await assert.rejects(
    folio.checkIn({ ...base, roomNumber: '101', confirmation: 'HX78451290' }),
    folioError('VALIDATION_FAILED', { field: 'confirmation' }),
  );
  await assert.rejects(
    folio.checkIn({ ...base, roomNumber: '101', departure: '2026-01-27' }),
    folioError('VALIDATION_FAILED', { field: 'departure' }),
  );
  await assert.rejects(
    folio.checkIn({ ...base, roomNumber: '101', arrival: '2026-02-30' }),
    folioError('VALIDATION_FAILED', { field: 'arrival' }),
  );
  await assert.rejects(
    folio.checkIn({ ...base, roomNumber: '101', guestId: 'nobody' }),
    folioError('NOT_FOUND'),
  );
});

test('the database itself allows only one in-house stay per room', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { stayRef, guestId } = await seedSmallHotel(folio);
  const stay = await store.db
    .selectFrom('stays')
    .selectAll()
    .where('id', '=', stayRef)
    .executeTakeFirstOrThrow();

  await assert.rejects(
    store.db
      .insertInto('stays')
      .values({ ...stay, id: 'second', confirmation: 'SECOND', guest_id: guestId })
      .execute(),
    { code: dbErrorCode('unique') },
  );
});

test('lookups before the property is configured answer NOT_FOUND', async (t) => {
  const { folio } = await openFolioFixture(t);

  await assert.rejects(folio.lookupRoom('412'), folioError('NOT_FOUND'));
  assert.equal(await folio.getProperty(), null);
});

test('the business date moves forward only', async (t) => {
  const { folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);

  await folio.setBusinessDate('2026-01-28');
  await assert.rejects(
    folio.setBusinessDate('2026-01-27'),
    folioError('VALIDATION_FAILED', { field: 'businessDate' }),
  );
  assert.equal((await folio.getProperty())?.businessDate, '2026-01-28');
});
