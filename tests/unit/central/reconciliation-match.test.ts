// The matching rules of daily reconciliation on hand-built ledgers: by charge id, never by amount.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DailySummaryMessage } from '@roompost/sync';
import type { RoomChargeRow } from '../../../central/src/postings/room-charge.repository.js';
import { centralState, matchLedgers, recoveredPath } from '../../../central/src/reconciliation/match.js';
import type { PmsLedger } from '../../../central/src/reconciliation/pms-ledger.js';
import type { AttemptRow } from '../../../central/src/reconciliation/reconciliation.repository.js';
import { safeCell } from '../../../central/src/reconciliation/reconciliation-export.js';

const id = (n: number) => `0191d5a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

function row(n: number, over: Partial<RoomChargeRow> = {}): RoomChargeRow {
  return {
    id: id(n),
    device: 'dev-a',
    source: 'mqtt',
    outlet_code: 'POOL',
    check_number: String(1000 + n),
    room_number: '412',
    stay_ref: 's',
    guest_name: 'G',
    currency: 'USD',
    subtotal_minor: 1000,
    tax_minor: 0,
    tip_minor: 0,
    total_minor: 1000,
    items_json: '[]',
    employee_id: null,
    created_at: '2026-11-22T15:00:00.000Z',
    received_at: '2026-11-22T15:00:01.000Z',
    content_hash: 'h',
    posting_status: 'posted',
    attempts: 1,
    next_attempt_at: null,
    last_attempt_at: null,
    pms_transaction_id: `T${n}`,
    folio_balance_minor: 0,
    error_code: null,
    error_message: null,
    posted_at: '2026-11-22T15:00:02.000Z',
    override_json: null,
    held_at: null,
    stand_in: 0,
    withdrawn_at: null,
    withdrawn_by: null,
    withdrawn_reason: null,
    withdrawal_id: null,
    claimed_by: null,
    claimed_until: null,
    rate_limited_answers: 0,
    ...over,
  };
}

function summary(
  device: string,
  charges: Array<{ n: number; total?: number }>,
): { device: string; summary: DailySummaryMessage; receivedAt: string } {
  return {
    device,
    receivedAt: '2026-11-23T00:00:00.000Z',
    summary: {
      v: 1,
      outletCode: 'POOL',
      businessDate: '2026-11-22',
      timeZone: 'America/New_York',
      currency: 'USD',
      closed: true,
      digest: '0'.repeat(64),
      byStatus: [],
      charges: charges.map(({ n, total }) => ({
        chargeId: id(n),
        checkNumber: String(1000 + n),
        roomNumber: '412',
        totalMinor: total ?? 1000,
        status: 'posted',
        createdAt: '2026-11-22T15:00:00.000Z',
      })),
      at: '2026-11-23T00:00:00.000Z',
    },
  };
}

const fullPms = (held: Record<number, number>, asked: number[]): PmsLedger => ({
  mode: 'full',
  kind: 'builtin',
  error: null,
  held: new Map(
    Object.entries(held).map(([n, amount]) => [
      id(Number(n)),
      { transactionId: `T${n}`, netMinor: amount, postedMinor: amount, correctedMinor: 0 },
    ]),
  ),
  asked: new Set(asked.map(id)),
  unknown: new Map(),
});

test('same amounts under different ids do not match: each id is missing on one side', () => {
  const m = matchLedgers({
    rows: [row(1)],
    attempts: new Map(),
    voids: new Map(),
    summaries: [summary('dev-a', [{ n: 2 }])],
    pms: fullPms({}, [1]),
  });
  const kinds = m.exceptions.map((e) => [e.kind, e.chargeId]).sort();
  assert.deepEqual(kinds, [
    ['missing_at_central', id(2)],
    ['missing_at_edge', id(1)],
    ['missing_in_pms', id(1)],
  ]);
  assert.equal(m.byOutlet[0]?.varianceMinor, 2000);
});

test('an outlet charge the PMS holds under an id central never received is unknown_to_central, a negative variance', () => {
  const pms = fullPms({ 1: 1000, 7: 1500 }, [1]);
  pms.unknown = new Map([
    [
      id(7),
      {
        chargeId: id(7),
        transactionId: 'T7',
        outletCode: 'POOL',
        checkNumber: '1007',
        roomNumber: '306',
        postedAt: '2026-11-22T16:00:00.000Z',
      },
    ],
  ]);
  const m = matchLedgers({
    rows: [row(1)],
    attempts: new Map(),
    voids: new Map(),
    summaries: [summary('dev-a', [{ n: 1 }])],
    pms,
  });
  assert.deepEqual(
    m.exceptions.map((e) => [e.kind, e.chargeId, e.roomNumber, e.checkNumber, e.amountMinor]),
    [['unknown_to_central', id(7), '306', '1007', 1500]],
  );
  const line = m.charges.find((c) => c.chargeId === id(7));
  assert.deepEqual([line?.owedMinor, line?.confirmedMinor, line?.centralStatus], [0, 1500, null]);
  assert.deepEqual(
    [m.byOutlet[0]?.posTotalMinor, m.byOutlet[0]?.pmsPostedMinor, m.byOutlet[0]?.varianceMinor],
    [1000, 2500, -1500],
  );
});

test('a charge listed by two devices, or held twice by the PMS, is duplicated', () => {
  const m = matchLedgers({
    rows: [row(1), row(2)],
    attempts: new Map(),
    voids: new Map(),
    summaries: [summary('dev-a', [{ n: 1 }, { n: 2 }]), summary('dev-b', [{ n: 1 }])],
    pms: fullPms({ 1: 1000, 2: 2000 }, [1, 2]),
  });
  assert.deepEqual(m.exceptions.map((e) => [e.kind, e.chargeId]).sort(), [
    ['duplicated', id(1)],
    ['duplicated', id(2)],
  ]);
});

test('a state reconciliation does not know is an exception, never dropped', () => {
  const m = matchLedgers({
    rows: [row(1, { posting_status: 'archived' as never, source: 'http' })],
    attempts: new Map(),
    voids: new Map(),
    summaries: [],
    pms: fullPms({}, [1]),
  });
  assert.deepEqual(
    m.exceptions.map((e) => e.kind),
    ['unknown_state'],
  );
});

test('a PMS that cannot be read back: central figures, no missing_in_pms', () => {
  const m = matchLedgers({
    rows: [row(1, { source: 'http' })],
    attempts: new Map(),
    voids: new Map(),
    summaries: [],
    pms: { mode: 'none', kind: 'fias', error: null, held: new Map(), asked: new Set(), unknown: null },
  });
  assert.deepEqual(m.exceptions, []);
  assert.deepEqual([m.byOutlet[0]?.pmsPostedMinor, m.byOutlet[0]?.varianceMinor], [1000, 0]);
});

test('withdrawn is its own state or a rejection coded POSTING_WITHDRAWN; other rejections are declined', () => {
  assert.equal(centralState(row(1, { posting_status: 'withdrawn' as never })), 'withdrawn');
  assert.equal(
    centralState(row(1, { posting_status: 'rejected', error_code: 'POSTING_WITHDRAWN' })),
    'withdrawn',
  );
  assert.equal(
    centralState(row(1, { posting_status: 'rejected', error_code: 'CREDIT_EXCEEDED' })),
    'declined',
  );
  assert.equal(centralState(row(1, { posting_status: 'queued', held_at: 'x' })), 'held');
  assert.equal(
    centralState(row(1, { posting_status: 'failed', error_code: 'POSTING_UNKNOWN' })),
    'unknown_outcome',
  );
});

test('the recovered path reads the attempt log', () => {
  const a = (
    outcome: AttemptRow['outcome'],
    error_code: string | null = null,
    error_message: string | null = null,
    actor: string | null = null,
  ): AttemptRow => ({
    id: 0,
    charge_id: id(1),
    attempt: 1,
    at: '2026-11-22T15:00:00.000Z',
    outcome,
    error_code,
    error_message,
    actor,
    note: null,
  });
  assert.equal(
    recoveredPath([a('retry', 'CONNECTION_FAILED', 'the PMS timed out'), a('posted')])?.path,
    'Timeout → Retried → Success',
  );
  assert.equal(
    recoveredPath([
      a('retry', 'CONNECTION_FAILED', 'PMS link down'),
      a('manual-retry', null, null, 'maria'),
      a('posted'),
    ])?.path,
    'Connection failed → Retried by maria → Success',
  );
  assert.equal(recoveredPath([a('posted')]), null);
});

test('CSV cells that a spreadsheet would evaluate are defused; numbers are not', () => {
  assert.equal(safeCell('=HYPERLINK("x")'), `'=HYPERLINK("x")`);
  assert.equal(safeCell('+1'), "'+1");
  assert.equal(safeCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(safeCell('-12.50'), '-12.50');
  assert.equal(safeCell('Pool Bar'), 'Pool Bar');
});
