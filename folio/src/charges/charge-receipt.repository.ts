import type { Insertable, Kysely, Selectable } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { ChargeReceiptTable } from './charge-receipt.table.js';

export type ChargeReceiptRow = Selectable<ChargeReceiptTable>;

export async function findChargeReceipt(
  db: Kysely<FolioDatabase>,
  chargeId: string,
): Promise<ChargeReceiptRow | undefined> {
  return db.selectFrom('charge_receipts').selectAll().where('charge_id', '=', chargeId).executeTakeFirst();
}

export async function insertChargeReceipt(
  db: Kysely<FolioDatabase>,
  row: Insertable<ChargeReceiptTable>,
): Promise<void> {
  await db.insertInto('charge_receipts').values(row).execute();
}

/** The receipts among these charge ids (`chargeIds` at most a few hundred), by charge id. */
export async function findChargeReceipts(
  db: Kysely<FolioDatabase>,
  chargeIds: readonly string[],
): Promise<Map<string, ChargeReceiptRow>> {
  if (chargeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('charge_receipts')
    .selectAll()
    .where('charge_id', 'in', chargeIds)
    .execute();
  return new Map(rows.map((row) => [row.charge_id, row]));
}
