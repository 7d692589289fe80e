// A self-service kiosk only ever sees the guest's initials (DESIGN "Security": a guest screen never
// shows a full name), so its charge reaches central as `J. W****`. Central knows the stay: once the
// charge is stored, it asks the PMS who is in the room and, when that is the same stay, writes the
// folio's name on its own record (console, postings API, reconciliation). Nothing goes back to the
// outlet: the charge status carries no name. Done after the ack, so the guest never waits on it; a
// PMS that does not answer leaves the initials, logged.
import type { Logger } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';
import type { PmsAdapter } from '../pms/adapter.js';

export interface GuestNameFillDeps {
  db: Kysely<CentralDatabase>;
  adapter: Pick<PmsAdapter, 'lookupRoom'>;
  logger: Logger;
}

export interface MaskedCharge {
  chargeId: string;
  roomNumber: string;
  stayRef: string | null;
  guestName: string | null;
}

export class GuestNameFill {
  readonly #d: GuestNameFillDeps;
  readonly #pending = new Set<Promise<void>>();

  constructor(deps: GuestNameFillDeps) {
    this.#d = deps;
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
      const found = await this.#d.adapter.lookupRoom(roomNumber);
      // Another stay in the room now (the guest left, the next arrived): that name is not this charge's.
      if (found.stayRef !== stayRef || !found.guest.name) {
        this.#d.logger.info(
          { chargeId, roomNumber },
          "the room's stay is not the charge's: the name stays masked",
        );
        return;
      }
      await this.#d.db
        .updateTable('room_charges')
        .set({ guest_name: found.guest.name })
        .where('id', '=', chargeId)
        // Only the name the kiosk sent is replaced, never one written since.
        .where((eb) => (guestName === null ? eb('guest_name', 'is', null) : eb('guest_name', '=', guestName)))
        .execute();
    } catch (err) {
      this.#d.logger.warn({ err, chargeId, roomNumber }, "guest's name not filled in: it stays masked");
    }
  }
}
