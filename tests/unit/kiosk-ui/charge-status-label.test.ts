import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chargeStatusLabel } from '../../../kiosk-ui/src/kiosk/charged/charge-status-label.js';

test('pending and in-flight statuses read as progress, posted as done', () => {
  assert.equal(chargeStatusLabel({ status: 'pending', error: null }).tone, 'progress');
  assert.equal(chargeStatusLabel({ status: 'queued', error: null }).tone, 'progress');
  assert.deepEqual(chargeStatusLabel({ status: 'posted', error: null }), {
    text: 'Posted to your room',
    tone: 'done',
  });
});

test('a rejection shows the PMS reason', () => {
  const label = chargeStatusLabel({
    status: 'rejected',
    error: { code: 'POSTING_REJECTED', message: 'Folio closed' },
  });
  assert.equal(label.tone, 'failed');
  assert.match(label.text, /Folio closed/);
});

test('a held charge (outlet without auto-post) says staff will post it, as progress', () => {
  assert.deepEqual(chargeStatusLabel({ status: 'held', error: null }), {
    text: 'Received: the hotel staff will post it to your room',
    tone: 'progress',
  });
});

test('an unknown outcome (sent, no answer from the PMS) reads as checking, never failed nor posted', () => {
  const error = { code: 'POSTING_UNKNOWN' as const, message: 'no answer within 10000 ms' };
  for (const status of ['queued', 'failed'] as const) {
    const label = chargeStatusLabel({ status, error });
    assert.equal(label.tone, 'progress');
    assert.match(label.text, /Checking with the hotel system/);
  }
});
