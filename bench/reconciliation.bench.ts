// Daily reconciliation of one business day with 100,000 room charges (BENCH_CHARGES) across 50 outlets
// (BENCH_OUTLETS), each outlet's edge summary stored, against the built-in folio engine (each charge
// a receipt plus two folio lines, a few voided). Measured: the whole report (three ledgers read and
// matched by charge id). Baseline, same run, same file: plain SELECTs of the same rows (central's
// charges of the day, the folio's receipts and lines of those charges) with no matching at all.
// Goal: ≤ 2 s.
//   npm run bench:reconciliation
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuiltinAdapter } from '@roompost/central';
import { createFolioService, type FolioDatabase, migrateFolio, openSqlite } from '@roompost/folio';
import { type DailySummaryMessage, silentLogger } from '@roompost/sync';
import { type Kysely, sql } from 'kysely';
import type { CentralDatabase } from '../central/src/db/central-database.js';
import { migrateCentral } from '../central/src/db/migrations.js';
import { ReconciliationService } from '../central/src/reconciliation/reconciliation-service.js';

const CHARGES = Number(process.env.BENCH_CHARGES ?? 100_000);
const OUTLETS = Number(process.env.BENCH_OUTLETS ?? 50);
const STAYS = 2_000;
const DATE = '2026-03-10';
const GOAL_MS = 2000;
const clock = { now: () => new Date('2026-03-11T09:00:00.000Z') };
const dir = mkdtempSync(join(tmpdir(), 'roompost-recon-bench-'));

const uuid = (i: number) => `0191d5a0-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
const outletOf = (i: number) => `OUT${String(i % OUTLETS).padStart(2, '0')}`;
// 08:00–23:00 Asia/Kolkata on DATE, spread over the day.
const createdAt = (i: number) =>
  new Date(Date.parse(`${DATE}T02:30:00.000Z`) + Math.floor((i / CHARGES) * 15 * 3_600_000)).toISOString();

async function seed(file: string) {
  const store = openSqlite<FolioDatabase & CentralDatabase>(file);
  await migrateFolio(store.db);
  await migrateCentral(store.db);
  const folio = createFolioService(store.db, { clock });
  await folio.configureProperty({
    name: 'Bench Palace',
    currency: 'INR',
    timeZone: 'Asia/Kolkata',
    businessDate: DATE,
  });
  await folio.createRoomType({ code: 'DLX', name: 'Deluxe', baseOccupancy: 2 });
  const { id: roomTypeId } = await store.db.selectFrom('room_types').select('id').executeTakeFirstOrThrow();
  const now = clock.now().toISOString();
  // Bulk rows straight into the tables (posting 100,000 charges through the services is not measured).
  await store.db.transaction().execute(async (trx) => {
    const chunk = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>, size = 500) => {
      for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
    };
    const stays = Array.from({ length: STAYS }, (_, i) => i);
    await chunk(stays, (p) =>
      trx
        .insertInto('rooms')
        .values(p.map((i) => ({ id: `room-${i}`, number: String(1000 + i), room_type_id: roomTypeId })))
        .execute(),
    );
    await chunk(stays, (p) =>
      trx
        .insertInto('guests')
        .values(
          p.map((i) => ({
            id: `guest-${i}`,
            title: null,
            first_name: 'G',
            last_name: String(i),
            vip_level: null,
            email: null,
            phone: null,
            created_at: now,
          })),
        )
        .execute(),
    );
    await chunk(stays, (p) =>
      trx
        .insertInto('stays')
        .values(
          p.map((i) => ({
            id: `stay-${i}`,
            confirmation: `B${i}`,
            room_id: `room-${i}`,
            guest_id: `guest-${i}`,
            arrival: DATE,
            departure: '2026-03-12',
            adults: 2,
            credit_limit_minor: null,
            checked_in_at: now,
            checked_out_at: null,
            checked_out_business_date: null,
            reservation_id: null,
          })),
        )
        .execute(),
    );
    await chunk(stays, (p) =>
      trx
        .insertInto('folios')
        .values(
          p.map((i) => ({
            id: `folio-${i}`,
            stay_id: `stay-${i}`,
            window_number: 1,
            payer_label: 'Guest',
            currency: 'INR',
            created_at: now,
            closed_at: null,
            closed_by: null,
          })),
        )
        .execute(),
    );
    const charges = Array.from({ length: CHARGES }, (_, i) => i);
    await chunk(
      charges,
      (p) =>
        trx
          .insertInto('room_charges')
          .values(
            p.map((i) => ({
              id: uuid(i),
              device: `dev-${outletOf(i)}`,
              source: 'mqtt' as const,
              outlet_code: outletOf(i),
              check_number: String(1000 + i),
              room_number: String(1000 + (i % STAYS)),
              stay_ref: `stay-${i % STAYS}`,
              guest_name: 'G',
              currency: 'INR',
              subtotal_minor: 50_000,
              tax_minor: 9_000,
              tip_minor: 0,
              total_minor: 59_000,
              items_json: '[]',
              employee_id: null,
              created_at: createdAt(i),
              received_at: createdAt(i),
              content_hash: 'x',
              posting_status: 'posted' as const,
              attempts: 1,
              next_attempt_at: null,
              last_attempt_at: createdAt(i),
              pms_transaction_id: `T${i}`,
              folio_balance_minor: 0,
              error_code: null,
              error_message: null,
              posted_at: createdAt(i),
              override_json: null,
              held_at: null,
              stand_in: 0,
              rate_limited_answers: 0,
            })),
          )
          .execute(),
      200,
    );
    await chunk(charges, (p) =>
      trx
        .insertInto('charge_receipts')
        .values(
          p.map((i) => ({
            charge_id: uuid(i),
            stay_id: `stay-${i % STAYS}`,
            folio_id: `folio-${i % STAYS}`,
            content_hash: 'x',
            total_minor: 59_000,
            currency: 'INR',
            transaction_id: `T${i}`,
            balance_minor: 0,
            posted_at: createdAt(i),
            credit_override_by: null,
            credit_override_reason: null,
          })),
        )
        .execute(),
    );
    const line = (i: number, n: 1 | 2) => ({
      id: `p-${i}-${n}`,
      folio_id: `folio-${i % STAYS}`,
      type: n === 1 ? 'POS' : 'TAX',
      amount_minor: n === 1 ? 50_000 : 9_000,
      currency: 'INR',
      description: 'Outlet',
      business_date: DATE,
      service_date: DATE,
      created_at: createdAt(i),
      posted_by: 'bench',
      outlet_code: outletOf(i),
      check_number: String(1000 + i),
      charge_ref: uuid(i),
      line_no: n,
    });
    await chunk(
      charges,
      (p) =>
        trx
          .insertInto('postings')
          .values(p.flatMap((i) => [line(i, 1), line(i, 2)]) as never)
          .execute(),
      200,
    );
    for (let o = 0; o < OUTLETS; o++) {
      const mine = charges.filter((i) => i % OUTLETS === o);
      const summary: DailySummaryMessage = {
        v: 1,
        outletCode: outletOf(o),
        businessDate: DATE,
        timeZone: 'Asia/Kolkata',
        currency: 'INR',
        closed: true,
        digest: '0'.repeat(64),
        byStatus: [{ status: 'posted', count: mine.length, totalMinor: mine.length * 59_000 }],
        charges: mine.map((i) => ({
          chargeId: uuid(i),
          checkNumber: String(1000 + i),
          roomNumber: String(1000 + (i % STAYS)),
          totalMinor: 59_000,
          status: 'posted',
          createdAt: createdAt(i),
        })),
        at: now,
      };
      await trx
        .insertInto('edge_daily_summaries')
        .values({
          device: `dev-${outletOf(o)}`,
          outlet_code: outletOf(o),
          business_date: DATE,
          digest: summary.digest,
          closed: 1,
          currency: 'INR',
          summary_json: JSON.stringify(summary),
          received_at: now,
        })
        .execute();
    }
  });
  return { store, folio };
}

try {
  const { store, folio } = await seed(join(dir, 'central.sqlite'));
  const service = new ReconciliationService({
    db: store.db as unknown as Kysely<CentralDatabase>,
    folio,
    adapter: createBuiltinAdapter(folio),
    clock,
    logger: silentLogger,
    options: () => ({ autoReconcile: true, reconcileTime: '03:00', alertOnVariance: true }),
    outletName: (c) => c,
  });

  const baseline = async () => {
    const start = process.hrtime.bigint();
    const rows = await store.db
      .selectFrom('room_charges')
      .selectAll()
      .where('created_at', '>=', '2026-03-09T18:30:00.000Z')
      .where('created_at', '<', '2026-03-10T18:30:00.000Z')
      .execute();
    const receipts = await sql`select * from charge_receipts`.execute(store.db);
    const lines =
      await sql`select charge_ref, amount_minor from postings where charge_ref is not null`.execute(store.db);
    const summaries = await store.db.selectFrom('edge_daily_summaries').selectAll().execute();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (
      rows.length !== CHARGES ||
      receipts.rows.length !== CHARGES ||
      lines.rows.length !== 2 * CHARGES ||
      summaries.length !== OUTLETS
    )
      throw new Error('baseline read the wrong rows');
    return ms;
  };
  const measure = async () => {
    const start = process.hrtime.bigint();
    const report = await service.report(DATE);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (
      report.charges.length !== CHARGES ||
      report.summary.varianceMinor !== 0 ||
      report.exceptions.length !== 0
    )
      throw new Error(
        `the report is wrong: ${report.charges.length} charges, ${report.exceptions.length} exceptions`,
      );
    if (report.byOutlet.length !== OUTLETS)
      throw new Error(`expected ${OUTLETS} outlets, got ${report.byOutlet.length}`);
    return ms;
  };
  await baseline(); // warm the page cache for both
  await measure();
  const baseMs = Math.min(await baseline(), await baseline());
  const reconMs = Math.min(await measure(), await measure());
  await store.close();
  console.log(
    `reconciliation: ${CHARGES.toLocaleString('en-US')} room charges, ${OUTLETS} outlets, built-in folio engine`,
  );
  console.log('figure, measured, baseline, ratio, goal, met|MISSED');
  console.log(
    `reconcile one business day, ${reconMs.toFixed(0)} ms, ${baseMs.toFixed(0)} ms (plain SELECT of the same rows), ${(reconMs / baseMs).toFixed(2)}, ≤ ${GOAL_MS} ms, ${reconMs <= GOAL_MS ? 'met' : 'MISSED'}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
