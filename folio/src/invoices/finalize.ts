// Finalizing an invoice inside a caller's transaction (the invoice service, and checkout, which ends with
// the final invoice): number it gap-free, post the tax it computes less the tax already on the folio for
// what it covers, and store the document with one row per posting it covers.
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { sumFolio } from '../folios/posting.repository.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { requireProperty } from '../property/property.service.js';
import { checkoutTaxPosting, taxDueByCode, taxStillToPost } from '../tax/night-tax.js';
import { insertInvoice, nextSeq } from './invoice.repository.js';
import type { InvoiceDocument } from './invoice-document.js';
import { type CoveredNightTax, loadDraft, requireInvoiceSettings } from './invoice-draft.js';
import { invoiceLineRows } from './invoice-lines.js';
import { fiscalYearOf, formatInvoiceNumber } from './invoice-number.js';
import type { InvoiceRequest } from './invoice-request.js';
import type { InvoiceSettings } from './invoice-settings.js';

type Db = Kysely<FolioDatabase>;

export interface FinalizedInvoice {
  id: string;
  number: string;
  kind: 'INVOICE' | 'CREDIT_NOTE';
  folioId: string;
  finalizedAt: string;
  finalizedBy: string;
  document: InvoiceDocument;
  /** Invoices: the number of the credit note that cancelled it, if any. */
  creditedBy: string | null;
}

export async function allocate(
  trx: Db,
  prefix: string,
  issueDate: string,
  regime: InvoiceSettings['regime'],
) {
  const fiscalYear = fiscalYearOf(issueDate, regime === 'IN_GST');
  const seq = await nextSeq(trx, prefix, fiscalYear);
  return { series: prefix, fiscalYear, seq, number: formatInvoiceNumber(prefix, fiscalYear, seq) };
}

export async function store(
  trx: Db,
  ctx: Pick<FolioContext, 'newId'>,
  document: InvoiceDocument,
  meta: {
    id: string;
    by: string;
    at: string;
    serial: Awaited<ReturnType<typeof allocate>>;
    credits: string | null;
  },
  taxPostings: Array<{ amountMinor: number; description: string }>,
  covered: CoveredNightTax[] = [],
): Promise<FinalizedInvoice> {
  const property = await requireProperty(trx);
  const chargeRef = `${document.kind === 'INVOICE' ? 'invoice' : 'credit-note'}:${meta.id}`;
  const written = taxPostings
    .filter((t) => t.amountMinor !== 0)
    .map((t, index) => ({
      id: ctx.newId(),
      folio_id: document.folioId,
      type: 'TAX' as const,
      amount_minor: t.amountMinor,
      currency: document.currency,
      description: `${t.description} - ${meta.serial.number}`,
      business_date: property.businessDate,
      service_date: document.issueDate,
      created_at: meta.at,
      posted_by: meta.by,
      charge_ref: chargeRef,
      line_no: index + 1,
    }));
  if (written.length > 0) await trx.insertInto('postings').values(written).execute();
  await insertInvoice(
    trx,
    {
      id: meta.id,
      kind: document.kind,
      number: meta.serial.number,
      series: meta.serial.series,
      fiscal_year: meta.serial.fiscalYear,
      seq: meta.serial.seq,
      folio_id: document.folioId,
      credits_invoice_id: meta.credits,
      issue_date: document.issueDate,
      currency: document.currency,
      subtotal_minor: document.subtotalMinor,
      tax_minor: document.taxTotalMinor,
      total_minor: document.grandTotalMinor,
      paid_minor: document.paymentsTotalMinor,
      balance_minor: document.balanceDueMinor,
      document: JSON.stringify(document),
      status: 'finalized',
      reason: document.reason,
      finalized_at: meta.at,
      finalized_by: meta.by,
    },
    invoiceLineRows(meta.id, document, [
      ...written,
      ...covered.map((t) => ({ id: t.postingId, amount_minor: t.amountMinor, description: t.description })),
    ]),
  );
  return {
    id: meta.id,
    number: meta.serial.number,
    kind: document.kind,
    folioId: document.folioId,
    finalizedAt: meta.at,
    finalizedBy: meta.by,
    document,
    creditedBy: null,
  };
}

/**
 * Numbers and stores the invoice of the folio's uninvoiced postings and posts the tax still due. On a
 * closed folio (checked out) only when that leaves the folio at zero: a reissue after a credit note, or a
 * window whose invoice checkout deferred; anything else is FOLIO_CLOSED.
 */
export async function finalizeInTransaction(
  trx: Db,
  ctx: Pick<FolioContext, 'clock' | 'newId'>,
  request: InvoiceRequest,
  by: string,
): Promise<FinalizedInvoice> {
  const { document, nightTaxes } = await loadDraft(trx, request);
  const folio = await trx
    .selectFrom('folios')
    .select('closed_at')
    .where('id', '=', document.folioId)
    .executeTakeFirstOrThrow();
  const settings = await requireInvoiceSettings(trx);
  // The document's tax, less the tax already posted for what it covers (night tax, tax posted at checkout,
  // the outlet's own tax): usually nothing is left to post.
  const computed = taxStillToPost(
    document.taxBreakup.filter((row) => row.code !== 'POSTED_TAX'),
    nightTaxes,
  );
  if (folio.closed_at !== null) {
    const after = (await sumFolio(trx, document.folioId)) + computed.reduce((s, t) => s + t.amountMinor, 0);
    if (after !== 0) {
      throw new FolioError('FOLIO_CLOSED', 'finalize the invoice before the folio is closed', {
        folioId: document.folioId,
        balanceAfterMinor: after,
      });
    }
  }
  const serial = await allocate(trx, settings.invoicePrefix, document.issueDate, settings.regime);
  const final: InvoiceDocument = { ...document, status: 'FINALIZED', number: serial.number };
  const meta = { id: ctx.newId(), by, at: ctx.clock.now().toISOString(), serial, credits: null };
  return store(trx, ctx, final, meta, computed, nightTaxes);
}

/**
 * Posts the tax the folio's uninvoiced charges owe and the folio does not carry yet (desk charges are
 * taxed only by the invoice; a late change of a night's value moves its slab), per code and rate, marked
 * like night tax so the invoice that follows nets it and posts nothing more. Returns what it posted.
 */
export async function postTaxDue(
  trx: Db,
  ctx: Pick<FolioContext, 'clock' | 'newId'>,
  folioId: string,
  by: string,
): Promise<number> {
  let draft: Awaited<ReturnType<typeof loadDraft>>;
  try {
    draft = await loadDraft(trx, { folioId });
  } catch (error) {
    if (
      error instanceof FolioError &&
      ['NOTHING_TO_INVOICE', 'INVOICE_ALREADY_FINALIZED'].includes(error.code)
    )
      return 0;
    throw error;
  }
  const due = taxDueByCode(
    draft.document.taxBreakup.filter((row) => row.code !== 'POSTED_TAX'),
    draft.nightTaxes,
  );
  if (due.length === 0) return 0;
  const property = await requireProperty(trx);
  const folio = await trx
    .selectFrom('folios')
    .selectAll()
    .where('id', '=', folioId)
    .executeTakeFirstOrThrow();
  const at = ctx.clock.now().toISOString();
  const stamp = ctx.newId();
  await trx
    .insertInto('postings')
    .values(
      due.map((tax, index) => {
        const fields = checkoutTaxPosting(folioId, stamp, tax);
        return {
          id: ctx.newId(),
          folio_id: folioId,
          type: 'TAX' as const,
          amount_minor: tax.amountMinor,
          currency: folio.currency,
          description: fields.description,
          business_date: property.businessDate,
          service_date: property.businessDate,
          created_at: at,
          posted_by: by,
          charge_ref: fields.chargeRef,
          line_no: index + 1,
          rule_applied: fields.ruleApplied,
        };
      }),
    )
    .execute();
  return due.reduce((sum, t) => sum + t.amountMinor, 0);
}
