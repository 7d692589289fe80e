// Invoices over the ledger: preview (a draft), finalize (numbered, immutable, its tax posted to the folio),
// read back, and cancel by a credit note. Each write is one BEGIN IMMEDIATE transaction.
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { type FolioDeps, uuidV7From } from '../deps.js';
import { FolioError } from '../errors.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { requireProperty } from '../property/property.service.js';
import { taxStillToPost } from '../tax/night-tax.js';
import { createTaxService } from '../tax/tax.service.js';
import { requireText } from '../validation.js';
import {
  findCreditNoteFor,
  findInvoiceByNumber,
  findInvoiceSettings,
  type InvoiceRow,
  insertInvoice,
  nextSeq,
  upsertInvoiceSettings,
} from './invoice.repository.js';
import type { InvoiceDocument } from './invoice-document.js';
import { type CoveredNightTax, draftInvoice, loadDraft, requireInvoiceSettings } from './invoice-draft.js';
import { creditNoteOf, invoiceLineRows } from './invoice-lines.js';
import { fiscalYearOf, formatInvoiceNumber } from './invoice-number.js';
import type { InvoiceRequest } from './invoice-request.js';
import {
  type InvoiceSettings,
  type InvoiceSettingsInput,
  toInvoiceSettings,
  validateInvoiceSettings,
} from './invoice-settings.js';

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

export function createInvoiceService<DB extends FolioDatabase>(db: Kysely<DB>, deps: FolioDeps) {
  const ctx: FolioContext = {
    db: db as unknown as Db,
    clock: deps.clock,
    newId: deps.newId ?? uuidV7From(deps.clock),
  };
  const folioDb = ctx.db;

  async function allocate(trx: Db, prefix: string, issueDate: string, regime: InvoiceSettings['regime']) {
    const fiscalYear = fiscalYearOf(issueDate, regime === 'IN_GST');
    const seq = await nextSeq(trx, prefix, fiscalYear);
    return { series: prefix, fiscalYear, seq, number: formatInvoiceNumber(prefix, fiscalYear, seq) };
  }

  async function store(
    trx: Db,
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

  return {
    ...createTaxService(ctx),

    async configureInvoicing(input: InvoiceSettingsInput, by: string): Promise<InvoiceSettings> {
      const settings = validateInvoiceSettings(input);
      const actor = requireText(by, 'by', 64);
      await upsertInvoiceSettings(folioDb, {
        id: 1,
        legal_name: settings.legalName,
        address: settings.address,
        gstin: settings.gstin,
        state_code: settings.stateCode,
        regime: settings.regime,
        specified_premises: settings.specifiedPremises ? 1 : 0,
        invoice_prefix: settings.invoicePrefix,
        credit_note_prefix: settings.creditNotePrefix,
        updated_at: ctx.clock.now().toISOString(),
        updated_by: actor,
      });
      return settings;
    },

    async getInvoicingSettings(): Promise<InvoiceSettings | null> {
      const row = await findInvoiceSettings(folioDb);
      return row ? toInvoiceSettings(row) : null;
    },

    /** The draft invoice of the folio's uninvoiced postings; writes nothing. */
    async previewInvoice(request: InvoiceRequest): Promise<InvoiceDocument> {
      return draftInvoice(folioDb, request);
    },

    /**
     * Numbers and stores the invoice, and posts its computed taxes to the folio (charge_ref
     * `invoice:{id}`), less the night tax posted with the nights it covers (per code and rate; usually
     * zero is left), so the folio balance equals the balance due. INVOICE_ALREADY_FINALIZED when every
     * charge is already invoiced, NOTHING_TO_INVOICE for an empty folio, FOLIO_CLOSED after checkout.
     */
    async finalizeInvoice(request: InvoiceRequest & { finalizedBy: string }): Promise<FinalizedInvoice> {
      const by = requireText(request.finalizedBy, 'finalizedBy', 64);
      return folioDb.transaction().execute(async (trx) => {
        const { document, nightTaxes } = await loadDraft(trx, request);
        const folio = await trx
          .selectFrom('folios')
          .select('closed_at')
          .where('id', '=', document.folioId)
          .executeTakeFirstOrThrow();
        if (folio.closed_at !== null) {
          throw new FolioError('FOLIO_CLOSED', 'finalize the invoice before the folio is closed', {
            folioId: document.folioId,
          });
        }
        const settings = await requireInvoiceSettings(trx);
        const serial = await allocate(trx, settings.invoicePrefix, document.issueDate, settings.regime);
        const final: InvoiceDocument = { ...document, status: 'FINALIZED', number: serial.number };
        // The document's tax, less the night tax already posted with the nights it covers (usually all of it).
        const computed = taxStillToPost(
          final.taxBreakup.filter((row) => row.code !== 'POSTED_TAX'),
          nightTaxes,
        );
        const meta = { id: ctx.newId(), by, at: ctx.clock.now().toISOString(), serial, credits: null };
        return store(trx, final, meta, computed, nightTaxes);
      });
    },

    /** NOT_FOUND for an unknown number. */
    async getInvoice(number: string): Promise<FinalizedInvoice> {
      const row = await findInvoiceByNumber(folioDb, requireText(number, 'number', 16));
      if (!row) throw new FolioError('NOT_FOUND', 'no invoice with this number', { number });
      return toFinalized(row, (await findCreditNoteFor(folioDb, row.id))?.number ?? null);
    },

    /**
     * Cancels a finalized invoice in full with a credit note in its own series, and reverses the taxes the
     * invoice posted, so its charges can be invoiced again. INVOICE_ALREADY_CREDITED the second time.
     */
    async issueCreditNote(input: {
      invoiceNumber: string;
      reason: string;
      issuedBy: string;
    }): Promise<FinalizedInvoice> {
      const by = requireText(input.issuedBy, 'issuedBy', 64);
      const reason = requireText(input.reason, 'reason', 200);
      const number = requireText(input.invoiceNumber, 'invoiceNumber', 16);
      return folioDb.transaction().execute(async (trx) => {
        const invoice = await findInvoiceByNumber(trx, number);
        if (!invoice) throw new FolioError('NOT_FOUND', 'no invoice with this number', { number });
        if (invoice.kind !== 'INVOICE') {
          throw new FolioError('VALIDATION_FAILED', 'a credit note cannot be credited', {
            field: 'invoiceNumber',
          });
        }
        const earlier = await findCreditNoteFor(trx, invoice.id);
        if (earlier) {
          throw new FolioError('INVOICE_ALREADY_CREDITED', 'this invoice already has a credit note', {
            invoiceNumber: number,
            creditNoteNumber: earlier.number,
          });
        }
        const settings = await requireInvoiceSettings(trx);
        const property = await requireProperty(trx);
        const serial = await allocate(trx, settings.creditNotePrefix, property.businessDate, settings.regime);
        const original = JSON.parse(invoice.document) as InvoiceDocument;
        const note = creditNoteOf(original, {
          number: serial.number,
          issueDate: property.businessDate,
          reason,
        });
        const reversals = (
          await trx
            .selectFrom('postings')
            .select(['amount_minor', 'description'])
            .where('charge_ref', '=', `invoice:${invoice.id}`)
            .orderBy('line_no')
            .execute()
        ).map((p) => ({ amountMinor: -p.amount_minor, description: `Reversal of ${p.description}` }));
        const meta = { id: ctx.newId(), by, at: ctx.clock.now().toISOString(), serial, credits: invoice.id };
        return store(trx, note, meta, reversals);
      });
    },
  };
}

function toFinalized(row: InvoiceRow, creditedBy: string | null): FinalizedInvoice {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    folioId: row.folio_id,
    finalizedAt: row.finalized_at,
    finalizedBy: row.finalized_by,
    document: JSON.parse(row.document) as InvoiceDocument,
    creditedBy,
  };
}

export type InvoiceService = ReturnType<typeof createInvoiceService>;
