// The chaos run: central, two staff-mode edges and the PMS simulator as separate processes, every
// link through a TcpProxy. Charges go in continuously through the edges' HTTP API while a fault is
// injected every few seconds: kill -9 of central or an edge (restarted after a moment), a frozen or
// cut edge ↔ broker link, a PMS that times out (frozen) or loses its answers. At the end every
// acknowledged charge must be on the PMS exactly once and posted at central, and every refused one
// nowhere. Prints the figures and exits 1 when one is broken.
//
//   npm run chaos -- --faults 500 [--seed 7] [--gap-ms 2500]
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { hashPin } from '../../edge/src/staff/pin-hash.js';
import { signIn, TEST_ADMIN } from '../support/central-api.js';
import { TcpProxy } from './tcp-proxy.js';

const { values: args } = parseArgs({
  options: {
    faults: { type: 'string', default: '30' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    'gap-ms': { type: 'string', default: '2500' },
    rooms: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
const FAULTS = positive('faults', args.faults);
const GAP_MS = positive('gap-ms', args['gap-ms']);
const ROOMS = positive('rooms', args.rooms);
let seed = positive('seed', args.seed);
function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer, got "${value}"`);
    process.exit(2);
  }
  return n;
}
/** mulberry32: a seeded run can be repeated. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ROOT = resolve(import.meta.dirname, '../..');
const PROPERTY = 'CHAOS';
// Central's default staff PIN length (6): the member is on central's roster, so a sign-in carries
// central's staff proof, which a custom price needs (verify-staff-claim).
const PIN = '246813';
const STAFF = { id: 'chaos-server', name: 'Chaos Server', role: 'front_desk' } as const;
const EDGES = ['chaos-edge-1', 'chaos-edge-2'] as const;
const SECRET = (device: string) => `${device}-secret-0123456789`;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A service process that can be killed with SIGKILL and started again on the same data. */
class Service {
  child: ChildProcess | undefined;
  starts = 0;
  constructor(
    readonly name: string,
    readonly argv: string[],
    readonly log: string,
  ) {}
  start(): void {
    this.starts++;
    this.child = spawn(process.execPath, ['--import', 'tsx', ...this.argv], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const child = this.child;
    let tail = '';
    child.stderr?.on('data', (d: Buffer) => {
      tail = (tail + d.toString()).slice(-4000);
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && signal !== 'SIGTERM' && this.child === child) {
        console.error(`${this.name} exited (${code ?? signal}):\n${tail}`);
      }
    });
  }
  kill(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(8000)]);
    child.kill('SIGKILL');
  }
}

async function http<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; body?: unknown; token?: string; timeoutMs?: number } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
  });
  return { status: res.status, body: (await res.json()) as T };
}

interface Attempt {
  requestId: string;
  tag: string;
  edge: number;
  request: Record<string, unknown>;
  outcome: 'acked' | 'refused' | 'unknown';
  chargeId?: string;
  code?: string;
}

/** Whatever was started, stopped on every way out (a failed start included). */
const cleanup: Array<() => Promise<unknown> | unknown> = [];

async function main(): Promise<number> {
  const dir = await mkdtemp(join(os.tmpdir(), 'roompost-chaos-'));
  const started = Date.now();
  console.log(`chaos: ${FAULTS} faults, seed ${args.seed}, data in ${dir}`);

  // The PMS simulator, and the proxy central reaches it through.
  const pmsProc = spawn(process.execPath, ['--import', 'tsx', 'tests/chaos/pms-sim-main.ts', String(ROOMS)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ pms: { baseUrl: string } & Record<string, unknown>; control: string }>(
    (resolveReady, reject) => {
      let buf = '';
      pmsProc.stdout?.on('data', (d: Buffer) => {
        buf += d.toString();
        const line = buf.split('\n')[0];
        if (buf.includes('\n') && line) resolveReady(JSON.parse(line));
      });
      pmsProc.once('exit', () => reject(new Error('the PMS simulator did not start')));
    },
  );
  cleanup.push(() => pmsProc.kill('SIGTERM'));
  const pmsUrl = new URL(ready.pms.baseUrl);
  const pmsProxy = new TcpProxy({ host: '127.0.0.1', port: Number(pmsUrl.port) });
  await pmsProxy.listen();

  const mqttPort = await freePort();
  const centralHttp = await freePort();
  const centralConfig = {
    version: 1,
    property: PROPERTY,
    database: 'central.sqlite',
    http: { host: '127.0.0.1', port: centralHttp },
    mqtt: {
      embedded: { host: '127.0.0.1', port: mqttPort },
      username: 'central',
      password: 'central-secret',
    },
    // Staff terminals (central's device mode): they may enter prices, with a staff proof.
    devices: EDGES.map((id) => ({ id, outletCode: 'BAR', secret: SECRET(id), mode: 'staff' })),
    pms: { ...ready.pms, baseUrl: `http://127.0.0.1:${pmsProxy.port}${pmsUrl.pathname}`, timeoutMs: 1500 },
    outlets: [{ code: 'BAR', name: 'Chaos Bar', postingDescription: 'Chaos Bar', mode: 'staff' }],
    // Retried quickly and for long: a charge must never end `failed` because the run was rough.
    retry: { maxRetries: 20, intervalMinutes: 0.02, exponential: false },
    auth: { bootstrapAdmin: { username: TEST_ADMIN.username, passwordHash: TEST_ADMIN.passwordHash } },
  };
  await writeFile(join(dir, 'central.json'), JSON.stringify(centralConfig, null, 2));
  const central = new Service(
    'central',
    ['central/src/main.ts', '--config', join(dir, 'central.json'), '--data', dir, '--log-level', 'error'],
    join(dir, 'central.log'),
  );

  const pinHash = await hashPin(PIN);
  const proxies: TcpProxy[] = [];
  const edges: Service[] = [];
  const edgeUrls: string[] = [];
  for (const id of EDGES) {
    const proxy = new TcpProxy({ host: '127.0.0.1', port: mqttPort });
    await proxy.listen();
    proxies.push(proxy);
    const port = await freePort();
    edgeUrls.push(`http://127.0.0.1:${port}`);
    const config = {
      version: 1,
      property: PROPERTY,
      device: id,
      database: `${id}.sqlite`,
      outlet: {
        code: 'BAR',
        name: 'Chaos Bar',
        propertyName: 'Chaos Hotel',
        mode: 'staff',
        currency: 'USD',
        locale: 'en-US',
        timeZone: 'UTC',
        tipPercentPresets: [10],
      },
      central: { mqttUrl: `mqtt://127.0.0.1:${proxy.port}`, username: id, password: SECRET(id) },
      http: { host: '127.0.0.1', port },
      lookup: { verificationTtlSeconds: 300, rpcTimeoutMs: 1500 },
      offline: { floorLimits: { USD: 1_000_000 }, maxRosterAgeMinutes: 720 },
      staff: [{ ...STAFF, pinHash }],
      devices: {
        reader: { kind: 'simulated', cards: [] },
        printer: { kind: 'simulated', file: `${id}-receipts.txt` },
      },
    };
    await writeFile(join(dir, `${id}.json`), JSON.stringify(config, null, 2));
    edges.push(
      new Service(
        id,
        ['edge/src/main.ts', '--config', join(dir, `${id}.json`), '--data', dir, '--log-level', 'error'],
        join(dir, `${id}.log`),
      ),
    );
  }

  cleanup.push(() => central.stop(), ...edges.map((e) => () => e.stop()));
  cleanup.push(() => pmsProxy.close(), ...proxies.map((p) => () => p.close()));
  central.start();
  await until(
    async () => (await http(`http://127.0.0.1:${centralHttp}/api/health`)).status === 200,
    'central up',
    120_000,
  );
  const admin = await signIn(`http://127.0.0.1:${centralHttp}`, TEST_ADMIN.username, TEST_ADMIN.password);
  const staffSet = await http(`http://127.0.0.1:${centralHttp}/api/staff/${STAFF.id}`, {
    method: 'PUT',
    body: { name: STAFF.name, role: STAFF.role, pin: PIN },
    token: admin,
  });
  if (staffSet.status !== 200)
    throw new Error(`staff member not set at central: ${JSON.stringify(staffSet)}`);
  for (const e of edges) e.start();
  for (const url of edgeUrls) {
    await until(
      async () => (await http(`${url}/api/health`)).body.central === 'online',
      `${url} online`,
      120_000,
    );
  }

  // An external PMS gives central no in-house list: the roster learns a room from a lookup through
  // central. Every room is looked up once before the faults, so the stand-in knows every guest (and
  // the workload's lookups do not run into the per-client miss throttle while central is down).
  for (const url of edgeUrls) {
    const s = await http<{ token: string }>(`${url}/api/staff/session`, { body: { pin: PIN } });
    for (let r = 0; r < ROOMS; r++) {
      // A slow first answer from central is answered by the (still empty) roster: ask again.
      for (let tries = 1; ; tries++) {
        const found = await http(`${url}/api/lookup`, {
          body: { roomNumber: String(101 + r) },
          token: s.body.token,
        });
        if (found.status === 200) break;
        if (tries === 3) throw new Error(`warm-up lookup of room ${101 + r}: ${JSON.stringify(found)}`);
        await sleep(1000);
      }
    }
  }

  // Workload: each edge charges continuously; every attempt is recorded with its answer.
  const attempts: Attempt[] = [];
  const lookupMisses: Record<string, number> = {};
  let running = true;
  const workers = edgeUrls.map((url, edge) => worker(url, edge));
  async function worker(url: string, edge: number): Promise<void> {
    let token: string | undefined;
    while (running) {
      try {
        if (!token) {
          const s = await http<{ token: string }>(`${url}/api/staff/session`, { body: { pin: PIN } });
          if (s.status !== 201) throw new Error(`sign-in ${s.status}`);
          token = s.body.token;
        }
        const room = String(101 + between(0, ROOMS));
        const found = await http<{ verificationId: string; code?: string }>(`${url}/api/lookup`, {
          body: { roomNumber: room },
          token,
        });
        if (found.status === 401) {
          token = undefined;
          continue;
        }
        if (found.status !== 200) {
          lookupMisses[found.body.code ?? String(found.status)] =
            (lookupMisses[found.body.code ?? String(found.status)] ?? 0) + 1;
          await sleep(100);
          continue;
        }
        const tag = randomUUID().slice(0, 13);
        const request = {
          requestId: randomUUID(),
          verificationId: found.body.verificationId,
          items: [{ custom: { name: `chaos ${tag}`, unitPriceMinor: between(100, 5000) }, quantity: 1 }],
          tipMinor: 0,
        };
        const attempt: Attempt = { requestId: request.requestId, tag, edge, request, outcome: 'unknown' };
        attempts.push(attempt);
        await settle(url, token, attempt);
        if (attempt.code === 'UNAUTHENTICATED') token = undefined;
      } catch (err) {
        const key = (err as Error).message.slice(0, 60);
        lookupMisses[key] = (lookupMisses[key] ?? 0) + 1;
        token = undefined;
        await sleep(200);
      }
      await sleep(between(20, 120));
    }
  }

  // Faults.
  const counts: Record<string, number> = {};
  for (let n = 0; n < FAULTS; n++) {
    await sleep(between(Math.floor(GAP_MS / 2), Math.floor(GAP_MS * 1.5)));
    const kind = pick([
      'kill-central',
      'kill-edge',
      'freeze-link',
      'cut-link',
      'pms-timeout',
      'pms-lose',
    ] as const);
    counts[kind] = (counts[kind] ?? 0) + 1;
    const hold = between(800, 3000);
    switch (kind) {
      case 'kill-central':
        central.kill();
        await sleep(hold);
        central.start();
        break;
      case 'kill-edge': {
        const e = pick(edges);
        e.kill();
        await sleep(hold);
        e.start();
        break;
      }
      case 'freeze-link':
      case 'cut-link': {
        const p = pick(proxies);
        p.set(kind === 'freeze-link' ? 'frozen' : 'cut');
        await sleep(hold);
        p.set('up');
        break;
      }
      case 'pms-timeout':
      case 'pms-lose':
        pmsProxy.set(kind === 'pms-timeout' ? 'frozen' : 'lossy');
        await sleep(hold);
        pmsProxy.set('up');
        break;
    }
    if ((n + 1) % 10 === 0) console.log(`  ${n + 1} faults, ${attempts.length} charges tried`);
  }
  running = false;
  await Promise.all(workers);

  // Everything up again; answers lost in flight are asked again under the same request id.
  for (const url of edgeUrls) {
    await until(
      async () => (await http(`${url}/api/health`)).body.central === 'online',
      `${url} online`,
      60_000,
    );
  }
  for (const a of attempts.filter((x) => x.outcome === 'unknown')) {
    const url = edgeUrls[a.edge] as string;
    const s = await http<{ token: string }>(`${url}/api/staff/session`, { body: { pin: PIN } });
    await settle(url, s.body.token, a);
  }

  // Wait until every acknowledged charge is posted at central (or the drain time is up).
  type Posting = { id: string; status: string; items: string; standIn: boolean };
  const postings = (): Posting[] => {
    const db = new Database(join(dir, 'central.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return db
        .prepare(
          'SELECT id, posting_status AS status, items_json AS items, stand_in = 1 AS standIn FROM room_charges',
        )
        .all() as Posting[];
    } finally {
      db.close();
    }
  };
  const acked = attempts.filter((a) => a.outcome === 'acked');
  const drainUntil = Date.now() + 120_000;
  let atCentral: Posting[] = [];
  while (Date.now() < drainUntil) {
    atCentral = postings();
    const posted = new Set(atCentral.filter((p) => p.status === 'posted').map((p) => p.id));
    if (acked.every((a) => posted.has(a.chargeId as string))) break;
    await sleep(1000);
  }
  const pms = (await http<{ postings: Array<{ reference: string }> }>(`${ready.control}/postings`)).body
    .postings;
  const pmsCount = new Map<string, number>();
  for (const p of pms) pmsCount.set(p.reference, (pmsCount.get(p.reference) ?? 0) + 1);
  const onPms = (id: string) =>
    [...pmsCount].filter(([ref]) => ref.includes(id)).reduce((s, [, n]) => s + n, 0);
  const byId = new Map(atCentral.map((p) => [p.id, p]));
  const lost = acked.filter((a) => onPms(a.chargeId as string) === 0 && !byId.has(a.chargeId as string));
  const stuck = acked.filter((a) => !lost.includes(a) && byId.get(a.chargeId as string)?.status !== 'posted');
  const missingAtPms = acked.filter(
    (a) => byId.get(a.chargeId as string)?.status === 'posted' && onPms(a.chargeId as string) === 0,
  );
  const duplicated = [...pmsCount.values()].filter((n) => n > 1).length;
  const refused = attempts.filter((a) => a.outcome === 'refused');
  const tags = new Set(
    atCentral.flatMap((p) => (JSON.parse(p.items) as Array<{ name: string }>).map((i) => i.name)),
  );
  const refusedButPosted = refused.filter((a) => tags.has(`chaos ${a.tag}`));
  const unknown = attempts.filter((a) => a.outcome === 'unknown');
  const standIn = atCentral.filter((p) => p.standIn).length;

  await runCleanup();
  if (!args.keep) await rm(dir, { recursive: true, force: true });

  const figures = {
    faults: FAULTS,
    byKind: counts,
    charges: attempts.length,
    acked: acked.length,
    standIn,
    refused: refused.length,
    refusedCodes: countBy(refused.map((a) => a.code ?? '?')),
    unanswered: unknown.length,
    lookupMisses,
    lost: lost.length,
    duplicated,
    stuck: stuck.length,
    postedButNotAtPms: missingAtPms.length,
    refusedButPosted: refusedButPosted.length,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  console.log(JSON.stringify(figures, null, 2));
  const ok =
    lost.length === 0 &&
    duplicated === 0 &&
    stuck.length === 0 &&
    missingAtPms.length === 0 &&
    refusedButPosted.length === 0 &&
    unknown.length === 0 &&
    acked.length > 0;
  console.log(ok ? 'chaos: every acknowledged charge posted exactly once' : 'chaos: FAILED');
  return ok ? 0 : 1;
}

/** Sends (or re-sends) a check under its request id until the edge gives a definite answer. */
async function settle(url: string, token: string | undefined, a: Attempt): Promise<void> {
  try {
    const res = await http<{ id?: string; code?: string }>(`${url}/api/checks`, {
      body: a.request,
      token,
      timeoutMs: 8000,
    });
    if (res.status === 201 || res.status === 200) {
      a.outcome = 'acked';
      a.chargeId = res.body.id as string;
    } else if (res.body.code !== undefined && res.body.code !== 'INTERNAL') {
      // A coded refusal (4xx, or 503 when the outlet cannot stand in): nothing was written.
      a.outcome = 'refused';
      a.code = res.body.code as string;
    } else {
      a.outcome = 'unknown';
      a.code = res.body.code as string;
    }
  } catch {
    a.outcome = 'unknown';
  }
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

async function until(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function runCleanup(): Promise<void> {
  for (const step of cleanup.splice(0)) await Promise.resolve(step()).catch(() => {});
}

process.exitCode = await main().catch(async (err: unknown) => {
  console.error(err);
  await runCleanup();
  return 1;
});
