// A folio engine on a real SQLite file in a fresh temp dir, with a clock the test moves.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import {
  createFolioService,
  type FolioDatabase,
  FolioError,
  type FolioErrorCode,
  type FolioService,
  migrateFolio,
  openStore,
  type SqliteStore,
} from '@roompost/folio';
import { freshPostgresDatabase, testDatabaseKind } from '../../support/test-database.js';

/** A SQLite file path or a postgres:// URL. */
export function openStoreAt<DB>(fileOrUrl: string): SqliteStore<DB> {
  return openStore<DB>(
    /^postgres(ql)?:\/\//.test(fileOrUrl)
      ? { kind: 'postgres', url: fileOrUrl }
      : { kind: 'sqlite', file: fileOrUrl },
  );
}

export interface TestClock {
  now(): Date;
  set(iso: string): void;
}

export function testClock(start = '2026-01-27T19:45:00.000Z'): TestClock {
  let current = new Date(start);
  return { now: () => new Date(current), set: (iso) => (current = new Date(iso)) };
}

export interface FolioFixture {
  dir: string;
  file: string;
  store: SqliteStore<FolioDatabase>;
  folio: FolioService;
  clock: TestClock;
}

/**
 * A migrated, empty folio store: a SQLite file, or a fresh PostgreSQL database when ROOMPOST_TEST_DB is
 * postgres (then `file` is its URL; openStoreAt opens either).
 */
export async function openFolioFixture(t: TestContext): Promise<FolioFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-folio-'));
  // The database is dropped after the store is closed.
  const drops: Array<() => unknown> = [];
  const file =
    testDatabaseKind() === 'postgres'
      ? await freshPostgresDatabase({ after: (fn) => void drops.push(fn) })
      : join(dir, 'folio.sqlite');
  const store = openStoreAt<FolioDatabase>(file);
  t.after(async () => {
    await store.close();
    for (const drop of drops) await drop();
    await rm(dir, { recursive: true, force: true });
  });
  await migrateFolio(store.db);
  const clock = testClock();
  return { dir, file, store, folio: createFolioService(store.db, { clock }), clock };
}

/** A small hotel: property on 2026-01-27, rooms 101–103 and 412, Mr. James Wilson in 412. */
export async function seedSmallHotel(folio: FolioService) {
  await folio.configureProperty({
    name: 'Test Hotel',
    currency: 'USD',
    timeZone: 'America/New_York',
    businessDate: '2026-01-27',
  });
  await folio.createRoomType({ code: 'DK', name: 'Deluxe King', baseOccupancy: 2 });
  for (const number of ['101', '102', '103', '412']) await folio.createRoom({ number, roomTypeCode: 'DK' });
  const guestId = await folio.createGuest({
    title: 'Mr.',
    firstName: 'James',
    lastName: 'Wilson',
    vipLevel: 'Gold',
  });
  const stayRef = await folio.checkIn({
    roomNumber: '412',
    guestId,
    confirmation: 'HX78451290',
    arrival: '2026-01-25',
    departure: '2026-01-28',
    adults: 2,
    creditLimitMinor: 50_000,
  });
  await folio.issueCredential({ uid: '04A1B2C3', stayId: stayRef });
  return { guestId, stayRef };
}

/** Row counts of the ledger tables, to prove that a call wrote nothing. */
export async function ledgerCounts(store: SqliteStore<FolioDatabase>) {
  const count = async (table: 'postings' | 'charge_receipts') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { postings: await count('postings'), receipts: await count('charge_receipts') };
}

/** Checks a new guest into `roomNumber`; returns the stay id. */
export async function checkInGuest(
  folio: FolioService,
  roomNumber: string,
  options: { creditLimitMinor?: number | null; noPost?: boolean; confirmation?: string } = {},
): Promise<string> {
  const guestId = await folio.createGuest({ firstName: 'Sarah', lastName: 'Chen' });
  return folio.checkIn({
    roomNumber,
    guestId,
    confirmation: options.confirmation ?? `CONF-${roomNumber}`,
    arrival: '2026-01-26',
    departure: '2026-01-29',
    adults: 1,
    creditLimitMinor: options.creditLimitMinor === undefined ? 20_000 : options.creditLimitMinor,
    noPost: options.noPost ?? false,
  });
}

/** An assert.rejects validator: a FolioError with `code` whose context contains `context`. */
export function folioError(code: FolioErrorCode, context: Record<string, unknown> = {}) {
  return (error: unknown): true => {
    assert.ok(error instanceof FolioError, `expected a FolioError, got ${String(error)}`);
    assert.equal(error.code, code);
    for (const [key, value] of Object.entries(context))
      assert.deepEqual(error.context[key], value, `context.${key}`);
    return true;
  };
}
