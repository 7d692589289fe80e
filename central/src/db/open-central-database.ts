// Opens central's database as central.json names it (a SQLite file by default, or PostgreSQL) and brings
// the folio engine's tables and central's own to the latest version.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import {
  type DatabaseTarget,
  type FolioDatabase,
  migrateFolio,
  openStore,
  type Store,
} from '@roompost/folio';
import type { DatabaseConfig } from '../config/central-config.js';
import type { CentralDatabase } from './central-database.js';
import { migrateCentral } from './migrations.js';

/** This worker's name in claims, locks and logs: central.json's `worker.id`, or host and process id. */
export function workerName(id: string | undefined): string {
  return id ?? `${hostname()}-${process.pid}`;
}

/**
 * A SQLite file is synced off the event loop (folio wal-sync-driver.ts): every commit is still on
 * disk before anything that depends on it is answered, and MQTT keeps being read during the fsync.
 */
export function databaseTarget(config: DatabaseConfig, dataDir: string, worker?: string): DatabaseTarget {
  if (typeof config === 'string')
    return { kind: 'sqlite', file: resolve(dataDir, config), fsyncOffThread: true };
  if (config.kind === 'sqlite')
    return { kind: 'sqlite', file: resolve(dataDir, config.file), fsyncOffThread: true };
  return {
    kind: 'postgres',
    url: config.url,
    ...(config.poolSize === undefined ? {} : { poolSize: config.poolSize }),
    applicationName: worker ? `roompost-central-${worker}` : 'roompost-central',
  };
}

/** Opens and migrates; on PostgreSQL, workers starting together migrate one at a time (kysely's lock). */
export async function openCentralDatabase(
  config: DatabaseConfig,
  dataDir: string,
  worker?: string,
): Promise<Store<CentralDatabase & FolioDatabase>> {
  const store = openStore<CentralDatabase & FolioDatabase>(databaseTarget(config, dataDir, worker));
  try {
    await migrateFolio(store.db);
    await migrateCentral(store.db);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
