import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ago,
  countByState,
  formatDuration,
  outletsOf,
  sortFleet,
} from '../../../kiosk-ui/src/console/fleet-format.js';
import type { FleetDevice } from '../../../kiosk-ui/src/console/fleet-types.js';

const device = (name: string, state: FleetDevice['state'], outletCode: string | null): FleetDevice => ({
  device: name,
  outletCode,
  state,
  reasons: [],
  online: null,
  lastSeenAt: null,
  status: null,
});

test('durations read the way staff say them', () => {
  assert.equal(formatDuration(42.9), '42 s');
  assert.equal(formatDuration(300), '5 min');
  assert.equal(formatDuration(3 * 3600 + 600), '3 h 10 min');
  assert.equal(formatDuration(7200), '2 h');
  assert.equal(formatDuration(2 * 86400 + 4 * 3600), '2 d 4 h');
  assert.equal(formatDuration(-5), '0 s');
  assert.equal(ago(null, new Date()), 'never');
  assert.equal(ago('2026-11-22T10:00:00Z', new Date('2026-11-22T10:05:00Z')), '5 min ago');
});

test('the fleet lists what needs attention first, then by outlet and name', () => {
  const fleet = [
    device('pool-1', 'green', 'POOL'),
    device('bar-2', 'amber', 'BAR'),
    device('rest-1', 'red', 'REST'),
    device('bar-1', 'green', 'BAR'),
    device('old-1', 'revoked', 'POOL'),
  ];
  assert.deepEqual(
    sortFleet(fleet).map((d) => d.device),
    ['rest-1', 'bar-2', 'bar-1', 'pool-1', 'old-1'],
  );
  assert.deepEqual(outletsOf([...fleet, device('x', 'red', null)]), ['BAR', 'POOL', 'REST']);
  assert.deepEqual(countByState(fleet), { green: 2, amber: 1, red: 1, revoked: 1 });
});
