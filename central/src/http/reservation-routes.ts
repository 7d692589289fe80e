// The folio engine's setup, reservations and deposits over HTTP. Every write names its user (actorOf).
import { RESERVATION_STATUSES } from '@roompost/folio';
import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { actorOf } from './actor.js';
import { amountFields, type FolioRoutesDeps, idParams, isoDate, minorOf } from './folio-http.js';
import { describe } from './openapi.js';

const code = z.string().trim().min(1).max(16);
const ratePlanBody = z
  .object({
    code,
    name: z.string().trim().min(1).max(80),
    extraAdultMinor: z.number().int().min(0).optional(),
    extraChildMinor: z.number().int().min(0).optional(),
    extraBedMinor: z.number().int().min(0).optional(),
    earlyDeparture: z
      .object({
        kind: z.enum(['NONE', 'FIXED', 'PERCENT_OF_REMOVED', 'NIGHTS']),
        value: z.string().nullable(),
      })
      .optional(),
  })
  .strict();
const ratesBody = z
  .object({
    roomTypeCode: code,
    from: isoDate,
    to: isoDate,
    amountMinor: z.number().int().min(0).optional(),
    amount: amountFields.amount,
  })
  .strict()
  .describe('the nightly rate as amountMinor or as amount ("189.00"), exactly one');
const policyBody = z
  .object({
    code,
    type: z.enum(['BOOKING_DEPOSIT', 'CHECKIN_ADVANCE', 'SECURITY_DEPOSIT']),
    fixedMinor: z.number().int().min(1).optional(),
    percent: z.string().optional(),
    expiryHours: z.number().int().min(1),
  })
  .strict();
const billingBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    gstin: z.string().trim().length(15).nullable().optional(),
    address: z.string().trim().min(1).max(400).nullable().optional(),
    stateCode: z
      .string()
      .regex(/^\d{2}$/)
      .nullable()
      .optional(),
  })
  .strict();
const guestParams = z.object({ guestId: z.string().min(1) });
const guestBody = z
  .object({
    title: z.string().max(20).optional(),
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    email: z.string().max(254).optional(),
    phone: z.string().max(40).optional(),
    billing: billingBody.optional().describe('company or guest billing identity: the default bill-to'),
  })
  .strict();
const bookBody = z
  .object({
    guestId: z.string().min(1),
    roomNumber: z.string().trim().min(1).max(20),
    ratePlanCode: code,
    arrival: isoDate,
    departure: isoDate,
    adults: z.number().int(),
    children: z.number().int().optional(),
    extraBeds: z.number().int().optional(),
    depositPolicyCode: code.optional(),
    creditLimitMinor: z.number().int().nullable().optional(),
    confirmation: z.string().trim().min(1).max(40).optional(),
  })
  .strict();
const transitionBody = z
  .object({ to: z.enum(RESERVATION_STATUSES), reason: z.string().max(200).optional() })
  .strict();
const nightsBody = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict();
const holdBody = z
  .object({
    ...amountFields,
    type: z.enum(['BOOKING_DEPOSIT', 'CHECKIN_ADVANCE', 'SECURITY_DEPOSIT']).optional(),
    method: z.string().min(1),
    reference: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
const refundDepositBody = z.object({ reference: z.string().trim().min(1).max(64).optional() }).strict();
const planParams = z.object({ code });
const findQuery = z.object({ confirmation: z.string().trim().min(1).max(40) }).strict();

export function registerReservationRoutes(app: ZodApp, { folio }: FolioRoutesDeps): void {
  const tags = ['folio: reservations'];
  app.post(
    '/api/folio/rate-plans',
    describe('Create a rate plan', tags, { body: ratePlanBody }),
    async (req, reply) => {
      actorOf(req);
      const body = req.body;
      return reply.status(201).send({ id: await folio.createRatePlan(body) });
    },
  );
  app.post(
    '/api/folio/rate-plans/:code/rates',
    describe('Set the nightly rate of a room type for [from, to)', tags, {
      params: planParams,
      body: ratesBody,
    }),
    async (req) => {
      actorOf(req);
      const { code: ratePlanCode } = req.params;
      const { amount, amountMinor, ...body } = req.body;
      const nightly = await minorOf(folio, { amount, amountMinor }, 'rate');
      return { nights: await folio.setRates({ ratePlanCode, ...body, amountMinor: nightly }) };
    },
  );
  app.post(
    '/api/folio/deposit-policies',
    describe('Create a deposit policy', tags, { body: policyBody }),
    async (req, reply) => {
      actorOf(req);
      const body = req.body;
      return reply.status(201).send({ id: await folio.createDepositPolicy(body) });
    },
  );
  app.post(
    '/api/folio/guests',
    describe('Create a guest profile', tags, { body: guestBody }),
    async (req, reply) => {
      actorOf(req);
      const body = req.body;
      return reply.status(201).send({ id: await folio.createGuest(body) });
    },
  );
  app.put(
    '/api/folio/guests/:guestId/billing',
    describe("Set (or with null clear) a guest's or company's billing identity", tags, {
      params: guestParams,
      body: billingBody.nullable(),
    }),
    async (req, reply) => {
      actorOf(req);
      const { guestId } = req.params;
      const body = req.body;
      await folio.setBillingIdentity(guestId, body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/folio/reservations',
    describe('Book a room (Draft, priced per night)', tags, { body: bookBody }),
    async (req, reply) => {
      const by = actorOf(req);
      const body = req.body;
      return reply.status(201).send(await folio.book({ ...body, by }));
    },
  );
  app.get(
    '/api/folio/reservations',
    describe('Find a reservation by confirmation number', tags, { querystring: findQuery }),
    async (req) => {
      const { confirmation } = req.query;
      return folio.findReservation(confirmation);
    },
  );
  app.get(
    '/api/folio/reservations/:id',
    describe('A reservation with nights, deposits, folios and balance', tags, { params: idParams }),
    async (req) => {
      const { id } = req.params;
      return folio.getReservation(id);
    },
  );
  app.post(
    '/api/folio/reservations/:id/transitions',
    describe('Move a reservation to PendingDeposit, Confirmed, Cancelled or NoShow', tags, {
      params: idParams,
      body: transitionBody,
    }),
    async (req) => {
      const by = actorOf(req);
      const { id } = req.params;
      const body = req.body;
      return folio.transitionReservation({
        reservationId: id,
        to: body.to,
        by,
        ...(body.reason === undefined ? {} : { reason: body.reason }),
      });
    },
  );
  app.post(
    '/api/folio/reservations/:id/check-in',
    describe('Check a confirmed reservation in', tags, { params: idParams }),
    async (req) => {
      const by = actorOf(req);
      const { id } = req.params;
      return folio.checkInReservation({ reservationId: id, by });
    },
  );
  app.post(
    '/api/folio/reservations/:id/room-nights',
    describe('Post room nights not yet posted (re-runs post nothing)', tags, {
      params: idParams,
      body: nightsBody,
    }),
    async (req) => {
      const by = actorOf(req);
      const { id } = req.params;
      const body = req.body;
      return { postings: await folio.postRoomNights({ reservationId: id, ...body, by }) };
    },
  );

  const depositTags = ['folio: deposits'];
  app.post(
    '/api/folio/reservations/:id/deposits',
    describe('Hold a deposit (an authorisation, not a posting)', depositTags, {
      params: idParams,
      body: holdBody,
    }),
    async (req, reply) => {
      const by = actorOf(req);
      const { id } = req.params;
      const body = req.body;
      const amount =
        body.amount === undefined && body.amountMinor === undefined
          ? {}
          : { amountMinor: await minorOf(folio, body, 'deposit') };
      return reply.status(201).send(
        await folio.holdDeposit({
          reservationId: id,
          method: body.method,
          by,
          ...amount,
          ...(body.type === undefined ? {} : { type: body.type }),
          ...(body.reference === undefined ? {} : { reference: body.reference }),
        }),
      );
    },
  );
  for (const [action, summary] of [
    ['capture', 'Capture a held deposit: a DEPOSIT credit on the folio'],
    ['release', 'Release a held deposit'],
    ['expire', 'Expire a hold past its expiry'],
  ] as const) {
    app.post(
      `/api/folio/deposits/:id/${action}`,
      describe(summary, depositTags, { params: idParams }),
      async (req) => {
        const by = actorOf(req);
        const { id } = req.params;
        const input = { depositId: id, by };
        if (action === 'capture') return folio.captureDeposit(input);
        if (action === 'release') return folio.releaseDeposit(input);
        return folio.expireDeposit(input);
      },
    );
  }
  app.post(
    '/api/folio/deposits/:id/refund',
    describe('Refund a captured deposit (a REFUND posting if it reached a folio)', depositTags, {
      params: idParams,
      body: refundDepositBody,
    }),
    async (req) => {
      const by = actorOf(req);
      const { id } = req.params;
      const body = req.body;
      return folio.refundDeposit({
        depositId: id,
        by,
        ...(body.reference === undefined ? {} : { reference: body.reference }),
      });
    },
  );
}
