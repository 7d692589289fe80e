import type { ZodApp } from '@roompost/sync';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CentralDatabase } from '../db/central-database.js';
import type { PostingPipeline } from '../postings/posting-pipeline.js';
import { postingView } from '../postings/posting-view.js';
import { listOpen } from '../postings/room-charge.repository.js';
import { actorOf } from './actor.js';
import { describe } from './openapi.js';

const idParams = z.object({ id: z.uuid('a charge id (UUID)') });
const retryBody = z.object({ note: z.string().trim().max(500).optional() }).strict();
const withdrawBody = z
  .object({
    reason: z.string().trim().min(3, 'say why the charge is withdrawn').max(500),
    // The manager checked the PMS folio and it does not hold the charge (needed for a charge whose
    // outcome is unknown at a PMS that cannot be read back).
    folioChecked: z.boolean().optional(),
  })
  .strict();

const confirmBody = z
  .object({
    // The posting's reference as the PMS folio shows it (FIAS: the check's folio line).
    pmsReference: z.string().trim().min(1, 'the reference the PMS folio shows').max(64),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

export interface QueueRoutesDeps {
  db: Kysely<CentralDatabase>;
  pipeline: PostingPipeline;
}

/**
 * Seed 000's posting queue: what is still owed to the PMS, and the manager's actions on it.
 * Who may do what is central/src/auth/permissions.ts (managers and admins retry and withdraw);
 * every action is attributed to the signed-in user.
 */
export function registerQueueRoutes(app: ZodApp, deps: QueueRoutesDeps): void {
  app.get('/api/pms/queue', describe('Room charges not yet posted, oldest first', ['queue']), async () => {
    const rows = await listOpen(deps.db, 500);
    return {
      pending: rows.length,
      lastPmsContactAt: deps.pipeline.lastPmsContactAt?.toISOString() ?? null,
      postings: rows.map(postingView),
    };
  });

  app.post(
    '/api/pms/queue/process',
    describe('Try every due posting now, and post the held ones (outlets without auto-post)', ['queue']),
    async (req) => {
      await deps.pipeline.processNow(actorOf(req));
      return { pending: (await listOpen(deps.db, 500)).length };
    },
  );

  const retry = async (
    req: { params: z.output<typeof idParams>; body: z.output<typeof retryBody> },
    actor: string,
  ) => {
    const { id } = req.params;
    const { note } = req.body;
    return postingView(await deps.pipeline.retryNow(id, actor, note ?? null));
  };
  app.post(
    '/api/pms/queue/:id/retry',
    describe('Retry one waiting posting now', ['queue'], { params: idParams, body: retryBody }),
    async (req) => retry(req, actorOf(req)),
  );
  app.post(
    '/api/pms/postings/:id/retry',
    describe('Retry one waiting posting now', ['queue'], { params: idParams, body: retryBody }),
    async (req) => retry(req, actorOf(req)),
  );

  app.post(
    '/api/pms/queue/:id/confirm-posted',
    describe('A charge whose outcome was unknown is on the PMS folio: record it as posted', ['queue'], {
      params: idParams,
      body: confirmBody,
    }),
    async (req) => {
      const { id } = req.params;
      const { pmsReference, note } = req.body;
      return postingView(await deps.pipeline.confirmPosted(id, actorOf(req), pmsReference, note ?? null));
    },
  );

  app.delete(
    '/api/pms/queue/:id',
    describe('Withdraw a waiting posting; the outlet collects another tender', ['queue'], {
      params: idParams,
      body: withdrawBody,
    }),
    async (req) => {
      const actor = actorOf(req);
      const { id } = req.params;
      const { reason, folioChecked } = req.body;
      return postingView(
        await deps.pipeline.withdraw(id, actor, reason, folioChecked ? { folioChecked: true } : {}),
      );
    },
  );
}
