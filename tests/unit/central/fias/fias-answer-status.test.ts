// Every Answer Status of FIAS 2.20.23 Appendix B (pp.111–112) maps to one of our error codes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PmsError } from '../../../../central/src/pms/adapter.js';
import { ANSWER_STATUS, answerError } from '../../../../central/src/pms/fias/fias-answer-status.js';

const EXPECTED: Record<string, [string | null, boolean]> = {
  OK: [null, false],
  NG: ['ROOM_NOT_FOUND', false],
  NP: ['CHARGES_BLOCKED', false],
  CO: ['CREDIT_EXCEEDED', false],
  DM: ['POSTING_REJECTED', false],
  IA: ['POSTING_REJECTED', false],
  FX: ['CHARGES_BLOCKED', false],
  DN: ['POSTING_REJECTED', false],
  NA: ['CONNECTION_FAILED', true],
  RY: ['RATE_LIMITED', true],
  UR: ['POSTING_REJECTED', false],
  BY: ['RATE_LIMITED', true],
  BM: ['POSTING_REJECTED', false],
  CD: ['POSTING_REJECTED', false],
  NF: ['POSTING_REJECTED', false],
  AA: ['POSTING_REJECTED', false],
  AN: ['POSTING_REJECTED', false],
  DE: ['POSTING_REJECTED', false],
  NM: ['POSTING_REJECTED', false],
  NR: ['POSTING_REJECTED', false],
};

test('the table covers exactly the AS codes of Appendix B', () => {
  assert.deepEqual(Object.keys(ANSWER_STATUS).sort(), Object.keys(EXPECTED).sort());
});

test('each non-OK AS becomes its PmsError code, retryable only for RY/NA/BY', () => {
  for (const [as, [code, retryable]] of Object.entries(EXPECTED)) {
    if (code === null) continue;
    const err = answerError(as, 'TEXT', 'posting', { sequence: '7' });
    assert.ok(err instanceof PmsError);
    assert.equal(err.code, code, as);
    assert.equal(err.retryable, retryable, `${as} retryable`);
    assert.equal(err.context.answerStatus, as);
    assert.equal(err.context.pmsText, 'TEXT');
  }
});

test('an AS outside the spec on a posting is POSTING_UNKNOWN, never re-sent; on an inquiry a rejection', () => {
  const posting = answerError('ZZ', undefined, 'posting', {});
  assert.equal(posting.code, 'POSTING_UNKNOWN');
  assert.equal(posting.retryable, false);
  const missing = answerError(undefined, undefined, 'posting', {});
  assert.equal(missing.code, 'POSTING_UNKNOWN');
  assert.equal(answerError('ZZ', undefined, 'inquiry', {}).code, 'POSTING_REJECTED');
});
