// Opens the database a config names: a SQLite file (the default of every roompost store) or PostgreSQL.
import type { Kysely } from 'kysely';
import type { DialectKind } from './dialect.js';
import { openPostgres } from './postgres.js';
import { type OpenSqliteOptions, openSqlite } from './sqlite.js';

export type DatabaseTarget =
  | ({ kind: 'sqlite'; file: string } & OpenSqliteOptions)
  | { kind: 'postgres'; url: string; poolSize?: number; applicationName?: string };

export interface Store<DB> {
  db: Kysely<DB>;
  /** Reads that need not wait for commits still being synced (room lookups); `db` where every read is durable. */
  unsyncedReads: Kysely<DB>;
  kind: DialectKind;
  close(): Promise<void>;
}

export function openStore<DB>(target: DatabaseTarget): Store<DB> {
  if (target.kind === 'postgres') {
    const { db, close } = openPostgres<DB>(target.url, {
      ...(target.poolSize === undefined ? {} : { poolSize: target.poolSize }),
      ...(target.applicationName === undefined ? {} : { applicationName: target.applicationName }),
    });
    return { db, unsyncedReads: db, kind: 'postgres', close };
  }
  const { db, unsyncedReads, close } = openSqlite<DB>(target.file, {
    ...(target.synchronous === undefined ? {} : { synchronous: target.synchronous }),
    ...(target.fsyncOffThread === undefined ? {} : { fsyncOffThread: target.fsyncOffThread }),
  });
  return { db, unsyncedReads, kind: 'sqlite', close };
}
