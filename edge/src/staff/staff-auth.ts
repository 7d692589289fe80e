import { randomBytes } from 'node:crypto';
import type { Logger, StaffAction, StaffRole, StaffSessionView, StaffSignIn } from '@roompost/sync';
import { EdgeError } from '../edge-error.js';
import { can, permissionsOf } from './permissions.js';
import { verifyPin } from './pin-hash.js';
import { PinLockout, type PinLockoutOptions } from './pin-lockout.js';

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  pinHash: string;
  /** The staff badge's card UID, hashed like the PIN (outlets that sign in with PIN and badge). */
  badgeHash?: string | undefined;
}

export interface StaffSession {
  token: string;
  staff: { id: string; name: string; role: StaffRole };
  expiresAt: number;
  /** Central's signed staff proof (staff-proof), null when signed in while central was away. */
  proof: string | null;
  /** The proof's expiry (epoch ms); Infinity without a proof. */
  endsAt: number;
}

export interface StaffAuthOptions {
  /** Who may sign in: central's roster once synced, else the config's list (read at each sign-in). */
  staff: readonly StaffMember[] | (() => readonly StaffMember[]);
  now: () => Date;
  logger: Logger;
  newToken?: () => string;
  /** Wrong-PIN limits per terminal and per staff member (pin-lockout.ts). */
  lockout?: Partial<PinLockoutOptions>;
  /** A session ends this long after its last use. */
  idleMs?: number;
  /**
   * Asks central for the signed staff proof that overrides, voids and custom prices carry
   * (docs/provisioning.md "Staff proofs"); null when central is away or refuses.
   */
  mintProof?: (
    staffId: string,
    pin: string,
    badge?: string,
  ) => Promise<{ proof: string; expiresAt: string } | null>;
  /** How staff sign in here (read at each sign-in): `pin` (default) or `pin+badge`. */
  signIn?: () => StaffSignIn;
  /** The card last tapped on this outlet's own reader within the last minute, taken (once) as a badge. */
  takeBadge?: () => string | undefined;
}

/**
 * PIN sign-in and short-lived sessions, in memory (a restart signs everyone out). Wrong PINs count
 * against the terminal and, when the sign-in names its staff member, against that member too; a
 * successful sign-in resets neither, and locks grow longer each time (pin-lockout.ts). Attempts run
 * one at a time so parallel guesses cannot slip past the count. PINs are never logged.
 */
export class StaffAuth {
  readonly #o: Required<Omit<StaffAuthOptions, 'mintProof' | 'lockout' | 'signIn' | 'takeBadge'>> &
    Pick<StaffAuthOptions, 'mintProof' | 'signIn' | 'takeBadge'>;
  readonly #sessions = new Map<string, StaffSession>();
  readonly #lockout: PinLockout;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: StaffAuthOptions) {
    this.#o = {
      newToken: () => randomBytes(24).toString('base64url'),
      idleMs: 15 * 60_000,
      ...options,
    };
    this.#lockout = new PinLockout(options.lockout);
  }

  signIn(pin: string, staffId?: string, badge?: string): Promise<StaffSessionView> {
    const attempt = this.#queue.then(() => this.#signIn(pin, staffId, badge));
    this.#queue = attempt.catch(() => undefined);
    return attempt;
  }

  #staff(): readonly StaffMember[] {
    return typeof this.#o.staff === 'function' ? this.#o.staff() : this.#o.staff;
  }

  async #signIn(
    pin: string,
    staffId: string | undefined,
    givenBadge: string | undefined,
  ): Promise<StaffSessionView> {
    const badgeRequired = this.#o.signIn?.() === 'pin+badge';
    // The badge named in the request, else one just tapped on this outlet's reader (used up here).
    const badge = (givenBadge ?? (badgeRequired ? this.#o.takeBadge?.() : undefined))?.toUpperCase();
    if (badgeRequired && !badge) {
      throw new EdgeError(
        'SECOND_FACTOR_REQUIRED',
        'tap your staff badge on the reader, then enter your PIN',
        {
          field: 'badge',
        },
      );
    }
    const now = this.#o.now().getTime();
    const userKey = staffId === undefined ? undefined : `staff:${staffId}`;
    const lockedFor = Math.max(
      this.#lockout.lockedFor(TERMINAL, now),
      userKey ? this.#lockout.lockedFor(userKey, now) : 0,
    );
    if (lockedFor > 0) throw locked(lockedFor);
    const roster = this.#staff();
    const candidates = staffId === undefined ? roster : roster.filter((s) => s.id === staffId);
    // Every hash is checked, so the time taken does not tell how far down the list a PIN matched.
    const matches = await Promise.all(candidates.map((s) => verifyPin(pin, s.pinHash)));
    let member = candidates[matches.indexOf(true)];
    // PIN and badge: the badge must be the same member's (a wrong badge counts as a wrong PIN).
    if (member && badgeRequired && !(member.badgeHash && badge && (await verifyPin(badge, member.badgeHash))))
      member = undefined;
    if (!member) {
      const left = Math.min(
        this.#lockout.fail(TERMINAL, now),
        userKey ? this.#lockout.fail(userKey, now) : Number.POSITIVE_INFINITY,
      );
      this.#o.logger.warn({ staff: staffId ?? null, attemptsLeft: left }, 'wrong staff PIN');
      if (left === 0) {
        const until = Math.max(
          this.#lockout.lockedFor(TERMINAL, now),
          userKey ? this.#lockout.lockedFor(userKey, now) : 0,
        );
        this.#o.logger.warn({ lockedForSeconds: Math.ceil(until / 1000) }, 'staff sign-in locked');
        throw locked(until);
      }
      throw new EdgeError('UNAUTHENTICATED', 'wrong PIN', { field: 'pin', context: { attemptsLeft: left } });
    }
    // A PIN that matches a member whose own sign-in is locked does not open a session either.
    const memberLocked = this.#lockout.lockedFor(`staff:${member.id}`, now);
    if (memberLocked > 0) throw locked(memberLocked);
    this.#prune(now);
    const minted = this.#o.mintProof
      ? await this.#o.mintProof(member.id, pin, badgeRequired ? badge : undefined).catch(() => null)
      : null;
    const proof = minted?.proof ?? null;
    const session: StaffSession = {
      token: this.#o.newToken(),
      staff: { id: member.id, name: member.name, role: member.role },
      expiresAt: now + this.#o.idleMs,
      proof,
      // A session with a proof ends when the proof does, so nothing is claimed with a stale one.
      endsAt: minted ? Date.parse(minted.expiresAt) : Number.POSITIVE_INFINITY,
    };
    this.#sessions.set(session.token, session);
    this.#o.logger.info({ staff: member.id, role: member.role, proof: proof !== null }, 'staff signed in');
    return this.view(session);
  }

  /** The live session behind a token, its idle timer restarted; UNAUTHENTICATED if there is none. */
  session(token: string | undefined): StaffSession {
    const now = this.#o.now().getTime();
    const session = token ? this.#sessions.get(token) : undefined;
    if (!session || session.expiresAt <= now || session.endsAt <= now) {
      if (token) this.#sessions.delete(token);
      throw new EdgeError('UNAUTHENTICATED', 'sign in with your PIN');
    }
    session.expiresAt = now + this.#o.idleMs;
    return session;
  }

  /** The session, if its role may do `action` (seed 000's table); FORBIDDEN otherwise. */
  require(token: string | undefined, action: StaffAction): StaffSession {
    const session = this.session(token);
    if (!can(session.staff.role, action)) {
      throw new EdgeError(
        'FORBIDDEN',
        `a ${session.staff.role.replace('_', ' ')} may not ${ACTION_TEXT[action]}`,
        {
          context: { role: session.staff.role, action },
        },
      );
    }
    return session;
  }

  signOut(token: string | undefined): void {
    if (token) this.#sessions.delete(token);
  }

  view(session: StaffSession): StaffSessionView {
    return {
      token: session.token,
      staff: session.staff,
      permissions: permissionsOf(session.staff.role),
      expiresAt: new Date(session.expiresAt).toISOString(),
    };
  }

  #prune(now: number): void {
    for (const [token, s] of this.#sessions) if (s.expiresAt <= now) this.#sessions.delete(token);
  }
}

const TERMINAL = 'terminal';

function locked(ms: number): EdgeError {
  return new EdgeError('SIGN_IN_LOCKED', 'too many wrong PINs: sign-in is locked for now', {
    context: { retryAfterSeconds: Math.ceil(ms / 1000) },
  });
}

const ACTION_TEXT: Record<StaffAction, string> = {
  chargeToRoom: 'charge to a room',
  overrideCreditLimit: 'override a credit limit',
  retryFailedPostings: 'retry failed postings',
  voidRoomCharges: 'void room charges',
  viewReconciliation: 'view reconciliation',
  configurePms: 'configure the PMS',
  nightAuditSignOff: 'sign off night audit',
  deviceService: 'service the outlet devices',
};
