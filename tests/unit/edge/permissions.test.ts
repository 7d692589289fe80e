import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STAFF_ACTIONS, STAFF_ROLES } from '@roompost/sync';
import { can, PERMISSIONS, permissionsOf } from '../../../edge/src/staff/permissions.js';

// Seed 000 "Permissions", copied row by row: Server, Front Desk, Manager, Admin.
const SEED_TABLE = {
  chargeToRoom: [true, true, true, true],
  overrideCreditLimit: [false, true, true, true],
  retryFailedPostings: [false, false, true, true],
  voidRoomCharges: [false, false, true, true],
  viewReconciliation: [false, false, true, true],
  configurePms: [false, false, false, true],
  nightAuditSignOff: [false, true, true, true],
  // Not a seed 000 row (the seed has none for devices): the kiosk's service screen, managers up.
  deviceService: [false, false, true, true],
} as const;

test('every role may do exactly what seed 000 permission table (plus deviceService) says, and nothing else', () => {
  assert.deepEqual(Object.keys(PERMISSIONS).sort(), [...STAFF_ACTIONS].sort());
  for (const action of STAFF_ACTIONS) {
    STAFF_ROLES.forEach((role, column) => {
      assert.equal(can(role, action), SEED_TABLE[action][column], `${role} · ${action}`);
    });
  }
});

test('a session lists the actions of its role, in table order', () => {
  assert.deepEqual(permissionsOf('server'), ['chargeToRoom']);
  assert.deepEqual(permissionsOf('front_desk'), ['chargeToRoom', 'overrideCreditLimit', 'nightAuditSignOff']);
  assert.deepEqual(permissionsOf('admin'), [...STAFF_ACTIONS]);
});
