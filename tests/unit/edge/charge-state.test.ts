import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptsStatus, isFinal } from '../../../edge/src/charges/charge-state.js';

const at = (s: string) => `2026-11-22T18:00:0${s}.000Z`;

test('a pending charge moves to whatever central says first', () => {
  for (const status of ['accepted', 'queued', 'posted', 'rejected', 'failed'] as const) {
    assert.equal(acceptsStatus({ status: 'pending', statusAt: null }, { status, at: at('1') }), true, status);
  }
});

test('posted and rejected are final: no later message changes them', () => {
  assert.equal(isFinal('posted'), true);
  assert.equal(isFinal('rejected'), true);
  assert.equal(
    acceptsStatus({ status: 'posted', statusAt: at('1') }, { status: 'queued', at: at('5') }),
    false,
  );
  assert.equal(
    acceptsStatus({ status: 'rejected', statusAt: at('1') }, { status: 'posted', at: at('5') }),
    false,
  );
});

test('a status older than the one applied is ignored (MQTT does not promise order)', () => {
  assert.equal(
    acceptsStatus({ status: 'queued', statusAt: at('5') }, { status: 'accepted', at: at('1') }),
    false,
  );
  assert.equal(
    acceptsStatus({ status: 'queued', statusAt: at('5') }, { status: 'posted', at: at('6') }),
    true,
  );
  assert.equal(
    acceptsStatus({ status: 'failed', statusAt: at('5') }, { status: 'queued', at: at('7') }),
    true,
  );
});

test('nothing goes back to pending', () => {
  assert.equal(
    acceptsStatus({ status: 'accepted', statusAt: at('1') }, { status: 'pending', at: at('9') }),
    false,
  );
});

test('a posted charge changes only to voided, and voided is final', () => {
  assert.equal(
    acceptsStatus({ status: 'posted', statusAt: at('5') }, { status: 'voided', at: at('6') }),
    true,
  );
  for (const status of ['accepted', 'queued', 'failed', 'rejected'] as const) {
    assert.equal(
      acceptsStatus({ status: 'posted', statusAt: at('5') }, { status, at: at('6') }),
      false,
      status,
    );
  }
  assert.equal(
    acceptsStatus({ status: 'voided', statusAt: at('5') }, { status: 'posted', at: at('6') }),
    false,
  );
});

test('held is not final: a held charge moves on to posted when a manager posts it', () => {
  assert.equal(isFinal('held'), false);
  assert.equal(
    acceptsStatus({ status: 'accepted', statusAt: at('1') }, { status: 'held', at: at('2') }),
    true,
  );
  assert.equal(acceptsStatus({ status: 'held', statusAt: at('2') }, { status: 'posted', at: at('3') }), true);
});
