// Seed 000 `guest_profile_sync`: the PMS's profile fields reach staff through the room lookup, and
// central keeps a local profile when `create_local_profile` is on. Real central, edge and broker.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createBuiltinAdapter, type GuestProfile, type PmsAdapter } from '@roompost/central';
import { hashPin } from '@roompost/edge';
import type { KioskLookup, StaffSessionView } from '@roompost/sync';
import { api, centralAs, startTestStack } from '../../support/stack.js';

const PROFILE: GuestProfile = {
  name: 'James Wilson',
  email: 'james.wilson@example.com',
  phone: '+1 212 555 0100',
  vipLevel: 'Gold',
  preferences: ['window table'],
  allergies: ['peanuts'],
  loyaltyNumber: 'HV-778812',
};

/** The built-in engine plus a PMS guest profile (the built-in folio has none of its own). */
function withProfile(folio: Parameters<typeof createBuiltinAdapter>[0]): PmsAdapter {
  const real = createBuiltinAdapter(folio);
  return {
    ...real,
    features: new Set([...real.features, 'guest_profiles']),
    guestProfile: async () => PROFILE,
  };
}

let staff: Array<{ id: string; name: string; role: 'server'; pinHash: string }>;
before(async () => {
  staff = [{ id: 'staff-server', name: 'Sam', role: 'server', pinHash: await hashPin('1111') }];
});

test('profile sync on: staff see the synced fields, unsynced ones are left out, and a local profile is kept', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff', staff, adapter: withProfile });
  const admin = centralAs(stack.central.httpUrl, 'ada.admin', 'admin');
  const token = (await api<StaffSessionView>(stack.edge.httpUrl, '/api/staff/session', { pin: '1111' })).body
    .token;
  const lookUp = async () =>
    (await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', { roomNumber: '412' }, token)).body;

  // Off by default: nothing is read or kept.
  assert.equal((await lookUp()).profile, undefined);
  assert.deepEqual(await stack.central.db.selectFrom('guest_profiles').selectAll().execute(), []);

  const put = await admin.put('/api/pms/config', {
    pms: { kind: 'builtin' },
    guestProfiles: {
      enabled: true,
      syncFields: ['name', 'email', 'vip_level', 'preferences', 'allergies', 'loyalty_number'],
      createLocalProfile: true,
    },
  });
  assert.equal(put.status, 200, put.text);

  const seen = await lookUp();
  assert.deepEqual(seen.profile, {
    email: 'james.wilson@example.com',
    preferences: ['window table'],
    allergies: ['peanuts'],
    loyaltyNumber: 'HV-778812',
  });
  const room = await admin.get<{ profile?: Record<string, unknown> }>('/api/pms/rooms/412');
  assert.equal(room.body.profile?.phone, undefined, 'phone is not in sync_fields');
  assert.deepEqual(room.body.profile?.allergies, ['peanuts']);

  const rows = await stack.central.db.selectFrom('guest_profiles').selectAll().execute();
  assert.equal(rows.length, 1);
  const kept = JSON.parse(rows[0]?.profile_json ?? '{}') as Record<string, unknown>;
  assert.equal(kept.name, 'James Wilson');
  assert.equal(kept.email, 'james.wilson@example.com');
  assert.equal(kept.phone, undefined);
});

test('profile sync on a self-service kiosk: the guest screen never gets the profile', async (t) => {
  const stack = await startTestStack(t, { adapter: withProfile });
  const admin = centralAs(stack.central.httpUrl, 'ada.admin', 'admin');
  const put = await admin.put('/api/pms/config', {
    pms: { kind: 'builtin' },
    guestProfiles: { enabled: true, createLocalProfile: false },
  });
  assert.equal(put.status, 200, put.text);
  const seen = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', { uid: '04A1B2C3' });
  assert.equal(seen.status, 200);
  assert.equal(seen.body.profile, undefined);
  const room = await admin.get<{ profile?: unknown }>('/api/pms/rooms/412');
  assert.ok(room.body.profile, 'central read it (it is on), the edge kept it from the guest');
  assert.deepEqual(await stack.central.db.selectFrom('guest_profiles').selectAll().execute(), []);
});
