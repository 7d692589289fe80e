import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { type StaffRoster, staffInput } from '../staff/staff-roster.js';
import { actorOf } from './actor.js';
import { describe } from './openapi.js';

const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * Outlet staff (docs/central-api.md "Outlet staff"): list, create or update (name, role, PIN), remove.
 * PINs are hashed on arrival and never answered; staff outlets fetch the roster again after a change.
 */
export function registerStaffRoutes(app: ZodApp, deps: { roster: StaffRoster }): void {
  app.get('/api/staff', describe('List outlet staff (no PINs)', ['staff']), async () => ({
    staff: await deps.roster.list(),
  }));
  app.put(
    '/api/staff/:id',
    describe('Create or update an outlet staff member', ['staff'], { params: idParams, body: staffInput }),
    async (req) => {
      const { id } = req.params;
      return deps.roster.set(id, req.body, actorOf(req));
    },
  );
  app.delete(
    '/api/staff/:id',
    describe('Remove an outlet staff member from every outlet', ['staff'], { params: idParams }),
    async (req, reply) => {
      await deps.roster.remove(req.params.id, actorOf(req));
      return reply.status(204).send();
    },
  );
}
