// The service screen's view of the devices and the self-service door, from the edge's events.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKioskEvent } from '../../../kiosk-ui/src/kiosk/events/kiosk-event.js';
import { boardReducer, emptyBoard } from '../../../kiosk-ui/src/kiosk/service/device-states.js';

test('device and door events parse; malformed ones are dropped with a reason', () => {
  const printer = parseKioskEvent('device', '{"device":"printer","health":"error","reason":"out of paper"}');
  assert.deepEqual(printer, {
    ok: true,
    event: { type: 'device', data: { device: 'printer', health: 'error', reason: 'out of paper' } },
  });
  const door = parseKioskEvent('door', '{"open":false,"endsSession":true}');
  assert.deepEqual(door, { ok: true, event: { type: 'door', data: { open: false, endsSession: true } } });
  for (const [name, data] of [
    ['device', '{"device":"toaster","health":"connected","reason":null}'],
    ['device', '{"device":"reader","health":"fine","reason":null}'],
    ['device', '{"device":"reader","health":"error"}'],
    ['door', '{"open":"yes","endsSession":false}'],
    ['door', '{"open":false}'],
  ] as const) {
    const parsed = parseKioskEvent(name, data);
    assert.equal(parsed.ok, false, data);
    if (!parsed.ok) assert.match(parsed.reason, new RegExp(`^${name}:`));
  }
});

test('the device board keeps the latest state per device and the door position', () => {
  let board = boardReducer(emptyBoard, {
    type: 'snapshot',
    devices: [
      { device: 'reader', health: 'connected', reason: null },
      { device: 'printer', health: 'retrying', reason: 'ECONNREFUSED' },
    ],
  });
  board = boardReducer(board, {
    type: 'device',
    data: { device: 'printer', health: 'connected', reason: null },
  });
  board = boardReducer(board, { type: 'door', data: { open: true, endsSession: false } });
  assert.deepEqual(board.devices.printer, { device: 'printer', health: 'connected', reason: null });
  assert.equal(board.devices.reader?.health, 'connected');
  assert.equal(board.devices.gpio, undefined, 'not configured');
  assert.equal(board.doorOpen, true);
  const unchanged = boardReducer(board, { type: 'connection', data: { central: 'offline' } });
  assert.equal(unchanged, board);
});
