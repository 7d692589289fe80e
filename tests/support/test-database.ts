// Which database the tests run on: SQLite files by default, PostgreSQL with ROOMPOST_TEST_DB=postgres.
// On PostgreSQL every test file gets fresh databases on one server: the server run-tests.mjs started
// (ROOMPOST_TEST_PG_URL), or one this process starts from Debian's package and stops when it is done.
import pg from 'pg';
import { type PostgresTestServer, startPostgresServer } from '../../scripts/postgres-test-server.mjs';

export type TestDatabaseKind = 'sqlite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.ROOMPOST_TEST_DB ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') {
    throw new Error(`ROOMPOST_TEST_DB must be sqlite or postgres, got ${kind}`);
  }
  return kind;
}

const ERROR_CODES = {
  sqlite: {
    immutable: 'SQLITE_CONSTRAINT_TRIGGER',
    foreignKey: 'SQLITE_CONSTRAINT_FOREIGNKEY',
    unique: 'SQLITE_CONSTRAINT_UNIQUE',
  },
  // SQLSTATE: restrict_violation (our immutability triggers), foreign_key_violation, unique_violation.
  postgres: { immutable: '23001', foreignKey: '23503', unique: '23505' },
} as const;

/** The driver's error code for a refused write, on the database the tests run on. */
export function dbErrorCode(kind: keyof (typeof ERROR_CODES)['sqlite']): string {
  return ERROR_CODES[testDatabaseKind()][kind];
}

let server: Promise<{ url: string } | { unavailable: string }> | undefined;

/** The admin URL of a PostgreSQL server for this process, or why there is none. */
export function postgresServer(): Promise<{ url: string } | { unavailable: string }> {
  server ??= (async () => {
    const given = process.env.ROOMPOST_TEST_PG_URL;
    if (given) return { url: given };
    let started: PostgresTestServer;
    try {
      started = await startPostgresServer();
    } catch (error) {
      return { unavailable: (error as Error).message };
    }
    // Stopped once the tests of this file are done (the loop empties: the server process is unref'd).
    process.once('beforeExit', () => void started.stop());
    process.once('exit', () => started.kill());
    return { url: started.url };
  })();
  return server;
}

let sequence = 0;

/**
 * A new, empty database on the test server, dropped after `t`; throws when PostgreSQL is unavailable
 * (callers that may run without it check `postgresServer()` first and skip with its reason).
 */
export async function freshPostgresDatabase(t: { after(fn: () => unknown): void }): Promise<string> {
  const found = await postgresServer();
  if ('unavailable' in found) throw new Error(`PostgreSQL unavailable: ${found.unavailable}`);
  const name = `roompost_${process.pid}_${++sequence}_${Date.now().toString(36)}`;
  await admin(found.url, `create database ${name} template template0 encoding 'UTF8' locale 'C'`);
  t.after(() => admin(found.url, `drop database if exists ${name} with (force)`));
  const url = new URL(found.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
