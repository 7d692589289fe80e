import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  backspace,
  canLookUp,
  LAST_NAME_MAX,
  ROOM_NUMBER_MAX,
  roomLookupRequest,
  typeNameKey,
  typeRoomKey,
} from '../../../kiosk-ui/src/kiosk/keypad/keypad-input.js';

const typeAll = (rule: (current: string, key: string) => string, keys: string) =>
  Array.from(keys).reduce(rule, '');

test('the room keypad takes digits only, up to the maximum length', () => {
  assert.equal(typeAll(typeRoomKey, '4a1-2 '), '412');
  assert.equal(typeRoomKey('412', 'Enter'), '412');
  assert.equal(typeAll(typeRoomKey, '1234567890'), '1234567890'.slice(0, ROOM_NUMBER_MAX));
});

test('last names are cased like names whatever case the keys send', () => {
  assert.equal(typeAll(typeNameKey, 'WILSON'), 'Wilson');
  assert.equal(typeAll(typeNameKey, "o'brien"), "O'Brien");
  assert.equal(typeAll(typeNameKey, 'SMITH-JONES'), 'Smith-Jones');
  assert.equal(typeAll(typeNameKey, 'van der berg'), 'Van Der Berg');
  assert.equal(typeAll(typeNameKey, 'ÉMILE'), 'Émile');
});

test('a name cannot start with, or repeat, a separator, and ignores digits and named keys', () => {
  assert.equal(typeAll(typeNameKey, " -'Ng"), 'Ng');
  assert.equal(typeAll(typeNameKey, 'Le  --Roux'), 'Le Roux');
  assert.equal(typeAll(typeNameKey, 'R2D2'), 'Rd');
  assert.equal(typeNameKey('Ng', 'Shift'), 'Ng');
  assert.equal(typeNameKey('Ng', 'Backspace'), 'Ng');
});

test('last names stop at the maximum length', () => {
  assert.equal(typeAll(typeNameKey, 'a'.repeat(LAST_NAME_MAX + 10)).length, LAST_NAME_MAX);
});

test('backspace removes one whole character', () => {
  assert.equal(backspace('412'), '41');
  assert.equal(backspace(''), '');
  assert.equal(backspace('A𝒵'), 'A');
});

test('self-service needs room and last name; staff only the room', () => {
  assert.equal(canLookUp({ roomNumber: '412', lastName: '' }, 'self-service'), false);
  assert.equal(canLookUp({ roomNumber: '412', lastName: ' ' }, 'self-service'), false);
  assert.equal(canLookUp({ roomNumber: '412', lastName: 'Wilson' }, 'self-service'), true);
  assert.equal(canLookUp({ roomNumber: '', lastName: 'Wilson' }, 'self-service'), false);
  assert.equal(canLookUp({ roomNumber: '412', lastName: '' }, 'staff'), true);
});

test('the lookup request is trimmed and leaves out an empty last name', () => {
  assert.deepEqual(roomLookupRequest({ roomNumber: '412', lastName: 'Wilson ' }), {
    roomNumber: '412',
    lastName: 'Wilson',
  });
  assert.deepEqual(roomLookupRequest({ roomNumber: '412', lastName: '' }), { roomNumber: '412' });
});
