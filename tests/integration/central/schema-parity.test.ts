// The one set of migrations builds the same schema on SQLite and PostgreSQL: the same tables, columns
// (type family and NOT NULL), unique and partial indexes, and immutability triggers. PostgreSQL's only
// extra is the `rowid` column SQLite has implicitly.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { migrateFolio, openStore } from '@roompost/folio';
import { type Kysely, sql } from 'kysely';
import { migrateCentral } from '../../../central/src/db/migrations.js';
import { freshPostgresDatabase, postgresServer } from '../../support/test-database.js';

const server = await postgresServer();
const skip = 'unavailable' in server ? `PostgreSQL unavailable: ${server.unavailable}` : false;
if (skip) console.log(`# SKIP schema parity: ${skip}`);

type Schema = { columns: string[]; indexes: string[]; triggers: string[] };

/** The type family: integer (int, bigint), varchar (kysely's migration tables), text. */
const family = (type: string) =>
  /int/i.test(type) ? 'integer' : /char/i.test(type) ? 'varchar' : type.toLowerCase();

async function sqliteSchema(db: Kysely<unknown>): Promise<Schema> {
  const columns = await sql<{ t: string; c: string; type: string; nn: number; pk: number }>`
    select m.name as t, p.name as c, p.type as type, p."notnull" as nn, p.pk as pk
    from sqlite_master m, pragma_table_info(m.name) p
    where m.type = 'table' and m.name not like 'sqlite_%'`.execute(db);
  const indexes = await sql<{ name: string }>`
    select name from sqlite_master where type = 'index' and sql is not null`.execute(db);
  const triggers = await sql<{ name: string }>`select name from sqlite_master where type = 'trigger'`.execute(
    db,
  );
  return {
    columns: columns.rows
      .map((r) => `${r.t}.${r.c} ${family(r.type)}${r.nn || r.pk ? ' not null' : ''}`)
      .sort(),
    indexes: indexes.rows.map((r) => r.name).sort(),
    triggers: triggers.rows.map((r) => r.name).sort(),
  };
}

async function postgresSchema(db: Kysely<unknown>): Promise<Schema> {
  const columns = await sql<{ t: string; c: string; type: string; nullable: string }>`
    select table_name as t, column_name as c, data_type as type, is_nullable as nullable
    from information_schema.columns where table_schema = 'public' and column_name <> 'rowid'`.execute(db);
  // Explicit indexes only (SQLite lists constraint-backed ones without SQL text): not pkey/unique constraints.
  const indexes = await sql<{ name: string }>`
    select indexname as name from pg_indexes where schemaname = 'public'
    and indexname not in (select conname from pg_constraint)`.execute(db);
  const triggers = await sql<{ name: string }>`
    select distinct trigger_name as name from information_schema.triggers where trigger_schema = 'public'`.execute(
    db,
  );
  return {
    columns: columns.rows
      .map((r) => `${r.t}.${r.c} ${family(r.type)}${r.nullable === 'NO' ? ' not null' : ''}`)
      .sort(),
    indexes: indexes.rows.map((r) => r.name).sort(),
    triggers: triggers.rows.map((r) => r.name).sort(),
  };
}

test('central and folio migrations build the same schema on SQLite and PostgreSQL', { skip }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-parity-'));
  const lite = openStore<unknown>({ kind: 'sqlite', file: join(dir, 'central.sqlite') });
  const drops: Array<() => unknown> = [];
  const pg = openStore<unknown>({
    kind: 'postgres',
    url: await freshPostgresDatabase({ after: (fn) => void drops.push(fn) }),
  });
  t.after(async () => {
    await lite.close();
    await pg.close();
    for (const drop of drops) await drop();
    await rm(dir, { recursive: true, force: true });
  });
  for (const store of [lite, pg]) {
    await migrateFolio(store.db);
    await migrateCentral(store.db);
  }
  const [a, b] = [await sqliteSchema(lite.db), await postgresSchema(pg.db)];
  assert.ok(a.columns.length > 300, 'the whole schema was read');
  assert.deepEqual(b.columns, a.columns);
  assert.deepEqual(b.indexes, a.indexes);
  assert.deepEqual(b.triggers, a.triggers);
});
