// Who sent a room charge (`charge_receipts.origin`: `roompost` when central posted an outlet's charge),
// so daily reconciliation can list the postings of a day that central never saw, and leave alone the
// ones that never came through it (the demo's seeded history, charges keyed in at the folio). The
// lines of a day are found by their service date (the local day the guest was served).
import { type Kysely, type Migration, sql } from 'kysely';

export const chargeOrigin: Migration = {
  async up(db: Kysely<unknown>) {
    await sql.raw('alter table charge_receipts add column origin text').execute(db);
    await db.schema.createIndex('postings_service_date').on('postings').column('service_date').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('postings_service_date').execute();
    await sql.raw('alter table charge_receipts drop column origin').execute(db);
  },
};
