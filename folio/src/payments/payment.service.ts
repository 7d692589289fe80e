// Payments and refunds on a folio (seed 004 §4, §7). A split payment is one call and one transaction:
// every part is validated before anything is written, and a failure writes nothing.
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { type FolioView, loadFolioView } from '../folios/folio-view.js';
import { type LedgerLine, toLedgerLine } from '../folios/ledger-line.js';
import {
  type FullFolioRow,
  type FullPostingRow,
  requireOpenFolio,
  writePosting,
} from '../folios/ledger-writer.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { type Property, requireProperty } from '../property/property.service.js';
import { invalid, optionalText, requireInteger, requireText } from '../validation.js';
import {
  isPaymentMethod,
  methodLabel,
  needsReference,
  PAYMENT_METHODS,
  type PaymentMethod,
} from './payment-method.js';

type Db = Kysely<FolioDatabase>;
type Ctx = Pick<FolioContext, 'clock' | 'newId'>;

export interface PaymentPart {
  method: PaymentMethod;
  amountMinor: number;
  reference?: string | null;
}

export interface PayInput {
  folioId: string;
  payments: PaymentPart[];
  /** The collector. */
  by: string;
  /** Idempotency key of the whole split payment; a replay returns the first result. */
  paymentId?: string;
}

export interface RefundInput {
  folioId: string;
  method: PaymentMethod;
  amountMinor: number;
  reference?: string | null;
  by: string;
}

export interface ValidPart {
  method: PaymentMethod;
  amountMinor: number;
  reference: string | null;
}

export function validatePart(part: PaymentPart, field: string): ValidPart {
  if (!isPaymentMethod(part?.method))
    throw invalid(`${field}.method`, `must be one of ${PAYMENT_METHODS.join(', ')}`);
  const amountMinor = requireInteger(part.amountMinor, `${field}.amountMinor`, 1);
  const reference = optionalText(part.reference, `${field}.reference`, 64);
  if (reference === null && needsReference(part.method)) {
    throw invalid(`${field}.reference`, `a ${part.method} payment needs its reference`);
  }
  return { method: part.method, amountMinor, reference };
}

/** PAYMENT credits, one per part, sharing `batchRef` as charge_ref with line numbers 1…n. */
export async function collectPayments(
  db: Db,
  ctx: Ctx,
  property: Property,
  folio: FullFolioRow,
  parts: ValidPart[],
  by: string,
  batchRef: string,
): Promise<FullPostingRow[]> {
  const rows: FullPostingRow[] = [];
  for (const [index, part] of parts.entries()) {
    rows.push(
      await writePosting(db, ctx, property, {
        folio,
        type: 'PAYMENT',
        amountMinor: -part.amountMinor,
        description: `Payment - ${methodLabel(part.method)}${part.reference ? ` ${part.reference}` : ''}`,
        by,
        paymentMethod: part.method,
        paymentReference: part.reference,
        chargeRef: batchRef,
        lineNo: index + 1,
      }),
    );
  }
  return rows;
}

/** What the folio received (payments and applied deposits) less what was refunded already. */
export async function refundableOf(db: Db, folioId: string): Promise<number> {
  const rows = await db
    .selectFrom('postings')
    .select(['type', 'amount_minor'])
    .where('folio_id', '=', folioId)
    .where('type', 'in', ['PAYMENT', 'DEPOSIT', 'REFUND'])
    .execute();
  return rows.reduce((sum, row) => sum - row.amount_minor, 0);
}

/** REFUND_EXCEEDS_PAID when the folio has not received that much. */
export async function refundToGuest(
  db: Db,
  ctx: Ctx,
  property: Property,
  folio: FullFolioRow,
  part: ValidPart,
  by: string,
  description = `Refund - ${methodLabel(part.method)}`,
): Promise<FullPostingRow> {
  const refundable = await refundableOf(db, folio.id);
  if (part.amountMinor > refundable) {
    throw new FolioError('REFUND_EXCEEDS_PAID', 'the refund exceeds what this folio received', {
      folioId: folio.id,
      amountMinor: part.amountMinor,
      refundableMinor: Math.max(0, refundable),
    });
  }
  return writePosting(db, ctx, property, {
    folio,
    type: 'REFUND',
    amountMinor: part.amountMinor,
    description,
    by,
    paymentMethod: part.method,
    paymentReference: part.reference,
  });
}

export function createPaymentService(ctx: FolioContext) {
  const { db } = ctx;
  return {
    async pay(input: PayInput): Promise<{ postings: LedgerLine[]; folio: FolioView; duplicate: boolean }> {
      const by = requireText(input.by, 'by', 64);
      if (!Array.isArray(input.payments) || input.payments.length === 0 || input.payments.length > 10) {
        throw invalid('payments', 'give one to ten payment parts');
      }
      const parts = input.payments.map((part, i) => validatePart(part, `payments.${i}`));
      const batchRef =
        input.paymentId === undefined ? ctx.newId() : requireText(input.paymentId, 'paymentId', 100);
      const result = await db.transaction().execute(async (trx) => {
        const earlier = await trx
          .selectFrom('postings')
          .selectAll()
          .where('charge_ref', '=', batchRef)
          .orderBy('line_no')
          .execute();
        if (earlier.length > 0) {
          const same =
            earlier.length === parts.length &&
            earlier.every(
              (row, i) =>
                row.folio_id === input.folioId &&
                row.payment_method === parts[i]!.method &&
                row.amount_minor === -parts[i]!.amountMinor,
            );
          if (!same)
            throw new FolioError('IDEMPOTENCY_CONFLICT', 'this paymentId was used for another payment', {
              paymentId: batchRef,
            });
          return { rows: earlier, duplicate: true };
        }
        const folio = await requireOpenFolio(trx, input.folioId);
        const rows = await collectPayments(trx, ctx, await requireProperty(trx), folio, parts, by, batchRef);
        return { rows, duplicate: false };
      });
      return {
        postings: result.rows.map(toLedgerLine),
        folio: await loadFolioView(db, input.folioId),
        duplicate: result.duplicate,
      };
    },

    async refund(input: RefundInput): Promise<{ posting: LedgerLine; folio: FolioView }> {
      const by = requireText(input.by, 'by', 64);
      const part = validatePart(input, 'refund');
      const row = await db.transaction().execute(async (trx) => {
        const folio = await requireOpenFolio(trx, input.folioId);
        return refundToGuest(trx, ctx, await requireProperty(trx), folio, part, by);
      });
      return { posting: toLedgerLine(row), folio: await loadFolioView(db, input.folioId) };
    },
  };
}
