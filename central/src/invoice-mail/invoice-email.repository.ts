import type { Kysely, Selectable } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';
import type { InvoiceEmailTable } from './invoice-email.table.js';

type Db = Kysely<CentralDatabase>;
export type InvoiceEmailRow = Selectable<InvoiceEmailTable>;

export async function findInvoiceEmail(db: Db, requestId: string): Promise<InvoiceEmailRow | undefined> {
  return db.selectFrom('invoice_emails').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

/** Records an attempt's outcome: the first one inserts, a retry of the same request updates it. */
export async function saveInvoiceEmail(db: Db, row: InvoiceEmailTable): Promise<void> {
  await db
    .insertInto('invoice_emails')
    .values(row)
    .onConflict((oc) =>
      oc.column('request_id').doUpdateSet({
        status: row.status,
        attempts: row.attempts,
        sent_at: row.sent_at,
        last_error: row.last_error,
      }),
    )
    .execute();
}

export async function listInvoiceEmails(db: Db, invoiceNumber: string): Promise<InvoiceEmailRow[]> {
  return db
    .selectFrom('invoice_emails')
    .selectAll()
    .where('invoice_number', '=', invoiceNumber)
    .orderBy('requested_at')
    .execute();
}
