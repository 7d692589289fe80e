import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * better-sqlite3 under kysely with prepared statements kept: kysely's SQLite driver prepares every
 * query again (parse and plan each time), which cost central a tenth of its CPU on the charge road.
 * Queries are cached by their SQL text; when the cache is full the oldest prepared goes first (a hit
 * does not reorder the map: moving the entry on every query cost 2.5 % of central's CPU under load,
 * and the statements in use are far fewer than the bound). The application code does
 * not change: it is still plain kysely, so the same code runs on another dialect later.
 *
 * Safe because kysely runs one query at a time on the connection (a statement is never reused while
 * a stream over it is open), and SQLite re-prepares a cached statement by itself after a schema change.
 */
export function cachingStatements(database: SqliteDatabase, max = 256): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close() {
      cache.clear();
      return database.close();
    },
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit) return hit;
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > max) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return statement;
    },
  };
}
