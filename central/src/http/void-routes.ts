import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { postingView } from '../postings/posting-view.js';
import { voidNotDone } from '../voids/void-not-done.js';
import { type VoidService, voidView } from '../voids/void-service.js';
import { actorOf } from './actor.js';
import { describe } from './openapi.js';

const idParams = z.object({ id: z.uuid('a charge id (UUID)') });
export const voidBody = z
  .object({ reason: z.string().trim().min(3, 'say why the charge is voided').max(500) })
  .strict();

/**
 * Seed 000 `POST /api/pms/postings/{id}/void` (manager): reverses a posted charge in the PMS. Answers
 * the posting with `status: 'voided'` and its void record, or the coded error (VOID_NOT_SUPPORTED,
 * INVALID_STATE, the PMS's refusal, CONNECTION_FAILED while the void waits for a retry).
 */
export function registerVoidRoutes(app: ZodApp, deps: { voids: VoidService }): void {
  app.post(
    '/api/pms/postings/:id/void',
    describe('Void a posted charge in the PMS (idempotent per charge)', ['pms'], {
      params: idParams,
      body: voidBody,
    }),
    async (req) => {
      const actor = actorOf(req);
      const { id } = req.params;
      const { reason } = req.body;
      const done = await deps.voids.request(id, actor, reason);
      if (done.void.status !== 'voided') throw voidNotDone(done.void);
      return { ...postingView(done.charge), status: 'voided' as const, void: voidView(done.void) };
    },
  );
}
