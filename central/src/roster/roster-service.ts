import { dialectOf, transactionLock, withoutTransactionLock } from '@roompost/folio';
import {
  type Logger,
  type RoomLookup,
  type RosterDelta,
  type RosterEntry,
  type RosterSnapshot,
  rosterLastNameKey,
  rosterMaskedName,
} from '@roompost/sync';
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import { PmsError } from '../pms/adapter.js';
import {
  findRosterEntries,
  listRosterEntries,
  maxRosterVersion,
  openChargesByStay,
  openChargesOfInHouse,
  upsertRosterEntries,
} from './roster.repository.js';
import type { RosterEntryTable } from './roster.table.js';

export interface RosterServiceOptions {
  db: Kysely<CentralDatabase>;
  /** Asked room by room on each refresh (the PMS, or the built-in folio engine). */
  lookups: { lookupRoom(roomNumber: string): Promise<RoomLookup> };
  clock: Clock;
  logger: Logger;
  /** Rooms to ask about besides those already on the roster (the folio engine's in-house rooms). */
  inHouseRooms: () => Promise<string[]>;
  /** Every device that gets the roster (the property's outlet devices, not revoked). */
  devices: () => Promise<string[]>;
  publish: (
    device: string,
    kind: 'roster' | 'rosterDelta',
    payload: string,
    retain: boolean,
  ) => Promise<void>;
  /** How often every room is asked of the PMS again (default 5 minutes). */
  refreshMs?: number;
  /** A changed roster is re-published as the retained snapshot this long after the last change. */
  snapshotDelayMs?: number;
}

type Row = Selectable<RosterEntryTable>;
type Computed = Omit<RosterEntryTable, 'as_of' | 'version'>;

/**
 * Keeps the in-house roster the outlets stand in with while central or the PMS is unreachable
 * (DESIGN "Offline stand-in"): fed by every lookup that passes through central, a periodic refresh
 * and every change to the charges central holds, and pushed down as a retained snapshot plus deltas.
 * The credit sent for a stay is the PMS figure less what central holds for the stay that the PMS
 * has not taken yet, so a charge queued at central is never counted as still available.
 */
export class RosterService {
  readonly #o: RosterServiceOptions;
  #timer: NodeJS.Timeout | undefined;
  #snapshotTimer: NodeJS.Timeout | undefined;
  #recomputeTimer: NodeJS.Timeout | undefined;
  #changedStays: Set<string> | 'all' = new Set();
  #lastRecompute = 0;
  #chain: Promise<unknown> = Promise.resolve();
  /**
   * Each stay's last-name key as last computed (every room lookup feeds the roster; the key is a
   * sha256 of the stay and the normalized name, the same until the name changes); 5,000 stays kept.
   */
  readonly #nameKeys = new Map<string, { lastName: string; key: string | null }>();
  #stopped = false;

  constructor(options: RosterServiceOptions) {
    this.#o = options;
  }

  start(): void {
    const tick = () => {
      void this.refresh()
        .catch((err: unknown) => this.#o.logger.warn({ err }, 'roster refresh failed'))
        .finally(() => {
          if (!this.#stopped) this.#timer = setTimeout(tick, this.#o.refreshMs ?? 5 * 60_000);
        });
    };
    this.#timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#snapshotTimer);
    clearTimeout(this.#recomputeTimer);
    await this.#chain.catch(() => {});
  }

  /** A lookup central answered (an outlet's or the API's): the freshest figure there is. */
  observe(lookup: RoomLookup): Promise<void> {
    return this.#serial(async () => {
      const changed = await this.#store(await this.#fromLookup(lookup));
      if (changed) await this.#announce([changed]);
    });
  }

  /** The PMS said the room has no guest in house (not found, checked out). */
  observeGone(roomNumber: string): Promise<void> {
    return this.#serial(async () => {
      const changed = await this.#store(await this.#gone(roomNumber));
      if (changed) await this.#announce([changed]);
    });
  }

  /**
   * Central took, posted or refused a charge of `stayRef`: the credit left on that stay changed
   * (recomputed shortly, with the other stays changed meanwhile). Without a stay: every stay. A charge
   * with no stay (null) counts toward none.
   */
  chargesChanged(stayRef?: string | null): void {
    if (this.#stopped || stayRef === null) return;
    if (stayRef === undefined) this.#changedStays = 'all';
    else if (this.#changedStays !== 'all') this.#changedStays.add(stayRef);
    // One recompute pending takes every change until it runs: 200 ms after a quiet spell, at most one a
    // second while charges keep coming (a busy outlet never postpones it for good, nor runs it per charge).
    if (this.#recomputeTimer) return;
    const wait = Math.max(200, this.#lastRecompute + 1000 - Date.now());
    this.#recomputeTimer = setTimeout(() => {
      this.#recomputeTimer = undefined;
      this.#lastRecompute = Date.now();
      const stays = this.#changedStays;
      this.#changedStays = new Set();
      void this.#serial(() => this.#recomputeOpen(stays)).catch((err: unknown) =>
        this.#o.logger.warn({ err }, 'roster recompute failed'),
      );
    }, wait);
  }

  /** Asks the PMS about every room again; stops at the first connection failure (entries stay). */
  refresh(): Promise<{ asked: number; changed: number }> {
    return this.#serial(async () => {
      const rooms = new Set([
        ...(await this.#o.inHouseRooms()),
        ...(await listRosterEntries(this.#o.db)).filter((r) => r.in_house === 1).map((r) => r.room_number),
      ]);
      const changed: Row[] = [];
      let asked = 0;
      for (const room of rooms) {
        if (this.#stopped) break;
        asked++;
        let computed: Computed;
        try {
          computed = await this.#fromLookup(await this.#o.lookups.lookupRoom(room));
        } catch (err) {
          if (
            err instanceof PmsError &&
            (err.code === 'ROOM_NOT_FOUND' || err.code === 'GUEST_CHECKED_OUT')
          ) {
            computed = await this.#gone(room);
          } else {
            this.#o.logger.warn({ err, room }, 'roster refresh stopped: the PMS did not answer');
            break;
          }
        }
        const row = await this.#store(computed);
        if (row) changed.push(row);
      }
      if (changed.length) await this.#announce(changed);
      else this.#scheduleSnapshot();
      return { asked, changed: changed.length };
    });
  }

  async snapshot(): Promise<RosterSnapshot> {
    const rows = await listRosterEntries(this.#o.db);
    return {
      v: 1,
      version: await maxRosterVersion(this.#o.db),
      asOf: this.#o.clock.now().toISOString(),
      entries: rows.map(toEntry),
    };
  }

  /** Publishes the retained snapshot to every device now. */
  async publishSnapshot(): Promise<void> {
    const payload = JSON.stringify(await this.snapshot());
    for (const device of await this.#o.devices()) {
      await this.#o
        .publish(device, 'roster', payload, true)
        .catch((err: unknown) => this.#o.logger.warn({ err, device }, 'roster snapshot not published'));
    }
  }

  async #announce(rows: Row[]): Promise<void> {
    const delta: RosterDelta = {
      v: 1,
      version: Math.max(...rows.map((r) => r.version)),
      entries: rows.map(toEntry),
    };
    const payload = JSON.stringify(delta);
    for (const device of await this.#o.devices()) {
      await this.#o
        .publish(device, 'rosterDelta', payload, false)
        .catch((err: unknown) => this.#o.logger.warn({ err, device }, 'roster delta not published'));
    }
    this.#scheduleSnapshot();
  }

  #scheduleSnapshot(): void {
    if (this.#stopped) return;
    clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = setTimeout(() => {
      void this.#serial(() => this.publishSnapshot()).catch((err: unknown) =>
        this.#o.logger.warn({ err }, 'roster snapshot failed'),
      );
    }, this.#o.snapshotDelayMs ?? 1000);
  }

  /**
   * The open amount of the in-house entries of these stays (or all) again, in one transaction: read
   * with one query, and only the entries that changed are written and announced. Several workers recompute after their own
   * charges; on PostgreSQL their roster transactions run one at a time (`transactionLock`), each after
   * the charges that asked for it committed, so the last recompute reads the last commit and a stale
   * sum never wins.
   */
  async #recomputeOpen(stays: ReadonlySet<string> | 'all'): Promise<void> {
    if (stays !== 'all' && stays.size === 0) return;
    const changed = await this.#transaction(async (trx) => {
      const only = stays === 'all' ? undefined : [...stays];
      const open = await openChargesOfInHouse(trx, only);
      const next: Computed[] = [];
      for (const row of await listRosterEntries(trx, only)) {
        if (row.in_house !== 1 || row.stay_ref === null) continue;
        const sum = open.get(row.room_number) ?? 0;
        next.push({ ...row, open_minor: sum, available_credit_minor: credit(row.pms_available_minor, sum) });
      }
      return this.#storeIn(trx, next);
    });
    if (changed.length) await this.#announce(changed);
  }

  async #fromLookup(l: RoomLookup): Promise<Computed> {
    const pmsAsOf = this.#o.clock.now().toISOString();
    const open = await openChargesByStay(this.#o.db, l.stayRef, pmsAsOf);
    const available = l.billing.availableCreditMinor;
    return {
      room_number: l.roomNumber,
      in_house: 1,
      stay_ref: l.stayRef,
      masked_name: rosterMaskedName(l.guest.firstName, l.guest.lastName),
      last_name_key: this.#lastNameKey(l.stayRef, l.guest.lastName),
      check_in: l.reservation.checkIn,
      check_out: l.reservation.checkOut,
      currency: l.billing.currency,
      no_post: !l.billing.chargesAllowed || l.restriction?.code === 'CHARGES_BLOCKED' ? 1 : 0,
      pms_available_minor: available,
      pms_as_of: pmsAsOf,
      open_minor: open,
      available_credit_minor: credit(available, open),
    };
  }

  async #gone(roomNumber: string): Promise<Computed> {
    return {
      room_number: roomNumber,
      in_house: 0,
      stay_ref: null,
      masked_name: '',
      last_name_key: null,
      check_in: null,
      check_out: null,
      currency: null,
      no_post: 0,
      pms_available_minor: null,
      pms_as_of: this.#o.clock.now().toISOString(),
      open_minor: 0,
      available_credit_minor: null,
    };
  }

  /** Stores the entry when it differs from the held one (a new version); returns it, or null. */
  async #store(c: Computed): Promise<Row | null> {
    const [row] = await this.#transaction((trx) => this.#storeIn(trx, [c]));
    return row ?? null;
  }

  /**
   * A roster transaction on PostgreSQL: one at a time across workers, not behind every other
   * transaction. On SQLite (one central per file) the statements run as they are: `#serial` already
   * keeps roster work one at a time, and a transaction held across awaits would only keep other
   * connections to the file waiting.
   */
  #transaction<T>(work: (trx: Kysely<CentralDatabase>) => Promise<T>): Promise<T> {
    if (dialectOf(this.#o.db) === 'sqlite') return work(this.#o.db);
    return withoutTransactionLock(this.#o.db)
      .transaction()
      .execute(async (trx) => {
        await transactionLock(trx, 'roompost-roster');
        return work(trx);
      });
  }

  /**
   * Writes those entries that differ from the held ones, each with a new version (versions grow
   * strictly: read and written in one transaction); returns the written rows.
   */
  async #storeIn(trx: Kysely<CentralDatabase>, computed: Computed[]): Promise<Row[]> {
    const held = new Map(
      (
        await findRosterEntries(
          trx,
          computed.map((c) => c.room_number),
        )
      ).map((r) => [r.room_number, r]),
    );
    const changes = computed.filter((c) => {
      const h = held.get(c.room_number);
      return !(h && same(h, c));
    });
    if (changes.length === 0) return [];
    let version = await maxRosterVersion(trx);
    const asOf = this.#o.clock.now().toISOString();
    const rows: Row[] = changes.map((c) => ({ ...c, as_of: asOf, version: ++version }));
    await upsertRosterEntries(trx, rows);
    return rows;
  }

  #lastNameKey(stayRef: string, lastName: string): string | null {
    const known = this.#nameKeys.get(stayRef);
    if (known && known.lastName === lastName) return known.key;
    const key = rosterLastNameKey(stayRef, lastName);
    this.#nameKeys.delete(stayRef);
    this.#nameKeys.set(stayRef, { lastName, key });
    if (this.#nameKeys.size > 5000) {
      const oldest = this.#nameKeys.keys().next().value;
      if (oldest !== undefined) this.#nameKeys.delete(oldest);
    }
    return key;
  }

  /** One roster change at a time: versions grow strictly and no two writers race on an entry. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#chain.then(work, work);
    this.#chain = next.catch(() => {});
    return next;
  }
}

function credit(pmsAvailable: number | null, open: number): number | null {
  return pmsAvailable === null ? null : pmsAvailable - open;
}

/** Same content; the PMS's own figure and time may move while what the outlet sees does not. */
function same(a: Row, b: Computed): boolean {
  return (
    a.in_house === b.in_house &&
    a.stay_ref === b.stay_ref &&
    a.masked_name === b.masked_name &&
    a.last_name_key === b.last_name_key &&
    a.check_in === b.check_in &&
    a.check_out === b.check_out &&
    a.currency === b.currency &&
    a.no_post === b.no_post &&
    a.open_minor === b.open_minor &&
    a.available_credit_minor === b.available_credit_minor
  );
}

function toEntry(r: Row): RosterEntry {
  return {
    roomNumber: r.room_number,
    inHouse: r.in_house === 1,
    stayRef: r.stay_ref,
    maskedName: r.masked_name,
    lastNameKey: r.last_name_key,
    checkIn: r.check_in,
    checkOut: r.check_out,
    currency: r.currency,
    noPost: r.no_post === 1,
    availableCreditMinor: r.available_credit_minor,
    asOf: r.as_of,
    version: r.version,
  };
}
