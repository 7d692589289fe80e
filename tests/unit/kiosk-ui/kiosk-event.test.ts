import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKioskEvent } from '../../../kiosk-ui/src/kiosk/events/kiosk-event.js';
import { charge, lookup } from './fixtures.js';

test('a tap with a lookup parses to a tap event', () => {
  const parsed = parseKioskEvent('tap', JSON.stringify({ ok: true, lookup: lookup() }));
  assert.equal(parsed.ok, true);
  assert.ok(parsed.ok && parsed.event.type === 'tap' && parsed.event.data.ok);
  assert.equal(
    parsed.ok && parsed.event.type === 'tap' && parsed.event.data.ok && parsed.event.data.lookup.roomNumber,
    '412',
  );
});

test('a failed tap carries the API error', () => {
  const error = {
    code: 'CREDENTIAL_NOT_FOUND',
    message: 'Key card is not linked',
    action: 'Enter the room number',
  };
  const parsed = parseKioskEvent('tap', JSON.stringify({ ok: false, error }));
  assert.ok(parsed.ok && parsed.event.type === 'tap' && !parsed.event.data.ok);
  assert.equal(
    parsed.ok && parsed.event.type === 'tap' && !parsed.event.data.ok && parsed.event.data.error.code,
    'CREDENTIAL_NOT_FOUND',
  );
});

test('charge and connection events parse', () => {
  const chargeEvent = parseKioskEvent('charge', JSON.stringify(charge({ status: 'posted' })));
  assert.ok(
    chargeEvent.ok && chargeEvent.event.type === 'charge' && chargeEvent.event.data.status === 'posted',
  );
  const online = parseKioskEvent('connection', '{"central":"online"}');
  assert.deepEqual(online, { ok: true, event: { type: 'connection', data: { central: 'online' } } });
});

test('malformed frames are dropped with a reason', () => {
  const cases: Array<[string, string]> = [
    ['tap', 'not json'],
    ['tap', '{"ok":true}'],
    ['tap', JSON.stringify({ ok: true, lookup: { ...lookup(), chargesAllowed: 'yes' } })],
    ['tap', JSON.stringify({ ok: false, error: { code: 'X' } })],
    ['charge', JSON.stringify({ ...charge(), totalMinor: 17.92 })],
    ['charge', '[]'],
    ['connection', '{"central":"maybe"}'],
    ['ping', '{}'],
  ];
  for (const [name, data] of cases) {
    const parsed = parseKioskEvent(name, data);
    assert.equal(parsed.ok, false, `${name} ${data} should be dropped`);
    assert.ok(!parsed.ok && parsed.reason.length > 0);
  }
});
