// The morning reports (seed 003 §9) as JSON, or CSV with `?format=csv` or `Accept: text/csv`.
import {
  type BackOffice,
  depositAgingCsv,
  occupancyCsv,
  outstandingBalancesCsv,
  revenueCsv,
} from '@roompost/folio';
import type { ZodApp } from '@roompost/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isoDate } from './folio-http.js';
import { describe } from './openapi.js';

const format = z
  .enum(['json', 'csv'])
  .optional()
  .describe('csv: text/csv download (or send Accept: text/csv)');
const rangeQuery = z
  .object({
    from: isoDate.optional().describe('first business date (default: the current one)'),
    to: isoDate.optional().describe('last business date, inclusive (default: from)'),
    format,
  })
  .strict();
const occupancyQuery = z
  .object({
    from: isoDate.optional().describe('first stay date (default: the last audited night)'),
    to: isoDate.optional(),
    format,
  })
  .strict();
const plainQuery = z.object({ format }).strict();

function wantsCsv(req: FastifyRequest, fmt: string | undefined): boolean {
  if (fmt !== undefined) return fmt === 'csv';
  return (req.headers.accept ?? '').split(',').some((part) => part.trim().startsWith('text/csv'));
}

function send<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  fmt: string | undefined,
  name: string,
  report: T,
  toCsv: (r: T) => string,
) {
  if (!wantsCsv(req, fmt)) return report;
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .send(toCsv(report));
}

export function registerReportRoutes(app: ZodApp, { office }: { office: BackOffice }): void {
  const tags = ['reports'];
  app.get(
    '/api/reports/revenue',
    describe(
      'Revenue by category (room, POS by outlet, surcharges by kind, discounts) for business dates',
      tags,
      {
        querystring: rangeQuery,
      },
    ),
    async (req, reply) => {
      const { format: fmt, ...range } = req.query;
      return send(req, reply, fmt, 'revenue', await office.revenueReport(range), revenueCsv);
    },
  );
  app.get(
    '/api/reports/occupancy',
    describe('Rooms sold, occupancy %, ADR and RevPAR by stay date', tags, { querystring: occupancyQuery }),
    async (req, reply) => {
      const { format: fmt, ...range } = req.query;
      return send(req, reply, fmt, 'occupancy', await office.occupancyReport(range), occupancyCsv);
    },
  );
  app.get(
    '/api/reports/deposit-aging',
    describe('Deposits held and not yet applied, aged 0–7, 8–30, 31–90, > 90 days', tags, {
      querystring: plainQuery,
    }),
    async (req, reply) => {
      const { format: fmt } = req.query;
      return send(req, reply, fmt, 'deposit-aging', await office.depositAgingReport(), depositAgingCsv);
    },
  );
  app.get(
    '/api/reports/outstanding-balances',
    describe('Folio balances of in-house stays and of checked-out stays with a balance', tags, {
      querystring: plainQuery,
    }),
    async (req, reply) => {
      const { format: fmt } = req.query;
      return send(
        req,
        reply,
        fmt,
        'outstanding-balances',
        await office.outstandingBalancesReport(),
        outstandingBalancesCsv,
      );
    },
  );
}
