// Shared by the benchmark scripts: sizes (quick / --full), percentiles, the one summary line per
// figure, and a machine description. A figure that misses its goal prints MISSED; no script exits
// non-zero for being slow (CI runs the quick sizes on whatever machine it gets).
import { cpus, loadavg, totalmem } from 'node:os';

export const FULL = process.argv.includes('--full') || process.env.BENCH_FULL === '1';

/** `quick` for `npm run bench` (under 3 minutes for the suite on 2 cores), `full` for the table. */
export function size(quick: number, full: number): number {
  return FULL ? full : quick;
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function ms(ns: bigint | number): number {
  return Number(ns) / 1e6;
}

export function fmt(n: number, unit = ''): string {
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
  return `${n.toFixed(digits)}${unit}`;
}

export interface Figure {
  figure: string;
  measured: string;
  baseline: string;
  /** measured / baseline, or whatever ratio the goal is stated in. */
  ratio: number;
  goal: string;
  met: boolean;
  /** Extra lines printed before the summary line (p50s, sizes, counts). */
  detail?: string[];
}

/** The summary line: `figure, measured, baseline, ratio, goal, met|MISSED`. */
export function report(f: Figure): void {
  for (const line of f.detail ?? []) console.log(`  ${line}`);
  console.log(
    [
      f.figure,
      f.measured,
      f.baseline,
      Number.isFinite(f.ratio) ? f.ratio.toFixed(2) : 'n/a',
      f.goal,
      f.met ? 'met' : 'MISSED',
    ].join(', '),
  );
}

export function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
}

/** A stand-in for node:test's context where bench scripts reuse the test stacks. */
export function cleanups() {
  const fns: Array<() => unknown> = [];
  return {
    t: { after: (fn: () => unknown) => void fns.push(fn) } as unknown as import('node:test').TestContext,
    async run() {
      for (const fn of fns.reverse()) await fn();
    },
  };
}

export const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

/** Lifts the demo stays' credit limits so a benchmark can charge the same room thousands of times. */
export async function unlimitedCredit(central: { db: unknown }): Promise<void> {
  const { sql } = await import('kysely');
  await sql`update stays set credit_limit_minor = null`.execute(
    central.db as import('kysely').Kysely<unknown>,
  );
}

/** Verifications for the demo's in-house guests (charges round-robin over their rooms). */
export async function demoVerifications(edgeUrl: string): Promise<string[]> {
  const { api } = await import('../tests/support/stack.js');
  const ids: string[] = [];
  for (const [roomNumber, lastName] of [
    ['412', 'Wilson'],
    ['402', 'Chen'],
    ['306', 'Johnson'],
    ['310', 'Sharma'],
  ]) {
    const r = await api<{ verificationId: string }>(edgeUrl, '/api/lookup', { roomNumber, lastName });
    if (r.status === 200) ids.push(r.body.verificationId);
  }
  if (ids.length === 0) throw new Error('no demo guest could be looked up');
  return ids;
}

export { extraInHouseRooms } from '../tests/support/in-house-rooms.js';

/**
 * Writes `n` charges into an edge's SQLite outbox while nothing is connected: the edge's own
 * repository function (check + charge + outbox row in one transaction), as its API would.
 */
export async function queueOfflineCharges(
  edgeDbFile: string,
  stays: Array<{ room: string; stayRef: string }>,
  n: number,
): Promise<void> {
  const { openSqlite } = await import('@roompost/folio');
  const { migrateEdge } = await import('../edge/src/db/migrations.js');
  const { insertCheckWithCharge } = await import('../edge/src/charges/charge.repository.js');
  const { chargeMessageFor } = await import('../tests/support/raw-charges.js');
  const { offlineChargeRows } = await import('../tests/support/offline-charge.js');
  // Set-up, not the measured part: commits without an fsync each (WAL, NORMAL), the file closed cleanly
  // before the edge opens it. With FULL, writing 100,000 charges took minutes of fsyncs.
  const store = openSqlite<import('../edge/src/db/edge-database.js').EdgeDatabase>(edgeDbFile, {
    synchronous: 'NORMAL',
  });
  await migrateEdge(store.db);
  const now = new Date().toISOString();
  for (let i = 0; i < n; i++) {
    const stay = stays[i % stays.length] as { room: string; stayRef: string };
    await insertCheckWithCharge(store.db, undefined, (checkNumber) =>
      offlineChargeRows(
        chargeMessageFor({ roomNumber: stay.room, stayRef: stay.stayRef }, checkNumber),
        checkNumber,
        now,
      ),
    );
  }
  await store.close();
}

/** Charges still in the edge's outbox (not answered with a final status), read from the file. */
export async function outboxOpen(edgeDbFile: string): Promise<number> {
  const Database = (await import('node:module')).createRequire(import.meta.url)('better-sqlite3') as new (
    f: string,
    o: { readonly: boolean },
  ) => { prepare(s: string): { get(): { n: number } }; close(): void };
  const db = new Database(edgeDbFile, { readonly: true });
  try {
    return db.prepare('select count(*) as n from outbox where done_at is null').get().n;
  } finally {
    db.close();
  }
}

/**
 * Profiles only the measured part of a benchmark when BENCH_CPU_PROF names a file (setup such as
 * seeding and module loading left out): `BENCH_CPU_PROF=/tmp/ingest.cpuprofile npx tsx bench/…`.
 * Open the file in Chrome DevTools (Performance) or read it with any .cpuprofile tool.
 */
export async function profileWindow(): Promise<() => Promise<void>> {
  const file = process.env.BENCH_CPU_PROF;
  if (!file) return async () => {};
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`  cpu profile of the measured part: ${file}`);
  };
}

/** Runs `insert` over `rows` in parts of `size` (one multi-row statement each, under SQLite's parameter limit). */
export async function inChunks<T>(
  rows: readonly T[],
  insert: (part: T[]) => Promise<unknown>,
  size = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Milliseconds `fn` took, with its answer. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: ms(process.hrtime.bigint() - start), value };
}

type FolioModule = typeof import('@roompost/folio');
type BenchDb = import('kysely').Kysely<import('@roompost/folio').FolioDatabase>;

/**
 * A folio engine in a fresh SQLite file (`central: true` also migrates central's tables into it, as
 * central runs), its property set up with one room type (DLX). Benchmarks then bulk-insert their
 * hotel with `insertInHouseStays`: posting thousands of stays through the services is not measured.
 */
export async function benchFolio<DB = unknown>(
  file: string,
  o: {
    clock: { now(): Date };
    newId?: () => string;
    currency: string;
    timeZone: string;
    businessDate: string;
    central?: boolean;
  },
) {
  const { createFolioService, migrateFolio, openSqlite }: FolioModule = await import('@roompost/folio');
  const store = openSqlite<import('@roompost/folio').FolioDatabase & DB>(file);
  await migrateFolio(store.db);
  if (o.central) {
    const { migrateCentral } = await import('../central/src/db/migrations.js');
    await migrateCentral(store.db);
  }
  const folio = createFolioService(store.db, { clock: o.clock, ...(o.newId ? { newId: o.newId } : {}) });
  await folio.configureProperty({
    name: 'Bench Palace',
    currency: o.currency,
    timeZone: o.timeZone,
    businessDate: o.businessDate,
  });
  await folio.createRoomType({ code: 'DLX', name: 'Deluxe', baseOccupancy: 2 });
  const { id: roomTypeId } = await (store.db as unknown as BenchDb)
    .selectFrom('room_types')
    .select('id')
    .executeTakeFirstOrThrow();
  return { store, folio, roomTypeId };
}

/**
 * `n` guests in house, bulk-inserted: for i in 0…n-1 room `room-i` (number firstRoom + i), guest
 * `guest-i`, stay `stay-i` (confirmation `B<i>`) and its folio window 1 `folio-i`.
 */
export async function insertInHouseStays(
  /** A Kysely (or transaction) over a database holding the folio's tables. */
  host: object,
  o: {
    n: number;
    roomTypeId: string;
    firstRoom: number;
    arrival: string;
    departure: string;
    currency: string;
    now: string;
    reservationOf?: (i: number) => string | null;
  },
): Promise<void> {
  const db = host as unknown as BenchDb;
  const all = Array.from({ length: o.n }, (_, i) => i);
  await inChunks(all, (p) =>
    db
      .insertInto('rooms')
      .values(
        p.map((i) => ({ id: `room-${i}`, number: String(o.firstRoom + i), room_type_id: o.roomTypeId })),
      )
      .execute(),
  );
  await inChunks(all, (p) =>
    db
      .insertInto('guests')
      .values(
        p.map((i) => ({
          id: `guest-${i}`,
          title: null,
          first_name: 'Guest',
          last_name: String(i),
          vip_level: null,
          email: null,
          phone: null,
          created_at: o.now,
        })),
      )
      .execute(),
  );
  await inChunks(all, (p) =>
    db
      .insertInto('stays')
      .values(
        p.map((i) => ({
          id: `stay-${i}`,
          confirmation: `B${i}`,
          room_id: `room-${i}`,
          guest_id: `guest-${i}`,
          arrival: o.arrival,
          departure: o.departure,
          adults: 2,
          credit_limit_minor: null,
          checked_in_at: o.now,
          checked_out_at: null,
          checked_out_business_date: null,
          reservation_id: o.reservationOf?.(i) ?? null,
        })),
      )
      .execute(),
  );
  await inChunks(all, (p) =>
    db
      .insertInto('folios')
      .values(
        p.map((i) => ({
          id: `folio-${i}`,
          stay_id: `stay-${i}`,
          window_number: 1,
          payer_label: 'Guest',
          currency: o.currency,
          created_at: o.now,
          closed_at: null,
          closed_by: null,
        })),
      )
      .execute(),
  );
}

// ---- Central behind Mosquitto: the set-up the Mosquitto ingest and the PostgreSQL workers benches share.

/** A simulated device with its own broker account (central creates it on Mosquitto's dynamic security). */
export interface BenchDevice {
  id: string;
  outletCode: string;
  secret: string;
}

export function benchDevices(n: number): BenchDevice[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `bench-${i}`,
    outletCode: 'POOL',
    secret: `bench-secret-${i}-0123456789`,
  }));
}

export interface ChargeHotel {
  /** The 200 extra stays the charges go round-robin over. */
  stays: Array<{ room: string; stayRef: string }>;
  /** The Pool Bar's catalog version, which the charges name as an edge holding the catalog does. */
  catalogVersion: number;
}

/**
 * Seeds a started central for the charge benches: the demo hotel and menus, no credit limits, and 200
 * extra in-house rooms the charges go round-robin over.
 */
export async function seedChargeHotel(
  central: import('@roompost/central').Central,
  today: string,
): Promise<ChargeHotel> {
  const { seedDemoCatalogs, seedDemoHotel } = await import('@roompost/central');
  const { extraInHouseRooms } = await import('../tests/support/in-house-rooms.js');
  await seedDemoHotel(central.folio, today);
  await seedDemoCatalogs(central.catalog);
  await unlimitedCredit(central);
  const catalog = await central.catalog.pricedItems('POOL');
  if (!catalog) throw new Error('the demo catalog has no Pool Bar menu');
  return { stays: await extraInHouseRooms(central.folio, 200, today), catalogVersion: catalog.version };
}

/** `n` priced charges spread over the devices (device i gets charges i, i + C, …) and the stays. */
export async function benchCharges(
  devices: readonly BenchDevice[],
  hotel: ChargeHotel,
  n: number,
  checkPrefix: string,
): Promise<import('@roompost/sync').ChargeMessage[][]> {
  const { chargeMessageFor } = await import('../tests/support/raw-charges.js');
  const charges: import('@roompost/sync').ChargeMessage[][] = devices.map(() => []);
  for (let i = 0; i < n; i++) {
    const stay = hotel.stays[i % hotel.stays.length] as { room: string; stayRef: string };
    charges[i % devices.length]?.push(
      chargeMessageFor(
        { roomNumber: stay.room, stayRef: stay.stayRef, catalogVersion: hotel.catalogVersion },
        `${checkPrefix}${i}`,
      ),
    );
  }
  return charges;
}

/**
 * The baseline: the devices' own accounts publish their payloads on their own charge topics, QoS 1,
 * all at once, with nobody subscribed; messages per second until every PUBACK is in.
 */
export async function rawMosquittoRate(
  url: string,
  property: string,
  devices: readonly BenchDevice[],
  payloads: string[][],
): Promise<number> {
  const { connectDevice, topicFor } = await import('@roompost/sync');
  const clients: import('@roompost/sync').MqttClient[] = [];
  for (const d of devices) {
    const c = connectDevice({ url, property, device: d.id, username: d.id, password: d.secret });
    await new Promise<void>((r, reject) => {
      c.once('connect', () => r());
      c.once('error', reject);
    });
    clients.push(c);
  }
  const n = payloads.reduce((s, p) => s + p.length, 0);
  const t0 = process.hrtime.bigint();
  await Promise.all(
    clients.map(async (c, i) => {
      const topic = topicFor('charge', property, devices[i]?.id ?? '');
      await Promise.all((payloads[i] ?? []).map((p) => c.publishAsync(topic, p, { qos: 1 })));
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await Promise.all(clients.map((c) => c.endAsync(true)));
  return n / seconds;
}

export interface ChargeRun {
  /** Charges per second from the first publish until every charge had its first status (stored, answered). */
  stored: number;
  /** … until every charge was answered `posted` (NaN when not waited for, or not all were). */
  posted: number;
  answered: number;
  postedCount: number;
  seconds: number;
}

/**
 * Connects every device (its own account), publishes all its charges at once and counts the statuses
 * that come back: the first status of a charge is its answer (stored durably), `posted` its posting.
 */
export async function chargeRun(o: {
  url: string;
  property: string;
  devices: readonly BenchDevice[];
  charges: import('@roompost/sync').ChargeMessage[][];
  waitForPosted: boolean;
  timeoutMs?: number;
  /** Runs once every device is connected, just before the first publish (CPU marks, samplers). */
  beforePublish?: () => Promise<void>;
}): Promise<ChargeRun> {
  const { rawDevice } = await import('../tests/support/raw-charges.js');
  const n = o.charges.reduce((s, c) => s + c.length, 0);
  const mine = new Set(o.charges.flatMap((list) => list.map((c) => c.chargeId)));
  const answered = new Set<string>();
  const posted = new Set<string>();
  let allAnswered = 0n;
  let allPosted = 0n;
  const links: Array<import('../tests/support/raw-charges.js').RawDevice> = [];
  for (const d of o.devices) {
    links.push(
      await rawDevice({
        url: o.url,
        property: o.property,
        device: d.id,
        secret: d.secret,
        onStatus: (s) => {
          // Only this run's charges: a worker may re-send statuses of earlier ones nobody acknowledged.
          if (!mine.has(s.chargeId)) return;
          if (!answered.has(s.chargeId)) {
            answered.add(s.chargeId);
            if (answered.size === n) allAnswered = process.hrtime.bigint();
          }
          if (s.status === 'posted' && !posted.has(s.chargeId)) {
            posted.add(s.chargeId);
            if (posted.size === n) allPosted = process.hrtime.bigint();
          }
        },
      }),
    );
  }
  try {
    await o.beforePublish?.();
    const t0 = process.hrtime.bigint();
    await Promise.all(links.map((l, i) => Promise.all((o.charges[i] ?? []).map((c) => l.publish(c)))));
    const deadline = Date.now() + (o.timeoutMs ?? 300_000);
    const done = () => (o.waitForPosted ? posted.size >= n : answered.size >= n);
    while (!done() && Date.now() < deadline) await sleep(20);
    const rate = (at: bigint) => (at ? n / (Number(at - t0) / 1e9) : Number.NaN);
    return {
      stored: rate(allAnswered),
      posted: rate(allPosted),
      answered: answered.size,
      postedCount: posted.size,
      seconds: Number(process.hrtime.bigint() - t0) / 1e9,
    };
  } finally {
    await Promise.all(links.map((l) => l.close()));
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc; NaN when it is gone. */
export async function processCpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state: utime is 14th, stime 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}
