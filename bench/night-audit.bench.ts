// Night audit for 10,000 in-house stays (BENCH_STAYS), each night with taxes and two surcharges (seasonal 10 %
// and one extra bed): 3 postings a stay plus the night's GST posted with it (CGST + SGST): 5 postings a stay. Compared with a bare batched SQLite insert of the
// same number of rows, same batches, same disk and pragmas (synchronous=FULL), measured in the same run.
// Goal: ≤ 1 s for 10,000 stays (docs/performance.md).
//   npm run bench:audit
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackOffice } from '@roompost/folio';
import { benchFolio, inChunks, insertInHouseStays, profileWindow, report, size, timed } from './lib.js';

const STAYS = Number(process.env.BENCH_STAYS ?? size(10_000, 10_000));
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const DATE = '2026-03-10';
const dir = mkdtempSync(join(tmpdir(), 'roompost-audit-bench-'));
const clock = { now: () => new Date('2026-03-10T20:00:00.000Z') };
let seq = 0;
const newId = () => `id-${(seq++).toString(36).padStart(8, '0')}`;

async function seedHotel(file: string) {
  const { store, folio, roomTypeId } = await benchFolio(file, {
    clock,
    newId,
    currency: 'INR',
    timeZone: 'Asia/Kolkata',
    businessDate: DATE,
  });
  await folio.configureInvoicing(
    { legalName: 'Bench Palace Pvt Ltd', address: 'Mumbai', gstin: '27AABCS1234F1Z5', regime: 'IN_GST' },
    'bench',
  );
  await folio.createRatePlan({ code: 'BAR', name: 'Best available rate' });
  await folio.createRule(
    {
      code: 'SPRING',
      kind: 'SEASONAL',
      name: 'Spring season',
      percent: '10',
      dateFrom: '2026-03-01',
      dateTo: '2026-03-31',
    },
    'bench',
  );
  await folio.createRule(
    { code: 'XBED', kind: 'EXTRA_BED', name: 'Extra bed', amountMinor: 70_000 },
    'bench',
  );
  const { id: ratePlanId } = await store.db.selectFrom('rate_plans').select('id').executeTakeFirstOrThrow();
  const now = clock.now().toISOString();
  // Bulk rows straight into the tables (the services would take minutes for 10,000 check-ins; not measured).
  await store.db.transaction().execute(async (trx) => {
    await insertInHouseStays(trx, {
      n: STAYS,
      roomTypeId,
      firstRoom: 10_000,
      arrival: DATE,
      departure: '2026-03-12',
      currency: 'INR',
      now,
      reservationOf: (i) => `res-${i}`,
    });
    const n = Array.from({ length: STAYS }, (_, i) => i);
    await trx
      .insertInto('rate_plan_rates')
      .values({ rate_plan_id: ratePlanId, room_type_id: roomTypeId, stay_date: DATE, amount_minor: 600_000 })
      .execute();
    await inChunks(n, (part) =>
      trx
        .insertInto('reservations')
        .values(
          part.map((i) => ({
            id: `res-${i}`,
            confirmation: `B${i}`,
            guest_id: `guest-${i}`,
            room_id: `room-${i}`,
            rate_plan_id: ratePlanId,
            deposit_policy_id: null,
            arrival: DATE,
            departure: '2026-03-12',
            adults: 2,
            children: 0,
            extra_beds: 1,
            credit_limit_minor: null,
            status: 'CheckedIn' as const,
            stay_id: null,
            created_at: now,
            created_by: 'bench',
          })),
        )
        .execute(),
    );
    await inChunks(n, (part) =>
      trx
        .insertInto('reservation_nights')
        .values(
          part.map((i) => ({
            reservation_id: `res-${i}`,
            stay_date: DATE,
            room_minor: 600_000,
            extra_minor: 0,
          })),
        )
        .execute(),
    );
  });
  return store;
}

async function bareInsert(rows: number): Promise<number> {
  const { openSqlite } = await import('@roompost/folio');
  const store = openSqlite<{ t: Record<string, string | number | null> }>(join(dir, 'bare.sqlite'));
  await store.db.schema
    .createTable('t')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('folio_id', 'text')
    .addColumn('type', 'text')
    .addColumn('amount_minor', 'integer')
    .addColumn('description', 'text')
    .addColumn('stay_date', 'text')
    .addColumn('code', 'text')
    .execute();
  const perBatch = BATCH * 3;
  const start = process.hrtime.bigint();
  for (let b = 0; b < rows; b += perBatch) {
    await store.db.transaction().execute(async (trx) => {
      const batch = Array.from({ length: Math.min(perBatch, rows - b) }, (_, i) => ({
        id: `p-${b + i}`,
        folio_id: `folio-${Math.floor((b + i) / 3)}`,
        type: 'ROOM',
        amount_minor: 600_000,
        description: `Room ${b + i} - night of ${DATE} (BAR)`,
        stay_date: DATE,
        code: 'ROOM',
      }));
      for (let i = 0; i < batch.length; i += 400)
        await trx
          .insertInto('t')
          .values(batch.slice(i, i + 400))
          .execute();
    });
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await store.close();
  return ms;
}

try {
  const store = await seedHotel(join(dir, 'audit.sqlite'));
  const office = createBackOffice(store.db, { clock, newId }, { pendingPosCharges: async () => 0 });
  const cpu0 = process.cpuUsage();
  const stopProfile = await profileWindow();
  const { ms: auditMs, value: result } = await timed(() =>
    office.runNightAudit({ businessDate: DATE, by: 'bench', batchSize: BATCH }),
  );
  await stopProfile();
  const cpu = process.cpuUsage(cpu0);
  await store.close();
  if (result.postings !== STAYS * 5)
    throw new Error(`expected ${STAYS * 5} postings, got ${result.postings}`);
  const bareMs = await bareInsert(result.postings);
  const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
  console.log(
    `night audit: ${STAYS.toLocaleString('en-US')} stays, ${result.postings.toLocaleString('en-US')} postings, batches of ${BATCH} rooms`,
  );
  console.log(
    `  audit        ${auditMs.toFixed(0).padStart(6)} ms  ${perSecond(result.postings, auditMs)} postings/s  (GST posted: ${result.roomTaxMinor / 100} INR)`,
  );
  // CPU time moves less than wall time on a shared machine: it tells a change from the load.
  console.log(`  audit CPU    ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(6)} ms (user + system)`);
  console.log(
    `  bare insert  ${bareMs.toFixed(0).padStart(6)} ms  ${perSecond(result.postings, bareMs)} rows/s`,
  );
  const goalMs = 1000 * (STAYS / 10_000);
  report({
    figure: `night audit, ${STAYS} stays / ${result.postings} postings`,
    measured: `${auditMs.toFixed(0)} ms`,
    baseline: `bare batched insert of as many rows ${bareMs.toFixed(0)} ms`,
    ratio: auditMs / bareMs,
    goal: `≤ ${goalMs.toFixed(0)} ms`,
    met: auditMs <= goalMs,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
