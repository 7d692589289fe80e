// A self-service kiosk knows the guest only as initials; central names the folio's guest on the record
// it keeps (postings API, console), and the guest's screen never gets the full name back.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createBuiltinAdapter } from '@roompost/central';
import type { ChargeView, KioskLookup } from '@roompost/sync';
import { api, centralApi, eventually, startTestStack } from '../../support/stack.js';

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
