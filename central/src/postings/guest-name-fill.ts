// A self-service kiosk only ever sees the guest's initials (DESIGN "Security": a guest screen never
// shows a full name), so its charge reaches central as `J. W****`. Central knows the stay: it answered
// the outlet's lookup (and the live re-check before the charge) itself, and remembers the folio's name
// per stay from those answers. Once the charge is stored, that name goes on central's own record
// (console, postings API, reconciliation) at no PMS request. Only when central has not seen the stay
// (restarted since, an offline stand-in charge) does it ask the PMS, once per stay however many
// charges arrive. Nothing goes back to the outlet: the charge status carries no name. Done after the
// ack, so the guest never waits on it; a PMS that does not answer leaves the initials, logged.
import { inLists, QueryTemplate } from '@roompost/folio';
import type { Logger, RoomLookup } from '@roompost/sync';
import { type Kysely, sql } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';
import type { PmsAdapter } from '../pms/adapter.js';

export interface GuestNameFillDeps {
  db: Kysely<CentralDatabase>;
  adapter: Pick<PmsAdapter, 'lookupRoom'>;
  logger: Logger;
  /** Stays remembered (most recently seen kept); default 5,000. */
  capacity?: number;
}

export interface MaskedCharge {
  chargeId: string;
  roomNumber: string;
  stayRef: string | null;
  guestName: string | null;
}

interface NameWrite {
  id: string;
  name: string;
  /** The name the charge was stored with ('' for none): only that is replaced, never one written since. */
  masked: string;
}

export class GuestNameFill {
  readonly #d: GuestNameFillDeps;
  readonly #update: QueryTemplate<NameWrite, never>;
  /** Names to write, gathered over one turn of the event loop and written in one transaction. */
  #writes: Array<{ write: NameWrite; settle: (err?: unknown) => void }> = [];
  readonly #pending = new Set<Promise<void>>();
  /** stayRef → the folio's guest name, from lookups central answered; insertion order = recency. */
  readonly #names = new Map<string, string>();
  /** stayRef → the PMS lookup under way for it (one per stay, however many charges wait on it). */
  readonly #asking = new Map<string, Promise<string | undefined>>();

  constructor(deps: GuestNameFillDeps) {
    this.#d = deps;
    this.#update = new QueryTemplate<NameWrite, never>(['id', 'name', 'masked'], (a) =>
      deps.db
        .updateTable('room_charges')
        .set({ guest_name: a.name })
        .where('id', '=', a.id)
        .where(sql<string>`coalesce(guest_name, '')`, '=', a.masked),
    );
  }

  /** A lookup central answered (an outlet's, the API's, the roster's): remember the stay's name. */
  seen(lookup: RoomLookup): void {
    if (!lookup.stayRef || !lookup.guest.name) return;
    this.#names.delete(lookup.stayRef);
    this.#names.set(lookup.stayRef, lookup.guest.name);
    if (this.#names.size > (this.#d.capacity ?? 5000)) {
      const oldest = this.#names.keys().next().value;
      if (oldest !== undefined) this.#names.delete(oldest);
    }
  }

  /**
   * The charge as central stores it: with the folio's name when central remembers this stay (written
   * with the charge, no second statement); the charge as it came otherwise (then `fill` it once stored).
   */
  named<C extends MaskedCharge>(charge: C): C {
    const name = charge.stayRef ? this.#names.get(charge.stayRef) : undefined;
    return name ? { ...charge, guestName: name } : charge;
  }

  /** Starts filling in the name of a charge just stored; `idle()` waits for every fill started. */
  fill(charge: MaskedCharge): void {
    const work = this.#fill(charge).finally(() => this.#pending.delete(work));
    this.#pending.add(work);
  }

  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  async #fill({ chargeId, roomNumber, stayRef, guestName }: MaskedCharge): Promise<void> {
    if (!stayRef) return;
    try {
      const name = this.#names.get(stayRef) ?? (await this.#ask(roomNumber, stayRef));
      if (!name) {
        this.#d.logger.info(
          { chargeId, roomNumber },
          "the room's stay is not the charge's: the name stays masked",
        );
        return;
      }
      await this.#write({ id: chargeId, name, masked: guestName ?? '' });
    } catch (err) {
      this.#d.logger.warn({ err, chargeId, roomNumber }, "guest's name not filled in: it stays masked");
    }
  }

  /**
   * A backlog after a restart (no stay seen yet) fills every charge: their updates are written
   * together, one transaction (and one fsync) per turn of the event loop, and one statement per stay
   * (a burst's charges are all stored before the first lookup answers), not one each.
   */
  #write(write: NameWrite): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#writes.push({ write, settle: (err) => (err === undefined ? resolve() : reject(err)) });
      if (this.#writes.length === 1) setImmediate(() => void this.#flush());
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#writes;
    this.#writes = [];
    // The charges of one stay get the same name over the same initials: one UPDATE for all of them.
    const groups = new Map<string, { name: string; masked: string; ids: string[] }>();
    for (const { write } of batch) {
      const key = `${write.name}\u0000${write.masked}`;
      const group = groups.get(key);
      if (group) group.ids.push(write.id);
      else groups.set(key, { name: write.name, masked: write.masked, ids: [write.id] });
    }
    try {
      await this.#d.db.transaction().execute(async (trx) => {
        for (const { name, masked, ids } of groups.values()) {
          if (ids.length === 1) {
            await this.#update.execute(trx, { id: ids[0] as string, name, masked });
            continue;
          }
          for (const list of inLists(ids)) {
            await trx
              .updateTable('room_charges')
              .set({ guest_name: name })
              .where('id', 'in', list)
              .where(sql<string>`coalesce(guest_name, '')`, '=', masked)
              .execute();
          }
        }
      });
      for (const w of batch) w.settle();
    } catch (err) {
      for (const w of batch) w.settle(err);
    }
  }

  /** Asks the PMS who is in the room; a name only when it is still this stay. */
  #ask(roomNumber: string, stayRef: string): Promise<string | undefined> {
    let asking = this.#asking.get(stayRef);
    if (!asking) {
      asking = this.#d.adapter
        .lookupRoom(roomNumber)
        .then((found) => {
          // Another stay in the room now (the guest left, the next arrived): that name is not this charge's.
          if (found.stayRef !== stayRef || !found.guest.name) return undefined;
          this.seen(found);
          return found.guest.name;
        })
        .finally(() => this.#asking.delete(stayRef));
      this.#asking.set(stayRef, asking);
    }
    return asking;
  }
}
