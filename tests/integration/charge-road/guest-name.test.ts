// A self-service kiosk knows the guest only as initials; central names the folio's guest on the record
// it keeps (postings API, console), and the guest's screen never gets the full name back.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createBuiltinAdapter } from '@roompost/central';
import type { ChargeView, KioskLookup } from '@roompost/sync';
import { chargeMessageFor, rawDevice } from '../../support/raw-charges.js';
import { startSeededCentral } from '../../support/seeded-central.js';
import {
  api,
  centralApi,
  DEVICE,
  DEVICE_SECRET,
  eventually,
  PROPERTY,
  startTestStack,
} from '../../support/stack.js';

test("a self-service charge arrives with the guest's initials and central's record carries the folio's name", async (t) => {
  // Counts what central asks the PMS: the name must come from the lookups central already answered.
  const asked: string[] = [];
  const stack = await startTestStack(t, {
    adapter: (folio) => {
      const builtin = createBuiltinAdapter(folio);
      return {
        ...builtin,
        lookupRoom: (room) => {
          asked.push(`room ${room}`);
          return builtin.lookupRoom(room);
        },
      };
    },
  });
  const edge = stack.edge.httpUrl;
  // The name as the PMS gives it to staff (the built-in folio adds the guest's title).
  const room = await centralApi<{ guest: { name: string } }>(stack.central.httpUrl, '/api/pms/rooms/412');
  const folioName = room.body.guest.name;
  assert.match(folioName, /James Wilson$/);

  const lookup = await api<KioskLookup>(edge, '/api/lookup', { uid: '04A1B2C3' });
  assert.equal(lookup.status, 200);
  const created = await api<ChargeView>(edge, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'WATER', quantity: 1 }],
    tipMinor: 0,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.guestName, 'J. W****');
  const askedBefore = asked.length;

  // Posted, and named on central's record (after the ack, off the guest's path); generous under CI load.
  let lastSeen: unknown;
  const named = await eventually(
    async () => {
      const res = await centralApi<{
        postings: Array<{ id: string; status: string; guestName: string | null }>;
      }>(stack.central.httpUrl, '/api/pms/postings');
      const p = res.body.postings.find((x) => x.id === created.body.id);
      lastSeen = p && [p.status, p.guestName];
      return p?.status === 'posted' && p.guestName === folioName ? p : undefined;
    },
    "central's record to carry the folio's name",
    30_000,
  ).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}; last seen ${JSON.stringify(lastSeen)}`);
  });
  assert.equal(named.guestName, folioName);
  assert.deepEqual(
    asked.slice(askedBefore),
    [],
    'the name came from the lookup central answered, not a PMS request',
  );

  // The guest's screen: the charge, its receipt and its status still show the initials only.
  // (The edge hears "posted" a moment after central records it.)
  const seen = await eventually(async () => {
    const c = await api<ChargeView>(edge, `/api/charges/${created.body.id}`);
    return c.body.status === 'posted' ? c.body : undefined;
  }, 'the edge to see the charge posted');
  assert.equal(seen.guestName, 'J. W****');
  assert.ok(!JSON.stringify(seen).includes(folioName), 'no full name reaches the guest screen');
});

test('charges for stays central has not looked up (a backlog after a restart) are named from one PMS lookup per stay', async (t) => {
  const asked: string[] = [];
  const { central } = await startSeededCentral(t, {
    name: 'names',
    adapter: (folio) => {
      const builtin = createBuiltinAdapter(folio);
      return {
        ...builtin,
        lookupRoom: (room) => {
          asked.push(room);
          return builtin.lookupRoom(room);
        },
      };
    },
  });
  // Read past central's adapter: central's lookups have not seen these stays.
  const folioOnly = createBuiltinAdapter(central.folio);
  const room412 = await folioOnly.lookupRoom('412');
  const room402 = await folioOnly.lookupRoom('402');
  const device = await rawDevice({
    url: central.mqttUrl,
    property: PROPERTY,
    device: DEVICE,
    secret: DEVICE_SECRET,
  });
  t.after(() => device.close());
  // As a self-service kiosk sends them: the initials only.
  const charges = [
    ...Array.from({ length: 12 }, (_, i) => ({
      ...chargeMessageFor({ roomNumber: '412', stayRef: room412.stayRef }, `N${i}`),
      guestName: 'J. W****',
    })),
    ...Array.from({ length: 6 }, (_, i) => ({
      ...chargeMessageFor({ roomNumber: '402', stayRef: room402.stayRef }, `M${i}`),
      guestName: 'P. S****',
    })),
  ];
  await Promise.all(charges.map((c) => device.publish(c)));

  const ids = new Set(charges.map((c) => c.chargeId));
  const expected = new Map(
    charges.map((c) => [c.chargeId, c.roomNumber === '412' ? room412.guest.name : room402.guest.name]),
  );
  let lastSeen: unknown;
  await eventually(
    async () => {
      const res = await centralApi<{ postings: Array<{ id: string; guestName: string | null }> }>(
        central.httpUrl,
        '/api/pms/postings',
      );
      const mine = res.body.postings.filter((p) => ids.has(p.id));
      lastSeen = mine.map((p) => p.guestName);
      return mine.length === charges.length && mine.every((p) => p.guestName === expected.get(p.id))
        ? true
        : undefined;
    },
    "every charge named with its folio's guest",
    30_000,
  ).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}; last seen ${JSON.stringify(lastSeen)}`);
  });
  assert.deepEqual([...asked].sort(), ['402', '412'], 'one PMS lookup per stay, however many charges');
});
