// PostgreSQL only (nothing on SQLite): the tables read in the order their rows were written (`order by
// rowid`) get a `rowid` identity column there, so the same queries run on both databases.
import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import { addRowidOnPostgres, dialectOf } from '../dialect.js';

const TABLES = ['postings', 'reservation_events', 'deposits', 'night_audit_runs'];

export const rowidOnPostgres: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of TABLES) await addRowidOnPostgres(db, table);
  },
  async down(db: Kysely<unknown>) {
    if (dialectOf(db) !== 'postgres') return;
    for (const table of TABLES) await sql`alter table ${sql.table(table)} drop column rowid`.execute(db);
  },
};
