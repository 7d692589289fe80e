import { creditCheckRequest, type ZodApp } from '@roompost/sync';
import type { LookupService } from '../lookup/lookup-service.js';
import type { StaffGate } from '../staff/staff-gate.js';
import { accessFirst } from './access-first.js';

/**
 * `POST /api/lookup/credit`: the check's total against the guest's credit, right after the lookup
 * and whenever the total changes, before any signature or tip (docs/edge-api.md "Credit check").
 */
export function registerCreditCheckRoutes(
  app: ZodApp,
  deps: { gate: StaffGate; lookups: LookupService },
): void {
  // The outlet's own screen or a signed-in staff member, and only for a lookup that client made.
  const client = (req: Parameters<StaffGate['client']>[0]) => deps.gate.client(req, 'chargeToRoom');
  app.post(
    '/api/lookup/credit',
    { schema: { body: creditCheckRequest }, ...accessFirst(client) },
    async (req) => {
      const { owner } = client(req);
      const { verificationId, totalMinor } = req.body;
      return deps.lookups.creditCheck(verificationId, totalMinor, owner);
    },
  );
}
