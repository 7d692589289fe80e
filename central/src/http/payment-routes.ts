// Payments, refunds and checkout over HTTP. A split payment is one request, all or nothing.
import { PAYMENT_METHODS } from '@roompost/folio';
import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { actorOf } from './actor.js';
import { type FolioRoutesDeps, idParams, minorOf, paymentPart, paymentPartsOf } from './folio-http.js';
import { describe } from './openapi.js';

const payBody = z
  .object({
    payments: z.array(paymentPart).min(1).max(10),
    paymentId: z.string().trim().min(1).max(100).optional().describe('idempotency key of the whole payment'),
  })
  .strict();
const refundBody = paymentPart;
const mode = z.enum(['normal', 'early']);
const billToBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    address: z.string().trim().min(1).max(400).nullable().optional(),
    gstin: z.string().trim().length(15).nullable().optional(),
    stateCode: z
      .string()
      .regex(/^\d{2}$/)
      .nullable()
      .optional(),
  })
  .strict();
const prepareBody = z.object({ mode }).strict();
const checkoutBody = z
  .object({
    mode,
    payments: z
      .array(paymentPart.extend({ folioId: z.string().min(1).optional() }))
      .max(10)
      .optional(),
    refund: z
      .object({ method: z.enum(PAYMENT_METHODS), reference: z.string().trim().min(1).max(64).optional() })
      .strict()
      .optional(),
    invoices: z
      .array(z.object({ folioId: z.string().min(1), billTo: billToBody.optional() }).strict())
      .max(8)
      .optional()
      .describe("bill-to of a window's final invoice; default: the guest's billing identity or name"),
    invoiceLater: z
      .array(z.object({ folioId: z.string().min(1), reason: z.string().trim().min(1).max(200) }).strict())
      .max(8)
      .optional()
      .describe('windows invoiced later (e.g. a company monthly), with the reason'),
  })
  .strict();

export function registerPaymentRoutes(app: ZodApp, { folio }: FolioRoutesDeps): void {
  const tags = ['folio: payments and checkout'];
  app.post(
    '/api/folio/folios/:id/payments',
    describe('Take a payment, split across methods (all or nothing)', tags, {
      params: idParams,
      body: payBody,
    }),
    async (req, reply) => {
      const by = actorOf(req);
      const { id } = req.params;
      const body = req.body;
      const payments = await paymentPartsOf(folio, body.payments, 'payments');
      const result = await folio.pay({
        folioId: id,
        payments,
        by,
        ...(body.paymentId === undefined ? {} : { paymentId: body.paymentId }),
      });
      return reply.status(result.duplicate ? 200 : 201).send(result);
    },
  );
  app.post(
    '/api/folio/folios/:id/refunds',
    describe('Refund to the guest, at most what the folio received', tags, {
      params: idParams,
      body: refundBody,
    }),
    async (req, reply) => {
      const by = actorOf(req);
      const { id } = req.params;
      const body = req.body;
      const amountMinor = await minorOf(folio, body, 'refund');
      return reply.status(201).send(
        await folio.refund({
          folioId: id,
          method: body.method,
          amountMinor,
          by,
          ...(body.reference === undefined ? {} : { reference: body.reference }),
        }),
      );
    },
  );
  app.post(
    '/api/folio/reservations/:id/checkout/prepare',
    describe('Checkout step 1: post or remove nights and the early-departure fee, for review', tags, {
      params: idParams,
      body: prepareBody,
    }),
    async (req) => {
      const by = actorOf(req);
      const { id } = req.params;
      const body = req.body;
      return folio.prepareCheckout({ reservationId: id, mode: body.mode, by });
    },
  );
  app.post(
    '/api/folio/reservations/:id/checkout',
    describe('Check out (normal or early): settle every window to zero, close, room DIRTY', tags, {
      params: idParams,
      body: checkoutBody,
    }),
    async (req) => {
      const by = actorOf(req);
      const { id } = req.params;
      const body = req.body;
      const parts = await paymentPartsOf(folio, body.payments ?? [], 'payments');
      const payments = parts.map((part, i) => {
        const folioId = body.payments?.[i]?.folioId;
        return folioId === undefined ? part : { ...part, folioId };
      });
      return folio.checkOutReservation({
        reservationId: id,
        mode: body.mode,
        payments,
        by,
        ...(body.refund === undefined ? {} : { refund: body.refund }),
        ...(body.invoices === undefined ? {} : { invoices: body.invoices }),
        ...(body.invoiceLater === undefined ? {} : { invoiceLater: body.invoiceLater }),
      });
    },
  );
}
