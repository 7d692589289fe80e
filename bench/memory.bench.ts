// Figures: resident memory (RSS) of central and the edge as production runs them (the compiled
// `npm run build` output, plain node with the flags of its systemd unit's ExecStart), idle and after a
// backlog has drained. Baseline: the same
// services started through tsx (TypeScript compiled at run time), idle, in the same run.
//   npm run build && npx tsx bench/memory.bench.ts [--full]
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { centralConfig, edgeConfig, freePort } from '../tests/support/stack.js';
import { cleanups, fmt, outboxOpen, queueOfflineCharges, report, size, sleep } from './lib.js';
import {
  edgeOnline,
  requireBuild,
  type Service,
  seedCentral,
  startService,
  unitFlags,
} from './service-process.js';

const N = size(1_000, 10_000);
/**
 * When a figure is read: a service settled, 12 s after it came online or its backlog drained. The
 * services give a burst's memory back once quiet (`releaseMemoryWhenQuiet`): the old generation after
 * 1 s, the young generation's semi-spaces after V8 has seen about 5 s of low allocation. The readings
 * at 3 s (idle) and 5 s (after) are printed beside them.
 */
const SETTLE_MS = 12_000;
const scope = cleanups();

try {
  requireBuild();
  const dir = await mkdtemp(join(tmpdir(), 'roompost-memory-'));
  if (!process.env.BENCH_KEEP) scope.t.after(() => rm(dir, { recursive: true, force: true }));
  const mqttPort = await freePort();
  const edgePort = await freePort();
  const central = centralConfig(mqttPort);
  const edge = { ...edgeConfig(mqttPort), http: { host: '127.0.0.1', port: edgePort } };
  const stays = await seedCentral(dir, central, { extraRooms: true });
  const edgeUrl = `http://127.0.0.1:${edgePort}`;
  const run = async (service: Service, runner: 'compiled' | 'tsx') => {
    const p = await startService({
      service,
      dir,
      config: service === 'central' ? central : edge,
      runner,
      logLevel: 'error',
    });
    scope.t.after(() => p.stop());
    return p;
  };

  // Baseline: through tsx, idle.
  let c = await run('central', 'tsx');
  let e = await run('edge', 'tsx');
  await edgeOnline(edgeUrl);
  await sleep(SETTLE_MS);
  const tsxIdle = { central: c.rssMb(), edge: e.rssMb() };
  await e.stop();
  await c.stop();

  // Compiled, idle.
  c = await run('central', 'compiled');
  e = await run('edge', 'compiled');
  await edgeOnline(edgeUrl);
  await sleep(3000);
  const idleEarly = { central: c.rssMb(), edge: e.rssMb() };
  await sleep(SETTLE_MS - 3000);
  const idle = { central: c.rssMb(), edge: e.rssMb() };

  // A backlog: the edge stops, N charges queue in its outbox, it starts again and drains them.
  await e.stop();
  await queueOfflineCharges(join(dir, 'edge.sqlite'), stays, N);
  e = await run('edge', 'compiled');
  const deadline = Date.now() + 600_000;
  while ((await outboxOpen(join(dir, 'edge.sqlite'))) > 0 && Date.now() < deadline) await sleep(250);
  await sleep(5000);
  const afterEarly = { central: c.rssMb(), edge: e.rssMb() };
  await sleep(SETTLE_MS - 5000);
  const after = { central: c.rssMb(), edge: e.rssMb() };
  const split = (p: Service, pid: number) => {
    // Anonymous: the V8 heap and malloc (SQLite's page cache among it); the rest is file-backed:
    // node's binary and ICU data, SQLite's shared WAL index.
    const kb = (k: string, text: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const anon = kb('Anonymous', rollup) / 1024;
    return `${p} anonymous ${fmt(anon, ' MB')}, file-backed ${fmt(kb('Rss', rollup) / 1024 - anon, ' MB')}`;
  };
  const afterSplit = [split('central', c.pid), split('edge', e.pid)];
  await e.stop();
  await c.stop();

  const idleMax = Math.max(idle.central, idle.edge);
  report({
    figure: `edge and central RSS idle (compiled, ${[...new Set([...unitFlags('central'), ...unitFlags('edge')])].join(' ') || 'no flags'})`,
    measured: `central ${fmt(idle.central, ' MB')}, edge ${fmt(idle.edge, ' MB')}`,
    baseline: `through tsx: central ${fmt(tsxIdle.central, ' MB')}, edge ${fmt(tsxIdle.edge, ' MB')}`,
    ratio: idleMax / Math.max(tsxIdle.central, tsxIdle.edge),
    goal: '≤ 90 MB each',
    met: idleMax <= 90,
    detail: [
      `idle, ${SETTLE_MS / 1000} s after the edge came online; at 3 s: central ${fmt(idleEarly.central, ' MB')}, edge ${fmt(idleEarly.edge, ' MB')}`,
    ],
  });
  const afterMax = Math.max(after.central, after.edge);
  report({
    figure: `edge and central RSS after a ${N}-charge backlog drained`,
    measured: `central ${fmt(after.central, ' MB')}, edge ${fmt(after.edge, ' MB')}`,
    baseline: `idle: central ${fmt(idle.central, ' MB')}, edge ${fmt(idle.edge, ' MB')}`,
    ratio: afterMax / idleMax,
    goal: '< 120 MB each',
    met: afterMax < 120,
    detail: [
      `after, ${SETTLE_MS / 1000} s after the outbox emptied: ${afterSplit.join('; ')}`,
      `at 5 s: central ${fmt(afterEarly.central, ' MB')}, edge ${fmt(afterEarly.edge, ' MB')}`,
    ],
  });
} finally {
  await scope.run();
}
