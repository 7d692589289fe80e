// Figure: the edge's `POST /api/checks` (HTTP in, the live room re-check at central, check + charge +
// outbox in one synchronous=FULL transaction, the answer out) against a raw better-sqlite3 WAL commit
// (synchronous=FULL) of a row of the same size on the same disk, interleaved one for one in the same
// run. p50 and p99. Central and the edge run as production runs them, each in its own process (the
// compiled bundles with their systemd units' flags, bench/service-process.ts); this process is the
// kiosk's HTTP client, and the raw commit runs here too (a file on the same disk).
//   npm run build:services && npx tsx bench/edge-checks.bench.ts [--full]
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { api } from '../tests/support/stack.js';
import { cleanups, demoVerifications, fmt, ms, percentile, profileWindow, report, size } from './lib.js';
import { cpuMarks, requireBuild, startRoad } from './service-process.js';

const N = size(150, 1000);
const scope = cleanups();
try {
  requireBuild();
  const { dir, central, edge, edgeUrl } = await startRoad(scope, 'edge-checks');

  const Database = createRequire(import.meta.url)('better-sqlite3') as new (
    f: string,
  ) => {
    pragma(s: string): unknown;
    exec(s: string): void;
    prepare(s: string): { run(...a: unknown[]): unknown };
    close(): void;
  };
  const raw = new Database(join(dir, 'raw-baseline.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('create table t (id text primary key, body text not null)');
  const insert = raw.prepare('insert into t (id, body) values (?, ?)');
  const body = 'x'.repeat(1200); // about a charge row plus its outbox payload

  const guests = await demoVerifications(edgeUrl);
  let turn = 0;
  const check = () =>
    api(edgeUrl, '/api/checks', {
      requestId: randomUUID(),
      verificationId: guests[turn++ % guests.length],
      items: [{ sku: 'WATER', quantity: 1 }],
      tipMinor: 0,
    });
  for (let i = 0; i < 20; i++) {
    await check(); // warm-up: JIT, statement cache, the connection
    insert.run(randomUUID(), body);
  }
  const edgeMs: number[] = [];
  const base: number[] = [];
  const stopProfile = await profileWindow();
  const cpu = await cpuMarks([central, edge]);
  for (let i = 0; i < N; i++) {
    let t0 = process.hrtime.bigint();
    const res = await check();
    edgeMs.push(ms(process.hrtime.bigint() - t0));
    if (res.status !== 201)
      throw new Error(`POST /api/checks answered ${res.status}: ${JSON.stringify(res.body)}`);
    t0 = process.hrtime.bigint();
    insert.run(randomUUID(), body);
    base.push(ms(process.hrtime.bigint() - t0));
  }
  const used = await cpu.since();
  await stopProfile();
  raw.close();
  const p99 = percentile(edgeMs, 99);
  const b99 = percentile(base, 99);
  report({
    figure: `edge POST /api/checks p99 (n=${N}, central and the edge in their own processes)`,
    measured: `${fmt(p99, ' ms')} (p50 ${fmt(percentile(edgeMs, 50), ' ms')})`,
    baseline: `raw WAL FULL commit p99 ${fmt(b99, ' ms')} (p50 ${fmt(percentile(base, 50), ' ms')})`,
    ratio: p99 / b99,
    goal: '≤ 3×',
    met: p99 / b99 <= 3,
    detail: [`${used.line} (bench = the kiosk's HTTP client and the raw commits)`],
  });
} finally {
  await scope.run();
}
