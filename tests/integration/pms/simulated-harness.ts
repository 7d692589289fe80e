// The harness every HTTP PMS simulator gives the contract suite, and the name-lookup test four of
// them share: one place, so the adapters' test files hold only what is particular to each PMS.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PmsAdapter } from '@roompost/central';
import type { PmsFaults, PmsHarness, SimulatedGuest } from '@roompost/central/pms-contract';

export interface RunningSimulator {
  server: { faults: PmsFaults };
  seedGuest(guest: SimulatedGuest): void | Promise<void>;
  hotel: { postingsFor(roomNumber: string): Array<{ reference: string; totalMinor: number }> };
  close(): Promise<void>;
}

export function simulatedHarness(
  sim: RunningSimulator,
  adapter: PmsAdapter,
  o: { currency: string; idempotent: boolean; tellsCheckedOut: boolean },
): PmsHarness {
  return {
    adapter,
    ...o,
    faults: sim.server.faults,
    seedGuest: async (g) => sim.seedGuest(g),
    postingsFor: async (room) => sim.hotel.postingsFor(room),
    close: async () => {
      await adapter.close();
      await sim.close();
    },
  };
}

/** Lookup by last name finds in-house guests with their rooms and leaves checked-out ones out. */
export function testLookupByName(name: string, makeHarness: () => Promise<PmsHarness>): void {
  test(`${name}: lookup by last name finds in-house guests with their rooms, not checked-out ones`, async (t) => {
    const h = await makeHarness();
    t.after(() => h.close());
    await h.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
    await h.seedGuest({
      roomNumber: '305',
      firstName: 'Anna',
      lastName: 'Wilson',
      creditLimitMinor: null,
      status: 'checked_out',
    });
    await h.seedGuest({ roomNumber: '407', firstName: 'Robert', lastName: 'Garcia', creditLimitMinor: null });
    assert.ok(h.adapter.lookupByName && h.adapter.features.has('room_lookup'));
    const found = await h.adapter.lookupByName('Wilson');
    assert.deepEqual(
      found.map((r) => [r.roomNumber, r.guest.firstName, r.guest.lastName]),
      [['412', 'James', 'Wilson']],
    );
  });
}
