// Staff identity across the edge–central boundary: the roster central syncs to staff outlets (slow
// PIN hashes, never PINs) and the signed staff proof an override, a void or a custom price carries.
import { z } from 'zod';
import { CONTRACT_VERSION } from './topics.js';

/** Seed 000's staff roles (the kiosk's staff mode and outlet staff at central). */
export const STAFF_ROLES = ['server', 'front_desk', 'manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'a staff id: lower-case letters, digits, ".", "_" or "-"');

/** A salted scrypt hash `scrypt$<N>$<salt hex>$<key hex>` (N ≥ 16384). */
export const PIN_HASH_PATTERN = /^scrypt\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64}$/;

/** One staff member as a staff outlet holds it. */
export const rosterMember = z.object({
  id: staffId,
  name: z.string().min(1).max(80),
  role: z.enum(STAFF_ROLES),
  pinHash: z.string().regex(PIN_HASH_PATTERN, 'a salted scrypt PIN hash'),
});
export type RosterMember = z.infer<typeof rosterMember>;

/** central → edge (RPC `staffRoster`): every active staff member, for staff outlets only. */
export const staffRosterAnswer = z.object({
  v: z.literal(CONTRACT_VERSION),
  staff: z.array(rosterMember).max(2000),
});
export type StaffRosterAnswer = z.infer<typeof staffRosterAnswer>;

/** central → edge (RPC `staffProof`): a signed, short-lived proof of who signed in at this device. */
export const staffProofAnswer = z.object({
  v: z.literal(CONTRACT_VERSION),
  proof: z.string().min(1).max(1024),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type StaffProofAnswer = z.infer<typeof staffProofAnswer>;

/** The proof's length bound wherever it travels (charge message, void request). */
export const staffProofField = z.string().min(1).max(1024);
