import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { CentralError } from '../central-error.js';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { USER_ROLES, type UserRole } from './permissions.js';
import { SignInThrottle, type ThrottleLimits } from './sign-in-throttle.js';
import {
  deleteExpiredSessions,
  deleteSession,
  findSession,
  findUser,
  insertSession,
  insertUser,
  listUsers,
} from './user.repository.js';

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const MIN_PASSWORD_LENGTH = 10;

export interface SignedInUser {
  username: string;
  role: UserRole;
  expiresAt: string;
}

export interface UserServiceOptions {
  db: Kysely<CentralDatabase>;
  clock: Clock;
  /** How long a session token stays valid. */
  sessionHours: number;
  /** Consecutive wrong passwords for one user name before it is locked, and for how long. */
  lockout: ThrottleLimits;
  /** Wrong passwords from one client address (any user names) before it is locked; success does not reset it. */
  clientLockout?: ThrottleLimits;
}

/** Per client: enough for a front office sharing one address, far too few to guess passwords. */
export const DEFAULT_CLIENT_LOCKOUT: ThrottleLimits = { maxFailures: 20, lockMinutes: 15 };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Central's users: created by an admin (or the bootstrap admin of the config), signing in with a
 * password for an opaque bearer token (32 random bytes, stored only as its SHA-256) that expires.
 * A wrong password and an unknown user answer the same error after the same scrypt work; after
 * `maxFailures` wrong tries a user name is locked for `lockMinutes`, and a client address after its own
 * limit (in memory: a restart forgets). Attempts are counted before the hash (sign-in-throttle.ts).
 */
export class UserService {
  readonly #o: UserServiceOptions;
  readonly #byUser: SignInThrottle;
  readonly #byClient: SignInThrottle;
  #dummyHash: Promise<string> | undefined;

  constructor(options: UserServiceOptions) {
    this.#o = options;
    this.#byUser = new SignInThrottle(options.lockout, true);
    this.#byClient = new SignInThrottle(options.clientLockout ?? DEFAULT_CLIENT_LOCKOUT, false);
  }

  list() {
    return listUsers(this.#o.db);
  }

  async create(input: { username: string; role: string; password: string; actor: string }) {
    const username = input.username.trim().toLowerCase();
    if (!USERNAME.test(username)) {
      throw new CentralError('VALIDATION_FAILED', 'user names are 2–64 of a-z, 0-9, ".", "_" and "-"', {
        field: 'username',
      });
    }
    if (!(USER_ROLES as readonly string[]).includes(input.role)) {
      throw new CentralError('VALIDATION_FAILED', `role must be one of ${USER_ROLES.join(', ')}`, {
        field: 'role',
      });
    }
    if (input.password.length < MIN_PASSWORD_LENGTH || input.password.length > 200) {
      throw new CentralError('VALIDATION_FAILED', `passwords are ${MIN_PASSWORD_LENGTH}–200 characters`, {
        field: 'password',
      });
    }
    const inserted = await this.#insert(
      username,
      input.role as UserRole,
      await hashPassword(input.password),
      input.actor,
    );
    if (!inserted) {
      throw new CentralError('INVALID_STATE', `user ${username} already exists`, { field: 'username' });
    }
    return { username, role: input.role as UserRole };
  }

  /** Creates the user from a stored hash unless the name exists (bootstrap admin, demo users). */
  ensure(username: string, role: UserRole, passwordHash: string, actor: string): Promise<boolean> {
    return this.#insert(username, role, passwordHash, actor);
  }

  #insert(username: string, role: UserRole, passwordHash: string, actor: string) {
    return insertUser(this.#o.db, {
      username,
      role,
      password_hash: passwordHash,
      created_at: this.#o.clock.now().toISOString(),
      created_by: actor,
    });
  }

  /**
   * Signs in `rawUsername` from `client` (its address). The attempt is counted against the user name
   * and the client before the slow hash, so parallel guesses cannot all be checked.
   */
  async signIn(
    rawUsername: string,
    password: string,
    client = 'unknown',
  ): Promise<SignedInUser & { token: string }> {
    const username = rawUsername.trim().toLowerCase();
    const now = this.#o.clock.now().getTime();
    const wait = this.#byUser.lockedFor(username, now) ?? this.#byClient.lockedFor(client, now);
    if (wait !== null) {
      throw new CentralError(
        'SIGN_IN_LOCKED',
        'too many wrong passwords: sign-in is locked for a few minutes',
        {
          context: { retryAfterSeconds: wait },
        },
      );
    }
    const userAttempt = this.#byUser.reserve(username, now);
    const clientAttempt = this.#byClient.reserve(client, now);
    let ok = false;
    try {
      const user = await findUser(this.#o.db, username);
      // Unknown users cost the same scrypt work as a wrong password, so timing does not tell them apart.
      this.#dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
      const matches = await verifyPassword(password, user?.password_hash ?? (await this.#dummyHash));
      if (!user || !matches) {
        throw new CentralError('SIGN_IN_FAILED', 'wrong user name or password', { field: 'password' });
      }
      ok = true;
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now + this.#o.sessionHours * 3_600_000).toISOString();
      await deleteExpiredSessions(this.#o.db, new Date(now).toISOString());
      await insertSession(this.#o.db, {
        token_hash: sha256(token),
        username,
        created_at: new Date(now).toISOString(),
        expires_at: expiresAt,
      });
      return { token, username, role: user.role, expiresAt };
    } finally {
      const settledAt = this.#o.clock.now().getTime();
      userAttempt.settle(ok, settledAt);
      clientAttempt.settle(ok, settledAt);
    }
  }

  /** The user behind a bearer token; UNAUTHENTICATED when unknown, signed out or expired. */
  async authenticate(token: string): Promise<SignedInUser> {
    const session = await findSession(this.#o.db, sha256(token));
    if (!session) throw new CentralError('UNAUTHENTICATED', 'unknown or signed-out session: sign in again');
    if (session.expires_at <= this.#o.clock.now().toISOString()) {
      throw new CentralError('UNAUTHENTICATED', 'the session has expired: sign in again');
    }
    return { username: session.username, role: session.role, expiresAt: session.expires_at };
  }

  async signOut(token: string): Promise<void> {
    await deleteSession(this.#o.db, sha256(token));
  }
}
