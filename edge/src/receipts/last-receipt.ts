// Reprint (the service screen, docs/devices.md) prints the last receipt again, marked COPY. The
// printer remembers its last job only while the edge runs; the edge also keeps which charge's
// receipt it printed last, so after a restart Reprint rebuilds that receipt from the stored charge
// (items, tax lines, GSTIN, signature) instead of answering "nothing to reprint".
import { isDriverError, type PrintResult, type ReceiptPrinter } from '@roompost/drivers';
import { QueryTemplate, relaxedTransaction } from '@roompost/folio';
import type { Kysely } from 'kysely';
import type { OutletDisplay } from '../charges/charge-view.js';
import { compiled } from '../db/compiled.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import { chargeReceiptDocument } from './receipt-preview.js';

/**
 * Notes that the receipt of `chargeId` goes to the printer now (before the job, printed or not).
 * Without waiting for the disk (relaxed-commit.ts): a power cut may leave the receipt before it as
 * the one to reprint, which costs no money; the charge itself committed durably before this.
 */
export async function rememberLastReceipt(db: Kysely<EdgeDatabase>, chargeId: string, at: string) {
  // Once per printed receipt: compiled once (edge/src/db/compiled.ts), not built per charge.
  const upsert = compiled(
    db,
    'remember last receipt',
    () =>
      new QueryTemplate<{ chargeId: string; at: string }, never>(['chargeId', 'at'], (a) =>
        db
          .insertInto('last_receipt')
          .values({ id: 1, charge_id: a.chargeId, printed_at: a.at })
          .onConflict((oc) => oc.column('id').doUpdateSet({ charge_id: a.chargeId, printed_at: a.at })),
      ),
  );
  await relaxedTransaction(db, (trx) => upsert.execute(trx, { chargeId, at }));
}

/**
 * The printer's own reprint when it has a last job; otherwise (the edge restarted) the last
 * remembered charge's receipt rebuilt from stored data and printed as a copy. Rejects with the
 * printer's `NOTHING_TO_REPRINT` when no receipt was ever printed here.
 */
export async function reprintLastReceipt(deps: {
  db: Kysely<EdgeDatabase>;
  printer: ReceiptPrinter;
  outlet: OutletDisplay;
}): Promise<PrintResult> {
  try {
    return await deps.printer.reprintLast();
  } catch (err) {
    if (!isDriverError(err) || err.code !== 'NOTHING_TO_REPRINT') throw err;
    const last = await deps.db
      .selectFrom('last_receipt')
      .select('charge_id')
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!last) throw err;
    const document = await chargeReceiptDocument(deps.db, deps.outlet, last.charge_id);
    return deps.printer.print({ kind: 'room-charge', document, copy: true });
  }
}
