import { randomBytes } from 'node:crypto';
import {
  ApiError,
  type Logger,
  type StaffAction,
  type StaffRole,
  type StaffSessionView,
} from '@roompost/sync';
import { can, permissionsOf } from './permissions.js';
import { verifyPin } from './pin-hash.js';

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  pinHash: string;
}

export interface StaffSession {
  token: string;
  staff: { id: string; name: string; role: StaffRole };
  expiresAt: number;
}

export interface StaffAuthOptions {
  staff: readonly StaffMember[];
  now: () => Date;
  logger: Logger;
  newToken?: () => string;
  /** Wrong PINs in a row before the terminal stops accepting PINs (seed: five). */
  maxFailures?: number;
  lockMs?: number;
  /** A session ends this long after its last use. */
  idleMs?: number;
}

/**
 * PIN sign-in and short-lived sessions, in memory (a restart signs everyone out). A PIN names no
 * staff member, so a wrong one cannot be pinned on anybody: five wrong PINs in a row lock this
 * terminal's sign-in for a few minutes. Attempts run one at a time so parallel guesses cannot slip
 * past the count. PINs are never logged.
 */
export class StaffAuth {
  readonly #o: Required<StaffAuthOptions>;
  readonly #sessions = new Map<string, StaffSession>();
  #failures = 0;
  #lockedUntil = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: StaffAuthOptions) {
    this.#o = {
      newToken: () => randomBytes(24).toString('base64url'),
      maxFailures: 5,
      lockMs: 5 * 60_000,
      idleMs: 15 * 60_000,
      ...options,
    };
  }

  signIn(pin: string): Promise<StaffSessionView> {
    const attempt = this.#queue.then(() => this.#signIn(pin));
    this.#queue = attempt.catch(() => undefined);
    return attempt;
  }

  async #signIn(pin: string): Promise<StaffSessionView> {
    const now = this.#o.now().getTime();
    if (now < this.#lockedUntil) throw this.#locked(now);
    // Every hash is checked, so the time taken does not tell how far down the list a PIN matched.
    const matches = await Promise.all(this.#o.staff.map((s) => verifyPin(pin, s.pinHash)));
    const member = this.#o.staff[matches.indexOf(true)];
    if (!member) {
      this.#failures += 1;
      this.#o.logger.warn({ failures: this.#failures }, 'wrong staff PIN');
      if (this.#failures >= this.#o.maxFailures) {
        this.#failures = 0;
        this.#lockedUntil = now + this.#o.lockMs;
        this.#o.logger.warn(
          { lockedUntil: new Date(this.#lockedUntil).toISOString() },
          'staff sign-in locked',
        );
        throw this.#locked(now);
      }
      throw new ApiError('UNAUTHENTICATED', 'wrong PIN', {
        field: 'pin',
        context: { attemptsLeft: this.#o.maxFailures - this.#failures },
      });
    }
    this.#failures = 0;
    this.#prune(now);
    const session: StaffSession = {
      token: this.#o.newToken(),
      staff: { id: member.id, name: member.name, role: member.role },
      expiresAt: now + this.#o.idleMs,
    };
    this.#sessions.set(session.token, session);
    this.#o.logger.info({ staff: member.id, role: member.role }, 'staff signed in');
    return this.view(session);
  }

  /** The live session behind a token, its idle timer restarted; UNAUTHENTICATED if there is none. */
  session(token: string | undefined): StaffSession {
    const now = this.#o.now().getTime();
    const session = token ? this.#sessions.get(token) : undefined;
    if (!session || session.expiresAt <= now) {
      if (token) this.#sessions.delete(token);
      throw new ApiError('UNAUTHENTICATED', 'sign in with your PIN');
    }
    session.expiresAt = now + this.#o.idleMs;
    return session;
  }

  /** The session, if its role may do `action` (seed 000's table); FORBIDDEN otherwise. */
  require(token: string | undefined, action: StaffAction): StaffSession {
    const session = this.session(token);
    if (!can(session.staff.role, action)) {
      throw new ApiError(
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

  #locked(now: number): ApiError {
    return new ApiError('SIGN_IN_LOCKED', 'too many wrong PINs: sign-in is locked on this terminal', {
      context: { retryAfterSeconds: Math.ceil((this.#lockedUntil - now) / 1000) },
    });
  }

  #prune(now: number): void {
    for (const [token, s] of this.#sessions) if (s.expiresAt <= now) this.#sessions.delete(token);
  }
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
