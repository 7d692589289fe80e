// Reversing a room charge the outlet voided (seed 000 "Voids travel the same road"): every folio line of
// the charge (POS, TAX, gratuity) is voided on the business date it was posted, or adjusted away after night
// audit (DESIGN "Rules that keep money safe"), line by line, in ONE transaction: either every line is
// reversed or none is. A line moved to another window (split folio, transfer) is reversed where it now is.
// Lines already reversed are left alone, so the same void delivered again changes nothing.

import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { adjustPosting, remainingOf, voidPosting } from '../folios/corrections.js';
import { type LedgerLine, toLedgerLine } from '../folios/ledger-line.js';
import type { FullPostingRow } from '../folios/ledger-writer.js';
import { sumStay } from '../folios/posting.repository.js';
import { asMinorUnits, type MinorUnits } from '../money/index.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { requireProperty } from '../property/property.service.js';
import { requireText } from '../validation.js';

type Db = Kysely<FolioDatabase>;

export interface ReverseChargeInput {
  chargeId: string;
  reason: string;
  by: string;
}

export interface ReverseChargeResult {
  chargeId: string;
  stayRef: string;
  /** The voids and adjustments written now, in the charge's line order; empty on a repeat. */
  corrections: LedgerLine[];
  /** Stay balance after the reversal, over all folio windows. */
  balanceMinor: MinorUnits;
  /** True when every line was already reversed and nothing was written. */
  duplicate: boolean;
}

/** Where what remains of a charge line lives now: itself, or the transfer-in at the end of its moves. */
async function liveHolder(db: Db, line: FullPostingRow): Promise<FullPostingRow | null> {
  let current = line;
  for (let hops = 0; hops < 64; hops++) {
    if ((await remainingOf(db, current)) !== 0) return current;
    const out = await db
      .selectFrom('postings')
      .select('id')
      .where('linked_posting_id', '=', current.id)
      .where('link_kind', '=', 'TRANSFER_OUT')
      .executeTakeFirst();
    if (!out) return null; // voided or adjusted to nothing: already reversed
    const into = await db
      .selectFrom('postings')
      .selectAll()
      .where('linked_posting_id', '=', out.id)
      .where('link_kind', '=', 'TRANSFER_IN')
      .executeTakeFirst();
    if (!into) return null;
    current = into;
  }
  return null;
}

export function createChargeReversal({ db, clock, newId }: FolioContext) {
  const ctx = { clock, newId };
  return {
    /**
     * Errors: NOT_FOUND when the folio holds no line of this charge; FOLIO_CLOSED, CORRECTION_NOT_ALLOWED
     * (e.g. the line is on a finalized invoice) for any one line, and then no line is reversed.
     */
    async reverseCharge(input: ReverseChargeInput): Promise<ReverseChargeResult> {
      const chargeId = requireText(input.chargeId, 'chargeId', 100);
      const reason = requireText(input.reason, 'reason', 120);
      const by = requireText(input.by, 'by', 64);
      return db.transaction().execute(async (trx) => {
        const lines = await trx
          .selectFrom('postings')
          .innerJoin('folios', 'folios.id', 'postings.folio_id')
          .selectAll('postings')
          .select('folios.stay_id')
          .where('postings.charge_ref', '=', chargeId)
          .where('postings.amount_minor', '!=', 0)
          .orderBy('postings.line_no')
          .execute();
        const first = lines[0];
        if (!first)
          throw new FolioError('NOT_FOUND', 'the folio holds no posting for this charge', { chargeId });
        const property = await requireProperty(trx);
        const corrections: LedgerLine[] = [];
        for (const line of lines) {
          const holder = await liveHolder(trx, line);
          if (!holder) continue;
          const remaining = await remainingOf(trx, holder);
          const written =
            holder.business_date === property.businessDate && remaining === holder.amount_minor
              ? await voidPosting(trx, ctx, property, holder, by, reason)
              : await adjustPosting(trx, ctx, property, holder, -remaining, by, reason);
          corrections.push(toLedgerLine(written));
        }
        return {
          chargeId,
          stayRef: first.stay_id,
          corrections,
          balanceMinor: asMinorUnits(await sumStay(trx, first.stay_id)),
          duplicate: corrections.length === 0,
        };
      });
    },
  };
}
