// Real-time balances (seed 004 §1): a folio window read with its lines, balance and the stay's credit
// warning. Balances are always the sum of the postings, never a stored running total.
import { type Kysely, sql } from 'kysely';
import { FolioError } from '../errors.js';
import { asMinorUnits, type MinorUnits } from '../money/index.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { type LedgerLine, toLedgerLine } from './ledger-line.js';
import { requireFolio } from './ledger-writer.js';
import { sumFolio, sumStay } from './posting.repository.js';

type Db = Kysely<FolioDatabase>;

/** From 80% of the credit limit the front desk is warned; above it, over. */
export const CREDIT_WARNING_RATIO_PERCENT = 80;

export interface CreditWarning {
  level: 'near' | 'over';
  creditLimitMinor: MinorUnits;
  balanceMinor: MinorUnits;
}

export interface FolioView {
  id: string;
  stayRef: string;
  reservationId: string | null;
  windowNumber: number;
  payerLabel: string;
  currency: string;
  closedAt: string | null;
  balanceMinor: MinorUnits;
  postings: LedgerLine[];
  creditWarning: CreditWarning | null;
}

export async function creditWarningForStay(db: Db, stayId: string): Promise<CreditWarning | null> {
  const stay = await db
    .selectFrom('stays')
    .select('credit_limit_minor')
    .where('id', '=', stayId)
    .executeTakeFirst();
  const limit = stay?.credit_limit_minor ?? null;
  if (limit === null) return null;
  const balance = await sumStay(db, stayId);
  if (balance * 100 < limit * CREDIT_WARNING_RATIO_PERCENT) return null;
  return {
    level: balance > limit ? 'over' : 'near',
    creditLimitMinor: asMinorUnits(limit),
    balanceMinor: asMinorUnits(balance),
  };
}

export async function loadFolioView(db: Db, folioId: string): Promise<FolioView> {
  const folio = await requireFolio(db, folioId);
  const stay = await db
    .selectFrom('stays')
    .select(['id', 'reservation_id'])
    .where('id', '=', folio.stay_id)
    .executeTakeFirst();
  if (!stay) throw new FolioError('NOT_FOUND', 'the folio has no stay', { folioId });
  const rows = await db
    .selectFrom('postings')
    .selectAll()
    .where('folio_id', '=', folioId)
    .orderBy('business_date')
    .orderBy(sql`rowid`)
    .execute();
  return {
    id: folio.id,
    stayRef: folio.stay_id,
    reservationId: stay.reservation_id,
    windowNumber: folio.window_number,
    payerLabel: folio.payer_label,
    currency: folio.currency,
    closedAt: folio.closed_at,
    balanceMinor: asMinorUnits(await sumFolio(db, folioId)),
    postings: rows.map(toLedgerLine),
    creditWarning: await creditWarningForStay(db, folio.stay_id),
  };
}

export async function foliosOfStay(db: Db, stayId: string) {
  return db.selectFrom('folios').selectAll().where('stay_id', '=', stayId).orderBy('window_number').execute();
}
