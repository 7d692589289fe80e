// postings_linked becomes a partial index over the lines that link to another (VOID, ADJUSTMENT,
// transfers): every lookup by it asks for one posting's corrections (`linked_posting_id = ?`, or a
// join on it), which implies not null, so both SQLite and PostgreSQL still use it; the many lines
// with no link (every night-audit and outlet line) no longer cost an index entry each.
import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

export const postingsLinkedPartialIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`drop index if exists postings_linked`.execute(db);
    await sql`create index postings_linked on postings (linked_posting_id)
      where linked_posting_id is not null`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`drop index if exists postings_linked`.execute(db);
    await sql`create index postings_linked on postings (linked_posting_id)`.execute(db);
  },
};
