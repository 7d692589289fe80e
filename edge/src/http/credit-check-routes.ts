import { parseRequest } from '@roompost/sync';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { LookupService } from '../lookup/lookup-service.js';
import type { StaffGate } from '../staff/staff-gate.js';

const creditCheckBody = z
  .object({
    verificationId: z.uuid('the verificationId of a lookup'),
    totalMinor: z.number().int('minor units').nonnegative(),
  })
  .strict();

/**
 * `POST /api/lookup/credit`: the check's total against the guest's credit, right after the lookup
 * and whenever the total changes, before any signature or tip (docs/edge-api.md "Credit check").
 */
export function registerCreditCheckRoutes(
  app: FastifyInstance,
  deps: { gate: StaffGate; lookups: LookupService },
): void {
  app.post('/api/lookup/credit', async (req) => {
    // The outlet's own screen or a signed-in staff member, and only for a lookup that client made.
    const { owner } = deps.gate.client(req, 'chargeToRoom');
    const { verificationId, totalMinor } = parseRequest(creditCheckBody, req.body);
    return deps.lookups.creditCheck(verificationId, totalMinor, owner);
  });
}
