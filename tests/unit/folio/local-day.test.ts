import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDate, localDayBounds, localMinute, localTime, previousDate, shiftDate } from '@roompost/folio';

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

describe('local clock readings', () => {
  it('midnight reads 00:00 (never 24:00), on the local date', () => {
    const at = new Date('2026-11-23T05:00:00Z'); // 00:00 in New York
    assert.equal(localMinute(at, 'America/New_York'), '2026-11-23T00:00');
    assert.equal(localTime(at, 'America/New_York'), '00:00');
    assert.equal(localDate(at.toISOString(), 'America/New_York'), '2026-11-23');
    assert.equal(localTime(new Date('2026-11-23T04:59:00Z'), 'America/New_York'), '23:59');
  });

  it('dates step across month and year ends', () => {
    assert.equal(previousDate('2027-01-01'), '2026-12-31');
    assert.equal(shiftDate('2026-02-27', 2), '2026-03-01');
  });
});
