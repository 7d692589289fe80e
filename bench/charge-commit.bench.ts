// How much a room charge's commit at the outlet costs over a bare SQLite commit on the same disk.
// The charge is check + charge + outbox row in one transaction (synchronous=FULL, as a money write
// must be); the baseline is one single-row insert per transaction with the same settings.
// Prints a ratio measured in this run, not an absolute time: run it on the Pi's SD card to size an outlet.
//   npm run bench
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '@roompost/folio';
import { insertCheckWithCharge } from '../edge/src/charges/charge.repository.js';
import type { EdgeDatabase } from '../edge/src/db/edge-database.js';
import { migrateEdge } from '../edge/src/db/migrations.js';

const N = Number(process.env.BENCH_N ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'roompost-bench-'));

async function baseline(file: string): Promise<number> {
  const store = openSqlite<{ t: { id: number; v: string } }>(join(dir, file));
  await store.db.schema
    .createTable('t')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('v', 'text')
    .execute();
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    await store.db.transaction().execute((trx) =>
      trx
        .insertInto('t')
        .values({ id: i, v: 'x'.repeat(200) })
        .execute(),
    );
  }
  const ns = Number(process.hrtime.bigint() - start);
  await store.close();
  return ns / N;
}

async function charges(): Promise<number> {
  const store = openSqlite<EdgeDatabase>(join(dir, 'edge.sqlite'));
  await migrateEdge(store.db);
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const id = `c${i}`;
    const now = new Date().toISOString();
    await insertCheckWithCharge(store.db, undefined, (checkNumber) => ({
      check: {
        id: `k${i}`,
        request_id: `r${i}`,
        request_hash: 'h',
        number: checkNumber,
        outlet_code: 'POOL',
        employee_id: null,
        created_at: now,
      },
      charge: {
        id,
        check_id: `k${i}`,
        room_number: '412',
        stay_ref: 's',
        guest_name: 'Mr. James Wilson',
        guest_first_name: 'James',
        guest_last_name: 'Wilson',
        currency: 'USD',
        subtotal_minor: 1600,
        tax_minor: 142,
        tip_minor: 0,
        total_minor: 1742,
        items_json:
          '[{"sku":"MOJITO","name":"Mojito","quantity":1,"unitPriceMinor":1600,"amountMinor":1600,"taxMinor":142}]',
        status: 'pending',
        status_at: null,
        error_code: null,
        error_message: null,
        pms_transaction_id: null,
        folio_balance_minor: null,
        signed_at: null,
        stand_in: 0,
        created_at: now,
        updated_at: now,
      },
      outbox: {
        charge_id: id,
        payload: '{}'.padEnd(600, ' '),
        attempts: 0,
        next_attempt_at: now,
        done_at: null,
      },
    }));
  }
  const ns = Number(process.hrtime.bigint() - start);
  await store.close();
  return ns / N;
}

try {
  await baseline('warm-up.sqlite'); // warm the disk and the JIT
  const base = await baseline('baseline.sqlite');
  const charge = await charges();
  console.log(`bare SQLite commit (FULL):   ${(base / 1e6).toFixed(3)} ms`);
  console.log(
    `room charge commit (FULL):   ${(charge / 1e6).toFixed(3)} ms  (check + charge + outbox, ${N} runs)`,
  );
  console.log(`ratio charge / bare commit:  ${(charge / base).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
