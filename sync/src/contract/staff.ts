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

/**
 * How staff sign in at an outlet: `pin`, or `pin+badge` (the PIN and the member's staff badge tapped
 * on the outlet's reader). Set per property and per outlet at central; the edge enforces it at
 * sign-in and central refuses a staff proof (and any claim made with one) without the badge.
 */
export const STAFF_SIGN_IN = ['pin', 'pin+badge'] as const;
export type StaffSignIn = (typeof STAFF_SIGN_IN)[number];

/** A salted scrypt hash `scrypt$<N>$<salt hex>$<key hex>` (N ≥ 16384). */
export const PIN_HASH_PATTERN = /^scrypt\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64}$/;

/** One staff member as a staff outlet holds it. */
export const rosterMember = z.object({
  id: staffId,
  name: z.string().min(1).max(80),
  role: z.enum(STAFF_ROLES),
  pinHash: z.string().regex(PIN_HASH_PATTERN, 'a salted scrypt PIN hash'),
  /** The member's staff badge (card UID), hashed like a PIN; needed where sign-in is PIN and badge. */
  badgeHash: z.string().regex(PIN_HASH_PATTERN, 'a salted scrypt badge hash').optional(),
});
export type RosterMember = z.infer<typeof rosterMember>;

/** central → edge (RPC `staffRoster`): every active staff member, for staff outlets only. */
export const staffRosterAnswer = z.object({
  v: z.literal(CONTRACT_VERSION),
  staff: z.array(rosterMember).max(2000),
  /** How staff sign in at this outlet: PIN alone, or PIN and staff badge (central's outlet setting). */
  signIn: z.enum(STAFF_SIGN_IN).optional(),
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
