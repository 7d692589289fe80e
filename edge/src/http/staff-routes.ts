import {
  chargeIdParams,
  staffSignInRequest,
  voidChargeRequest,
  withdrawChargeRequest,
  type ZodApp,
} from '@roompost/sync';
import type { ChargeService } from '../charges/charge-service.js';
import type { ChargeVoider } from '../charges/charge-void.js';
import type { ChargeWithdrawer } from '../charges/charge-withdraw.js';
import { EdgeError } from '../edge-error.js';
import type { StaffGate } from '../staff/staff-gate.js';
import { tokenOf } from '../staff/staff-gate.js';
import { accessFirst } from './access-first.js';

export interface StaffRoutesDeps {
  gate: StaffGate;
  charges: ChargeService;
  online: () => boolean;
  voids?: ChargeVoider;
  withdrawals?: ChargeWithdrawer;
}

/** Staff sign-in and the staff screens' API (docs/edge-api.md "Staff mode"). */
export function registerStaffRoutes(app: ZodApp, deps: StaffRoutesDeps): void {
  const { gate } = deps;
  const may = (action: Parameters<StaffGate['require']>[1]) =>
    accessFirst((req) => gate.require(req, action));

  app.post('/api/staff/session', { schema: { body: staffSignInRequest } }, async (req, reply) => {
    const { pin, staffId, badge } = req.body;
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
  app.post(
    '/api/staff/charges/:id/retry',
    { schema: { params: chargeIdParams }, ...may('retryFailedPostings') },
    async (req) => {
      const session = gate.require(req, 'retryFailedPostings');
      return deps.charges.retry(req.params.id, session.staff.id);
    },
  );
  // Another tender after a failed posting (seed 000 "Pay with Card"): the room charge is withdrawn
  // at the edge and at central. Answers the charge: `withdrawn`, or unconfirmed while central is
  // out of reach (`withdrawal.confirmedAt` null); 409 ALREADY_POSTED when the PMS took it first.
  app.post(
    '/api/charges/:id/withdraw',
    { schema: { params: chargeIdParams, body: withdrawChargeRequest }, ...may('chargeToRoom') },
    async (req) => {
      const session = gate.require(req, 'chargeToRoom');
      const { id } = req.params;
      const { reason } = req.body;
      if (!deps.withdrawals) throw new EdgeError('CONNECTION_FAILED', 'this outlet has no link to central');
      return deps.withdrawals.withdraw(id, session.staff.id, reason);
    },
  );
  // A manager voids a posted charge of this outlet; answers the charge with `status: 'voided'`.
  app.post(
    '/api/charges/:id/void',
    { schema: { params: chargeIdParams, body: voidChargeRequest }, ...may('voidRoomCharges') },
    async (req) => {
      const session = gate.require(req, 'voidRoomCharges');
      const { id } = req.params;
      const { reason } = req.body;
      if (!deps.voids) throw new EdgeError('CONNECTION_FAILED', 'this outlet has no link to central');
      return deps.voids.void(id, session.staff.id, reason, session.proof);
    },
  );
}
