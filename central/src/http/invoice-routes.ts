// Taxes and invoices of the folio engine over HTTP: invoice settings, tax preview, invoice preview,
// finalize, read by number, credit note. Amounts in requests are decimal strings, never floats.
import { CHARGE_CATEGORIES, type InvoiceService, TAX_REGIMES } from '@roompost/folio';
import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { actorOf } from './actor.js';
import { idParams, isoDate } from './folio-http.js';
import { describe } from './openapi.js';

export interface InvoiceRoutesDeps {
  invoices: InvoiceService;
}

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal amount such as "6000.00"');
const stateCode = z.string().regex(/^\d{2}$/, 'a two-digit GST state code such as "27"');
const settingsBody = z
  .object({
    legalName: z.string().trim().min(1).max(200),
    address: z.string().trim().min(1).max(400),
    gstin: z.string().trim().length(15).nullable().optional(),
    stateCode: stateCode.nullable().optional(),
    regime: z.enum(TAX_REGIMES),
    specifiedPremises: z.boolean().optional(),
    invoicePrefix: z
      .string()
      .regex(/^[A-Z0-9]{1,4}$/)
      .optional(),
    creditNotePrefix: z
      .string()
      .regex(/^[A-Z0-9]{1,4}$/)
      .optional(),
  })
  .strict();
const taxBody = z
  .object({
    regime: z.enum(TAX_REGIMES).optional(),
    serviceDate: isoDate,
    category: z.enum(CHARGE_CATEGORIES),
    amount: decimal.describe('taxable value in the property currency, at most its decimal places'),
    nightlyRate: decimal.optional().describe('rooms: value of one unit for one day, if not `amount`'),
    declaredTariff: decimal.optional().describe('India before 27 Jul 2018: the published tariff'),
    nightNumber: z.number().int().min(1).optional().describe('NYC: consecutive night of the stay'),
    rooms: z.number().int().min(1).optional().describe('NYC: rooms in a suite'),
    placeOfSupply: stateCode.optional(),
  })
  .strict();
const invoiceBody = z
  .object({
    billTo: z
      .object({
        name: z.string().trim().min(1).max(200),
        address: z.string().trim().min(1).max(400).nullable().optional(),
        gstin: z.string().trim().length(15).nullable().optional(),
        stateCode: stateCode.nullable().optional(),
      })
      .strict()
      .optional(),
    servicePeriod: z.object({ from: isoDate, to: isoDate }).strict().optional(),
  })
  .strict();
const numberParams = z.object({
  number: z.string().min(1).max(16).describe('the invoice number, URL-encoded (INV%2F25-26%2F00001)'),
});
const creditNoteBody = z.object({ reason: z.string().trim().min(1).max(200) }).strict();

export function registerInvoiceRoutes(app: ZodApp, { invoices }: InvoiceRoutesDeps): void {
  const tags = ['folio: taxes and invoices'];
  app.get(
    '/api/folio/invoice-settings',
    describe('Who issues invoices, and the tax regime', tags),
    async () => invoices.getInvoicingSettings(),
  );
  app.put(
    '/api/folio/invoice-settings',
    describe('Set the invoicing party, tax regime and number series', tags, { body: settingsBody }),
    async (req) => {
      const by = actorOf(req);
      return invoices.configureInvoicing(req.body, by);
    },
  );
  app.post(
    '/api/folio/taxes/preview',
    describe('The tax lines of one charge on its service date', tags, { body: taxBody }),
    async (req) => invoices.previewTax(req.body),
  );
  app.post(
    '/api/folio/folios/:id/invoice-preview',
    describe('Draft invoice of the uninvoiced postings of a folio window (writes nothing)', tags, {
      params: idParams,
      body: invoiceBody,
    }),
    async (req) => {
      const { id } = req.params;
      return invoices.previewInvoice({ folioId: id, ...req.body });
    },
  );
  app.post(
    '/api/folio/folios/:id/invoices',
    describe('Finalize the invoice of a folio window: numbered, immutable, its tax posted', tags, {
      params: idParams,
      body: invoiceBody,
    }),
    async (req, reply) => {
      const finalizedBy = actorOf(req);
      const { id } = req.params;
      const body = req.body;
      return reply.status(201).send(await invoices.finalizeInvoice({ folioId: id, ...body, finalizedBy }));
    },
  );
  app.get(
    '/api/folio/invoices/:number',
    describe('A finalized invoice or credit note by its number', tags, { params: numberParams }),
    async (req) => invoices.getInvoice(req.params.number),
  );
  app.post(
    '/api/folio/invoices/:number/credit-note',
    describe('Cancel a finalized invoice with a credit note in its own series', tags, {
      params: numberParams,
      body: creditNoteBody,
    }),
    async (req, reply) => {
      const issuedBy = actorOf(req);
      const { number } = req.params;
      const { reason } = req.body;
      return reply
        .status(201)
        .send(await invoices.issueCreditNote({ invoiceNumber: number, reason, issuedBy }));
    },
  );
}
