import type { ErrorCode, StaffRole, StaffSignIn } from '@roompost/sync';
import { type Permission, roleMay } from '../auth/permissions.js';
import type { StaffProofSigner } from './staff-proof.js';

/** What a device claims a staff member did: a charge (override, custom price) or a void. */
export type StaffClaim =
  | {
      kind: 'charge';
      proof: string | null | undefined;
      override: { by: string } | null | undefined;
      /** Item skus: the edge files custom prices as `CUSTOM-n`. */
      skus: readonly string[];
      employeeId: string | null;
      createdAt: string;
    }
  | { kind: 'void'; proof: string | null | undefined; actor: string; at: Date };

export type ClaimVerdict =
  | { ok: true; staff: { id: string; role: StaffRole } | null }
  | { ok: false; code: ErrorCode; message: string };

export interface StaffClaimContext {
  signer: StaffProofSigner;
  /** The device that sent the claim (from the MQTT topic, never the payload). */
  device: string;
  /** The member's role as central's roster has it now; undefined once removed. */
  roleOf: (staffId: string) => Promise<StaffRole | undefined>;
  /** Clock skew allowed between the edge's `createdAt` and the proof's validity. */
  skewMs?: number;
  /** How staff sign in at the device's outlet; `pin+badge` refuses a proof minted on the PIN alone. */
  signIn?: StaffSignIn;
}

/**
 * Central's own check of what a staff member did at an outlet. An override needs a proof whose role
 * may override a credit limit, a custom price one whose role may charge to a room, a void one whose
 * role may void (seed 000's permission table, central's copy in auth/permissions.ts). The proof must
 * be central's, for this device, valid when the charge was made, and name the staff member the claim
 * names; the member must still be on the roster with a role that may. A charge with neither override
 * nor custom price needs no proof (staff signed in while central was away still charge), but a proof
 * it carries must be valid and its staff member is the charge's employee.
 */
export async function verifyStaffClaim(claim: StaffClaim, ctx: StaffClaimContext): Promise<ClaimVerdict> {
  const needs: Permission | null =
    claim.kind === 'void'
      ? 'postings.void'
      : claim.override
        ? 'charges.override'
        : claim.skus.some((s) => s.startsWith('CUSTOM-'))
          ? 'charges.post'
          : null;
  if (!claim.proof) {
    if (!needs) return { ok: true, staff: null };
    return refuse('STAFF_PROOF_REQUIRED', `${what(needs)} needs a staff proof signed by central`);
  }
  const c = ctx.signer.open(claim.proof);
  if (!c) return refuse('STAFF_PROOF_INVALID', 'the staff proof is not one central signed');
  if (c.dev !== ctx.device)
    return refuse('STAFF_PROOF_INVALID', 'the staff proof was issued to another device');
  const skew = ctx.skewMs ?? 2 * 60_000;
  const at = claim.kind === 'void' ? claim.at.getTime() : Date.parse(claim.createdAt);
  if (!(at >= c.iat - skew && at <= c.exp + skew)) {
    return refuse('STAFF_PROOF_INVALID', 'the staff proof was not valid when this was done');
  }
  const named = claim.kind === 'void' ? claim.actor : (claim.override?.by ?? claim.employeeId);
  if (named !== null && named !== c.sid) {
    return refuse('STAFF_PROOF_INVALID', `the staff proof is ${c.sid}'s, the claim names ${named}`);
  }
  if (ctx.signIn === 'pin+badge' && c.fac !== 2) {
    return refuse('SECOND_FACTOR_REQUIRED', 'this outlet needs a staff proof from a PIN and badge sign-in');
  }
  const role = await ctx.roleOf(c.sid);
  if (!role) return refuse('STAFF_PROOF_INVALID', `staff member ${c.sid} is no longer on the roster`);
  if (needs && !(roleMay(role, needs) && roleMay(c.role, needs))) {
    return refuse('FORBIDDEN', `a ${role.replace('_', ' ')} may not do this (needs ${needs})`);
  }
  return { ok: true, staff: { id: c.sid, role } };
}

function refuse(code: ErrorCode, message: string): ClaimVerdict {
  return { ok: false, code, message };
}

function what(permission: Permission): string {
  if (permission === 'postings.void') return 'a void';
  if (permission === 'charges.override') return 'a credit-limit override';
  return 'a custom price';
}
