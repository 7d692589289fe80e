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

/** One line staff post by hand: unit × quantity of a type, with its tax category. */
export interface FolioChargeLine {
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
}

export interface PostFolioChargeInput extends FolioChargeLine {
  folioId: string;
  /** Idempotency key: a retry with the same id answers the first posting, never a second one. */
  requestId?: string;
  by: string;
}

/** Several lines (a template from the item master) posted together: all of them or none. */
export interface PostFolioChargesInput {
  folioId: string;
  lines: FolioChargeLine[];
  /** Idempotency key of the whole set, as for a single line. */
  requestId?: string;
  by: string;
}

export interface SplitFolioInput {
  folioId: string;
  payerLabel: string;
  postingIds: string[];
  by: string;
}

/** A hand-posted line checked field by field (`field` prefixes the names, e.g. "lines.2."). */
function validChargeLine(input: FolioChargeLine, field: string) {
  if (!CHARGE_TYPES.includes(input.type))
    throw invalid(`${field}type`, `must be one of ${CHARGE_TYPES.join(', ')}`);
  const unit = requireInteger(input.unitMinor, `${field}unitMinor`);
  const quantity = requireInteger(input.quantity, `${field}quantity`, 1);
  const amount = requireInteger(unit * quantity, `${field}amountMinor`);
  const description = requireText(input.description, `${field}description`, 120);
  const serviceDate =
    input.serviceDate === undefined ? undefined : requireIsoDate(input.serviceDate, `${field}serviceDate`);
  const rule = optionalText(input.ruleApplied, `${field}ruleApplied`, 120);
  const referenceId = optionalText(input.referenceId, `${field}referenceId`, 64);
  const needsRule = input.type === 'SURCHARGE' || input.type === 'DISCOUNT';
  if (needsRule && (rule === null || input.referenceKind === undefined)) {
    throw invalid(`${field}ruleApplied`, 'a surcharge or discount names its rule and reference kind');
  }
  if (input.referenceKind !== undefined && !REFERENCE_KINDS.includes(input.referenceKind)) {
    throw invalid(`${field}referenceKind`, `must be one of ${REFERENCE_KINDS.join(', ')}`);
  }
  // A surcharge or discount at the desk is on something: a dinner discount must not move a room
  // night's slab, a pet fee is not a room night. No default to ROOM (seed 004 §6 taxes by category).
  if (needsRule && input.category === undefined) {
    throw invalid(`${field}category`, 'a surcharge or discount names the category it is on', {
      allowed: CHARGE_CATEGORIES,
    });
  }
  if (input.category !== undefined && !CHARGE_CATEGORIES.includes(input.category)) {
    throw invalid(`${field}category`, `must be one of ${CHARGE_CATEGORIES.join(', ')}`, {
      value: input.category,
    });
  }
  const sac = optionalText(input.sac, `${field}sac`, 8);
  if (sac !== null && !SAC_SHAPE.test(sac)) {
    throw invalid(`${field}sac`, 'must be a SAC or HSN code of 4 to 8 digits', { value: sac });
  }
  return {
    field,
    type: input.type as PostingType,
    amountMinor: input.type === 'DISCOUNT' ? -amount : amount,
    description: quantity > 1 ? `${description} x${quantity}` : description,
    serviceDate,
    ruleApplied: rule,
    referenceKind: input.referenceKind ?? null,
    referenceId,
    category: input.category ?? null,
    sac,
  };
}

export function createFolioOpsService(ctx: FolioContext) {
  const { db } = ctx;
  /**
   * The lines in one transaction; with a request id, they share it as charge_ref with line numbers
   * 1…n (as a payment's parts do). A replay of the same request answers the lines it posted, `duplicate`;
   * the same id with other lines is IDEMPOTENCY_CONFLICT.
   */
  const postFolioCharges = async (
    input: PostFolioChargesInput,
    /** Field names of line i in errors: `lines.{i}.` for a set, none for a single posting. */
    fieldOf: (i: number) => string = (i) => `lines.${i}.`,
  ): Promise<{ postings: LedgerLine[]; folio: FolioView; duplicate: boolean }> => {
    const by = requireText(input.by, 'by', 64);
    if (!Array.isArray(input.lines) || input.lines.length === 0 || input.lines.length > 50) {
      throw invalid('lines', 'give one to fifty lines');
    }
    const lines = input.lines.map((line, i) => validChargeLine(line, fieldOf(i)));
    const requestId = input.requestId === undefined ? null : requireText(input.requestId, 'requestId', 100);
    const result = await db.transaction().execute(async (trx) => {
      const earlier =
        requestId === null
          ? []
          : await trx
              .selectFrom('postings')
              .selectAll()
              .where('charge_ref', '=', requestId)
              .orderBy('line_no')
              .execute();
      if (earlier.length > 0) {
        const same =
          earlier.length === lines.length &&
          earlier.every(
            (row, i) =>
              row.folio_id === input.folioId &&
              row.type === lines[i]!.type &&
              row.amount_minor === lines[i]!.amountMinor,
          );
        if (!same) {
          throw new FolioError('IDEMPOTENCY_CONFLICT', 'this requestId was used for other postings', {
            requestId,
          });
        }
        return { rows: earlier, duplicate: true };
      }
      const property = await requireProperty(trx);
      const folio = await requireOpenFolio(trx, input.folioId);
      const rows = [];
      for (const [index, line] of lines.entries()) {
        if (line.serviceDate !== undefined && line.serviceDate > property.businessDate) {
          throw invalid(`${line.field}serviceDate`, 'cannot be after the business date', {
            serviceDate: line.serviceDate,
          });
        }
        rows.push(
          await writePosting(trx, ctx, property, {
            folio,
            type: line.type,
            amountMinor: line.amountMinor,
            description: line.description,
            by,
            ...(line.serviceDate === undefined ? {} : { serviceDate: line.serviceDate }),
            ruleApplied: line.ruleApplied,
            referenceKind: line.referenceKind,
            referenceId: line.referenceId,
            category: line.category,
            sac: line.sac,
            chargeRef: requestId,
            lineNo: index + 1,
          }),
        );
      }
      return { rows, duplicate: false };
    });
    return {
      postings: result.rows.map(toLedgerLine),
      folio: await loadFolioView(db, input.folioId),
      duplicate: result.duplicate,
    };
  };

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
      const { folioId, requestId, by, ...line } = input;
      const posted = await postFolioCharges(
        {
          folioId,
          lines: [line],
          by,
          ...(requestId === undefined ? {} : { requestId }),
        },
        () => '',
      );
      return { posting: posted.postings[0]!, folio: posted.folio };
    },

    postFolioCharges,

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
