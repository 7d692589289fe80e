// Staff outlets hold central's staff roster (slow PIN hashes) so sign-in works while central is
// away: asked for on every connect and every few minutes, replaced whole in one transaction, read
// from memory at each sign-in. Until the first roster arrives the config's `staff` list signs in.
import {
  type Logger,
  type RosterMember,
  type StaffRole,
  type StaffSignIn,
  staffRosterAnswer,
} from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import type { StaffMember } from './staff-auth.js';

export interface StaffRosterTable {
  id: string;
  name: string;
  role: StaffRole;
  pin_hash: string;
  badge_hash: string | null;
  /** How the outlet signs staff in, as central last said (the same on every row). */
  sign_in: StaffSignIn | null;
}

export interface StaffRosterSyncOptions {
  db: Kysely<EdgeDatabase>;
  central: { staffRoster(): Promise<{ staff: RosterMember[]; signIn?: StaffSignIn | undefined }> };
  logger: Logger;
  /** Who signs in before central's roster has ever arrived (edge config `staff`). */
  fallback: readonly StaffMember[];
  intervalMs?: number;
}

export class StaffRosterSync {
  readonly #o: StaffRosterSyncOptions;
  #held: StaffMember[] = [];
  #signIn: StaffSignIn | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: StaffRosterSyncOptions) {
    this.#o = options;
  }

  /** Loads the roster held from the last sync. */
  async load(): Promise<void> {
    const rows = await this.#o.db.selectFrom('staff_roster').selectAll().execute();
    this.#held = rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      pinHash: r.pin_hash,
      ...(r.badge_hash ? { badgeHash: r.badge_hash } : {}),
    }));
    this.#signIn = rows.find((r) => r.sign_in)?.sign_in ?? null;
  }

  /** How staff sign in here as central last said; null before central's roster ever arrived. */
  signIn(): StaffSignIn | null {
    return this.#signIn;
  }

  /** Central's roster once one has arrived, else the config's list. */
  staff(): readonly StaffMember[] {
    return this.#held.length > 0 ? this.#held : this.#o.fallback;
  }

  async sync(): Promise<void> {
    try {
      const answer = staffRosterAnswer.parse({ v: 1, ...(await this.#o.central.staffRoster()) });
      await this.#o.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('staff_roster').execute();
        if (answer.staff.length > 0) {
          await trx
            .insertInto('staff_roster')
            .values(
              answer.staff.map((s) => ({
                id: s.id,
                name: s.name,
                role: s.role,
                pin_hash: s.pinHash,
                badge_hash: s.badgeHash ?? null,
                sign_in: answer.signIn ?? null,
              })),
            )
            .execute();
        }
      });
      this.#held = answer.staff.map((s) => ({ ...s }));
      this.#signIn = answer.signIn ?? null;
      this.#o.logger.info({ staff: answer.staff.length }, 'staff roster synced');
    } catch (err) {
      this.#o.logger.warn({ err }, 'staff roster not synced');
    }
  }

  start(): void {
    this.#timer = setInterval(() => void this.sync(), this.#o.intervalMs ?? 5 * 60_000);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
