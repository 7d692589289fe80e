import type { StaffSignIn } from '@roompost/sync';
import type { AdmissionCheck } from '../postings/charge-admission.js';
import type { StaffProofSigner } from './staff-proof.js';
import type { StaffRoster } from './staff-roster.js';
import { verifyStaffClaim } from './verify-staff-claim.js';

/**
 * The admission check for what a device says a staff member did (override, custom price, named
 * employee): the staff proof central signed, checked against the roster's role now. Charges entered
 * over central's own HTTP API come from a signed-in user whose role the route already checked.
 */
export function staffClaimCheck(deps: {
  signer: StaffProofSigner;
  roster: StaffRoster;
  /** How staff sign in at the device's outlet (default `pin`). */
  signInOf?: (device: string) => Promise<StaffSignIn>;
}): AdmissionCheck {
  return {
    name: 'staff proof',
    async check({ charge, origin }) {
      if (origin.kind !== 'device') return null;
      const verdict = await verifyStaffClaim(
        {
          kind: 'charge',
          proof: charge.staffProof,
          override: charge.override,
          skus: charge.items.map((i) => i.sku),
          employeeId: charge.employeeId,
          createdAt: charge.createdAt,
        },
        {
          signer: deps.signer,
          device: origin.id,
          roleOf: (id) => deps.roster.roleOf(id),
          // Only a proof is checked against the outlet's sign-in: no directory lookup for a charge without one.
          signIn: charge.staffProof ? ((await deps.signInOf?.(origin.id)) ?? 'pin') : 'pin',
        },
      );
      return verdict.ok ? null : { code: verdict.code, message: verdict.message };
    },
  };
}
