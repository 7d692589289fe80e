import { CHARGE_STATUSES_MAX, type ChargeStatusMessage, type Logger } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import { isFinal } from './charge-state.js';
import { sqliteOutboxStore } from './outbox-store.js';

export interface StatusResyncDeps {
  db: Kysely<EdgeDatabase>;
  /** Central over MQTT RPC (RpcClient.chargeStatuses). */
  central: { chargeStatuses(chargeIds: string[]): Promise<{ statuses: ChargeStatusMessage[] }> };
  logger: Logger;
  now: () => Date;
  /** Whether the link to central is up; a failed pass is tried again only while it is. */
  online: () => boolean;
  /** A charge's status changed here (the kiosk and the day's summary are told). */
  onChanged: (chargeId: string) => void;
  /** Posted charges changed within this long are asked about too: a void can follow (default 7 days). */
  recentMs?: number;
  /** A pass central did not answer is tried again after this long while connected (default 15 s). */
  retryMs?: number;
  /** When the relay asks again about a charge that is still not final (default 60 s). */
  pollMs?: number;
}

/** Statuses central may still change: everything but voided, rejected and withdrawn. */
const OPEN = ['pending', 'accepted', 'queued', 'held', 'failed'] as const;

/**
 * Final statuses re-synced: on every connect to central the edge asks where each of its charges
 * stands that is not final yet, or is posted and changed recently (a manager may void it at
 * central). A status published while the edge was away can be lost with a restarted broker (a
 * `voided` above all, which nothing else would ever send again); this pass fetches it instead of
 * waiting for it. At most CHARGE_STATUSES_MAX charges per request; a status is applied by the same
 * rules as one from the charge-status topic, so a late or repeated answer changes nothing.
 */
export class StatusResync {
  readonly #d: StatusResyncDeps;
  #running: Promise<void> | undefined;
  #again = false;
  #retry: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(deps: StatusResyncDeps) {
    this.#d = deps;
  }

  /** Asks about every open or recently posted charge (again after a running pass ends, if asked meanwhile). */
  resync(): void {
    if (this.#stopped) return;
    clearTimeout(this.#retry);
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#pass()
      .catch((err: unknown) => {
        this.#d.logger.warn({ err }, 'charge statuses not re-synced; will ask again');
        if (!this.#stopped && this.#d.online()) {
          this.#retry = setTimeout(() => this.resync(), this.#d.retryMs ?? 15_000);
          this.#retry.unref();
        }
      })
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.resync();
        }
      });
  }

  /** Resolves when no pass runs (tests and orderly shutdown). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retry);
    await this.idle();
  }

  async #pass(): Promise<void> {
    const { db, now } = this.#d;
    const store = sqliteOutboxStore(db, now);
    const since = new Date(now().getTime() - (this.#d.recentMs ?? 7 * 24 * 3_600_000)).toISOString();
    let after = '';
    let asked = 0;
    let differing = 0;
    for (;;) {
      const batch = await db
        .selectFrom('charges')
        .select(['id', 'status'])
        .where((eb) =>
          eb.or([
            eb('status', 'in', OPEN),
            eb.and([eb('status', '=', 'posted'), eb('updated_at', '>=', since)]),
          ]),
        )
        .where('id', '>', after)
        .orderBy('id')
        .limit(CHARGE_STATUSES_MAX)
        .execute();
      if (batch.length === 0) break;
      after = batch[batch.length - 1]?.id ?? after;
      asked += batch.length;
      const held = new Map(batch.map((c) => [c.id, c.status]));
      const { statuses } = await this.#d.central.chargeStatuses(batch.map((c) => c.id));
      for (const status of statuses) {
        // Only what was asked, and only a status that differs from the one held here.
        if (!held.has(status.chargeId) || held.get(status.chargeId) === status.status) continue;
        const next = isFinal(status.status) ? null : new Date(now().getTime() + (this.#d.pollMs ?? 60_000));
        await store.applyStatus(status, next);
        differing++;
        this.#d.onChanged(status.chargeId);
      }
      if (batch.length < CHARGE_STATUSES_MAX) break;
    }
    if (asked > 0) this.#d.logger.info({ asked, differing }, 'charge statuses re-synced with central');
  }
}
