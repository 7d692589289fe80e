import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDayBounds } from '../../../edge/src/charges/local-day.js';

describe('localDayBounds: "today" on the property clock', () => {
  it('New York evening is still the same local day, in UTC the next morning', () => {
    const b = localDayBounds(new Date('2026-11-23T03:30:00Z'), 'America/New_York');
    assert.deepEqual(b, {
      date: '2026-11-22',
      from: '2026-11-22T05:00:00.000Z',
      to: '2026-11-23T05:00:00.000Z',
    });
  });

  it('India (UTC+5:30, no DST) and a month end', () => {
    const b = localDayBounds(new Date('2026-11-30T20:00:00Z'), 'Asia/Kolkata');
    assert.deepEqual(b, {
      date: '2026-12-01',
      from: '2026-11-30T18:30:00.000Z',
      to: '2026-12-01T18:30:00.000Z',
    });
  });

  it('a DST day is 23 or 25 hours long', () => {
    const spring = localDayBounds(new Date('2026-03-08T12:00:00Z'), 'America/New_York');
    assert.deepEqual([spring.from, spring.to], ['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
    const autumn = localDayBounds(new Date('2026-11-01T12:00:00Z'), 'America/New_York');
    assert.deepEqual([autumn.from, autumn.to], ['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
  });
});
