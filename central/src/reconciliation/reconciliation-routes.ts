import { DATE_PATTERN } from '@roompost/folio';
import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { CentralError } from '../central-error.js';
import { describe } from '../http/openapi.js';
import { reconciliationCsv } from './reconciliation-export.js';
import type { ReconciliationService } from './reconciliation-service.js';

const date = z.string().regex(DATE_PATTERN, 'a business date as YYYY-MM-DD');
const outlet = z.string().min(1).max(16);
const reportQuery = z.object({ date: date.optional(), outlet: outlet.optional() }).strict();
const dailyQuery = z.object({ limit: z.coerce.number().int().min(1).max(366).optional() }).strict();
const exportQuery = z
  .object({ date, format: z.enum(['csv', 'json']).default('csv'), outlet: outlet.optional() })
  .strict();
const signOffBody = z
  .object({ date, reason: z.string().trim().min(3, 'at least 3 characters').max(500).optional() })
  .strict();

/**
 * Seed 000's reconciliation endpoints plus the night-audit sign-off. Who may call which is
 * central/src/auth/permissions.ts (view: manager, admin, office; sign off: front desk and up).
 */
export function registerReconciliationRoutes(app: ZodApp, deps: { reconciliation: ReconciliationService }) {
  const service = deps.reconciliation;
  app.get(
    '/api/pms/reconciliation',
    describe("One business day's room-charge reconciliation (today when no date)", ['reconciliation'], {
      querystring: reportQuery,
    }),
    async (req) => {
      const q = req.query;
      const { charges: _rows, ...report } = await service.report(q.date ?? (await service.today()), q.outlet);
      return report;
    },
  );
  app.get(
    '/api/pms/reconciliation/daily',
    describe('Business days with their reconciliation state, newest first', ['reconciliation'], {
      querystring: dailyQuery,
    }),
    async (req) => ({ days: await service.daily(req.query.limit) }),
  );
  app.get(
    '/api/pms/reconciliation/export',
    describe("A day's reconciliation with every charge, as CSV or JSON", ['reconciliation'], {
      querystring: exportQuery,
    }),
    async (req, reply) => {
      const q = req.query;
      const report = await service.report(q.date, q.outlet);
      const name = `reconciliation-${q.date}${q.outlet ? `-${q.outlet}` : ''}.${q.format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (q.format === 'json') return reply.type('application/json').send(JSON.stringify(report));
      return reply.type('text/csv; charset=utf-8').send(reconciliationCsv(report));
    },
  );
  app.post(
    '/api/pms/reconciliation/run',
    describe('Recompute a day now and store its state (as the automatic run does)', ['reconciliation'], {
      body: z.object({ date }).strict(),
    }),
    async (req) => {
      const { date: day } = req.body;
      const { charges: _rows, ...report } = await service.reconcile(day);
      return report;
    },
  );
  app.post(
    '/api/pms/reconciliation/sign-off',
    describe('Night-audit sign-off of a day (a variance needs a manager and a reason)', ['reconciliation'], {
      body: signOffBody,
    }),
    async (req, reply) => {
      const user = req.user;
      if (!user) throw new CentralError('UNAUTHENTICATED', 'sign in and send Authorization: Bearer <token>');
      const body = req.body;
      const { signOff, report } = await service.signOff(body.date, user, body.reason ?? null);
      const { charges: _rows, ...rest } = report;
      return reply.status(201).send({ signOff, report: rest });
    },
  );
}
