// The services as production runs them, for the benchmarks: each in its own process, the compiled
// bundle (`npm run build:services`) started with plain node and the flags of its systemd unit's
// ExecStart, its config in a file and its data in a directory. The benchmark process plays the
// outside world (the kiosk's HTTP client, the device MQTT clients, the observer); the services never
// share its event loop, nor each other's, as on a Raspberry Pi and a server.
//
// BENCH_KEEP=1 keeps a run's data directory (each service's config, data and log) for a look after.
//
// Readiness is what systemd sees (Type=notify): the service calls `systemd-notify --ready` once it
// has started; a stand-in `systemd-notify` first on the child's PATH writes each call into a file.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { api } from '../tests/support/stack.js';
import { processCpuMs, sleep } from './lib.js';

export type Service = 'central' | 'edge';

const root = join(import.meta.dirname, '..');

/**
 * The node flags production starts a service with: those of its systemd unit's ExecStart line.
 * `BENCH_SERVICE_FLAGS` replaces them for an experiment (e.g. `BENCH_SERVICE_FLAGS=` for none).
 */
export function unitFlags(service: Service): string[] {
  const override = process.env.BENCH_SERVICE_FLAGS;
  if (override !== undefined) return override.split(/\s+/).filter(Boolean);
  const unit = readFileSync(join(root, `systemd/roompost-${service}.service`), 'utf8');
  const exec = /^ExecStart=\S*node\s+(.*?)\s*\S+\/dist\/main\.js/m.exec(unit);
  if (!exec) throw new Error(`no node ExecStart in systemd/roompost-${service}.service`);
  return (exec[1] ?? '').split(/\s+/).filter(Boolean);
}

/**
 * The environment production starts a service with: its systemd unit's `Environment=KEY=VALUE` lines.
 * `BENCH_SERVICE_ENV='KEY=VALUE …'` replaces them for an experiment (`BENCH_SERVICE_ENV=` for none).
 */
export function unitEnv(service: Service): Record<string, string> {
  const override = process.env.BENCH_SERVICE_ENV;
  if (override !== undefined) {
    return Object.fromEntries(
      override
        .split(/\s+/)
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    );
  }
  const unit = readFileSync(join(root, `systemd/roompost-${service}.service`), 'utf8');
  const env: Record<string, string> = {};
  for (const m of unit.matchAll(/^Environment=([A-Za-z_][A-Za-z0-9_]*)=(\S*)\s*$/gm))
    env[m[1] as string] = m[2] as string;
  return env;
}

/** Throws unless `npm run build:services` has run: these benchmarks measure the compiled services. */
export function requireBuild(): void {
  for (const s of ['central', 'edge'] as const) {
    if (!existsSync(join(root, `${s}/dist/main.js`))) {
      throw new Error(`run \`npm run build:services\` first: ${s}/dist/main.js is missing`);
    }
  }
}

/**
 * Where `BENCH_CPU_PROF=/tmp/x.cpuprofile` puts a child's profile: `/tmp/x.<name>.cpuprofile` (node's
 * `--cpu-prof`, the whole life of the process, written when it exits).
 */
export function childProfile(name: string): string | undefined {
  const file = process.env.BENCH_CPU_PROF;
  if (!file) return undefined;
  return join(dirname(file), `${basename(file).replace(/\.cpuprofile$/, '')}.${name}.cpuprofile`);
}

export interface ChildService {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Where its stdout and stderr go (its journal). */
  logFile: string;
  /** CPU time (user + system) it has used so far, ms. */
  cpuMs(): Promise<number>;
  /** Resident memory now, MB. */
  rssMb(): number;
  /** SIGTERM, as systemd stops it, and wait for it to exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
}

// No service outlives the benchmark, whether it ends, throws or is told to stop.
const running = new Set<ChildProcess>();
const killAll = () => {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
};
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

/**
 * Spawns `node <args>` from the repository root with its output in `<dir>/<name>.log`; resolves once
 * `ready()` says so, rejects (with the log's tail) if it exits first or takes over a minute.
 */
export async function spawnNode(o: {
  name: string;
  dir: string;
  args: string[];
  env?: Record<string, string>;
  /** Resolves true when the process is ready; polled every 20 ms. */
  ready: (log: () => string) => Promise<boolean> | boolean;
}): Promise<ChildService> {
  const logFile = join(o.dir, `${o.name}.log`);
  // Appended to (a service started again keeps its earlier lines); this start reads from here on.
  const from = existsSync(logFile) ? statSync(logFile).size : 0;
  const fd = openSync(logFile, 'a');
  const profile = childProfile(o.name);
  const profFlags = profile
    ? ['--cpu-prof', '--cpu-prof-dir', dirname(profile), '--cpu-prof-name', basename(profile)]
    : [];
  const child = spawn(process.execPath, [...profFlags, ...o.args], {
    cwd: root,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, ...o.env },
  });
  closeSync(fd);
  running.add(child);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  void exited.then(() => running.delete(child));
  const log = () => (existsSync(logFile) ? readFileSync(logFile).subarray(from).toString('utf8') : '');
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${o.name} exited (${child.exitCode ?? child.signalCode}): ${log().slice(-2000)}`);
    }
    if (await o.ready(log)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${o.name} was not ready within 60 s: ${log().slice(-2000)}`);
    }
    await sleep(20);
  }
  const pid = child.pid as number;
  return {
    name: o.name,
    pid,
    child,
    logFile,
    cpuMs: () => processCpuMs(pid),
    rssMb: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : Number.NaN;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const slow = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(slow);
      if (profile) console.log(`  cpu profile of ${o.name} (its whole life): ${profile}`);
    },
  };
}

/**
 * Starts central or the edge as its systemd unit does: `node <unit flags> <service>/dist/main.js
 * --config <dir>/<name>.json --data <dir>` (the edge with `--kiosk`, here a folder with no kiosk
 * build), or through tsx (`runner: 'tsx'`, the memory baseline). `config` is written to the file.
 * Resolves when the service has told "systemd" it is ready.
 */
export async function startService(o: {
  service: Service;
  dir: string;
  config: object;
  /** Default the service's name; two instances in one directory need two names. */
  name?: string;
  runner?: 'compiled' | 'tsx';
  /** Default production's (info); the benchmarks' journal is a file in `dir`. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}): Promise<ChildService> {
  const name = o.name ?? o.service;
  const configFile = join(o.dir, `${name}.json`);
  await writeFile(configFile, JSON.stringify(o.config));
  const bin = join(o.dir, 'fake-systemd-bin');
  await mkdir(bin, { recursive: true });
  await writeFile(
    join(bin, 'systemd-notify'),
    '#!/bin/sh\n# A stand-in for systemd-notify: what the service tells systemd, one call a line.\nprintf \'%s\\n\' "$*" >> "$NOTIFY_SOCKET"\n',
  );
  await chmod(join(bin, 'systemd-notify'), 0o755);
  const notify = join(o.dir, `${name}.notify`);
  await writeFile(notify, '');
  const program =
    (o.runner ?? 'compiled') === 'compiled'
      ? [...unitFlags(o.service), `${o.service}/dist/main.js`]
      : ['--import', 'tsx', `${o.service}/src/main.ts`];
  return spawnNode({
    name,
    dir: o.dir,
    args: [
      ...program,
      '--config',
      configFile,
      '--data',
      o.dir,
      ...(o.logLevel ? ['--log-level', o.logLevel] : []),
      ...(o.service === 'edge' ? ['--kiosk', join(o.dir, 'no-kiosk-build')] : []),
    ],
    env: {
      ...((o.runner ?? 'compiled') === 'compiled' ? unitEnv(o.service) : {}),
      NOTIFY_SOCKET: notify,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
    },
    ready: async () => (await readFile(notify, 'utf8').catch(() => '')).includes('--ready'),
  });
}

/** Waits until the edge at `edgeUrl` says central is online (it has connected and subscribed). */
export async function edgeOnline(edgeUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const h = await api(edgeUrl, '/api/health').catch(() => undefined);
    if (h?.body.central === 'online') return;
    await sleep(100);
  }
  throw new Error(`the edge at ${edgeUrl} did not come online in ${timeoutMs / 1000} s`);
}

/**
 * A bare aedes broker (no storage, no subscribers, `TCP_NODELAY` as central's) in its own process,
 * plain node: the baseline of the ingest and backlog figures, arranged as central is.
 */
export async function startRawAedes(dir: string): Promise<ChildService & { url: string }> {
  let port = 0;
  const broker = await spawnNode({
    name: 'raw-aedes',
    dir,
    args: [join(import.meta.dirname, 'raw-aedes-broker.mjs')],
    ready: (log) => {
      const m = /^listening on (\d+)$/m.exec(log());
      if (m) port = Number(m[1]);
      return port > 0;
    },
  });
  return { ...broker, url: `mqtt://127.0.0.1:${port}` };
}

/**
 * The floor under central's ingest (bench/floor-central.mjs: broker, JSON, one durable transaction per
 * turn, the answer; none of central's checks), with central's unit flags, on a free loopback port.
 */
export async function startFloorCentral(dir: string): Promise<ChildService & { url: string }> {
  let port = 0;
  const floor = await spawnNode({
    name: 'floor-central',
    dir,
    args: [...unitFlags('central'), join(import.meta.dirname, 'floor-central.mjs'), join(dir, 'floor')],
    env: unitEnv('central'),
    ready: (log) => {
      const m = /^listening on (\d+)$/m.exec(log());
      if (m) port = Number(m[1]);
      return port > 0;
    },
  });
  return { ...floor, url: `mqtt://127.0.0.1:${port}` };
}

function processCpuSplitMs(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 }; // USER_HZ 100
}

/** CPU (user + system, ms) each process used between `cpuMarks()` and `since()`; `bench` is this one. */
export async function cpuMarks(
  processes: ReadonlyArray<{ name: string; cpuMs(): Promise<number>; pid?: number }>,
) {
  // BENCH_CPU_SPLIT=1 adds each service's user and system (kernel: fsync, sockets) share to the line.
  const split = Boolean(process.env.BENCH_CPU_SPLIT);
  const read = async () => {
    const out: Record<string, number> = {};
    const own = process.cpuUsage();
    out.bench = (own.user + own.system) / 1000;
    for (const p of processes) {
      out[p.name] = await p.cpuMs();
      if (split && p.pid) {
        const { user, system } = processCpuSplitMs(p.pid);
        out[`${p.name} user`] = user;
        out[`${p.name} system`] = system;
      }
    }
    return out;
  };
  const start = await read();
  const t0 = process.hrtime.bigint();
  return {
    async since(): Promise<{ wallMs: number; cpu: Record<string, number>; line: string }> {
      const now = await read();
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu: Record<string, number> = {};
      for (const k of Object.keys(now)) cpu[k] = (now[k] ?? 0) - (start[k] ?? 0);
      const parts = Object.entries(cpu).map(([k, v]) => `${k} ${Math.round(v)} ms`);
      return { wallMs, cpu, line: `CPU ${parts.join(', ')} in ${Math.round(wallMs)} ms wall` };
    },
  };
}

/**
 * Seeds central's data directory in this process before its service process starts (as an operator's
 * set-up would): the demo hotel and menus, no credit limits, and with `extraRooms` the 200 extra
 * in-house rooms the charges go round-robin over. `config` is the one the service will run with.
 */
export async function seedCentral(
  dir: string,
  config: import('@roompost/central').CentralConfig,
  o: { extraRooms: boolean },
): Promise<Array<{ room: string; stayRef: string }>> {
  const { seedDemoCatalogs, seedDemoHotel, startCentral } = await import('@roompost/central');
  const { recordingLogger } = await import('../tests/support/recording-logger.js');
  const { extraInHouseRooms, unlimitedCredit } = await import('./lib.js');
  const { TODAY } = await import('../tests/support/stack.js');
  const seeding = await startCentral(config, { dataDir: dir, logger: recordingLogger() });
  try {
    await seedDemoHotel(seeding.folio, TODAY);
    await seedDemoCatalogs(seeding.catalog);
    await unlimitedCredit(seeding);
    return o.extraRooms ? await extraInHouseRooms(seeding.folio, 200, TODAY) : [];
  } finally {
    await seeding.stop();
  }
}

/**
 * The charge road one charge at a time is measured on: central (seeded with the demo hotel and menus)
 * and an edge on it, each in its own process, in a fresh data directory; resolves once the edge says
 * central is online. Both stop (and the directory goes, unless BENCH_KEEP) when `scope` runs.
 */
export async function startRoad(
  scope: { t: { after(fn: () => unknown): void } },
  name: string,
): Promise<{ dir: string; central: ChildService; edge: ChildService; edgeUrl: string }> {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { centralConfig, edgeConfig, freePort } = await import('../tests/support/stack.js');
  const dir = await mkdtemp(join(tmpdir(), `roompost-${name}-`));
  if (!process.env.BENCH_KEEP) scope.t.after(() => rm(dir, { recursive: true, force: true }));
  const mqttPort = await freePort();
  const edgePort = await freePort();
  const centralCfg = centralConfig(mqttPort);
  await seedCentral(dir, centralCfg, { extraRooms: false });
  const central = await startService({ service: 'central', dir, config: centralCfg });
  scope.t.after(() => central.stop());
  const edge = await startService({
    service: 'edge',
    dir,
    config: { ...edgeConfig(mqttPort), http: { host: '127.0.0.1', port: edgePort } },
  });
  scope.t.after(() => edge.stop());
  const edgeUrl = `http://127.0.0.1:${edgePort}`;
  await edgeOnline(edgeUrl);
  return { dir, central, edge, edgeUrl };
}
