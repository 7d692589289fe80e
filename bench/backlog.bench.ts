// Figure: N charges queued at one edge while central was down (written through the edge's own
// repository function), then central and the edge start: seconds until the edge's outbox is empty,
// every charge posted on the folio and "posted" back at the edge. Baseline: the same N charge
// payloads through a raw aedes broker, QoS 1 publish → PUBACK from one client, in the same run.
// Central and the edge run as production runs them, each in its own process (the compiled bundles
// with their systemd units' flags, bench/service-process.ts), and so does the raw broker
// (bench/raw-aedes-broker.mjs, its client in this process); this process watches the edge's outbox
// in its SQLite file.
//   npm run build:services && npx tsx bench/backlog.bench.ts [--full]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDevice } from '@roompost/sync';
import { chargeMessageFor } from '../tests/support/raw-charges.js';
import { centralConfig, edgeConfig, freePort, PROPERTY } from '../tests/support/stack.js';
import { cleanups, fmt, outboxOpen, profileWindow, queueOfflineCharges, report, size, sleep } from './lib.js';
import { cpuMarks, requireBuild, seedCentral, startRawAedes, startService } from './service-process.js';

const N = Number(process.env.BENCH_BACKLOG_N) || size(1_000, 100_000);
const scope = cleanups();

async function rawAedesSeconds(dir: string, payloads: string[]): Promise<{ seconds: number; cpu: string }> {
  const broker = await startRawAedes(dir);
  try {
    const c = connectDevice({ url: broker.url, property: PROPERTY, device: 'raw' });
    await new Promise<void>((r) => c.once('connect', () => r()));
    const cpu = await cpuMarks([broker]);
    const t0 = process.hrtime.bigint();
    // 100 in flight, as the edge's relay had while PUBACKs refilled its window (now 400, refilled by answers).
    let next = 0;
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        for (let i = next++; i < payloads.length; i = next++)
          await c.publishAsync('bench/raw', payloads[i] as string, { qos: 1 });
      }),
    );
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const used = await cpu.since();
    await c.endAsync(true);
    return { seconds, cpu: used.line };
  } finally {
    await broker.stop();
  }
}

/** The edge's count of status messages received (null for an edge without the counter). */
async function statusesReceived(url: string): Promise<number | null> {
  const text = await (await fetch(url)).text();
  const line = /^roompost_charge_statuses_received_total (\d+)/m.exec(text);
  return line ? Number(line[1]) : null;
}

try {
  requireBuild();
  const dir = await mkdtemp(join(tmpdir(), 'roompost-backlog-'));
  if (!process.env.BENCH_KEEP) scope.t.after(() => rm(dir, { recursive: true, force: true }));
  const mqttPort = await freePort();
  const centralCfg = centralConfig(mqttPort);
  const stays = await seedCentral(dir, centralCfg, { extraRooms: true });
  const edgeDb = join(dir, 'edge.sqlite');
  await queueOfflineCharges(edgeDb, stays, N);

  const payloads = Array.from({ length: N }, (_, i) =>
    JSON.stringify(chargeMessageFor({ roomNumber: 'B001', stayRef: 'x' }, `R${i}`)),
  );
  const baseline = await rawAedesSeconds(dir, payloads);

  const stopProfile = await profileWindow();
  const benchCpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const central = await startService({ service: 'central', dir, config: centralCfg });
  scope.t.after(() => central.stop());
  const edgeHttp = { host: '127.0.0.1', port: await freePort() };
  const edge = await startService({
    service: 'edge',
    dir,
    config: { ...edgeConfig(mqttPort), http: edgeHttp },
  });
  scope.t.after(() => edge.stop());
  const startedIn = Number(process.hrtime.bigint() - t0) / 1e9;
  const readyCpu = { central: await central.cpuMs(), edge: await edge.cpuMs() };
  const deadline = Date.now() + (N > 10_000 ? 3_600_000 : 170_000);
  let open = N;
  while (open > 0 && Date.now() < deadline) {
    await sleep(open > 1000 ? 250 : 25);
    open = await outboxOpen(edgeDb);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // Both services started after t0: their whole lives so far are the CPU of the measured part.
  const benchCpu = process.cpuUsage(benchCpu0);
  const cpuLine = `CPU central ${Math.round(await central.cpuMs())} ms, edge ${Math.round(await edge.cpuMs())} ms, bench ${Math.round((benchCpu.user + benchCpu.system) / 1000)} ms (watching the outbox) in ${Math.round(seconds * 1000)} ms wall`;
  await stopProfile();
  // Status messages central sent about the charges (the edge's counter): one per charge when each is
  // answered once with its outcome, more when "accepted" comes first and "posted" after.
  const statuses = await statusesReceived(`http://${edgeHttp.host}:${edgeHttp.port}/metrics`);
  const goal = 30 * (N / 100_000);
  report({
    figure: `backlog of ${N} charges at one edge drained to the folio (central and the edge in their own processes)`,
    measured:
      open === 0
        ? `${fmt(seconds, ' s')} (${fmt(N / seconds, '/s')})`
        : `${open} still open after ${fmt(seconds, ' s')}`,
    baseline: `raw aedes QoS 1 (own process), one client, window 100: ${fmt(baseline.seconds, ' s')}`,
    ratio: seconds / baseline.seconds,
    goal: `≤ 30 s per 100,000 (${fmt(goal, ' s')} for ${N})`,
    met: open === 0 && seconds <= goal,
    detail: [
      `status messages received at the edge: ${statuses ?? 'n/a'}${statuses === null ? '' : ` (${fmt(statuses / N, ' a charge')})`}`,
      `both services started (ready) in ${fmt(startedIn, ' s')}, the outbox empty ${fmt(seconds - startedIn, ' s')} later`,
      `from starting central until the outbox was empty: ${cpuLine}; of it until ready: central ${Math.round(readyCpu.central)} ms, edge ${Math.round(readyCpu.edge)} ms`,
      `raw aedes: ${baseline.cpu}`,
    ],
  });
} finally {
  await scope.run();
}
