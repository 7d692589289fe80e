import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatStayDate } from '../../../kiosk-ui/src/shared/stay-date.js';

test('stay dates are formatted as calendar dates, never shifted by a time zone', () => {
  const previous = process.env.TZ;
  process.env.TZ = 'Pacific/Honolulu';
  try {
    assert.equal(formatStayDate('2026-01-25', 'en-US'), 'Jan 25, 2026');
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
});

test('anything that is not YYYY-MM-DD is shown as sent', () => {
  assert.equal(formatStayDate('soon', 'en-US'), 'soon');
  assert.equal(formatStayDate('2026-01-25', 'not a locale!'), '2026-01-25');
});
