// Invoices over the ledger: preview (a draft), finalize (numbered, immutable, its tax posted to the folio),
// read back, and cancel by a credit note. Each write is one BEGIN IMMEDIATE transaction.
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { type FolioDeps, uuidV7From } from '../deps.js';
import { FolioError } from '../errors.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { requireProperty } from '../property/property.service.js';
import { createTaxService } from '../tax/tax.service.js';
import { requireText } from '../validation.js';
import { allocate, type FinalizedInvoice, finalizeInTransaction, store } from './finalize.js';
import {
  findCreditNoteFor,
  findInvoiceByNumber,
  findInvoiceSettings,
  type InvoiceRow,
  upsertInvoiceSettings,
} from './invoice.repository.js';
import type { InvoiceDocument } from './invoice-document.js';
import { draftInvoice, requireInvoiceSettings } from './invoice-draft.js';
import { creditNoteOf } from './invoice-lines.js';
import type { InvoiceRequest } from './invoice-request.js';
import {
  type InvoiceSettings,
  type InvoiceSettingsInput,
  invoiceSettingsRow,
  toInvoiceSettings,
  validateInvoiceSettings,
} from './invoice-settings.js';

type Db = Kysely<FolioDatabase>;

export type { FinalizedInvoice } from './finalize.js';

export function createInvoiceService<DB extends FolioDatabase>(db: Kysely<DB>, deps: FolioDeps) {
  const ctx: FolioContext = {
    db: db as unknown as Db,
    clock: deps.clock,
    newId: deps.newId ?? uuidV7From(deps.clock),
  };
  const folioDb = ctx.db;

  return {
    ...createTaxService(ctx),

    async configureInvoicing(input: InvoiceSettingsInput, by: string): Promise<InvoiceSettings> {
      const settings = validateInvoiceSettings(input);
      const actor = requireText(by, 'by', 64);
      await upsertInvoiceSettings(folioDb, invoiceSettingsRow(settings, ctx.clock.now(), actor));
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
      return folioDb.transaction().execute((trx) => finalizeInTransaction(trx, ctx, request, by));
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
        return store(trx, ctx, note, meta, reversals);
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
