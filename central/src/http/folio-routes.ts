// Folio windows and postings over HTTP: read with balance, post, void, adjust, transfer, split.
import { CHARGE_CATEGORIES, CHARGE_TYPES } from '@roompost/folio';
import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { actorOf } from './actor.js';
import { amountFields, type FolioRoutesDeps, idParams, isoDate, minorOf } from './folio-http.js';
import { describe } from './openapi.js';

const chargeLine = z
  .object({
    type: z.enum(CHARGE_TYPES),
    unitMinor: z.number().int().optional(),
    unit: amountFields.amount,
    quantity: z.number().int().default(1),
    description: z.string().trim().min(1).max(120),
    serviceDate: isoDate.optional(),
    ruleApplied: z.string().trim().min(1).max(120).optional(),
    referenceKind: z.enum(['policy', 'campaign', 'manual']).optional(),
    referenceId: z.string().trim().min(1).max(64).optional(),
    // Without a category the invoice taxes POS as F&B: laundry or spa posted here must say so.
    category: z.enum(CHARGE_CATEGORIES).optional(),
    sac: z
      .string()
      .regex(/^\d{4,8}$/, 'a SAC or HSN code of 4 to 8 digits')
      .optional(),
  })
  .strict();
const requestId = z
  .string()
  .uuid()
  .optional()
  .describe('idempotency key: a retry with the same id answers the first posting, never a second');
const chargeBody = chargeLine.extend({ requestId }).strict();
const chargeSetBody = z
  .object({ requestId, lines: z.array(chargeLine).min(1).max(50) })
  .strict()
  .describe('several lines (a template) posted together: all of them or none');
const reasonBody = z.object({ reason: z.string().trim().min(1).max(120) }).strict();
const adjustBody = z.object({ ...amountFields, reason: z.string().trim().min(1).max(120) }).strict();
const transferBody = z.object({ toFolioId: z.string().min(1) }).strict();
const splitBody = z
  .object({
    payerLabel: z.string().trim().min(1).max(80),
    postingIds: z.array(z.string().min(1)).min(1).max(200),
  })
  .strict();
const windowBody = z.object({ payerLabel: z.string().trim().min(1).max(80) }).strict();

export function registerFolioRoutes(app: ZodApp, { folio }: FolioRoutesDeps): void {
  const tags = ['folio: folios'];
  app.get(
    '/api/folio/folios/:id',
    describe('A folio window with its postings, balance and credit warning', tags, { params: idParams }),
    async (req) => {
      const { id } = req.params;
      return folio.getFolio(id);
    },
  );
  app.get(
    '/api/folio/stays/:id/folios',
    describe("A stay's folio windows (the stay id is a room lookup's stayRef)", tags, { params: idParams }),
    async (req) => {
      const { id } = req.params;
      return { folios: await folio.getStayFolios(id) };
    },
  );
  app.post(
    '/api/folio/stays/:id/windows',
    describe('Open another folio window on a stay (e.g. for the company)', tags, {
      params: idParams,
      body: windowBody,
    }),
    async (req, reply) => {
      const by = actorOf(req);
      const { id } = req.params;
      const body = req.body;
      return reply
        .status(201)
        .send(await folio.openFolioWindow({ stayRef: id, payerLabel: body.payerLabel, by }));
    },
  );
  app.post(
    '/api/folio/folios/:id/postings',
    describe('Post a charge, surcharge or discount (unit × quantity)', tags, {
      params: idParams,
      body: chargeBody,
    }),
    async (req, reply) => {
      const by = actorOf(req);
      const { id } = req.params;
      const { unit, unitMinor, ...body } = req.body;
      const price = await minorOf(folio, { amountMinor: unitMinor, amount: unit }, 'unit');
      return reply
        .status(201)
        .send(await folio.postFolioCharge({ folioId: id, ...body, unitMinor: price, by }));
    },
  );
  app.post(
    '/api/folio/folios/:id/posting-sets',
    describe('Post several charge lines at once (a template): all or none, idempotent', tags, {
      params: idParams,
      body: chargeSetBody,
    }),
    async (req, reply) => {
      const by = actorOf(req);
      const { id } = req.params;
      const body = req.body;
      const lines = [];
      for (const [i, { unit, unitMinor, ...line }] of body.lines.entries()) {
        const price = await minorOf(folio, { amountMinor: unitMinor, amount: unit }, `lines.${i}.unit`);
        lines.push({ ...line, unitMinor: price });
      }
      const posted = await folio.postFolioCharges({
        folioId: id,
        lines,
        by,
        ...(body.requestId === undefined ? {} : { requestId: body.requestId }),
      });
      return reply.status(posted.duplicate ? 200 : 201).send(posted);
    },
  );
  app.post(
    '/api/folio/postings/:id/void',
    describe('Void a posting of the current business date (a linked negating posting)', tags, {
      params: idParams,
      body: reasonBody,
    }),
    async (req, reply) => {
      const by = actorOf(req);
      const { id } = req.params;
      const { reason } = req.body;
      return reply.status(201).send(await folio.voidPosting({ postingId: id, reason, by }));
    },
  );
  app.post(
    '/api/folio/postings/:id/adjust',
    describe('Adjust a posting of an earlier business date (signed, linked, same tax base)', tags, {
      params: idParams,
      body: adjustBody,
    }),
    async (req, reply) => {
      const by = actorOf(req);
      const { id } = req.params;
      const body = req.body;
      const amountMinor = await minorOf(folio, body, 'adjustment');
      return reply
        .status(201)
        .send(await folio.adjustPosting({ postingId: id, amountMinor, reason: body.reason, by }));
    },
  );
  app.post(
    '/api/folio/postings/:id/transfer',
    describe('Transfer a posting to another folio (transfer-out + transfer-in)', tags, {
      params: idParams,
      body: transferBody,
    }),
    async (req, reply) => {
      const by = actorOf(req);
      const { id } = req.params;
      const { toFolioId } = req.body;
      return reply
        .status(201)
        .send({ postings: await folio.transferPosting({ postingId: id, toFolioId, by }) });
    },
  );
  app.post(
    '/api/folio/folios/:id/split',
    describe('Split a folio: a new window for a payer and the chosen postings moved to it', tags, {
      params: idParams,
      body: splitBody,
    }),
    async (req, reply) => {
      const by = actorOf(req);
      const { id } = req.params;
      const body = req.body;
      return reply.status(201).send(await folio.splitFolio({ folioId: id, ...body, by }));
    },
  );
}
