import { parseRequest, staffSignInRequest } from '@roompost/sync';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ChargeService } from '../charges/charge-service.js';
import type { StaffGate } from '../staff/staff-gate.js';
import { tokenOf } from '../staff/staff-gate.js';

const idParams = z.object({ id: z.uuid('a charge id (UUID)') });

export interface StaffRoutesDeps {
  gate: StaffGate;
  charges: ChargeService;
  online: () => boolean;
}

/** Staff sign-in and the staff screens' API (docs/edge-api.md "Staff mode"). */
export function registerStaffRoutes(app: FastifyInstance, deps: StaffRoutesDeps): void {
  const { gate } = deps;

  app.post('/api/staff/session', async (req, reply) => {
    const { pin } = parseRequest(staffSignInRequest, req.body);
    return reply.status(201).send(await gate.auth.signIn(pin));
  });
  app.get('/api/staff/session', async (req) => gate.auth.view(gate.auth.session(tokenOf(req))));
  app.delete('/api/staff/session', async (req, reply) => {
    gate.auth.signOut(tokenOf(req));
    return reply.status(204).send();
  });

  // Seed 000 "Pending Room Postings": anyone who may charge sees what has not reached the folio.
  app.get('/api/staff/pending', async (req) => {
    gate.require(req, 'chargeToRoom');
    return { central: deps.online() ? 'online' : 'offline', charges: await deps.charges.unposted(100) };
  });
  app.post('/api/staff/charges/:id/retry', async (req) => {
    const session = gate.require(req, 'retryFailedPostings');
    return deps.charges.retry(parseRequest(idParams, req.params).id, session.staff.id);
  });
}
