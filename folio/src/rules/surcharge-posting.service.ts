// Surcharges posted on request (seed 003 §5.1): a SERVICE rule's (late check-out, early check-in, spa,
// amenity) and staff's manual one. A request id makes a retry answer the first posting.
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { type LedgerLine, toLedgerLine } from '../folios/ledger-line.js';
import { requireOpenFolio, writePosting } from '../folios/ledger-writer.js';
import { percentOfMinor } from '../money/index.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { isUniqueViolation } from '../persistence/unique-violation.js';
import { requireProperty } from '../property/property.service.js';
import type { ChargeCategory } from '../tax/tax-types.js';
import { invalid, optionalText, requireInteger, requireText } from '../validation.js';
import { requireRule } from './rule-admin.service.js';
import type { ServiceKind } from './rule-types.js';
import { findPostingByChargeRef, latestRoomNightMinor } from './surcharge.repository.js';

type Db = Kysely<FolioDatabase>;

const SERVICE_CATEGORY: Record<ServiceKind, ChargeCategory> = {
  LATE_CHECKOUT: 'ROOM',
  EARLY_CHECKIN: 'ROOM',
  SPA: 'SPA',
  AMENITY: 'MISC',
};

export function createSurchargePostingService(ctx: FolioContext) {
  const { db } = ctx;

  /** Replays a request: the posting written under `ref` before, if any. */
  async function replayed(trx: Db, ref: string | null): Promise<LedgerLine | null> {
    if (ref === null) return null;
    const row = await findPostingByChargeRef(trx, ref);
    return row ? toLedgerLine(row) : null;
  }

  async function postRequested(
    input: { folioId: string; requestId?: string | undefined; by: string },
    build: (trx: Db) => Promise<Parameters<typeof writePosting>[3] | null>,
  ): Promise<LedgerLine> {
    const by = requireText(input.by, 'by', 64);
    const requestId = optionalText(input.requestId, 'requestId', 64);
    const ref = requestId === null ? null : `rule:${requestId}`;
    try {
      return await db.transaction().execute(async (trx) => {
        const earlier = await replayed(trx, ref);
        if (earlier) return earlier;
        const posting = await build(trx);
        if (!posting) throw invalid('ruleCode', 'nothing to post');
        const property = await requireProperty(trx);
        const row = await writePosting(trx, ctx, property, { ...posting, by, chargeRef: ref });
        return toLedgerLine(row);
      });
    } catch (error) {
      if (ref !== null && isUniqueViolation(error)) {
        const earlier = await replayed(db, ref);
        if (earlier) return earlier;
      }
      throw error;
    }
  }

  return {
    /**
     * A SERVICE rule's surcharge (late check-out, early check-in, spa, amenity) on an open folio: a fixed
     * amount × quantity, or a percent of the stay's latest room night. `requestId` makes a retry post once.
     */
    async postServiceSurcharge(input: {
      folioId: string;
      ruleCode: string;
      quantity?: number;
      requestId?: string;
      by: string;
    }): Promise<LedgerLine> {
      const quantity = input.quantity === undefined ? 1 : requireInteger(input.quantity, 'quantity', 1);
      return postRequested(input, async (trx) => {
        const folio = await requireOpenFolio(trx, input.folioId);
        const rule = await requireRule(trx, requireText(input.ruleCode, 'ruleCode', 32));
        if (rule.kind !== 'SERVICE' || !rule.active) {
          throw invalid('ruleCode', 'must name an active SERVICE rule', { value: rule.code });
        }
        let unit = rule.amountMinor ?? 0;
        if (rule.percent !== null) {
          const night = await latestRoomNightMinor(trx, folio.stay_id);
          if (night === null)
            throw invalid('ruleCode', 'a percent service surcharge needs a posted room night');
          unit = percentOfMinor(night, rule.percent, 'HALF_UP');
        }
        return {
          folio,
          type: 'SURCHARGE',
          amountMinor: unit * quantity,
          description: quantity === 1 ? rule.name : `${rule.name} × ${quantity}`,
          by: input.by,
          ruleApplied: `SERVICE ${rule.serviceKind} ${rule.percent !== null ? `${rule.percent}% of room night` : `fixed ${rule.amountMinor}`}`,
          referenceKind: 'policy',
          referenceId: rule.code,
          category: SERVICE_CATEGORY[rule.serviceKind ?? 'AMENITY'],
        };
      });
    },

    /** Staff's ad-hoc surcharge: a positive amount and a reason, recorded as rule MANUAL with reference manual. */
    async postManualSurcharge(input: {
      folioId: string;
      amountMinor: number;
      description: string;
      reason: string;
      category?: ChargeCategory;
      requestId?: string;
      by: string;
    }): Promise<LedgerLine> {
      const amountMinor = requireInteger(input.amountMinor, 'amountMinor', 1);
      const description = requireText(input.description, 'description', 120);
      const reason = requireText(input.reason, 'reason', 200);
      return postRequested(input, async (trx) => ({
        folio: await requireOpenFolio(trx, input.folioId),
        type: 'SURCHARGE',
        amountMinor,
        description,
        by: input.by,
        ruleApplied: `MANUAL: ${reason}`,
        referenceKind: 'manual',
        referenceId: null,
        category: input.category ?? null,
      }));
    },
  };
}
