import { plainText, type RosterMember, STAFF_ROLES, type StaffRole, staffId } from '@roompost/sync';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { CentralError } from '../central-error.js';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import { assertNewPin, hashStaffPin, verifyStaffPin } from './staff-pin.js';

export const staffInput = z
  .object({
    name: plainText(z.string().trim().min(1, 'name the staff member').max(80)),
    role: z.enum(STAFF_ROLES, `one of ${STAFF_ROLES.join(', ')}`),
    /** Required for a new staff member; absent keeps the PIN. */
    pin: z.string().optional(),
    /** The staff badge's card UID (hex; outlets that sign in with PIN and badge); null removes it. */
    badge: z
      .string()
      .regex(/^[0-9A-Fa-f]{8,20}$/, 'a hex card UID of 8 to 20 digits')
      .nullable()
      .optional(),
  })
  .strict();
export type StaffInput = z.infer<typeof staffInput>;

export interface StaffView {
  id: string;
  name: string;
  role: StaffRole;
  active: boolean;
  /** Whether a staff badge is enrolled (never the badge itself). */
  badge: boolean;
  updatedAt: string;
  updatedBy: string;
}

export interface StaffRosterOptions {
  db: Kysely<CentralDatabase>;
  clock: Clock;
  /** Shortest new PIN (default 6). */
  pinLength?: number;
  /** Called after any change, so staff outlets fetch the roster again. */
  onChanged?: () => void;
}

/**
 * Outlet staff, managed at central (console API, `roompost-provision staff`), synced to staff
 * outlets as slow PIN hashes. Central checks a PIN itself before it signs a staff proof; wrong PINs
 * count per staff member, are never cleared by a right one, and lock for twice as long each time.
 */
export class StaffRoster {
  readonly #o: StaffRosterOptions;
  readonly #failures = new Map<string, { times: number[]; lockedUntil: number; level: number }>();

  constructor(options: StaffRosterOptions) {
    this.#o = options;
  }

  async list(): Promise<StaffView[]> {
    const rows = await this.#o.db.selectFrom('outlet_staff').selectAll().orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      active: r.active === 1,
      badge: r.badge_hash !== null,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    }));
  }

  /** What a staff outlet holds: active members with their PIN hashes. */
  async roster(): Promise<RosterMember[]> {
    const rows = await this.#o.db.selectFrom('outlet_staff').selectAll().where('active', '=', 1).execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      pinHash: r.pin_hash,
      ...(r.badge_hash ? { badgeHash: r.badge_hash } : {}),
    }));
  }

  async roleOf(id: string): Promise<StaffRole | undefined> {
    const row = await this.#o.db
      .selectFrom('outlet_staff')
      .select('role')
      .where('id', '=', id)
      .where('active', '=', 1)
      .executeTakeFirst();
    return row?.role;
  }

  /** Creates or updates one staff member; a new one needs a PIN. */
  async set(
    id: string,
    input: StaffInput,
    actor: string,
    opts: { pinHash?: string; badgeHash?: string } = {},
  ): Promise<StaffView> {
    const parsedId = staffId.safeParse(id);
    if (!parsedId.success)
      throw new CentralError('VALIDATION_FAILED', parsedId.error.issues[0]?.message, { field: 'id' });
    if (input.pin !== undefined) assertNewPin(input.pin, this.#o.pinLength ?? 6);
    const existing = await this.#o.db
      .selectFrom('outlet_staff')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    const pinHash =
      opts.pinHash ?? (input.pin === undefined ? existing?.pin_hash : await hashStaffPin(input.pin));
    if (!pinHash)
      throw new CentralError('VALIDATION_FAILED', 'a new staff member needs a PIN', { field: 'pin' });
    const badgeHash =
      opts.badgeHash ??
      (input.badge === undefined
        ? (existing?.badge_hash ?? null)
        : input.badge === null
          ? null
          : await hashStaffPin(input.badge.toUpperCase()));
    const row = {
      id,
      name: input.name,
      role: input.role,
      pin_hash: pinHash,
      badge_hash: badgeHash,
      active: 1,
      updated_at: this.#o.clock.now().toISOString(),
      updated_by: actor,
    };
    await this.#o.db
      .insertInto('outlet_staff')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...row, id: undefined }))
      .execute();
    this.#o.onChanged?.();
    return (await this.list()).find((s) => s.id === id) as StaffView;
  }

  /** Removes a staff member from every outlet (the row stays, inactive). */
  async remove(id: string, actor: string): Promise<void> {
    const done = await this.#o.db
      .updateTable('outlet_staff')
      .set({ active: 0, updated_at: this.#o.clock.now().toISOString(), updated_by: actor })
      .where('id', '=', id)
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n) throw new CentralError('NOT_FOUND', `no staff member ${id}`);
    this.#o.onChanged?.();
  }

  /**
   * The member, if `pin` (and `badge`, when given) are theirs and they are not locked; throws the
   * coded reason otherwise. `badgeRequired` (the outlet signs in with PIN and badge): no badge is
   * SECOND_FACTOR_REQUIRED before anything is checked. A wrong badge counts as a wrong PIN.
   * `badge` in the answer: whether a badge was checked too.
   */
  async checkPin(
    id: string,
    pin: string,
    opts: { badge?: string | undefined; badgeRequired?: boolean } = {},
  ): Promise<RosterMember & { badge: boolean }> {
    if (opts.badgeRequired && !opts.badge) {
      throw new CentralError('SECOND_FACTOR_REQUIRED', 'this outlet signs staff in with a PIN and a badge', {
        field: 'badge',
      });
    }
    const now = this.#o.clock.now().getTime();
    const f = this.#failures.get(id) ?? { times: [], lockedUntil: 0, level: 0 };
    if (f.lockedUntil > now) {
      throw new CentralError('SIGN_IN_LOCKED', 'too many wrong PINs for this staff member', {
        context: { retryAfterSeconds: Math.ceil((f.lockedUntil - now) / 1000) },
      });
    }
    const member = (await this.roster()).find((s) => s.id === id);
    if (member && (await verifyStaffPin(pin, member.pinHash))) {
      if (!opts.badge) return { ...member, badge: false };
      if (member.badgeHash && (await verifyStaffPin(opts.badge.toUpperCase(), member.badgeHash)))
        return { ...member, badge: true };
    }
    f.times = [...f.times.filter((t) => t > now - 60 * 60_000), now];
    if (f.times.length >= 5) {
      f.lockedUntil = now + Math.min(5 * 60_000 * 2 ** f.level, 24 * 60 * 60_000);
      f.level += 1;
      f.times = [];
    }
    this.#failures.set(id, f);
    throw new CentralError('UNAUTHENTICATED', 'wrong staff id, PIN or badge', { field: 'pin' });
  }
}
