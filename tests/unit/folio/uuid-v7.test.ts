import assert from 'node:assert/strict';
import test from 'node:test';
import { uuidV7From } from '../../../folio/src/deps.js';

test('ids are UUIDv7 carrying the injected clock, unique and in creation order even while the clock stands still', () => {
  let now = new Date('2026-12-07T06:00:00.000Z');
  const next = uuidV7From({ now: () => now });
  const still = Array.from({ length: 500 }, next);
  now = new Date(now.getTime() + 1);
  const later = next();
  const ids = [...still, later];
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), ids);
  for (const id of ids)
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const msOf = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
  assert.equal(msOf(still[0] ?? ''), Date.parse('2026-12-07T06:00:00.000Z'));
  assert.equal(msOf(later), Date.parse('2026-12-07T06:00:00.001Z'));
});
