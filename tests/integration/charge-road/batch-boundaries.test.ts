// Group commit and batch posting keep exactly-once: an answer only after the commit that holds the
// charge, a refused charge fails alone inside its batch, and a kill -9 mid-batch loses nothing
// answered and posts nothing twice.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createBuiltinAdapter, seedDemoCatalogs, seedDemoHotel, startCentral } from '@roompost/central';
import { GroupCommit, openSqlite } from '@roompost/folio';
import { type Kysely, sql } from 'kysely';
import { extraInHouseRooms } from '../../support/in-house-rooms.js';
import { chargeMessageFor, rawDevice } from '../../support/raw-charges.js';
import { recordingLogger } from '../../support/recording-logger.js';
import {
  centralConfig,
  DEVICE,
  DEVICE_SECRET,
  eventually,
  freePort,
  PROPERTY,
  TODAY,
} from '../../support/stack.js';

const repoRoot = join(import.meta.dirname, '../../..');

/** A second connection to the same SQLite file: it sees only what was committed. */
function committedReader(file: string) {
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (
    f: string,
    o: { readonly: boolean },
  ) => { prepare(s: string): { get(...a: unknown[]): unknown }; close(): void };
  const handle = new Database(file, { readonly: true });
  const find = handle.prepare('select posting_status from room_charges where id = ?');
  return { has: (id: string) => find.get(id) !== undefined, close: () => handle.close() };
}

test('a group with one bad write: the others commit, the bad one fails alone, each told only after its commit', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-group-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  interface Db {
    t: { id: number; amount: number };
  }
  const store = openSqlite<Db>(join(dir, 'g.sqlite'));
  t.after(() => store.close());
  await sql`create table t (id integer primary key, amount integer not null check (amount >= 0))`.execute(
    store.db,
  );
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (
    f: string,
  ) => { prepare(s: string): { get(...a: unknown[]): unknown }; close(): void };
  const other = new Database(join(dir, 'g.sqlite'));
  t.after(() => other.close());
  const seen = other.prepare('select id from t where id = ?');
  let transactions = 0;
  const group = new GroupCommit(store.db as Kysely<Db>, async (trx, item: { id: number; amount: number }) => {
    if (item.id === 0) transactions++;
    await trx.insertInto('t').values(item).execute();
    return item.id;
  });
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, (_, id) =>
      group.submit({ id, amount: id === 6 ? -1 : id }).then((r) => {
        // Resolved: another connection already sees the row, so it was committed first.
        assert.ok(seen.get(id), `row ${id} committed before its promise resolved`);
        return r;
      }),
    ),
  );
  assert.deepEqual(
    results.map((r) => r.status),
    [
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ],
  );
  const failed = results[6] as PromiseRejectedResult;
  assert.equal((failed.reason as { code?: string }).code, 'SQLITE_CONSTRAINT_CHECK');
  const rows = await store.db.selectFrom('t').select('id').orderBy('id').execute();
  assert.deepEqual(
    rows.map((r) => r.id),
    [0, 1, 2, 3, 4, 5, 7, 8, 9],
  );
  assert.equal(transactions, 2, 'one group transaction (rolled back), then each alone');
});

test('charges published together are stored and posted in batches; refused ones fail alone; every answer follows its commit', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-batch-'));
  const batches: number[] = [];
  const central = await startCentral(centralConfig(await freePort()), {
    dataDir: dir,
    logger: recordingLogger(),
    adapter: (folio) => {
      const builtin = createBuiltinAdapter(folio);
      return {
        ...builtin,
        postCharges: (charges) => {
          batches.push(charges.length);
          return builtin.postCharges!(charges);
        },
      };
    },
  });
  t.after(async () => {
    await central.stop();
    await rm(dir, { recursive: true, force: true });
  });
  await seedDemoHotel(central.folio, TODAY);
  await seedDemoCatalogs(central.catalog);
  const stay402 = (await central.folio.lookupRoom('402')).stayRef;
  const stay310 = (await central.folio.lookupRoom('310')).stayRef;
  const reader = committedReader(join(dir, 'central.sqlite'));
  t.after(() => reader.close());
  const answeredBeforeCommit: string[] = [];
  const device = await rawDevice({
    url: central.mqttUrl,
    property: PROPERTY,
    device: DEVICE,
    secret: DEVICE_SECRET,
    onStatus: (s) => {
      if (!reader.has(s.chargeId)) answeredBeforeCommit.push(s.chargeId);
    },
  });
  t.after(() => device.close());

  const good = Array.from({ length: 60 }, (_, i) =>
    chargeMessageFor({ roomNumber: '402', stayRef: stay402 }, `B${i}`),
  );
  // Refused by the folio inside the batch: the stay is in another room; over Priya Sharma's credit.
  const wrongRoom = chargeMessageFor({ roomNumber: '999', stayRef: stay402 }, 'X1');
  const overLimit = chargeMessageFor({ roomNumber: '310', stayRef: stay310, quantity: 225 }, 'X2');
  const all = [...good.slice(0, 30), wrongRoom, ...good.slice(30), overLimit];
  await Promise.all(all.map((c) => device.publish(c)));

  const final = (id: string) =>
    device.statuses.get(id)?.find((s) => s.status === 'posted' || s.status === 'rejected');
  await eventually(
    async () => (all.every((c) => final(c.chargeId)) ? true : undefined),
    'every charge answered',
  );
  assert.deepEqual(answeredBeforeCommit, [], 'no answer before the charge was committed');
  for (const c of good) assert.equal(final(c.chargeId)?.status, 'posted');
  assert.equal(final(wrongRoom.chargeId)?.error?.code, 'ROOM_NOT_FOUND');
  assert.equal(final(overLimit.chargeId)?.error?.code, 'CREDIT_EXCEEDED');
  assert.ok(
    batches.some((n) => n > 1),
    `postings went to the folio in batches (sizes ${batches.join(',')})`,
  );
  const lines = await central.folio.listPostings({});
  // A charge is its item and tax lines; exactly once means its lines add up to its total once.
  const postedOf = (id: string) =>
    lines.filter((l) => l.chargeRef === id).reduce((sum, l) => sum + l.amountMinor, 0);
  for (const c of good) assert.equal(postedOf(c.chargeId), c.totalMinor);
  assert.equal(
    lines.filter((l) => l.chargeRef === wrongRoom.chargeId || l.chargeRef === overLimit.chargeId).length,
    0,
  );
});

test('kill -9 of central mid-batch: every answered charge is stored, and each posts exactly once after restart', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-kill-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = centralConfig(await freePort());
  const configFile = join(dir, 'central.json');
  await writeFile(configFile, JSON.stringify(config));
  // Seed the hotel, then hand the data folder to a central in a child process.
  const seeding = await startCentral(config, { dataDir: dir, logger: recordingLogger() });
  await seedDemoHotel(seeding.folio, TODAY);
  await seedDemoCatalogs(seeding.catalog);
  // 800 waters are past any demo guest's credit limit: a guest with none.
  const { room, stayRef } = (await extraInHouseRooms(seeding.folio, 1, TODAY))[0]!;
  await seeding.stop();

  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'central/src/main.ts', '--config', configFile, '--data', dir, '--log-level', 'error'],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const url = `mqtt://127.0.0.1:${config.mqtt.embedded?.port}`;
  const device = await eventually(
    () =>
      rawDevice({ url, property: PROPERTY, device: DEVICE, secret: DEVICE_SECRET }).catch(() => undefined),
    'the child central to accept the device',
    30_000,
  );
  t.after(() => device.close());
  const charges = Array.from({ length: 800 }, (_, i) =>
    chargeMessageFor({ roomNumber: room, stayRef }, `K${i}`),
  );
  for (const c of charges) void device.publish(c).catch(() => {});
  await eventually(async () => (device.statuses.size >= 20 ? true : undefined), 'the first answers', 30_000);
  child.kill('SIGKILL');
  await exited;
  const answered = [...device.statuses.keys()];
  assert.ok(
    answered.length < charges.length,
    `killed mid-stream (${answered.length} of ${charges.length} answered)`,
  );

  const central = await startCentral(config, { dataDir: dir, logger: recordingLogger() });
  t.after(() => central.stop());
  const stored = new Set(
    (await central.db.selectFrom('room_charges').select('id').execute()).map((r) => r.id),
  );
  const lost = answered.filter((id) => !stored.has(id));
  assert.deepEqual(lost, [], 'every charge central answered survived the kill');

  // The edge re-publishes whatever it has no final answer for; here: all of them.
  await eventually(
    async () => (device.client.connected ? true : undefined),
    'the device to reconnect',
    20_000,
  );
  await Promise.all(charges.map((c) => device.publish(c)));
  await eventually(
    async () => {
      const open = await central.db
        .selectFrom('room_charges')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('posting_status', '!=', 'posted')
        .executeTakeFirstOrThrow();
      const total = await central.db
        .selectFrom('room_charges')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(open.n) === 0 && Number(total.n) === charges.length ? true : undefined;
    },
    'every charge posted after the restart',
    60_000,
  );
  const lines = await central.folio.listPostings({});
  const perCharge = new Map<string, number>();
  for (const l of lines)
    if (l.chargeRef) perCharge.set(l.chargeRef, (perCharge.get(l.chargeRef) ?? 0) + l.amountMinor);
  for (const c of charges)
    assert.equal(perCharge.get(c.chargeId), c.totalMinor, `charge ${c.checkNumber} on the folio once`);
  assert.equal(
    await central.folio.stayBalance(stayRef),
    charges.reduce((sum, c) => sum + c.totalMinor, 0),
    'the stay balance is every charge exactly once',
  );
});
