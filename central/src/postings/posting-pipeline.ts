import {
  ApiError,
  type ChargeItem,
  type ChargeStatusMessage,
  type CreditOverride,
  type ErrorBody,
  type Logger,
} from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import { type PmsAdapter, PmsError } from '../pms/adapter.js';
import { chargeRequestOf, type OutletContext } from './charge-request.js';
import { chargeStatusOf, refusedStatus } from './charge-status.js';
import { chargeContentHash, type HashedChargeContent } from './content-hash.js';
import {
  type AttemptOutcome,
  findCharge,
  findDue,
  insertIfNew,
  listHeld,
  type RoomChargeRow,
  recordAttempt,
} from './room-charge.repository.js';
import type { RoomChargeTable } from './room-charge.table.js';

function pick(row: RoomChargeRow): AttemptOutcome {
  const { posting_status, attempts, next_attempt_at, last_attempt_at, pms_transaction_id } = row;
  const { folio_balance_minor, error_code, error_message, posted_at, held_at } = row;
  return {
    posting_status,
    attempts,
    next_attempt_at,
    last_attempt_at,
    pms_transaction_id,
    folio_balance_minor,
    error_code,
    error_message,
    posted_at,
    held_at,
  };
}

export interface IncomingCharge extends HashedChargeContent {
  chargeId: string;
  stayRef: string | null;
  guestName: string | null;
  employeeId: string | null;
  createdAt: string;
  items: ChargeItem[];
  override?: CreditOverride | null | undefined;
  standIn?: boolean | undefined;
}

export interface RetryPolicy {
  /** Seed 000: "auto-retry failed postings up to 3 times", 5 minutes apart. */
  maxRetries: number;
  intervalMs: number;
  /** Double the wait after each failure instead of a fixed interval. */
  exponential?: boolean;
}

export interface PostingPipelineOptions {
  db: Kysely<CentralDatabase>;
  adapter: PmsAdapter;
  clock: Clock;
  logger: Logger;
  retry: RetryPolicy;
  /** Folio line text per outlet ("Pool Bar"); seed 000 `posting_description`. */
  describeOutlet: (outletCode: string) => string;
  /** The outlet's PMS codes and the posting options, added to each request to the PMS. */
  requestExtras?: OutletContext['requestExtras'];
  /**
   * True for an outlet with `autoPost: false`: its charges are stored but held (status `held`) until
   * a manager posts them (`processNow`, `retryNow`). Absent: every charge is posted at once.
   */
  holdOutlet?: (outletCode: string) => boolean;
  /** Refuses a charge for an outlet that may not charge to rooms (nothing is stored); null admits it. */
  refuseOutlet?: (outletCode: string) => ErrorBody | null;
  /** Tells the device that sent a charge where it stands; failures are logged, the edge asks again. */
  notify: (device: string, status: ChargeStatusMessage) => Promise<void>;
  /** How often due retries are looked for. */
  pollMs?: number;
  /** Observers for metrics: a charge stored for the first time, an attempt's outcome. */
  onReceived?: (source: RoomChargeTable['source']) => void;
  onAttempt?: (outcome: string) => void;
}

export interface Received {
  status: ChargeStatusMessage;
  isNew: boolean;
}

/**
 * inbox → adapter → ack. Each charge id is stored once; posting is tried at once, then on the
 * retry policy's schedule; every attempt is logged. One process owns the queue (an in-memory guard
 * keeps a charge from being posted twice concurrently); scale-out workers will need row locks.
 */
export class PostingPipeline {
  readonly #o: PostingPipelineOptions;
  readonly #inFlight = new Map<string, Promise<RoomChargeRow>>();
  #timer: NodeJS.Timeout | undefined;
  #sweep: Promise<void> | undefined;
  #lastContact: Date | null = null;

  constructor(options: PostingPipelineOptions) {
    this.#o = options;
  }

  start(): void {
    this.#timer = setInterval(() => this.kick(), this.#o.pollMs ?? 5_000);
    this.kick();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#sweep;
    await Promise.allSettled(this.#inFlight.values());
  }

  /** Stores a charge (or recognises a replay) and says where it stands. Writes nothing on replay. */
  async receive(
    charge: IncomingCharge,
    device: string,
    source: RoomChargeTable['source'],
  ): Promise<Received> {
    const now = this.#o.clock.now();
    const refused = this.#o.refuseOutlet?.(charge.outletCode);
    if (refused) {
      this.#o.logger.warn({ chargeId: charge.chargeId, outlet: charge.outletCode, device }, refused.message);
      return { isNew: false, status: refusedStatus(charge.chargeId, refused, now) };
    }
    const hash = chargeContentHash(charge);
    const hold = this.#o.holdOutlet?.(charge.outletCode) ?? false;
    const isNew = await insertIfNew(this.#o.db, {
      id: charge.chargeId,
      device,
      source,
      outlet_code: charge.outletCode,
      check_number: charge.checkNumber,
      room_number: charge.roomNumber,
      stay_ref: charge.stayRef,
      guest_name: charge.guestName,
      currency: charge.currency,
      subtotal_minor: charge.subtotalMinor,
      tax_minor: charge.taxMinor,
      tip_minor: charge.tipMinor,
      total_minor: charge.totalMinor,
      items_json: JSON.stringify(charge.items),
      employee_id: charge.employeeId,
      created_at: charge.createdAt,
      received_at: now.toISOString(),
      content_hash: hash,
      posting_status: hold ? 'queued' : 'received',
      attempts: 0,
      next_attempt_at: hold ? null : now.toISOString(),
      last_attempt_at: null,
      pms_transaction_id: null,
      folio_balance_minor: null,
      error_code: null,
      error_message: null,
      posted_at: null,
      override_json: charge.override ? JSON.stringify(charge.override) : null,
      held_at: hold ? now.toISOString() : null,
      stand_in: charge.standIn ? 1 : 0,
    });
    if (isNew) this.#o.onReceived?.(source);
    const row = await findCharge(this.#o.db, charge.chargeId);
    if (!row) throw new Error(`charge ${charge.chargeId} vanished after insert`);
    if (!isNew && row.content_hash !== hash) {
      this.#o.logger.error(
        { chargeId: charge.chargeId, device },
        'same charge id, different content: refused',
      );
      return {
        isNew: false,
        status: refusedStatus(
          charge.chargeId,
          { code: 'IDEMPOTENCY_CONFLICT', message: 'this charge id was received with different content' },
          now,
        ),
      };
    }
    return { isNew, status: chargeStatusOf(row, now) };
  }

  /** When the PMS last answered (posted or refused); null until it has. Shown on the queue screen. */
  get lastPmsContactAt(): Date | null {
    return this.#lastContact;
  }

  /**
   * Sweeps due charges now and resolves when done (seed 000 `POST /api/pms/queue/process`). With an
   * actor (a manager), held charges are released first and posted in the same sweep.
   */
  async processNow(actor: string | null = null): Promise<void> {
    await this.#sweep;
    if (actor !== null) {
      for (const row of await listHeld(this.#o.db, 500)) await this.#release(row, actor, null, 'released');
    }
    await this.#processDue();
  }

  /** Makes a held or waiting charge due now; the attempt log says who asked. */
  async #release(
    row: RoomChargeRow,
    actor: string,
    note: string | null,
    outcome: 'released' | 'manual-retry',
  ): Promise<void> {
    const now = this.#o.clock.now().toISOString();
    await recordAttempt(
      this.#o.db,
      row.id,
      { ...pick(row), posting_status: 'queued', next_attempt_at: now, held_at: null },
      { attempt: row.attempts, at: now, outcome, error_code: null, error_message: null, actor, note },
    );
  }

  /** A manager tries a waiting charge again now, whatever its schedule (seed 000 Retry). */
  async retryNow(id: string, actor: string, note: string | null): Promise<RoomChargeRow> {
    const row = await this.#waiting(id);
    await this.#release(row, actor, note, row.held_at === null ? 'manual-retry' : 'released');
    return this.post(id);
  }

  /**
   * A manager takes a charge off the queue: it will not be posted, and the outlet is told to
   * collect it by another tender. Only for charges the PMS does not hold (not posted).
   */
  async withdraw(id: string, actor: string, reason: string): Promise<RoomChargeRow> {
    const row = await this.#waiting(id);
    const { clock, db } = this.#o;
    const now = clock.now().toISOString();
    const outcome: AttemptOutcome = {
      ...pick(row),
      posting_status: 'rejected',
      next_attempt_at: null,
      held_at: null,
      error_code: 'POSTING_WITHDRAWN',
      error_message: `withdrawn by ${actor}: ${reason}`,
    };
    await recordAttempt(db, id, outcome, {
      attempt: row.attempts,
      at: now,
      outcome: 'withdrawn',
      error_code: 'POSTING_WITHDRAWN',
      error_message: null,
      actor,
      note: reason,
    });
    const updated = { ...row, ...outcome };
    if (updated.source === 'mqtt') await this.#tell(updated);
    return updated;
  }

  async #waiting(id: string): Promise<RoomChargeRow> {
    const row = await findCharge(this.#o.db, id);
    if (!row) throw new ApiError('NOT_FOUND', `no posting ${id}`);
    if (!['received', 'queued', 'failed'].includes(row.posting_status)) {
      throw new ApiError('INVALID_STATE', `posting ${id} is ${row.posting_status}`, {
        context: { status: row.posting_status },
      });
    }
    return row;
  }

  async #tell(row: RoomChargeRow): Promise<void> {
    await this.#o.notify(row.device, chargeStatusOf(row, this.#o.clock.now())).catch((err: unknown) => {
      this.#o.logger.warn({ err, chargeId: row.id }, 'could not tell the device; it will ask again');
    });
  }

  /** Looks for due charges now instead of at the next poll. */
  kick(): void {
    if (this.#sweep) return;
    this.#sweep = this.#processDue()
      .catch((err: unknown) => this.#o.logger.error({ err }, 'posting sweep failed'))
      .finally(() => {
        this.#sweep = undefined;
      });
  }

  /** Tries to post one charge now (if it is still waiting) and returns its row afterwards. */
  post(id: string): Promise<RoomChargeRow> {
    const running = this.#inFlight.get(id);
    if (running) return running;
    const attempt = this.#attempt(id).finally(() => this.#inFlight.delete(id));
    this.#inFlight.set(id, attempt);
    return attempt;
  }

  async #processDue(): Promise<void> {
    const due = await findDue(this.#o.db, this.#o.clock.now().toISOString(), 50);
    for (const row of due) await this.post(row.id);
  }

  /**
   * Posts the charge. After an unknown outcome (sent, no answer) the PMS is first asked whether it
   * already holds the charge; only when it does not is the charge sent again.
   */
  async #send(row: RoomChargeRow) {
    const { adapter } = this.#o;
    if (row.error_code === 'POSTING_UNKNOWN' && adapter.findPosting) {
      const found = await adapter.findPosting(row.id, row.room_number);
      if (found) return found;
    }
    return adapter.postCharge(chargeRequestOf(row, this.#o));
  }

  /** What a failed attempt leads to: retry later, a final rejection, or a manager's decision. */
  #classify(err: PmsError, attempt: number): 'rejected' | 'retry' | 'failed' {
    if (err.code === 'POSTING_UNKNOWN') {
      // Never re-sent blindly: verified by read-back next time where the PMS allows it.
      return this.#o.adapter.findPosting && attempt <= this.#o.retry.maxRetries ? 'retry' : 'failed';
    }
    if (!err.retryable) return 'rejected';
    return attempt > this.#o.retry.maxRetries ? 'failed' : 'retry';
  }

  async #attempt(id: string): Promise<RoomChargeRow> {
    const row = await findCharge(this.#o.db, id);
    if (!row) throw new Error(`unknown charge ${id}`);
    if (row.posting_status !== 'received' && row.posting_status !== 'queued') return row;
    // Held for a manager (outlet `autoPost: false`): only #release makes it postable.
    if (row.held_at !== null) return row;

    const { db, clock, retry } = this.#o;
    const attempt = row.attempts + 1;
    let outcome: AttemptOutcome;
    let logOutcome: 'posted' | 'rejected' | 'retry' | 'failed';
    try {
      const result = await this.#send(row);
      const at = clock.now().toISOString();
      logOutcome = 'posted';
      outcome = {
        posting_status: 'posted',
        attempts: attempt,
        next_attempt_at: null,
        last_attempt_at: at,
        pms_transaction_id: result.pmsTransactionId,
        folio_balance_minor: result.folioBalanceMinor,
        error_code: null,
        error_message: null,
        posted_at: at,
        held_at: null,
      };
    } catch (err) {
      const pmsErr =
        err instanceof PmsError ? err : new PmsError('CONNECTION_FAILED', 'PMS call failed', { cause: err });
      const now = clock.now();
      logOutcome = this.#classify(pmsErr, attempt);
      const retryAt = now.getTime() + retry.intervalMs * (retry.exponential ? 2 ** (attempt - 1) : 1);
      outcome = {
        posting_status: logOutcome === 'retry' ? 'queued' : logOutcome,
        attempts: attempt,
        next_attempt_at: logOutcome === 'retry' ? new Date(retryAt).toISOString() : null,
        last_attempt_at: now.toISOString(),
        pms_transaction_id: null,
        folio_balance_minor: null,
        error_code: pmsErr.code,
        error_message: pmsErr.message,
        posted_at: null,
        held_at: null,
      };
      this.#o.logger.warn(
        { chargeId: id, attempt, code: pmsErr.code, outcome: logOutcome },
        'posting did not go through',
      );
    }
    this.#o.onAttempt?.(logOutcome);
    await recordAttempt(db, id, outcome, {
      attempt,
      at: outcome.last_attempt_at ?? clock.now().toISOString(),
      outcome: logOutcome,
      error_code: outcome.error_code,
      error_message: outcome.error_message,
    });
    // The PMS answered unless the link failed or the answer never came.
    if (outcome.error_code !== 'CONNECTION_FAILED' && outcome.error_code !== 'POSTING_UNKNOWN') {
      this.#lastContact = clock.now();
    }
    const updated = { ...row, ...outcome };
    if (updated.source === 'mqtt') await this.#tell(updated);
    return updated;
  }
}
