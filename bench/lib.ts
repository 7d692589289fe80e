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
  const store = openSqlite<import('../edge/src/db/edge-database.js').EdgeDatabase>(edgeDbFile);
  await migrateEdge(store.db);
  const now = new Date().toISOString();
  for (let i = 0; i < n; i++) {
    const stay = stays[i % stays.length] as { room: string; stayRef: string };
    await insertCheckWithCharge(store.db, undefined, (checkNumber) => {
      const m = chargeMessageFor({ roomNumber: stay.room, stayRef: stay.stayRef }, checkNumber);
      return {
        check: {
          id: `k-${m.chargeId}`,
          request_id: m.chargeId,
          request_hash: 'bench',
          number: checkNumber,
          outlet_code: 'POOL',
          employee_id: null,
          created_at: now,
        },
        charge: {
          id: m.chargeId,
          check_id: `k-${m.chargeId}`,
          room_number: stay.room,
          stay_ref: stay.stayRef,
          guest_name: m.guestName,
          guest_first_name: 'Bench',
          guest_last_name: 'Guest',
          currency: 'USD',
          subtotal_minor: m.subtotalMinor,
          tax_minor: m.taxMinor,
          tip_minor: m.tipMinor,
          total_minor: m.totalMinor,
          items_json: JSON.stringify(m.items),
          status: 'pending',
          status_at: null,
          error_code: null,
          error_message: null,
          pms_transaction_id: null,
          folio_balance_minor: null,
          signed_at: null,
          stand_in: 0,
          created_at: now,
          withdrawal_id: null,
          withdraw_requested_at: null,
          withdrawn_by: null,
          withdraw_reason: null,
          withdrawn_at: null,
          attempts: null,
          tax_json: null,
          updated_at: now,
        },
        outbox: {
          charge_id: m.chargeId,
          payload: JSON.stringify(m),
          attempts: 0,
          next_attempt_at: now,
          done_at: null,
        },
      };
    });
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
