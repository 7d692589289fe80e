// Two processes, each with its own SQLite connection, finalize the same forty folios in opposite
// orders. Every folio must be invoiced once, and the numbers must run 1…40 without a gap or a repeat.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openIndianHotel, postRaw, stayWithFolio } from './invoice-fixture.js';

const worker = fileURLToPath(new URL('./finalize-worker.ts', import.meta.url));

const COUNT = 40;

interface Result {
  folioId: string;
  number?: string;
  code?: string;
}

test('concurrent finalizations on two connections leave no gap and no duplicate number', async (t) => {
  const hotel = await openIndianHotel(t);
  const folioIds: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const { folioId } = await stayWithFolio(hotel);
    await postRaw(hotel.store.db, folioId, {
      type: 'ROOM',
      rupees: 4_000 + i,
      date: '2025-11-14',
      description: 'Night',
    });
    folioIds.push(folioId);
  }

  const workers = [startWorker(hotel.file, folioIds), startWorker(hotel.file, [...folioIds].reverse())];
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.go();
  const outputs = await Promise.all(workers.map((w) => w.done));
  const results = outputs.flat();

  const issued = results.filter((r) => r.number !== undefined);
  // Both workers issued some: the finalizations really interleaved on the shared counter.
  assert.ok(
    outputs.every((o) => o.some((r) => r.number !== undefined)),
    'both workers issued invoices',
  );
  const refused = results.filter((r) => r.code !== undefined);
  assert.deepEqual(
    issued.map((r) => r.folioId).sort(),
    [...folioIds].sort(),
    'each folio invoiced exactly once',
  );
  assert.ok(refused.every((r) => r.code === 'INVOICE_ALREADY_FINALIZED'));
  assert.equal(refused.length, COUNT);
  assert.deepEqual(
    issued.map((r) => r.number).sort(),
    Array.from({ length: COUNT }, (_, i) => `INV/25-26/${String(i + 1).padStart(5, '0')}`),
  );
  const counter = await hotel.store.db.selectFrom('invoice_counters').selectAll().executeTakeFirstOrThrow();
  assert.deepEqual(counter, { series: 'INV', fiscal_year: '25-26', last_seq: COUNT });
});

/** A worker process that opens the file, reports ready, and finalizes its list when told to go. */
function startWorker(file: string, order: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, file, order.join(',')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  const done = new Promise<Result[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`worker exited with ${code}`));
      resolve(JSON.parse(out.slice('ready\n'.length)) as Result[]);
    });
  });
  return { ready, done, go: () => child.stdin.end('go\n') };
}
