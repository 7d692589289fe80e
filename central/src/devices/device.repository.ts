import { QueryTemplate } from '@roompost/folio';
import type { Kysely, Selectable } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';
import type { DeviceTable, EnrollmentTokenTable } from './device.table.js';

type Db = Kysely<CentralDatabase>;
export type DeviceRow = Selectable<DeviceTable>;

export function insertDevice(db: Db, row: DeviceTable) {
  return db.insertInto('devices').values(row).execute();
}

/**
 * Which outlet a device belongs to is asked for every charge and every room lookup, and the device
 * list for every roster change: both compiled once per database (QueryTemplate), not built per call.
 */
const compiledFor = new WeakMap<Db, ReturnType<typeof deviceStatements>>();

function deviceStatements(db: Db) {
  return {
    find: new QueryTemplate<{ id: string }, DeviceRow>(['id'], (a) =>
      db.selectFrom('devices').selectAll().where('id', '=', a.id),
    ),
    list: new QueryTemplate<Record<string, never>, DeviceRow>([], () =>
      db.selectFrom('devices').selectAll().orderBy('outlet_code').orderBy('id'),
    ),
  };
}

function statements(db: Db) {
  let found = compiledFor.get(db);
  if (!found) {
    found = deviceStatements(db);
    compiledFor.set(db, found);
  }
  return found;
}

export async function findDevice(db: Db, id: string): Promise<DeviceRow | undefined> {
  return (await statements(db).find.execute(db, { id })).rows[0];
}

export async function listDevices(db: Db): Promise<DeviceRow[]> {
  return (await statements(db).list.execute(db, {})).rows;
}

export function updateDevice(db: Db, id: string, set: Partial<DeviceTable>) {
  return db.updateTable('devices').set(set).where('id', '=', id).execute();
}

export function insertToken(db: Db, row: EnrollmentTokenTable) {
  return db.insertInto('enrollment_tokens').values(row).execute();
}

export function findToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('enrollment_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks a token used, only if it still is unused: the caller learns whether it won the race. */
export async function useToken(db: Db, tokenHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('enrollment_tokens')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Unused tokens of a device stop working when a new one is issued or the device is revoked. */
export function expireTokens(db: Db, deviceId: string, at: string) {
  return db
    .updateTable('enrollment_tokens')
    .set({ expires_at: at })
    .where('device_id', '=', deviceId)
    .where('used_at', 'is', null)
    .execute();
}
