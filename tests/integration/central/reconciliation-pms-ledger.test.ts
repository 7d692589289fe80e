// Reconciliation's PMS ledger read from real PMSs: the built-in folio engine in a SQLite file (with
// the demo hotel's seeded history, which carries no outlet origin) lists the outlet charges of a day
// that central never received; the Mews simulator over loopback HTTP can be asked charge by charge
// only, so the report can tell presence but cannot look for charges central never saw.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createBuiltinAdapter, seedDemoHotel } from '@roompost/central';
import { createFolioService, type FolioDatabase, migrateFolio, openSqlite } from '@roompost/folio';
import { systemClock } from '../../../central/src/clock.js';
import type { PmsChargeRequest } from '../../../central/src/pms/adapter.js';
import { createMewsAdapter } from '../../../central/src/pms/mews/mews-adapter.js';
import { mewsPmsConfig } from '../../../central/src/pms/mews/mews-config.js';
import { startMewsSimulator } from '../../../central/src/pms/mews/mews-simulator.js';
import { readPmsLedger } from '../../../central/src/reconciliation/pms-ledger.js';
import { chargeMessageFor } from '../../support/raw-charges.js';
import { TODAY } from '../../support/stack.js';

function request(
  c: ReturnType<typeof chargeMessageFor>,
  description: string,
  stayRef: string | null,
): PmsChargeRequest {
  return {
    chargeId: c.chargeId,
    roomNumber: c.roomNumber,
    stayRef,
    outletCode: c.outletCode,
    checkNumber: c.checkNumber,
    description,
    currency: c.currency,
    subtotalMinor: c.subtotalMinor,
    taxMinor: c.taxMinor,
    tipMinor: c.tipMinor,
    totalMinor: c.totalMinor,
    items: c.items,
    employeeId: null,
    createdAt: `${TODAY}T16:00:00.000Z`,
  };
}

test("the folio engine lists the day's outlet charges central never received, not its seeded history", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-recon-ledger-'));
  const store = openSqlite<FolioDatabase>(join(dir, 'folio.sqlite'));
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await migrateFolio(store.db);
  const folio = createFolioService(store.db, { clock: { now: () => new Date(`${TODAY}T17:00:00Z`) } });
  await seedDemoHotel(folio, TODAY);
  const seeded = await store.db.selectFrom('charge_receipts').select(['charge_id', 'origin']).execute();
  assert.ok(seeded.length > 0, 'the demo hotel seeds outlet checks');
  assert.ok(
    seeded.every((r) => r.origin === null),
    'seeded history carries no outlet origin',
  );

  const adapter = createBuiltinAdapter(folio);
  const charge = async (room: string, outlet: string, check: string) => {
    const stay = await folio.lookupRoom(room);
    const c = chargeMessageFor({ roomNumber: room, stayRef: stay.stayRef, outletCode: outlet }, check);
    await adapter.postCharge(request(c, outlet, stay.stayRef));
    return c;
  };
  const known = await charge('412', 'POOL', '1001'); // central's row of the day
  const knownElsewhere = await charge('402', 'POOL', '1002'); // central holds it (another day's row)
  const unseenPool = await charge('306', 'POOL', '1003');
  const unseenRest = await charge('402', 'REST', '2001');

  const centralHolds = new Set([known.chargeId, knownElsewhere.chargeId]);
  const day = {
    date: TODAY,
    knownToCentral: async (ids: readonly string[]) => new Set(ids.filter((id) => centralHolds.has(id))),
  };
  const ledger = await readPmsLedger(adapter, folio, [{ chargeId: known.chargeId, roomNumber: '412' }], day);
  assert.equal(ledger.mode, 'full');
  assert.deepEqual(
    [...(ledger.unknown?.values() ?? [])]
      .map((u) => [u.chargeId, u.outletCode, u.checkNumber, u.roomNumber])
      .sort(),
    [
      [unseenPool.chargeId, 'POOL', '1003', '306'],
      [unseenRest.chargeId, 'REST', '2001', '402'],
    ].sort(),
  );
  assert.equal(ledger.held.get(unseenRest.chargeId)?.netMinor, unseenRest.totalMinor);
  assert.equal(ledger.held.get(known.chargeId)?.netMinor, known.totalMinor);
  assert.ok(!ledger.held.has(knownElsewhere.chargeId), 'not asked, not unknown');

  const poolOnly = await readPmsLedger(adapter, folio, [], { ...day, outlet: 'POOL' });
  assert.deepEqual([...(poolOnly.unknown?.keys() ?? [])], [unseenPool.chargeId]);
  const tomorrow = await readPmsLedger(adapter, folio, [], { ...day, date: '2026-11-23' });
  assert.deepEqual([...(tomorrow.unknown?.keys() ?? [])], []);
});

test('a PMS read back charge by charge (Mews simulator) verifies presence and cannot list unknown charges', async (t) => {
  const sim = await startMewsSimulator({ currency: 'USD' });
  const adapter = createMewsAdapter(
    mewsPmsConfig.parse({
      kind: 'mews',
      baseUrl: sim.url,
      clientToken: sim.tokens.clientToken,
      accessToken: sim.tokens.accessToken,
      serviceId: sim.tokens.serviceId,
      taxCode: 'US-DC-G',
      currency: 'USD',
      timeoutMs: 2_000,
    }),
    { clock: systemClock },
  );
  t.after(async () => {
    await adapter.close();
    await sim.close();
  });
  await sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  const room = await adapter.lookupRoom('412');
  const posted = chargeMessageFor({ roomNumber: '412', stayRef: room.stayRef }, '1001');
  const absent = chargeMessageFor({ roomNumber: '412', stayRef: room.stayRef }, '1002');
  await adapter.postCharge(request(posted, 'Pool Bar', room.stayRef));
  const folioUnused = {} as Parameters<typeof readPmsLedger>[1];
  const ledger = await readPmsLedger(
    adapter,
    folioUnused,
    [
      { chargeId: posted.chargeId, roomNumber: '412' },
      { chargeId: absent.chargeId, roomNumber: '412' },
    ],
    { date: TODAY, knownToCentral: async () => new Set() },
  );
  assert.deepEqual([ledger.mode, ledger.error, ledger.unknown], ['presence', null, null]);
  assert.deepEqual([...ledger.held.keys()], [posted.chargeId]);
  assert.deepEqual([...ledger.asked].sort(), [posted.chargeId, absent.chargeId].sort());
});
