// Figures: resident memory (RSS) of central and the edge as production runs them (the compiled
// `npm run build` output, plain node with the flags of its systemd unit's ExecStart), idle and after a
// backlog has drained. Baseline: the same
// services started through tsx (TypeScript compiled at run time), idle, in the same run.
//   npm run build && npx tsx bench/memory.bench.ts [--full]
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoCatalogs, seedDemoHotel, startCentral } from '@roompost/central';
import { recordingLogger } from '../tests/support/recording-logger.js';
import { api, centralConfig, edgeConfig, freePort, TODAY } from '../tests/support/stack.js';
import {
  cleanups,
  extraInHouseRooms,
  fmt,
  outboxOpen,
  queueOfflineCharges,
  report,
  size,
  sleep,
} from './lib.js';

const N = size(1_000, 10_000);
const root = join(import.meta.dirname, '..');
const scope = cleanups();

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** The node flags production starts a service with: those of its systemd unit's ExecStart line. */
function unitFlags(service: 'central' | 'edge'): string[] {
  const unit = readFileSync(join(root, `systemd/roompost-${service}.service`), 'utf8');
  const exec = /^ExecStart=\S*node\s+(.*?)\s*\S+\/dist\/main\.js/m.exec(unit);
  if (!exec) throw new Error(`no node ExecStart in systemd/roompost-${service}.service`);
  return (exec[1] ?? '').split(/\s+/).filter(Boolean);
}

function run(args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  scope.t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

try {
  if (!existsSync(join(root, 'central/dist/main.js')) || !existsSync(join(root, 'edge/dist/main.js'))) {
    throw new Error('run `npm run build` first: this figure measures the compiled services');
  }
  const dir = await mkdtemp(join(tmpdir(), 'roompost-memory-'));
  scope.t.after(() => rm(dir, { recursive: true, force: true }));
  const mqttPort = await freePort();
  const edgePort = await freePort();
  const central = centralConfig(mqttPort);
  const edge = { ...edgeConfig(mqttPort), http: { host: '127.0.0.1', port: edgePort } };
  await writeFile(join(dir, 'central.json'), JSON.stringify(central));
  await writeFile(join(dir, 'edge.json'), JSON.stringify(edge));
  const seeding = await startCentral(central, { dataDir: dir, logger: recordingLogger() });
  await seedDemoHotel(seeding.folio, TODAY);
  await seedDemoCatalogs(seeding.catalog);
  const stays = await extraInHouseRooms(seeding.folio, 200, TODAY);
  await seeding.stop();
  const edgeUrl = `http://127.0.0.1:${edgePort}`;
  const common = (which: 'central' | 'edge') => [
    '--config',
    join(dir, `${which}.json`),
    '--data',
    dir,
    '--log-level',
    'error',
    ...(which === 'edge' ? ['--kiosk', join(dir, 'no-kiosk')] : []),
  ];
  const online = async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const h = await api(edgeUrl, '/api/health').catch(() => undefined);
      if (h?.body.central === 'online') return;
      await sleep(200);
    }
    throw new Error('the edge did not come online');
  };

  // Baseline: through tsx, idle.
  let c = run(['--import', 'tsx', 'central/src/main.ts', ...common('central')]);
  let e = run(['--import', 'tsx', 'edge/src/main.ts', ...common('edge')]);
  await online();
  await sleep(3000);
  const tsxIdle = { central: rssMb(c.pid as number), edge: rssMb(e.pid as number) };
  await stop(e);
  await stop(c);

  // Compiled, idle.
  c = run([...unitFlags('central'), 'central/dist/main.js', ...common('central')]);
  e = run([...unitFlags('edge'), 'edge/dist/main.js', ...common('edge')]);
  await online();
  await sleep(3000);
  const idle = { central: rssMb(c.pid as number), edge: rssMb(e.pid as number) };

  // A backlog: the edge stops, N charges queue in its outbox, it starts again and drains them.
  await stop(e);
  await queueOfflineCharges(join(dir, 'edge.sqlite'), stays, N);
  e = run([...unitFlags('edge'), 'edge/dist/main.js', ...common('edge')]);
  const deadline = Date.now() + 600_000;
  while ((await outboxOpen(join(dir, 'edge.sqlite'))) > 0 && Date.now() < deadline) await sleep(250);
  await sleep(5000);
  const after = { central: rssMb(c.pid as number), edge: rssMb(e.pid as number) };
  await stop(e);
  await stop(c);

  const idleMax = Math.max(idle.central, idle.edge);
  report({
    figure: `edge and central RSS idle (compiled, ${[...new Set([...unitFlags('central'), ...unitFlags('edge')])].join(' ') || 'no flags'})`,
    measured: `central ${fmt(idle.central, ' MB')}, edge ${fmt(idle.edge, ' MB')}`,
    baseline: `through tsx: central ${fmt(tsxIdle.central, ' MB')}, edge ${fmt(tsxIdle.edge, ' MB')}`,
    ratio: idleMax / Math.max(tsxIdle.central, tsxIdle.edge),
    goal: '≤ 90 MB each',
    met: idleMax <= 90,
  });
  const afterMax = Math.max(after.central, after.edge);
  report({
    figure: `edge and central RSS after a ${N}-charge backlog drained`,
    measured: `central ${fmt(after.central, ' MB')}, edge ${fmt(after.edge, ' MB')}`,
    baseline: `idle: central ${fmt(idle.central, ' MB')}, edge ${fmt(idle.edge, ' MB')}`,
    ratio: afterMax / idleMax,
    goal: '< 120 MB each',
    met: afterMax < 120,
  });
} finally {
  await scope.run();
}
