// A finalized invoice or credit note as a printable A4 page: GET /api/folio/invoices/{number}.html, the
// number URL-encoded as for the JSON route, and the same as a PDF: GET /api/folio/invoices/{number}.pdf.
// Rendered from the stored document, so a reprint is identical.
import { type InvoiceService, invoiceHtml, invoicePdf } from '@roompost/folio';
import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { describe } from './openapi.js';

export interface InvoiceHtmlRoutesDeps {
  invoices: InvoiceService;
}

const numberParams = z.object({
  number: z.string().min(1).max(16).describe('the invoice number, URL-encoded (AH%2F26-27%2F00001)'),
});

export function registerInvoiceHtmlRoutes(app: ZodApp, { invoices }: InvoiceHtmlRoutesDeps): void {
  app.get(
    '/api/folio/invoices/:number.html',
    describe(
      'A finalized invoice or credit note as a printable HTML page (A4)',
      ['folio: taxes and invoices'],
      {
        params: numberParams,
      },
    ),
    async (req, reply) => {
      const invoice = await invoices.getInvoice(req.params.number);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(
          invoiceHtml(invoice.document, {
            finalizedAt: invoice.finalizedAt,
            finalizedBy: invoice.finalizedBy,
            creditedBy: invoice.creditedBy,
          }),
        );
    },
  );
  app.get(
    '/api/folio/invoices/:number.pdf',
    describe(
      'A finalized invoice or credit note as a PDF (A4, fonts embedded, header repeated on every page)',
      ['folio: taxes and invoices'],
      { params: numberParams },
    ),
    async (req, reply) => {
      const invoice = await invoices.getInvoice(req.params.number);
      const pdf = await invoicePdf(invoice.document, {
        finalizedAt: invoice.finalizedAt,
        finalizedBy: invoice.finalizedBy,
        creditedBy: invoice.creditedBy,
      });
      const file = invoice.number.replace(/[^A-Za-z0-9-]/g, '_');
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${file}.pdf"`)
        .send(pdf);
    },
  );
}
