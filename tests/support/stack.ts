// Central and one edge on loopback with real SQLite files, the real broker and real HTTP, each
// stoppable and restartable on its own (ports stay fixed so the edge finds central again).
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import {
  type Central,
  type CentralConfig,
  type CentralDeps,
  type PmsAdapter,
  seedDemoCatalogs,
  seedDemoHotel,
  startCentral,
} from '@roompost/central';
import { type Edge, type EdgeConfig, type EdgeDeps, startEdge } from '@roompost/edge';
import { type CentralRole, centralAs, TEST_ADMIN } from './central-api.js';
import { recordingLogger } from './recording-logger.js';
import { freshPostgresDatabase, testDatabaseKind } from './test-database.js';

export { centralAs, signInAs, TEST_ADMIN } from './central-api.js';

export const PROPERTY = 'HARBOUR';
export const DEVICE = 'pool-kiosk-1';
export const DEVICE_SECRET = 'device-secret-0123456789';
export const TODAY = '2026-11-22';

/** Today's business date at the test stack's Pool Bar (its outlet's zone, America/New_York). */
export function poolBarToday(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function centralConfig(mqttPort: number, overrides: Partial<CentralConfig> = {}): CentralConfig {
  return {
    version: 1,
    property: PROPERTY,
    database: 'central.sqlite',
    http: { host: '127.0.0.1', port: 0 },
    mqtt: {
      embedded: { host: '127.0.0.1', port: mqttPort },
      username: 'central',
      password: 'central-secret',
    },
    devices: [{ id: DEVICE, outletCode: 'POOL', secret: DEVICE_SECRET }],
    pms: { kind: 'builtin' },
    outlets: [{ code: 'POOL', name: 'Pool Bar', postingDescription: 'Pool Bar' }],
    retry: { maxRetries: 3, intervalMinutes: 5, exponential: false },
    // centralAs (central-api.ts) creates the users tests act as through this admin.
    auth: { bootstrapAdmin: { username: TEST_ADMIN.username, passwordHash: TEST_ADMIN.passwordHash } },
    ...overrides,
  };
}

/**
 * Central's database for a test: undefined (the config's SQLite file) unless ROOMPOST_TEST_DB=postgres,
 * then a fresh PostgreSQL database, dropped by `drop` once central has stopped.
 */
export async function testCentralDatabase(): Promise<{
  database?: CentralConfig['database'];
  drop(): Promise<void>;
}> {
  if (testDatabaseKind() !== 'postgres') return { drop: async () => {} };
  const drops: Array<() => unknown> = [];
  const url = await freshPostgresDatabase({ after: (fn) => void drops.push(fn) });
  return {
    database: { kind: 'postgres', url },
    drop: async () => {
      for (const drop of drops.splice(0)) await drop();
    },
  };
}

export function edgeConfig(
  mqttPort: number,
  mode: 'self-service' | 'staff' = 'self-service',
  staff: EdgeConfig['staff'] = [],
): EdgeConfig {
  return {
    version: 1,
    property: PROPERTY,
    device: DEVICE,
    database: 'edge.sqlite',
    outlet: {
      code: 'POOL',
      name: 'Pool Bar',
      propertyName: 'Harbour View Hotel',
      mode,
      currency: 'USD',
      locale: 'en-US',
      timeZone: 'America/New_York',
      tipPercentPresets: [10, 15, 20],
    },
    central: { mqttUrl: `mqtt://127.0.0.1:${mqttPort}`, username: DEVICE, password: DEVICE_SECRET },
    http: { host: '127.0.0.1', port: 0 },
    lookup: { verificationTtlSeconds: 300, rpcTimeoutMs: 1500 },
    offline: { floorLimits: { USD: 10_000 }, maxRosterAgeMinutes: 720 },
    staff,
    devices: {
      reader: { kind: 'simulated', cards: [{ uid: '04A1B2C3', label: 'Room 412' }] },
      printer: { kind: 'simulated', file: 'receipts.txt' },
    },
  };
}

/**
 * Central alone (no edge) on free ports with its data in a temp folder, stopped and removed after
 * the test. `deps` overrides what the test controls (clock, env, logger).
 */
export async function startTestCentral(
  t: TestContext,
  deps: Partial<Omit<CentralDeps, 'dataDir'>> = {},
  overrides: Partial<CentralConfig> = {},
): Promise<Central> {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-central-'));
  const db = await testCentralDatabase();
  const central = await startCentral(
    centralConfig(await freePort(), { ...(db.database ? { database: db.database } : {}), ...overrides }),
    { logger: recordingLogger(), ...deps, dataDir: dir },
  ).catch(async (err: unknown) => {
    await db.drop();
    throw err;
  });
  t.after(async () => {
    await central.stop();
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });
  return central;
}

export interface TestStack {
  dir: string;
  mqttPort: number;
  central: Central;
  edge: Edge;
  centralLog: ReturnType<typeof recordingLogger>;
  edgeLog: ReturnType<typeof recordingLogger>;
  startCentral(): Promise<Central>;
  stopCentral(): Promise<void>;
  /**
   * Refreshes central's roster and waits until the edge holds that version: call it before
   * `stopCentral` when the test then charges offline (a real outlet has long held its roster; a test
   * racing the first announcement would see "no roster yet", 503).
   */
  holdRoster(): Promise<void>;
}

/** Starts central (seeded with the demo hotel) and the Pool Bar edge; everything is torn down after `t`. */
export async function startTestStack(
  t: TestContext,
  opts: {
    mode?: 'self-service' | 'staff';
    adapter?: (folio: Central['folio']) => PmsAdapter;
    staff?: EdgeConfig['staff'];
    /** Changes to the edge's outlet settings (e.g. `signature`). */
    outlet?: Partial<EdgeConfig['outlet']>;
    /** A kiosk build to serve (the Chromium tests); default none. */
    kioskDir?: string;
    /** The edge's offline stand-in limits (default: USD 100.00 per stay). */
    offline?: EdgeConfig['offline'];
    /** The edge's HTTP bind address (default 127.0.0.1). */
    edgeHost?: string;
    /** Changes to central's config (e.g. `metrics`, `admission`). */
    central?: Partial<CentralConfig>;
    /** The edge's clock (default the system's): a test moves it past a window instead of sleeping. */
    edgeNow?: () => Date;
    /** The edge's daily-summary timings and packet limit (e.g. a small limit, so a day goes in parts). */
    dailySummary?: EdgeDeps['dailySummary'];
  } = {},
): Promise<TestStack> {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-'));
  const mqttPort = await freePort();
  const centralLog = recordingLogger();
  const edgeLog = recordingLogger();
  // A staff outlet at central too (its devices get the staff roster and staff proofs), and the device's
  // mode: a staff terminal may override, name staff and enter prices.
  const outlets: CentralConfig['outlets'] = [
    { code: 'POOL', name: 'Pool Bar', postingDescription: 'Pool Bar', mode: opts.mode ?? 'self-service' },
  ];
  const db = await testCentralDatabase();
  const bootCentral = () =>
    startCentral(
      centralConfig(mqttPort, {
        outlets,
        devices: [
          { id: DEVICE, outletCode: 'POOL', secret: DEVICE_SECRET, mode: opts.mode ?? 'self-service' },
        ],
        ...(db.database ? { database: db.database } : {}),
        ...opts.central,
      }),
      {
        dataDir: dir,
        logger: centralLog,
        retryPollMs: 200,
        ...(opts.adapter ? { adapter: opts.adapter } : {}),
      },
    );
  const stack: TestStack = {
    dir,
    mqttPort,
    central: await bootCentral(),
    edge: undefined as unknown as Edge,
    centralLog,
    edgeLog,
    async startCentral() {
      stack.central = await bootCentral();
      centralUp = true;
      return stack.central;
    },
    async stopCentral() {
      centralUp = false;
      await stack.central.stop();
    },
    async holdRoster() {
      await stack.central.roster.refresh();
      const want = (await stack.central.roster.snapshot()).version;
      await eventually(async () => {
        const health = await api<{ roster: { version: number } }>(stack.edge.httpUrl, '/api/health');
        return health.body.roster.version >= want ? true : undefined;
      }, 'the edge to hold the roster');
    },
  };
  let centralUp = true;
  await seedDemoHotel(stack.central.folio, TODAY);
  // The Pool Bar's menu lives at central; the edge fetches it over MQTT before it serves.
  await seedDemoCatalogs(stack.central.catalog);
  // The outlet's staff are managed at central (the same PIN hashes as the edge's fallback list).
  for (const s of opts.staff ?? []) {
    await stack.central.staff.set(s.id, { name: s.name, role: s.role }, 'test', {
      pinHash: s.pinHash,
      ...(s.badgeHash ? { badgeHash: s.badgeHash } : {}),
    });
  }
  const config = edgeConfig(mqttPort, opts.mode, opts.staff);
  stack.edge = await startEdge(
    {
      ...config,
      outlet: { ...config.outlet, ...opts.outlet },
      ...(opts.offline ? { offline: opts.offline } : {}),
      ...(opts.edgeHost ? { http: { ...config.http, host: opts.edgeHost } } : {}),
    },
    {
      dataDir: dir,
      logger: edgeLog,
      kioskDir: opts.kioskDir ?? join(dir, 'no-kiosk-build'),
      relay: { retryMs: 200, pollMs: 500, tickMs: 100 },
      ...(opts.edgeNow ? { now: opts.edgeNow } : {}),
      ...(opts.dailySummary ? { dailySummary: opts.dailySummary } : {}),
    },
  );
  await eventually(
    async () => ((await api(stack.edge.httpUrl, '/api/health')).body.central === 'online' ? true : undefined),
    'the edge to connect to central',
  );
  // A staff outlet asks central for its staff roster (and sign-in mode) on connecting: a test signs in
  // against central's roster, not the config's fallback list.
  if (opts.mode === 'staff') {
    await eventually(
      async () =>
        edgeLog.entries.some((e) => e.msg === 'staff roster synced' || e.msg === 'staff roster not synced')
          ? true
          : undefined,
      'the edge to ask central for its staff roster',
    );
  }
  t.after(async () => {
    await stack.edge.stop();
    if (centralUp) await stack.central.stop();
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });
  return stack;
}

const screens = new Map<string, string>();

/**
 * The kiosk screen's token for an edge: paired over loopback (`POST /api/screen`) once per edge URL,
 * as the kiosk page served on the edge itself is. A test that plays another client on the network
 * calls the edge with plain `fetch` instead.
 */
export async function screenToken(base: string): Promise<string | undefined> {
  const known = screens.get(base);
  if (known) return known;
  const res = await fetch(`${base}/api/screen`, { method: 'POST' });
  if (res.status !== 201) return undefined; // not an edge (central), or a screen cannot pair
  const { token } = (await res.json()) as { token: string };
  screens.set(base, token);
  return token;
}

export async function api<T = Record<string, unknown>>(
  base: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const send = async () => {
    const screen = await screenToken(base);
    const auth: Record<string, string> = {
      ...(screen ? { 'x-kiosk-screen': screen } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    const res = await fetch(base + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? auth : { ...auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const first = await send();
  // A restarted edge on the same address has forgotten its screens: pair again once.
  if (first.status !== 401 || (first.body as { code?: string }).code !== 'SCREEN_NOT_PAIRED') return first;
  screens.delete(base);
  return send();
}

/** `api` for central: the same call through centralAs, signed in with `role` (a manager by default). */
export async function centralApi<T = Record<string, unknown>>(
  base: string,
  path: string,
  body?: unknown,
  role: CentralRole = 'manager',
): Promise<{ status: number; body: T }> {
  const client = centralAs(base, `test-${role.replace('_', '-')}`, role);
  const res = body === undefined ? await client.get<T>(path) : await client.post<T>(path, body);
  return { status: res.status, body: res.body };
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
