// Refusal texts (Mews 403 Message, apaleo 422 messages, Cloudbeds success:false) to our codes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyMessage } from '../../../../central/src/pms/http/business-error.js';

test('the built-in patterns recognise the common refusals', () => {
  assert.equal(classifyMessage('There is not enough available credit. Posting failed.'), 'CREDIT_EXCEEDED');
  assert.equal(classifyMessage('Charge exceeds the credit limit of this reservation'), 'CREDIT_EXCEEDED');
  assert.equal(classifyMessage('The reservation has the No Post flag set.'), 'CHARGES_BLOCKED');
  assert.equal(classifyMessage('Posting is not allowed for this reservation'), 'CHARGES_BLOCKED');
  assert.equal(classifyMessage('Room is not occupied'), 'GUEST_CHECKED_OUT');
  assert.equal(classifyMessage('Reservation is checked out'), 'GUEST_CHECKED_OUT');
  assert.equal(classifyMessage('Reservation not found'), 'ROOM_NOT_FOUND');
});

test('anything unrecognised is a final POSTING_REJECTED', () => {
  assert.equal(classifyMessage('Check-In is only possible from the day of arrival'), 'POSTING_REJECTED');
  assert.equal(classifyMessage(''), 'POSTING_REJECTED');
});

test('configured patterns win over the built-in ones', () => {
  const extra = [
    { pattern: 'Kreditlimit', code: 'CREDIT_EXCEEDED' as const },
    { pattern: 'not found', code: 'GUEST_CHECKED_OUT' as const },
  ];
  assert.equal(classifyMessage('Kreditlimit überschritten', extra), 'CREDIT_EXCEEDED');
  assert.equal(classifyMessage('Reservation not found', extra), 'GUEST_CHECKED_OUT');
});
