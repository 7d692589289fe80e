import type { StaffRole, StaffSignIn } from '@roompost/sync';
import { type Permission, roleMay } from '../auth/permissions.js';
import { CentralError } from '../central-error.js';
import type { StaffProofSigner } from './staff-proof.js';

export interface StaffSessionContext {
  signer: StaffProofSigner;
  /** The device that asks (from the MQTT topic, never the payload). */
  device: string;
  roleOf: (staffId: string) => Promise<StaffRole | undefined>;
  now: Date;
  /** How staff sign in at the device's outlet; `pin+badge` refuses a proof minted on the PIN alone. */
  signIn: StaffSignIn;
}

/**
 * A staff outlet's request made for a signed-in staff member (a room lookup): the staff proof must
 * be one central signed, for this device, unexpired, from the sign-in the outlet requires, naming a
 * member still on the roster whose role has `needs`. Throws the coded refusal otherwise.
 */
export async function verifyStaffSession(
  proof: string | undefined,
  needs: Permission,
  ctx: StaffSessionContext,
): Promise<{ id: string; role: StaffRole }> {
  if (!proof)
    throw new CentralError('STAFF_PROOF_REQUIRED', 'a staff outlet asks only for a signed-in staff member');
  const c = ctx.signer.open(proof);
  if (!c) throw new CentralError('STAFF_PROOF_INVALID', 'the staff proof is not one central signed');
  if (c.dev !== ctx.device)
    throw new CentralError('STAFF_PROOF_INVALID', 'the staff proof was issued to another device');
  const at = ctx.now.getTime();
  if (!(at >= c.iat - 2 * 60_000 && at <= c.exp)) {
    throw new CentralError('STAFF_PROOF_INVALID', 'the staff proof has expired: sign in again');
  }
  if (ctx.signIn === 'pin+badge' && c.fac !== 2) {
    throw new CentralError('SECOND_FACTOR_REQUIRED', 'this outlet needs a sign-in with PIN and badge');
  }
  const role = await ctx.roleOf(c.sid);
  if (!role)
    throw new CentralError('STAFF_PROOF_INVALID', `staff member ${c.sid} is no longer on the roster`);
  if (!(roleMay(role, needs) && roleMay(c.role, needs))) {
    throw new CentralError('FORBIDDEN', `a ${role.replace('_', ' ')} may not do this (needs ${needs})`);
  }
  return { id: c.sid, role };
}
