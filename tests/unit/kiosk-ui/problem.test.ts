import assert from 'node:assert/strict';
import { test } from 'node:test';
import { problemFromApiError, problemFromRestriction } from '../../../kiosk-ui/src/kiosk/flow/problem.js';
import { lookup } from './fixtures.js';

test('the reason is the seed message for the code, with the edge wording kept as detail', () => {
  const problem = problemFromApiError({
    code: 'ROOM_NOT_FOUND',
    message: 'no guest with that last name in this room',
    action: 'Verify room number with guest',
  });
  assert.equal(problem.message, 'Room number not found in PMS');
  assert.equal(problem.detail, 'no guest with that last name in this room');
  assert.equal(problem.action, 'Verify room number with guest');
});

test('no detail when the edge already used the seed message; codes outside the seed keep the edge message', () => {
  const same = problemFromApiError({
    code: 'CHARGES_BLOCKED',
    message: 'Room charges are blocked',
    action: 'a',
  });
  assert.equal(same.detail, null);
  const other = problemFromApiError({
    code: 'VALIDATION_FAILED',
    message: 'lastName: too long',
    action: 'a',
  });
  assert.deepEqual([other.message, other.detail], ['lastName: too long', null]);
});

test('a lookup restriction becomes a problem with its code and reason', () => {
  const problem = problemFromRestriction(
    lookup({
      chargesAllowed: false,
      restriction: { code: 'CREDIT_EXCEEDED', reason: 'Credit limit exceeded' },
    }),
  );
  assert.equal(problem.code, 'CREDIT_EXCEEDED');
  assert.equal(problem.message, 'Room credit limit exceeded');
  assert.equal(problem.detail, 'Credit limit exceeded');
  assert.equal(problem.nothingCharged, true);
});
