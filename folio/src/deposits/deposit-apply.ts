// Applying a captured deposit to the guest folio as a DEPOSIT credit. Before check-in there is no folio
// yet, so a capture waits in the deposit ledger and check-in applies it (OPERA's deposit transfer).
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { type FullFolioRow, writePosting } from '../folios/ledger-writer.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { Property } from '../property/property.service.js';
import { type DepositRow, selectDeposits } from './deposit.repository.js';

type Db = Kysely<FolioDatabase>;

export async function applyDeposit(
  db: Db,
  ctx: Pick<FolioContext, 'clock' | 'newId'>,
  property: Property,
  deposit: DepositRow,
  folio: FullFolioRow,
  by: string,
): Promise<string> {
  const posting = await writePosting(db, ctx, property, {
    folio,
    type: 'DEPOSIT',
    amountMinor: -deposit.amount_minor,
    description: `Deposit (${deposit.type.toLowerCase().replace('_', ' ')}) - ${deposit.method}`,
    by,
    paymentMethod: deposit.method,
    paymentReference: deposit.reference,
    referenceKind: deposit.policy_id === null ? 'manual' : 'policy',
    referenceId: deposit.id,
  });
  await db
    .updateTable('deposits')
    .set({ deposit_posting_id: posting.id })
    .where('id', '=', deposit.id)
    .execute();
  return posting.id;
}

/** At check-in: every captured deposit not yet on a folio becomes a DEPOSIT credit on window 1. */
export async function applyCapturedDeposits(
  db: Db,
  ctx: Pick<FolioContext, 'clock' | 'newId'>,
  property: Property,
  reservationId: string,
  folio: FullFolioRow,
  by: string,
): Promise<number> {
  let applied = 0;
  for (const deposit of await selectDeposits(db, reservationId)) {
    if (deposit.state !== 'CAPTURED' || deposit.deposit_posting_id !== null) continue;
    await applyDeposit(db, ctx, property, deposit, folio, by);
    applied += 1;
  }
  return applied;
}
