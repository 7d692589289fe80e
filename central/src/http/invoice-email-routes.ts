import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import type { InvoiceMailer } from '../invoice-mail/invoice-mailer.js';
import { actorOf } from './actor.js';
import { describe } from './openapi.js';

const params = z.object({
  number: z.string().min(1).max(16).describe('the invoice number, URL-encoded (AH%2F26-27%2F00001)'),
});
const body = z
  .object({
    to: z.email().max(254),
    requestId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, "-" or "_"')
      .optional()
      .describe('idempotency key: a retry of a sent request sends nothing again'),
  })
  .strict();

export function registerInvoiceEmailRoutes(app: ZodApp, deps: { mailer: InvoiceMailer }): void {
  app.post(
    '/api/folio/invoices/:number/email',
    describe('E-mail a finalized invoice or credit note as its PDF', ['folio: taxes and invoices'], {
      params,
      body,
    }),
    async (req) => {
      const { number } = req.params;
      const { to, requestId } = req.body;
      return deps.mailer.send({ number, to, requestId, by: actorOf(req) });
    },
  );
}
