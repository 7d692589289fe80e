// Folio operations the front desk performs: open a window, post a charge, void, adjust, transfer,
// split, and read a folio with its balance. Each runs in one transaction and writes nothing on error.
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { requireProperty } from '../property/property.service.js';
import { CHARGE_CATEGORIES, type ChargeCategory } from '../tax/tax-types.js';
import { invalid, optionalText, requireInteger, requireIsoDate, requireText } from '../validation.js';
import { adjustPosting, reverseNightTaxOf, transferPosting, voidPosting } from './corrections.js';
import { type FolioView, foliosOfStay, loadFolioView } from './folio-view.js';
import { type LedgerLine, toLedgerLine } from './ledger-line.js';
import { requireFolio, requireOpenFolio, requirePosting, writePosting } from './ledger-writer.js';
import type { ReferenceKind } from './posting-ops.table.js';
import type { PostingType } from './posting-type.js';

/** What staff may post by hand; deposits, payments and refunds have their own operations. */
export const CHARGE_TYPES = ['ROOM', 'POS', 'SURCHARGE', 'DISCOUNT', 'TAX'] as const;
export type ChargeType = (typeof CHARGE_TYPES)[number];
const REFERENCE_KINDS: readonly ReferenceKind[] = ['policy', 'campaign', 'manual'];
/** SAC (services, 6 digits) or HSN (goods, 4–8 digits). */
const SAC_SHAPE = /^\d{4,8}$/;

export interface PostFolioChargeInput {
  folioId: string;
  type: ChargeType;
  /** Price of one unit, ≥ 0; a DISCOUNT is given positive and posted as a credit. */
  unitMinor: number;
  quantity: number;
  description: string;
  serviceDate?: string;
  /** Required for SURCHARGE and DISCOUNT (seed 003 §5.1): the rule and its reference. */
  ruleApplied?: string;
  referenceKind?: ReferenceKind;
  referenceId?: string;
  /**
   * What the invoice taxes the line as (laundry, spa…). Required for SURCHARGE and DISCOUNT. Omitted on
   * other types: ROOM is a room night, POS is F&B, TAX has none.
   */
  category?: ChargeCategory;
  /** SAC/HSN code when the category's default (tax/gst-periods.ts) does not fit or there is none. */
  sac?: string;
  by: string;
}

export interface SplitFolioInput {
  folioId: string;
  payerLabel: string;
  postingIds: string[];
  by: string;
}

export function createFolioOpsService(ctx: FolioContext) {
  const { db } = ctx;
  return {
    /** A new window on the stay (2…8), e.g. for the company. */
    async openFolioWindow(input: { stayRef: string; payerLabel: string; by: string }): Promise<FolioView> {
      const payer = requireText(input.payerLabel, 'payerLabel', 80);
      requireText(input.by, 'by', 64);
      const id = await db.transaction().execute(async (trx) => {
        const windows = await foliosOfStay(trx, input.stayRef);
        const first = windows[0];
        if (!first) throw new FolioError('NOT_FOUND', 'unknown stay', { stayRef: input.stayRef });
        const next = Math.max(...windows.map((w) => w.window_number)) + 1;
        if (next > 8) throw invalid('payerLabel', 'a stay has at most 8 folio windows');
        const folioId = ctx.newId();
        await trx
          .insertInto('folios')
          .values({
            id: folioId,
            stay_id: input.stayRef,
            window_number: next,
            payer_label: payer,
            currency: first.currency,
            created_at: ctx.clock.now().toISOString(),
          })
          .execute();
        return folioId;
      });
      return loadFolioView(db, id);
    },

    async postFolioCharge(input: PostFolioChargeInput): Promise<{ posting: LedgerLine; folio: FolioView }> {
      if (!CHARGE_TYPES.includes(input.type))
        throw invalid('type', `must be one of ${CHARGE_TYPES.join(', ')}`);
      const unit = requireInteger(input.unitMinor, 'unitMinor');
      const quantity = requireInteger(input.quantity, 'quantity', 1);
      const amount = requireInteger(unit * quantity, 'amountMinor');
      const description = requireText(input.description, 'description', 120);
      const by = requireText(input.by, 'by', 64);
      const serviceDate =
        input.serviceDate === undefined ? undefined : requireIsoDate(input.serviceDate, 'serviceDate');
      const rule = optionalText(input.ruleApplied, 'ruleApplied', 120);
      const referenceId = optionalText(input.referenceId, 'referenceId', 64);
      const needsRule = input.type === 'SURCHARGE' || input.type === 'DISCOUNT';
      if (needsRule && (rule === null || input.referenceKind === undefined)) {
        throw invalid('ruleApplied', 'a surcharge or discount names its rule and reference kind');
      }
      if (input.referenceKind !== undefined && !REFERENCE_KINDS.includes(input.referenceKind)) {
        throw invalid('referenceKind', `must be one of ${REFERENCE_KINDS.join(', ')}`);
      }
      // A surcharge or discount at the desk is on something: a dinner discount must not move a room
      // night's slab, a pet fee is not a room night. No default to ROOM (seed 004 §6 taxes by category).
      if (needsRule && input.category === undefined) {
        throw invalid('category', 'a surcharge or discount names the category it is on', {
          allowed: CHARGE_CATEGORIES,
        });
      }
      if (input.category !== undefined && !CHARGE_CATEGORIES.includes(input.category)) {
        throw invalid('category', `must be one of ${CHARGE_CATEGORIES.join(', ')}`, {
          value: input.category,
        });
      }
      const sac = optionalText(input.sac, 'sac', 8);
      if (sac !== null && !SAC_SHAPE.test(sac)) {
        throw invalid('sac', 'must be a SAC or HSN code of 4 to 8 digits', { value: sac });
      }
      const row = await db.transaction().execute(async (trx) => {
        const property = await requireProperty(trx);
        if (serviceDate !== undefined && serviceDate > property.businessDate) {
          throw invalid('serviceDate', 'cannot be after the business date', { serviceDate });
        }
        const folio = await requireOpenFolio(trx, input.folioId);
        return writePosting(trx, ctx, property, {
          folio,
          type: input.type as PostingType,
          amountMinor: input.type === 'DISCOUNT' ? -amount : amount,
          description: quantity > 1 ? `${description} x${quantity}` : description,
          by,
          ...(serviceDate === undefined ? {} : { serviceDate }),
          ruleApplied: rule,
          referenceKind: input.referenceKind ?? null,
          referenceId,
          category: input.category ?? null,
          sac,
        });
      });
      return { posting: toLedgerLine(row), folio: await loadFolioView(db, row.folio_id) };
    },

    /** CORRECTION_NOT_ALLOWED unless the posting is of today's business date and uncorrected. */
    async voidPosting(input: { postingId: string; reason: string; by: string }): Promise<LedgerLine> {
      const reason = requireText(input.reason, 'reason', 120);
      const by = requireText(input.by, 'by', 64);
      return db.transaction().execute(async (trx) => {
        const posting = await requirePosting(trx, input.postingId);
        const property = await requireProperty(trx);
        const line = await voidPosting(trx, ctx, property, posting, by, reason);
        await reverseNightTaxOf(trx, ctx, property, posting, by, reason);
        return toLedgerLine(line);
      });
    },

    async adjustPosting(input: {
      postingId: string;
      amountMinor: number;
      reason: string;
      by: string;
    }): Promise<LedgerLine> {
      const reason = requireText(input.reason, 'reason', 120);
      const by = requireText(input.by, 'by', 64);
      if (typeof input.amountMinor !== 'number' || !Number.isSafeInteger(input.amountMinor)) {
        throw invalid('amountMinor', 'must be a safe integer');
      }
      return db.transaction().execute(async (trx) => {
        const posting = await requirePosting(trx, input.postingId);
        const property = await requireProperty(trx);
        const line = await adjustPosting(trx, ctx, property, posting, input.amountMinor, by, reason);
        await reverseNightTaxOf(trx, ctx, property, posting, by, reason);
        return toLedgerLine(line);
      });
    },

    async transferPosting(input: {
      postingId: string;
      toFolioId: string;
      by: string;
    }): Promise<LedgerLine[]> {
      const by = requireText(input.by, 'by', 64);
      return db.transaction().execute(async (trx) => {
        const posting = await requirePosting(trx, input.postingId);
        const target = await requireFolio(trx, input.toFolioId);
        const pair = await transferPosting(trx, ctx, await requireProperty(trx), posting, target, by);
        return pair.map(toLedgerLine);
      });
    },

    /** A new window for `payerLabel` and the given postings moved to it, all or nothing. */
    async splitFolio(input: SplitFolioInput): Promise<{ from: FolioView; to: FolioView }> {
      const payer = requireText(input.payerLabel, 'payerLabel', 80);
      const by = requireText(input.by, 'by', 64);
      if (!Array.isArray(input.postingIds) || input.postingIds.length === 0) {
        throw invalid('postingIds', 'name at least one posting to move');
      }
      const newId = await db.transaction().execute(async (trx) => {
        const property = await requireProperty(trx);
        const source = await requireOpenFolio(trx, input.folioId);
        const windows = await foliosOfStay(trx, source.stay_id);
        const next = Math.max(...windows.map((w) => w.window_number)) + 1;
        if (next > 8) throw invalid('payerLabel', 'a stay has at most 8 folio windows');
        const target = {
          id: ctx.newId(),
          stay_id: source.stay_id,
          window_number: next,
          payer_label: payer,
          currency: source.currency,
          created_at: ctx.clock.now().toISOString(),
          closed_at: null,
          closed_by: null,
          invoice_later_reason: null,
        };
        await trx.insertInto('folios').values(target).execute();
        for (const postingId of input.postingIds) {
          const posting = await requirePosting(trx, postingId);
          if (posting.folio_id !== source.id) {
            throw invalid('postingIds', 'every posting must be on the folio being split', { postingId });
          }
          await transferPosting(trx, ctx, property, posting, target, by);
        }
        return target.id;
      });
      return { from: await loadFolioView(db, input.folioId), to: await loadFolioView(db, newId) };
    },

    async getFolio(folioId: string): Promise<FolioView> {
      return loadFolioView(db, folioId);
    },

    /** Every window of a stay, window 1 first (a walk-in has no reservation to read them from). */
    async getStayFolios(stayRef: string): Promise<FolioView[]> {
      const windows = await foliosOfStay(db, requireText(stayRef, 'stayRef', 100));
      if (windows.length === 0) throw new FolioError('NOT_FOUND', 'unknown stay', { stayRef });
      return Promise.all(windows.map((w) => loadFolioView(db, w.id)));
    },
  };
}
