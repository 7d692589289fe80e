import type { ChargeStatusMessage, Logger } from '@roompost/sync';
import type { Kysely } from 'kysely';
import { CentralError } from '../central-error.js';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import { type PmsAdapter, PmsError } from '../pms/adapter.js';
import { chargeRequestOf, type OutletContext } from '../postings/charge-request.js';
import { chargeStatusOf } from '../postings/charge-status.js';
import type { RetryPolicy } from '../postings/posting-pipeline.js';
import { findCharge, type RoomChargeRow } from '../postings/room-charge.repository.js';
import {
  type ChargeVoidRow,
  findDueVoids,
  findVoidOf,
  insertVoidOnce,
  recordVoidAttempt,
  voidedAmong,
} from './charge-void.repository.js';
import { voidIdOf } from './void-id.js';

export interface VoidServiceOptions {
  db: Kysely<CentralDatabase>;
  adapter: PmsAdapter;
  clock: Clock;
  logger: Logger;
  retry: RetryPolicy;
  describeOutlet: OutletContext['describeOutlet'];
  requestExtras?: OutletContext['requestExtras'];
  /** Tells the device that made the charge its new status (the edge's charge-status topic). */
  notify: (device: string, status: ChargeStatusMessage) => Promise<void>;
  pollMs?: number;
}

export interface VoidResult {
  charge: RoomChargeRow;
  void: ChargeVoidRow;
}

/**
 * Seed 000 "Voided charges must also void in PMS". A void is its own record (the charge row is never
 * edited): sent at once with its own idempotency key, retried on the posting retry policy when the
 * PMS is unreachable, and the charge's `voided` status goes to the outlet once the PMS took it.
 */
export class VoidService {
  readonly #o: VoidServiceOptions;
  readonly #inFlight = new Map<string, Promise<ChargeVoidRow>>();
  #timer: NodeJS.Timeout | undefined;
  #sweep: Promise<void> | undefined;

  constructor(options: VoidServiceOptions) {
    this.#o = options;
  }

  start(): void {
    this.#timer = setInterval(() => this.#kick(), this.#o.pollMs ?? 5_000);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#sweep;
    await Promise.allSettled(this.#inFlight.values());
  }

  /** A manager voids a posted charge (or asks again for a void that has not gone through yet). */
  async request(chargeId: string, actor: string, reason: string): Promise<VoidResult> {
    const { db, adapter, clock } = this.#o;
    const charge = await findCharge(db, chargeId);
    if (!charge) throw new CentralError('NOT_FOUND', `no posting ${chargeId}`);
    const earlier = await findVoidOf(db, chargeId);
    if (earlier?.status === 'voided') return { charge, void: earlier };
    if (!earlier) {
      if (charge.posting_status !== 'posted') {
        throw new CentralError(
          'INVALID_STATE',
          `posting ${chargeId} is ${charge.posting_status}: only a posted charge is voided`,
          {
            context: { status: charge.posting_status },
          },
        );
      }
      if (!adapter.voidCharge || !adapter.features.has('void')) {
        throw new CentralError(
          'VOID_NOT_SUPPORTED',
          `the ${adapter.kind} PMS does not take reversals from roompost`,
          {
            context: { pms: adapter.kind },
          },
        );
      }
    }
    const now = clock.now().toISOString();
    const stored =
      earlier ??
      (await insertVoidOnce(db, {
        void_id: voidIdOf(chargeId),
        charge_id: chargeId,
        reason,
        requested_by: actor,
        requested_at: now,
        status: 'queued',
        attempts: 0,
        next_attempt_at: now,
        pms_void_id: null,
        error_code: null,
        error_message: null,
        voided_at: null,
      }));
    // A void that waits or was refused is sent again now, under the same key; the request is logged.
    const requested = await recordVoidAttempt(
      db,
      stored,
      { ...stored, status: 'queued', next_attempt_at: now },
      { at: now, outcome: 'void-requested', actor, note: reason },
    );
    return { charge, void: await this.#attempt(charge, requested) };
  }

  /** The charge's status as the outlet sees it, `voided` once the PMS took the void. */
  statusOf(charge: RoomChargeRow, voided: ChargeVoidRow | undefined): ChargeStatusMessage {
    return this.#statusOf(charge, voided?.status === 'voided');
  }

  /** Several charges' statuses at once, as statusOf (an outlet asking again after a reconnect). */
  async statusesOf(charges: RoomChargeRow[]): Promise<ChargeStatusMessage[]> {
    const voided = await voidedAmong(
      this.#o.db,
      charges.map((c) => c.id),
    );
    return charges.map((c) => this.#statusOf(c, voided.has(c.id)));
  }

  #statusOf(charge: RoomChargeRow, voided: boolean): ChargeStatusMessage {
    const status = chargeStatusOf(charge, this.#o.clock.now());
    return voided ? { ...status, status: 'voided', error: null } : status;
  }

  async processDue(): Promise<void> {
    const due = await findDueVoids(this.#o.db, this.#o.clock.now().toISOString(), 50);
    for (const row of due) {
      const charge = await findCharge(this.#o.db, row.charge_id);
      if (charge) await this.#attempt(charge, row);
    }
  }

  #kick(): void {
    if (this.#sweep) return;
    this.#sweep = this.processDue()
      .catch((err: unknown) => this.#o.logger.error({ err }, 'void sweep failed'))
      .finally(() => {
        this.#sweep = undefined;
      });
  }

  #attempt(charge: RoomChargeRow, row: ChargeVoidRow): Promise<ChargeVoidRow> {
    const running = this.#inFlight.get(row.void_id);
    if (running) return running;
    const attempt = this.#send(charge, row).finally(() => this.#inFlight.delete(row.void_id));
    this.#inFlight.set(row.void_id, attempt);
    return attempt;
  }

  async #send(charge: RoomChargeRow, row: ChargeVoidRow): Promise<ChargeVoidRow> {
    const { adapter, clock, db, retry, logger } = this.#o;
    const attempts = row.attempts + 1;
    try {
      if (!adapter.voidCharge) {
        throw new PmsError('VOID_NOT_SUPPORTED', `the ${adapter.kind} PMS does not take reversals`, {
          retryable: false,
        });
      }
      const result = await adapter.voidCharge({
        voidId: row.void_id,
        original: chargeRequestOf(charge, this.#o),
        pmsTransactionId: charge.pms_transaction_id ?? '',
        reason: row.reason,
      });
      const at = clock.now().toISOString();
      const done = await recordVoidAttempt(
        db,
        row,
        {
          status: 'voided',
          attempts,
          next_attempt_at: null,
          pms_void_id: result.pmsTransactionId,
          error_code: null,
          error_message: null,
          voided_at: at,
        },
        { at, outcome: 'void-posted', actor: null, note: null },
      );
      logger.info(
        { chargeId: charge.id, voidId: row.void_id, by: row.requested_by },
        'charge voided in the PMS',
      );
      if (charge.source === 'mqtt') {
        await this.#o.notify(charge.device, this.statusOf(charge, done)).catch((err: unknown) => {
          logger.warn({ err, chargeId: charge.id }, 'could not tell the device about the void');
        });
      }
      return done;
    } catch (err) {
      const pmsErr =
        err instanceof PmsError ? err : new PmsError('CONNECTION_FAILED', 'PMS call failed', { cause: err });
      const now = clock.now();
      // A 429 is the PMS asking for patience, not a failed attempt (as for postings): it is logged,
      // never counted toward the retry limit, and the void goes again when the PMS's wait is over.
      const throttled = pmsErr.code === 'RATE_LIMITED';
      const counted = throttled ? row.attempts : attempts;
      // An unknown outcome is not re-sent blindly: a manager checks the folio (as for postings).
      const outcome = throttled
        ? 'retry'
        : !pmsErr.retryable
          ? pmsErr.code === 'POSTING_UNKNOWN'
            ? 'failed'
            : 'rejected'
          : attempts > retry.maxRetries
            ? 'failed'
            : 'retry';
      const asked = pmsErr.context.retryAfterSeconds;
      const retryAt = throttled
        ? now.getTime() + (typeof asked === 'number' ? Math.max(asked, 1) : 1) * 1000
        : now.getTime() + retry.intervalMs * (retry.exponential ? 2 ** (attempts - 1) : 1);
      logger.warn({ chargeId: charge.id, attempts, code: pmsErr.code, outcome }, 'void did not go through');
      return recordVoidAttempt(
        db,
        row,
        {
          status: outcome === 'retry' ? 'queued' : outcome,
          attempts: counted,
          next_attempt_at: outcome === 'retry' ? new Date(retryAt).toISOString() : null,
          pms_void_id: null,
          error_code: pmsErr.code,
          error_message: pmsErr.message,
          voided_at: null,
        },
        { at: now.toISOString(), outcome: `void-${outcome}`, actor: null, note: null },
      );
    }
  }
}

/** The void as the API shows it. */
export function voidView(row: ChargeVoidRow) {
  return {
    voidId: row.void_id,
    status: row.status,
    reason: row.reason,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    pmsVoidId: row.pms_void_id,
    voidedAt: row.voided_at,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message },
  };
}
