// Surcharge and discount rules over HTTP (seed 003 §5.1): CRUD of rules (DELETE deactivates: postings name
// them), promo codes and their redemption on a reservation, service and manual surcharges on a folio.
import {
  type BackOffice,
  CHARGE_CATEGORIES,
  type FolioService,
  PROMO_SCOPES,
  RULE_KINDS,
  SERVICE_KINDS,
} from '@roompost/folio';
import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { actorOf } from './actor.js';
import { amountFields, idParams, isoDate, minorOf } from './folio-http.js';
import { describe } from './openapi.js';

export interface RulesRoutesDeps {
  office: BackOffice;
  folio: FolioService;
}

const percent = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percent such as "10" or "12.5"');
const ruleFields = {
  name: z.string().trim().min(1).max(120),
  percent: percent.nullable().optional().describe('exactly one of percent and amountMinor'),
  amountMinor: z.number().int().nullable().optional().describe('minor units, positive (a discount too)'),
  dateFrom: isoDate.nullable().optional(),
  dateTo: isoDate.nullable().optional(),
  holidays: z.array(isoDate).max(366).nullable().optional().describe('SEASONAL: a holiday calendar'),
  weekdays: z
    .array(z.number().int())
    .max(7)
    .nullable()
    .optional()
    .describe('WEEKEND: 0 = Sunday … 6; default Fri, Sat, Sun'),
  roomTypeCodes: z.array(z.string().min(1).max(16)).max(50).nullable().optional(),
  quota: z.number().int().nullable().optional().describe('ROOM_DISCOUNT: rooms a night'),
  serviceKind: z.enum(SERVICE_KINDS).nullable().optional(),
  promoScope: z.enum(PROMO_SCOPES).nullable().optional(),
  active: z.boolean().optional(),
};
const createBody = z
  .object({ code: z.string().trim().min(1).max(32), kind: z.enum(RULE_KINDS), ...ruleFields })
  .strict();
const updateBody = z.object(ruleFields).strict();
const codeParams = z.object({ code: z.string().trim().min(1).max(32) });
const promoBody = z
  .object({
    code: z.string().trim().min(1).max(32),
    ruleCode: z.string().trim().min(1).max(32),
    validFrom: isoDate,
    validTo: isoDate,
    usageLimit: z.number().int().nullable().optional(),
  })
  .strict();
const redeemBody = z.object({ code: z.string().trim().min(1).max(32) }).strict();
const serviceBody = z
  .object({
    ruleCode: z.string().trim().min(1).max(32),
    quantity: z.number().int().optional(),
    requestId: z.string().trim().min(1).max(64).optional().describe('a retry with the same id posts once'),
  })
  .strict();
const manualBody = z
  .object({
    ...amountFields,
    description: z.string().trim().min(1).max(120),
    reason: z.string().trim().min(1).max(200),
    category: z.enum(CHARGE_CATEGORIES).optional(),
    requestId: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

/** zod's optional fields carry `undefined`; the folio inputs are exact-optional. */
function defined<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}

export function registerRulesRoutes(app: ZodApp, { office, folio }: RulesRoutesDeps): void {
  const tags = ['rules: surcharges and discounts'];
  app.get('/api/rules', describe('Every rule, active or not', tags), async () => office.listRules());
  app.post(
    '/api/rules',
    describe('Create a rule; RULE_OVERLAP with an active rule of the same kind', tags, { body: createBody }),
    async (req, reply) => {
      const by = actorOf(req);
      return reply.status(201).send(await office.createRule(defined(req.body), by));
    },
  );
  app.get('/api/rules/promo-codes', describe('Promo codes with their redemptions', tags), async () =>
    office.listPromoCodes(),
  );
  app.post(
    '/api/rules/promo-codes',
    describe('Create a coupon code of a PROMO rule, with validity and usage limit', tags, {
      body: promoBody,
    }),
    async (req, reply) => {
      const by = actorOf(req);
      return reply.status(201).send(await office.createPromoCode(defined(req.body), by));
    },
  );
  app.get('/api/rules/:code', describe('One rule', tags, { params: codeParams }), async (req) =>
    office.getRule(req.params.code),
  );
  app.put(
    '/api/rules/:code',
    describe("Replace a rule's settings (code and kind stay)", tags, {
      params: codeParams,
      body: updateBody,
    }),
    async (req) => {
      const by = actorOf(req);
      const { code } = req.params;
      return office.updateRule(code, defined(req.body), by);
    },
  );
  app.delete(
    '/api/rules/:code',
    describe('Deactivate a rule (rules are never deleted)', tags, { params: codeParams }),
    async (req) => {
      const by = actorOf(req);
      return office.deactivateRule(req.params.code, by);
    },
  );
  app.post(
    '/api/folio/reservations/:id/promo-code',
    describe('Redeem a promo code on a reservation; PROMO_NOT_VALID when expired or used up', tags, {
      params: idParams,
      body: redeemBody,
    }),
    async (req) => {
      const by = actorOf(req);
      const { id } = req.params;
      return office.redeemPromoCode({ reservationId: id, code: req.body.code, by });
    },
  );
  app.post(
    '/api/folio/folios/:id/service-surcharges',
    describe('Post a SERVICE rule (late check-out, early check-in, spa, amenity) to a folio', tags, {
      params: idParams,
      body: serviceBody,
    }),
    async (req, reply) => {
      const by = actorOf(req);
      const { id } = req.params;
      const body = defined(req.body);
      return reply.status(201).send(await office.postServiceSurcharge({ folioId: id, ...body, by }));
    },
  );
  app.post(
    '/api/folio/folios/:id/manual-surcharges',
    describe('Post an ad-hoc surcharge with a reason', tags, { params: idParams, body: manualBody }),
    async (req, reply) => {
      const by = actorOf(req);
      const { id } = req.params;
      const { amount, amountMinor, ...rest } = req.body;
      const minor = await minorOf(folio, { amount, amountMinor }, 'amount');
      return reply
        .status(201)
        .send(await office.postManualSurcharge({ folioId: id, amountMinor: minor, ...defined(rest), by }));
    },
  );
}
