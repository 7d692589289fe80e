import { ApiError, parseRequest, staffSignInRequest, voidChargeRequest } from '@roompost/sync';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ChargeService } from '../charges/charge-service.js';
import type { ChargeVoider } from '../charges/charge-void.js';
import type { ChargeWithdrawer } from '../charges/charge-withdraw.js';
import type { StaffGate } from '../staff/staff-gate.js';
import { tokenOf } from '../staff/staff-gate.js';

const idParams = z.object({ id: z.uuid('a charge id (UUID)') });

export interface StaffRoutesDeps {
  gate: StaffGate;
  charges: ChargeService;
  online: () => boolean;
  voids?: ChargeVoider;
  withdrawals?: ChargeWithdrawer;
}

const withdrawBody = z
  .object({ reason: z.string().trim().min(3, 'say how the guest pays instead').max(500) })
  .strict();

/** Staff sign-in and the staff screens' API (docs/edge-api.md "Staff mode"). */
export function registerStaffRoutes(app: FastifyInstance, deps: StaffRoutesDeps): void {
  const { gate } = deps;

  app.post('/api/staff/session', async (req, reply) => {
    const { pin, staffId, badge } = parseRequest(staffSignInRequest, req.body);
    return reply.status(201).send(await gate.auth.signIn(pin, staffId, badge));
  });
  app.get('/api/staff/session', async (req) => gate.auth.view(gate.auth.session(tokenOf(req))));
  app.delete('/api/staff/session', async (req, reply) => {
    gate.auth.signOut(tokenOf(req));
    return reply.status(204).send();
  });

  // Seed 000 "Pending Room Postings": anyone who may charge sees what has not reached the folio.
  app.get('/api/staff/pending', async (req) => {
    gate.require(req, 'chargeToRoom');
    return {
      central: deps.online() ? 'online' : 'offline',
      charges: await deps.charges.unposted(100),
      // Seed 000 "Last PMS connection": when the PMS last took one of this outlet's charges.
      lastPostedAt: await deps.charges.lastPostedAt(),
    };
  });
  app.post('/api/staff/charges/:id/retry', async (req) => {
    const session = gate.require(req, 'retryFailedPostings');
    return deps.charges.retry(parseRequest(idParams, req.params).id, session.staff.id);
  });
  // Another tender after a failed posting (seed 000 "Pay with Card"): the room charge is withdrawn
  // at the edge and at central. Answers the charge: `withdrawn`, or unconfirmed while central is
  // out of reach (`withdrawal.confirmedAt` null); 409 ALREADY_POSTED when the PMS took it first.
  app.post('/api/charges/:id/withdraw', async (req) => {
    const session = gate.require(req, 'chargeToRoom');
    const { id } = parseRequest(idParams, req.params);
    const { reason } = parseRequest(withdrawBody, req.body ?? {});
    if (!deps.withdrawals) throw new ApiError('CONNECTION_FAILED', 'this outlet has no link to central');
    return deps.withdrawals.withdraw(id, session.staff.id, reason);
  });
  // A manager voids a posted charge of this outlet; answers the charge with `status: 'voided'`.
  app.post('/api/charges/:id/void', async (req) => {
    const session = gate.require(req, 'voidRoomCharges');
    const { id } = parseRequest(idParams, req.params);
    const { reason } = parseRequest(voidChargeRequest, req.body);
    if (!deps.voids) throw new ApiError('CONNECTION_FAILED', 'this outlet has no link to central');
    return deps.voids.void(id, session.staff.id, reason, session.proof);
  });
}
