// Night audit over HTTP: run it for the current business date (a manager may override unposted outlet
// charges with a reason), and read the business date with the last runs.
import type { BackOffice } from '@roompost/folio';
import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { actorOf, requirePermission } from './actor.js';
import { isoDate } from './folio-http.js';
import { describe } from './openapi.js';

export interface NightAuditRoutesDeps {
  office: BackOffice;
  /** Rate plan for walk-in stays (central config `nightAudit.walkInRatePlan`). */
  walkInRatePlan?: string | undefined;
  /** The reconciliation summary of the business date the audit closes, shown with the audit's result. */
  reconciliation?: (businessDate: string) => Promise<unknown>;
  /** Sign-offs of business dates (reconciliation), listed with the runs: who ran each audit, who approved it. */
  signOffsOf?: (dates: readonly string[]) => Promise<Array<{ date: string }>>;
}

const runBody = z
  .object({
    businessDate: isoDate.describe('must be the current business date'),
    override: z
      .object({ reason: z.string().trim().min(1).max(200) })
      .strict()
      .optional()
      .describe('run although outlet room charges are unposted; the reason is stored with the run'),
    walkInRatePlanCode: z
      .string()
      .min(1)
      .max(32)
      .optional()
      .describe('rate plan for walk-in stays this run (default: central config nightAudit.walkInRatePlan)'),
  })
  .strict();
const lateBody = z
  .object({
    stayDate: isoDate.describe('a night before the business date that was rolled with stays unposted'),
    walkInRatePlanCode: z.string().min(1).max(32).optional(),
  })
  .strict();
const walkIn = (code: string | undefined) => (code === undefined ? {} : { walkInRatePlanCode: code });
const statusQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  walkInRatePlanCode: z
    .string()
    .min(1)
    .max(32)
    .optional()
    .describe(
      'price walk-ins with this plan in the pre-check (default: central config nightAudit.walkInRatePlan)',
    ),
});

export function registerNightAuditRoutes(
  app: ZodApp,
  { office, walkInRatePlan, reconciliation, signOffsOf }: NightAuditRoutesDeps,
): void {
  const tags = ['night audit'];
  app.post(
    '/api/night-audit',
    describe(
      'Run night audit for the current business date: no-shows, room nights with rules, roll the date, daily report',
      tags,
      { body: runBody },
    ),
    async (req, reply) => {
      const by = actorOf(req);
      const body = req.body;
      // Seed 000: the front desk signs off night audit; only a manager overrides unposted charges.
      if (body.override) requirePermission(req, 'night-audit.override');
      const result = await office.runNightAudit({
        businessDate: body.businessDate,
        by,
        override: body.override ?? null,
        ...walkIn(body.walkInRatePlanCode ?? walkInRatePlan),
      });
      if (!reconciliation) return reply.status(201).send(result);
      return reply.status(201).send({ ...result, reconciliation: await reconciliation(body.businessDate) });
    },
  );
  app.post(
    '/api/night-audit/late',
    describe(
      'Audit a missed night late: post the nights of a past date not yet posted; the business date stays',
      tags,
      { body: lateBody },
    ),
    async (req, reply) => {
      const by = actorOf(req);
      const body = req.body;
      const result = await office.auditLateNight({
        stayDate: body.stayDate,
        by,
        ...walkIn(body.walkInRatePlanCode ?? walkInRatePlan),
      });
      return reply.status(201).send(result);
    },
  );
  app.get(
    '/api/night-audit',
    describe(
      'The business date, the stays the audit cannot price (with the walk-in plans to pick), and the last runs, newest first',
      tags,
      {
        querystring: statusQuery,
      },
    ),
    async (req) => {
      const query = req.query;
      const status = await office.nightAuditStatus(query.limit ?? 10);
      // The pre-check: stays the run would refuse as unpriced (AUDIT_UNPRICED_STAYS), and the plans to pick.
      const preview = await office.unpricedPreview(query.walkInRatePlanCode ?? walkInRatePlan ?? null);
      const pricing = {
        unpricedStays: preview.unpricedStays,
        walkInRatePlanCode: preview.walkInRatePlanCode,
        ratePlans: preview.ratePlans,
      };
      if (!signOffsOf) return { ...status, ...pricing };
      const signOffs = await signOffsOf([...new Set(status.runs.map((r) => r.businessDate))]);
      return {
        ...status,
        ...pricing,
        runs: status.runs.map((r) => ({ ...r, signOffs: signOffs.filter((s) => s.date === r.businessDate) })),
      };
    },
  );
}
