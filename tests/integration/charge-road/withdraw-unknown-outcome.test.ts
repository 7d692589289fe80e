// A charge sent to the PMS whose answer never came (POSTING_UNKNOWN) may be on the folio. If it were
// withdrawn and the guest paid by card, the guest could pay twice. Every way out is followed to the
// money: the guest folio in the built-in engine (real SQLite) behind a PMS link that loses answers,
// real central, edge and broker, the outlet's "Pay with card" (withdraw) and central's Retry.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createBuiltinAdapter, type PmsAdapter, PmsError } from '@roompost/central';
import type { EdgeConfig } from '@roompost/edge';
import { hashPin } from '@roompost/edge';
import type { ChargeView } from '@roompost/sync';
import { chargeRoom, staffSignIn } from '../../support/outlet-charge.js';
import {
  api,
  centralApi,
  centralAs,
  eventually,
  startTestStack,
  type TestStack,
} from '../../support/stack.js';

let staff: EdgeConfig['staff'];
before(async () => {
  staff = [{ id: 'ana', name: 'Ana Lopez', role: 'server', pinHash: await hashPin('1111') }];
});

/**
 * The built-in folio behind a link that loses the next posting's answer: `after` books it first
 * (the PMS holds it), `before` never books it. `readBack` is how the PMS answers a read-back; a PMS
 * built `withoutReadBack` has none (FIAS, HTNG).
 */
function lossyPms(opts: { withoutReadBack?: boolean } = {}) {
  const state = {
    lose: null as 'after' | 'before' | null,
    readBack: 'up' as 'up' | 'down',
    sends: 0,
    readBacks: 0,
  };
  const wrap = (folio: Parameters<typeof createBuiltinAdapter>[0]): PmsAdapter => {
    const { postCharges: _batch, findPosting, ...real } = createBuiltinAdapter(folio);
    const adapter: PmsAdapter = {
      ...real,
      postCharge: async (c) => {
        state.sends += 1;
        const lose = state.lose;
        state.lose = null;
        if (lose === 'before') throw new PmsError('POSTING_UNKNOWN', 'no answer (never booked)');
        const done = await real.postCharge(c);
        if (lose === 'after') throw new PmsError('POSTING_UNKNOWN', 'no answer (booked)');
        return done;
      },
    };
    if (!opts.withoutReadBack) {
      adapter.findPosting = async (chargeId, room) => {
        state.readBacks += 1;
        if (state.readBack === 'down') throw new PmsError('CONNECTION_FAILED', 'PMS link down');
        return findPosting!(chargeId, room);
      };
    }
    return adapter;
  };
  return { state, wrap };
}

/** A charge whose posting answer was lost: the outlet hears POSTING_UNKNOWN. */
async function unknownCharge(stack: TestStack, token: string): Promise<ChargeView> {
  const made = await chargeRoom(stack, token);
  return eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${made.id}`, undefined, token);
    return c.body.error?.code === 'POSTING_UNKNOWN' ? c.body : undefined;
  }, 'the outlet to hear that the outcome is unknown');
}

/** What the guest folio holds for the charge, in minor units (its lines: items, tax). */
async function onFolio(stack: TestStack, chargeId: string): Promise<number> {
  const lines = await stack.central.folio.listPostings({ chargeRef: chargeId });
  return lines.reduce((sum, l) => sum + l.amountMinor, 0);
}

const signIn = (stack: TestStack) => staffSignIn(stack, '1111');

const payByCard = (stack: TestStack, id: string, token: string) =>
  api<ChargeView & { code?: string }>(
    stack.edge.httpUrl,
    `/api/charges/${id}/withdraw`,
    { reason: 'paid by card' },
    token,
  );

/** The console's withdraw (`DELETE /api/pms/queue/{id}`), as a manager. */
const consoleWithdraw = (stack: TestStack, id: string, body: unknown) =>
  centralAs(stack.central.httpUrl, 'test-manager', 'manager').delete<{
    status: string;
    code?: string;
    field?: string;
  }>(`/api/pms/queue/${id}`, body);

const centralStatus = async (stack: TestStack, id: string) =>
  (await centralApi<{ status: string }>(stack.central.httpUrl, `/api/pms/postings/${id}`)).body.status;

test('booked, answer lost: Pay with card reads the folio back, refuses ALREADY_POSTED, and the folio holds it once', async (t) => {
  const pms = lossyPms();
  const stack = await startTestStack(t, { mode: 'staff', staff, adapter: pms.wrap });
  const token = await signIn(stack);
  pms.state.lose = 'after';
  const charge = await unknownCharge(stack, token);

  const card = await payByCard(stack, charge.id, token);
  assert.deepEqual(
    [card.status, card.body.code],
    [409, 'ALREADY_POSTED'],
    'no card payment: it is on the folio',
  );
  assert.equal(pms.state.readBacks, 1);
  assert.equal(await centralStatus(stack, charge.id), 'posted');
  const seen = await eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${charge.id}`, undefined, token);
    return c.body.status === 'posted' ? c.body : undefined;
  }, 'the outlet to see it posted');
  assert.equal(seen.withdrawal, null);
  assert.equal(await onFolio(stack, charge.id), charge.totalMinor);
  assert.equal(pms.state.sends, 1, 'never sent again');
});

test('never booked, answer lost: Pay with card reads back, withdraws, and nothing reaches the folio afterwards', async (t) => {
  const pms = lossyPms();
  const stack = await startTestStack(t, { mode: 'staff', staff, adapter: pms.wrap });
  const token = await signIn(stack);
  pms.state.lose = 'before';
  const charge = await unknownCharge(stack, token);

  const card = await payByCard(stack, charge.id, token);
  assert.equal(card.status, 200, JSON.stringify(card.body));
  assert.equal(card.body.status, 'withdrawn');
  assert.equal(pms.state.readBacks, 1);
  const retry = await centralApi(stack.central.httpUrl, `/api/pms/queue/${charge.id}/retry`, {});
  assert.deepEqual([retry.status, retry.body.code], [409, 'INVALID_STATE']);
  await centralApi(stack.central.httpUrl, '/api/pms/queue/process', {});
  assert.equal(await centralStatus(stack, charge.id), 'withdrawn');
  assert.equal(await onFolio(stack, charge.id), 0, 'paid by card only');
  assert.equal(pms.state.sends, 1);
});

test('booked, answer lost, read-back fails: Pay with card is refused POSTING_UNKNOWN; Retry later reads back and posts once', async (t) => {
  const pms = lossyPms();
  const stack = await startTestStack(t, { mode: 'staff', staff, adapter: pms.wrap });
  const token = await signIn(stack);
  pms.state.lose = 'after';
  const charge = await unknownCharge(stack, token);
  pms.state.readBack = 'down';

  const card = await payByCard(stack, charge.id, token);
  assert.deepEqual([card.status, card.body.code], [502, 'POSTING_UNKNOWN'], 'no card payment while unknown');
  const afterRefusal = await api<ChargeView>(
    stack.edge.httpUrl,
    `/api/charges/${charge.id}`,
    undefined,
    token,
  );
  assert.equal(afterRefusal.body.withdrawal, null, 'the refused withdrawal is not left behind');
  assert.notEqual(afterRefusal.body.status, 'withdrawn');
  const fromConsole = await consoleWithdraw(stack, charge.id, { reason: 'card' });
  assert.deepEqual(
    [fromConsole.status, fromConsole.body.code],
    [502, 'POSTING_UNKNOWN'],
    'nor from the console',
  );

  // The PMS answers again; a manager's Retry reads the folio back instead of sending it twice.
  pms.state.readBack = 'up';
  const retry = await centralApi<{ status: string }>(
    stack.central.httpUrl,
    `/api/pms/queue/${charge.id}/retry`,
    {},
  );
  assert.equal(retry.status, 200, JSON.stringify(retry.body));
  assert.equal(retry.body.status, 'posted');
  assert.equal(await onFolio(stack, charge.id), charge.totalMinor);
  assert.equal(pms.state.sends, 1, 'found by the read-back, never sent again');
  const late = await payByCard(stack, charge.id, token);
  assert.deepEqual([late.status, late.body.code], [409, 'ALREADY_POSTED']);
});

test('a PMS without read-back: only a manager who checked the folio withdraws it; nothing reaches the folio afterwards', async (t) => {
  const pms = lossyPms({ withoutReadBack: true });
  const stack = await startTestStack(t, { mode: 'staff', staff, adapter: pms.wrap });
  const token = await signIn(stack);
  pms.state.lose = 'before';
  const charge = await unknownCharge(stack, token);
  assert.equal(await centralStatus(stack, charge.id), 'failed', 'waits for a manager');

  const card = await payByCard(stack, charge.id, token);
  assert.deepEqual([card.status, card.body.code], [502, 'POSTING_UNKNOWN'], 'the outlet cannot withdraw it');
  const unchecked = await consoleWithdraw(stack, charge.id, { reason: 'paid by card' });
  assert.deepEqual([unchecked.status, unchecked.body.code], [502, 'POSTING_UNKNOWN']);
  const badFlag = await consoleWithdraw(stack, charge.id, { reason: 'paid by card', folioChecked: 'yes' });
  assert.deepEqual(
    [badFlag.status, badFlag.body.code, badFlag.body.field],
    [400, 'VALIDATION_FAILED', 'folioChecked'],
  );
  const checked = await consoleWithdraw(stack, charge.id, {
    reason: 'folio checked: not there; paid by card',
    folioChecked: true,
  });
  assert.equal(checked.status, 200, JSON.stringify(checked.body));
  assert.equal(checked.body.status, 'withdrawn');
  await eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${charge.id}`, undefined, token);
    return c.body.status === 'withdrawn' ? true : undefined;
  }, 'the outlet to hear it is withdrawn');
  const retry = await centralApi(stack.central.httpUrl, `/api/pms/queue/${charge.id}/retry`, {});
  assert.deepEqual([retry.status, retry.body.code], [409, 'INVALID_STATE']);
  assert.equal(await onFolio(stack, charge.id), 0);
  assert.equal(pms.state.sends, 1);
});

test('a PMS without read-back, booked: the manager finds it on the folio and confirms it posted; nothing is sent or withdrawn again', async (t) => {
  const pms = lossyPms({ withoutReadBack: true });
  const stack = await startTestStack(t, { mode: 'staff', staff, adapter: pms.wrap });
  const token = await signIn(stack);
  pms.state.lose = 'after';
  const charge = await unknownCharge(stack, token);
  const card = await payByCard(stack, charge.id, token);
  assert.deepEqual([card.status, card.body.code], [502, 'POSTING_UNKNOWN'], 'no card payment');

  const manager = centralAs(stack.central.httpUrl, 'test-manager', 'manager');
  const noRef = await manager.post(`/api/pms/queue/${charge.id}/confirm-posted`, {});
  assert.deepEqual(
    [noRef.status, noRef.body.code, noRef.body.field],
    [400, 'VALIDATION_FAILED', 'pmsReference'],
  );
  const frontDesk = centralAs(stack.central.httpUrl, 'test-frontdesk', 'front_desk');
  const notAllowed = await frontDesk.post(`/api/pms/queue/${charge.id}/confirm-posted`, {
    pmsReference: 'F-1',
  });
  assert.equal(notAllowed.status, 403);
  const confirmed = await manager.post<{ status: string; pmsTransactionId: string | null }>(
    `/api/pms/queue/${charge.id}/confirm-posted`,
    { pmsReference: 'FOLIO-4471' },
  );
  assert.equal(confirmed.status, 200, confirmed.text);
  assert.equal(confirmed.body.status, 'posted');
  await eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${charge.id}`, undefined, token);
    return c.body.status === 'posted' ? true : undefined;
  }, 'the outlet to hear it is posted');
  const again = await manager.post(`/api/pms/queue/${charge.id}/confirm-posted`, {
    pmsReference: 'FOLIO-4471',
  });
  assert.deepEqual([again.status, again.body.code], [409, 'INVALID_STATE']);
  const retry = await centralApi(stack.central.httpUrl, `/api/pms/queue/${charge.id}/retry`, {});
  assert.deepEqual([retry.status, retry.body.code], [409, 'INVALID_STATE']);
  const late = await payByCard(stack, charge.id, token);
  assert.deepEqual([late.status, late.body.code], [409, 'ALREADY_POSTED']);
  assert.equal(await onFolio(stack, charge.id), charge.totalMinor, 'on the folio once');
  assert.equal(pms.state.sends, 1, 'never sent again');
});
