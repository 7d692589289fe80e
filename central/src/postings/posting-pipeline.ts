import { GroupCommit, withoutTransactionLock } from '@roompost/folio';
import {
  type ChargeItem,
  type ChargeStatusMessage,
  type CreditOverride,
  chargeAmountColumns,
  type ErrorBody,
  type Logger,
} from '@roompost/sync';
import type { Kysely, Transaction } from 'kysely';
import { CentralError } from '../central-error.js';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import { type PmsAdapter, PmsError, type PmsPostingResult } from '../pms/adapter.js';
import { chargeRequestOf, type OutletContext } from './charge-request.js';
import { chargeStatusOf, refusedStatus } from './charge-status.js';
import { chargeContentHash, type HashedChargeContent } from './content-hash.js';
import {
  type AttemptLog,
  type AttemptOutcome,
  chargeRoadStatements,
  claimDue,
  claimOne,
  findCharge,
  findDue,
  insertIfNew,
  listHeld,
  markInDoubt,
  type RoomChargeRow,
  recordAttempt,
  releaseClaim,
} from './room-charge.repository.js';
import type { RoomChargeTable } from './room-charge.table.js';

/** The stored row of a charge as it arrives: not tried yet, or held for a manager. */
function roomChargeRowOf(
  charge: IncomingCharge,
  device: string,
  source: RoomChargeTable['source'],
  now: Date,
  hold: boolean,
  contentHash: string = chargeContentHash(charge),
): RoomChargeTable {
  // Every column named (no spread): see rowWith.
  const amounts = chargeAmountColumns(charge);
  return {
    id: charge.chargeId,
    device,
    source,
    outlet_code: charge.outletCode,
    check_number: charge.checkNumber,
    room_number: charge.roomNumber,
    stay_ref: charge.stayRef,
    guest_name: charge.guestName,
    currency: amounts.currency,
    subtotal_minor: amounts.subtotal_minor,
    tax_minor: amounts.tax_minor,
    tip_minor: amounts.tip_minor,
    total_minor: amounts.total_minor,
    items_json: JSON.stringify(charge.items),
    employee_id: charge.employeeId,
    created_at: charge.createdAt,
    received_at: now.toISOString(),
    content_hash: contentHash,
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
    withdrawn_at: null,
    withdrawn_by: null,
    withdrawn_reason: null,
    withdrawal_id: null,
    claimed_by: null,
    claimed_until: null,
    rate_limited_answers: 0,
  };
}

/**
 * A copy of a charge's row with an attempt's outcome (default: its own), every column named: V8
 * allocated about 4.6 KB for `{ ...row, ...outcome }` of these 37 columns, a tenth of that for the
 * literal (node 20, measured in isolation), and the charge road makes a few per charge.
 */
function rowWith(row: RoomChargeTable, o: AttemptOutcome = row): RoomChargeRow {
  return {
    id: row.id,
    device: row.device,
    source: row.source,
    outlet_code: row.outlet_code,
    check_number: row.check_number,
    room_number: row.room_number,
    stay_ref: row.stay_ref,
    guest_name: row.guest_name,
    currency: row.currency,
    subtotal_minor: row.subtotal_minor,
    tax_minor: row.tax_minor,
    tip_minor: row.tip_minor,
    total_minor: row.total_minor,
    items_json: row.items_json,
    employee_id: row.employee_id,
    created_at: row.created_at,
    received_at: row.received_at,
    content_hash: row.content_hash,
    posting_status: o.posting_status,
    attempts: o.attempts,
    next_attempt_at: o.next_attempt_at,
    last_attempt_at: o.last_attempt_at,
    pms_transaction_id: o.pms_transaction_id,
    folio_balance_minor: o.folio_balance_minor,
    error_code: o.error_code,
    error_message: o.error_message,
    posted_at: o.posted_at,
    override_json: row.override_json,
    held_at: o.held_at,
    stand_in: row.stand_in,
    withdrawn_at: row.withdrawn_at,
    withdrawn_by: row.withdrawn_by,
    withdrawn_reason: row.withdrawn_reason,
    withdrawal_id: row.withdrawal_id,
    claimed_by: row.claimed_by,
    claimed_until: row.claimed_until,
    rate_limited_answers: o.rate_limited_answers,
  };
}

function pick(row: RoomChargeRow): AttemptOutcome {
  const { posting_status, attempts, next_attempt_at, last_attempt_at, pms_transaction_id } = row;
  const { folio_balance_minor, error_code, error_message, posted_at, held_at, rate_limited_answers } = row;
  return {
    posting_status,
    attempts,
    rate_limited_answers,
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
  notify: (device: string, status: ChargeStatusMessage, row: RoomChargeRow) => Promise<void>;
  /**
   * Called instead of `notify` when an attempt's outcome goes to the device as the answer to the
   * charge itself (`receive` with `answerWithinMs`): whatever `notify` does besides telling the device.
   */
  answered?: (row: RoomChargeRow) => void;
  /** How often due retries are looked for (new charges are posted at once, not at the poll). */
  pollMs?: number;
  /** Most charges taken per pass of the queue (and per batch to an adapter with `postCharges`). */
  batchSize?: number;
  /** Observers for metrics: a charge stored for the first time, an attempt's outcome. */
  onReceived?: (source: RoomChargeTable['source'], row: RoomChargeTable) => void;
  onAttempt?: (outcome: string) => void;
  /** After each attempt: true when the PMS could not be reached (or did not answer), false when it answered. */
  onPmsHealth?: (trouble: boolean) => void;
  /**
   * Several central workers on one PostgreSQL database: a charge is claimed (row lock, FOR UPDATE SKIP
   * LOCKED) before it is posted, for `leaseMs` (default 120 s); a claim whose worker died runs out and
   * another worker takes the charge over (the PMS's idempotency key makes a repeated send harmless).
   * Absent (one process, SQLite): the in-memory guard alone.
   */
  claims?: { worker: string; leaseMs?: number };
  /** Whether this worker runs the timed retry sweep (it holds the jobs' lock); absent: always. */
  isLeader?: () => boolean;
}

/** Where a withdrawal comes from when an outlet asks for it. */
export interface WithdrawFrom {
  /** The outlet's idempotency key for this withdrawal. */
  withdrawalId?: string;
  /** The charge as the outlet made it, stored straight as withdrawn if central never received it. */
  charge?: IncomingCharge;
  device?: string;
  /**
   * A manager (console) states that the PMS folio was checked and does not hold the charge. Needed
   * to withdraw a charge whose outcome is unknown at a PMS that cannot be read back (FIAS, HTNG).
   */
  folioChecked?: boolean;
}

export interface Received {
  status: ChargeStatusMessage;
  isNew: boolean;
  /**
   * With `answerWithinMs`, for a new charge that is posted at once: the charge after its first
   * attempt was recorded, or null when that took longer (the device is then told by `notify` as
   * usual). When it resolves with the row, the device has not been told: the caller answers with it.
   */
  attempted?: Promise<RoomChargeRow | null>;
}

/**
 * inbox → adapter → ack. Each charge id is stored once; posting is tried at once, then on the
 * retry policy's schedule; every attempt is logged. Within a process an in-memory guard keeps a charge
 * from being posted twice concurrently; several workers on one PostgreSQL database also claim each charge
 * with a row lock first (`claims`), so only one of them posts it.
 *
 * Speed: charges arriving together are stored in one transaction (group commit; each is answered
 * only after it), and the queue is drained pass after pass until nothing is due, with up to the
 * adapter's `postingConcurrency` postings in flight, or in batches of one transaction where the
 * adapter has `postCharges` (the built-in folio). Attempts are recorded by group commit too.
 */
export class PostingPipeline {
  readonly #o: PostingPipelineOptions;
  readonly #inFlight = new Map<string, Promise<RoomChargeRow>>();
  readonly #inserts: GroupCommit<CentralDatabase, RoomChargeTable, boolean>;
  readonly #attempts: GroupCommit<
    CentralDatabase,
    { id: string; outcome: AttemptOutcome; log: AttemptLog },
    void
  >;
  readonly #inDoubt: GroupCommit<CentralDatabase, string, void>;
  /** New charges whose first attempt's outcome is the answer to the charge (see `receive`). */
  readonly #answers = new Map<string, (row: RoomChargeRow | null) => void>();
  /**
   * New charges to post, as stored moments before (null while their insert has not committed): the
   * drain takes them from here instead of reading them back. An id here is never taken by the due
   * read, so each charge is taken once. Anything that changes a charge's row outside the drain takes it
   * out first (and the due read, next pass, finds it as the row says).
   */
  readonly #fresh = new Map<string, { row: RoomChargeRow | null }>();
  /**
   * Whether the next pass reads the due charges from the database: at start (charges stored before),
   * on each poll (retries whose time came), after a pass that failed, when a charge was not kept
   * in `#fresh`, and while the last read filled its page.
   */
  #dueRead = true;
  #timer: NodeJS.Timeout | undefined;
  #sweep: Promise<void> | undefined;
  #again = false;
  #lastContact: Date | null = null;
  /** The last attempt could not reach the PMS (or got no answer): a new charge is answered at once. */
  #unreachable = false;

  constructor(options: PostingPipelineOptions) {
    this.#o = options;
    const statements = chargeRoadStatements(options.db);
    // Storing a charge (unique id) and recording an attempt on a claimed charge stay correct beside
    // other workers' transactions: on PostgreSQL they skip the one transaction lock, a group per statement.
    const writer = withoutTransactionLock(options.db);
    this.#inserts = new GroupCommit(writer, statements.insertIfNew, 500, {
      writeMany: statements.insertMany,
    });
    this.#attempts = new GroupCommit(
      writer,
      (trx: Transaction<CentralDatabase>, a) => statements.writeAttempt(trx, a.id, a.outcome, a.log),
      500,
      { writeMany: statements.writeAttempts },
    );
    this.#inDoubt = new GroupCommit(options.db, markInDoubt);
  }

  start(): void {
    this.#timer = setInterval(() => {
      this.#dueRead = true;
      if (this.#o.isLeader?.() ?? true) this.kick();
    }, this.#o.pollMs ?? 5_000);
    this.kick();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    for (const answer of [...this.#answers.values()]) answer(null);
    while (this.#sweep) await this.#sweep;
    await Promise.allSettled(this.#inFlight.values());
    await this.#inserts.idle();
    await this.#attempts.idle();
    await this.#inDoubt.idle();
  }

  /**
   * Stores a charge (or recognises a replay) and says where it stands. Writes nothing on replay.
   *
   * `answerWithinMs`: a new charge that is posted at once is usually posted moments after it is
   * stored, and the device would be told twice in a row ("accepted", then "posted"). With this
   * option `attempted` resolves with the charge once its first attempt is recorded, if that happens
   * within the time, and the pipeline then leaves telling the device to the caller, which answers
   * the charge with the outcome instead of "accepted". Past the time it resolves null and the
   * caller answers with `status` ("accepted"); the outcome follows through `notify` as before.
   * Either answer is sent after a durable commit (the charge's, or its attempt's).
   */
  async receive(
    charge: IncomingCharge,
    device: string,
    source: RoomChargeTable['source'],
    options: { answerWithinMs?: number } = {},
  ): Promise<Received> {
    const now = this.#o.clock.now();
    const refused = this.#o.refuseOutlet?.(charge.outletCode);
    if (refused) {
      this.#o.logger.warn({ chargeId: charge.chargeId, outlet: charge.outletCode, device }, refused.message);
      return { isNew: false, status: refusedStatus(charge.chargeId, refused, now) };
    }
    const hash = chargeContentHash(charge);
    const hold = this.#o.holdOutlet?.(charge.outletCode) ?? false;
    const stored = roomChargeRowOf(charge, device, source, now, hold, hash);
    // Kept to be posted from memory (see #fresh); several workers claim from the database instead.
    const fresh = hold || this.#o.claims ? undefined : this.#keepFresh(charge.chargeId);
    let isNew: boolean;
    try {
      // Resolves after the commit of the group this insert joined: the answer is never ahead of the disk.
      isNew = await this.#inserts.submit(stored);
    } catch (err) {
      if (fresh && this.#fresh.get(charge.chargeId) === fresh) this.#fresh.delete(charge.chargeId);
      throw err;
    }
    if (isNew) this.#o.onReceived?.(source, stored);
    const row = isNew ? rowWith(stored) : await findCharge(this.#o.db, charge.chargeId);
    if (fresh && this.#fresh.get(charge.chargeId) === fresh) {
      if (isNew && row) fresh.row = row;
      else this.#fresh.delete(charge.chargeId);
    }
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
    // While the PMS cannot be reached an attempt may wait for the link's timeout: "accepted" at once,
    // so an edge that refills its window by answers keeps handing its backlog over.
    const within = this.#unreachable ? 0 : (options.answerWithinMs ?? 0);
    if (isNew && !hold && within > 0 && !this.#answers.has(charge.chargeId)) {
      return {
        isNew,
        status: chargeStatusOf(row, now),
        attempted: this.#answerWithin(charge.chargeId, within),
      };
    }
    return { isNew, status: chargeStatusOf(row, now) };
  }

  /** Most charges kept in `#fresh` (about 1 KB each); past it a burst is read back as before. */
  static readonly FRESH_MAX = 4_000;

  #keepFresh(id: string): { row: RoomChargeRow | null } | undefined {
    if (this.#fresh.has(id)) return undefined;
    if (this.#fresh.size >= PostingPipeline.FRESH_MAX) {
      this.#dueRead = true;
      return undefined;
    }
    const entry = { row: null };
    this.#fresh.set(id, entry);
    return entry;
  }

  /** Takes a charge out of `#fresh` before its row is changed elsewhere; the due read finds it then. */
  #notFresh(id: string): void {
    if (this.#fresh.delete(id)) this.#dueRead = true;
  }

  #answerWithin(id: string, ms: number): Promise<RoomChargeRow | null> {
    return new Promise((resolve) => {
      const done = (row: RoomChargeRow | null) => {
        clearTimeout(timer);
        if (this.#answers.get(id) === done) this.#answers.delete(id);
        resolve(row);
      };
      const timer = setTimeout(() => done(null), ms);
      this.#answers.set(id, done);
    });
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
    if (actor !== null) {
      for (const row of await listHeld(this.#o.db, 500)) await this.#release(row, actor, null, 'released');
    }
    this.#dueRead = true;
    this.kick();
    while (this.#sweep) await this.#sweep;
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
   * A manager found a charge whose outcome is unknown on the PMS folio (a PMS without read-back:
   * FIAS, HTNG): it is recorded as posted under the folio's reference, attributed, and never sent
   * again. Only for a charge sent without an answer (POSTING_UNKNOWN); anything else is INVALID_STATE.
   */
  async confirmPosted(
    id: string,
    actor: string,
    pmsReference: string,
    note: string | null,
  ): Promise<RoomChargeRow> {
    for (let running = this.#inFlight.get(id); running; running = this.#inFlight.get(id)) {
      await running.catch(() => undefined);
    }
    const row = await this.#waiting(id);
    if (row.error_code !== 'POSTING_UNKNOWN') {
      throw new CentralError('INVALID_STATE', `posting ${id} has no unknown outcome to confirm`, {
        context: { status: row.posting_status, errorCode: row.error_code },
      });
    }
    const at = this.#o.clock.now().toISOString();
    await recordAttempt(
      this.#o.db,
      id,
      {
        ...pick(row),
        posting_status: 'posted',
        next_attempt_at: null,
        pms_transaction_id: pmsReference,
        error_code: null,
        error_message: null,
        posted_at: at,
        held_at: null,
      },
      {
        attempt: row.attempts,
        at,
        outcome: 'posted',
        error_code: null,
        error_message: null,
        actor,
        note: note ?? `found on the PMS folio as ${pmsReference}`,
      },
    );
    this.#o.logger.info({ chargeId: id, actor, pmsReference }, 'unknown outcome confirmed on the PMS folio');
    const updated = (await findCharge(this.#o.db, id)) ?? row;
    if (updated.source === 'mqtt') await this.#tell(updated);
    return updated;
  }

  /**
   * Takes a charge off the queue for good: the outlet collected another tender ("Pay with card"
   * after a failed posting), or a manager withdrew it in the console. It becomes `withdrawn` (final;
   * never posted afterwards, Retry All included) with who, when and why. If an attempt to post it is
   * running, this waits for that attempt's outcome: a charge the PMS took is not withdrawn
   * (ALREADY_POSTED; it is voided instead). A charge central has not received yet is stored straight
   * as withdrawn from `charge` (the outlet sends its content), so a late copy is never posted.
   * Idempotent: withdrawing a withdrawn charge answers it as it is.
   */
  async withdraw(id: string, actor: string, reason: string, from: WithdrawFrom = {}): Promise<RoomChargeRow> {
    this.#notFresh(id);
    // Let an attempt that is running finish first; while this runs, post() answers with it.
    for (let running = this.#inFlight.get(id); running; running = this.#inFlight.get(id)) {
      await running.catch(() => undefined);
    }
    const done = this.#withdraw(id, actor, reason, from).finally(() => this.#inFlight.delete(id));
    this.#inFlight.set(id, done);
    return done;
  }

  async #withdraw(id: string, actor: string, reason: string, from: WithdrawFrom): Promise<RoomChargeRow> {
    const { clock, db } = this.#o;
    const now = clock.now();
    if (from.charge && from.device && !(await findCharge(db, id))) {
      const stored = roomChargeRowOf(from.charge, from.device, 'mqtt', now, false);
      await insertIfNew(db, { ...stored, posting_status: 'queued', next_attempt_at: null });
    }
    // Another worker may be posting it: wait for its claim to end, then hold the charge ourselves.
    if (this.#o.claims) await this.#claimForWithdrawal(id, this.#o.claims.worker);
    const row = await findCharge(db, id);
    if (!row) throw new CentralError('NOT_FOUND', `no posting ${id}`);
    if (row.posting_status === 'withdrawn') return row;
    if (row.posting_status === 'posted') {
      throw new CentralError('ALREADY_POSTED', `posting ${id} is already on the folio: void it instead`, {
        context: { status: row.posting_status, pmsTransactionId: row.pms_transaction_id },
      });
    }
    if (row.posting_status === 'rejected') {
      throw new CentralError('INVALID_STATE', `posting ${id} was rejected by the PMS: nothing to withdraw`, {
        context: { status: row.posting_status },
      });
    }
    if (row.error_code === 'POSTING_UNKNOWN') {
      try {
        await this.#settleUnknownBeforeWithdrawal(row, from);
      } catch (err) {
        if (this.#o.claims) await releaseClaim(db, id, this.#o.claims.worker);
        throw err;
      }
    }
    const at = now.toISOString();
    const outcome: AttemptOutcome = {
      ...pick(row),
      posting_status: 'withdrawn',
      next_attempt_at: null,
      held_at: null,
    };
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('room_charges')
        .set({
          ...outcome,
          withdrawn_at: at,
          withdrawn_by: actor,
          withdrawn_reason: reason,
          withdrawal_id: from.withdrawalId ?? null,
          claimed_by: null,
          claimed_until: null,
        })
        .where('id', '=', id)
        .where('posting_status', 'in', ['received', 'queued', 'failed'])
        .execute();
      await trx
        .insertInto('posting_attempts')
        .values({
          charge_id: id,
          attempt: row.attempts,
          at,
          outcome: 'withdrawn',
          error_code: null,
          error_message: null,
          actor,
          note: reason,
        })
        .execute();
    });
    this.#o.logger.info({ chargeId: id, actor, reason }, 'room charge withdrawn: it will not be posted');
    const updated = (await findCharge(db, id)) ?? row;
    if (updated.source === 'mqtt') await this.#tell(updated);
    return updated;
  }

  async #claimForWithdrawal(id: string, worker: string): Promise<void> {
    const { clock, db } = this.#o;
    const deadline = clock.now().getTime() + (this.#o.claims?.leaseMs ?? 120_000);
    while (!(await claimOne(db, id, worker, clock.now().toISOString(), this.#claimUntil()))) {
      if (!(await findCharge(db, id))) return; // not stored: nothing to wait for
      if (clock.now().getTime() > deadline) break; // the claim ran out meanwhile; the next try takes it
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async #waiting(id: string): Promise<RoomChargeRow> {
    const row = await findCharge(this.#o.db, id);
    if (!row) throw new CentralError('NOT_FOUND', `no posting ${id}`);
    if (!['received', 'queued', 'failed'].includes(row.posting_status)) {
      throw new CentralError('INVALID_STATE', `posting ${id} is ${row.posting_status}`, {
        context: { status: row.posting_status },
      });
    }
    return row;
  }

  async #tell(row: RoomChargeRow): Promise<void> {
    await this.#o.notify(row.device, chargeStatusOf(row, this.#o.clock.now()), row).catch((err: unknown) => {
      this.#o.logger.warn({ err, chargeId: row.id }, 'could not tell the device; it will ask again');
    });
  }

  /**
   * Looks for due charges now instead of at the next poll. A kick during a sweep makes the sweep
   * look again before it ends, so no charge waits for the poll while work is due.
   */
  kick(): void {
    if (this.#sweep) {
      this.#again = true;
      return;
    }
    this.#again = false;
    this.#sweep = this.#drain()
      .catch((err: unknown) => {
        this.#dueRead = true;
        this.#o.logger.error({ err }, 'posting sweep failed');
      })
      .finally(() => {
        this.#sweep = undefined;
        if (this.#again) this.kick();
      });
  }

  /** Tries to post one charge now (if it is still waiting) and returns its row afterwards. */
  post(id: string, current?: RoomChargeRow): Promise<RoomChargeRow> {
    // Posted here (or already in flight): the drain need not take it, nor read it back.
    const fresh = this.#fresh.get(id);
    if (fresh) {
      this.#fresh.delete(id);
      if (!fresh.row) this.#dueRead = true;
    }
    const running = this.#inFlight.get(id);
    if (running) return running;
    const attempt = this.#attempt(id, current).finally(() => this.#inFlight.delete(id));
    this.#inFlight.set(id, attempt);
    return attempt;
  }

  /**
   * Pass after pass until nothing is due: a burst is posted at once, not one page per poll. Batches
   * to the built-in folio overlap: the next batch is read and posted while the answers of the one
   * before are recorded (its charges stay in flight until then, so no pass takes them again).
   */
  async #drain(): Promise<void> {
    const { adapter } = this.#o;
    const size = this.#o.batchSize ?? (adapter.postCharges ? 400 : 100);
    let recording: Promise<unknown> = Promise.resolve();
    try {
      for (;;) {
        // A room lookup waiting to be read (the next guest's live re-check) is answered before this
        // pass reads and posts: its reads take a moment, a pass's statements several.
        await new Promise<void>((resolve) => setImmediate(resolve));
        this.#again = false;
        const now = this.#o.clock.now().toISOString();
        // The charges in flight when the read starts: the batch before may be recorded while the read
        // waits its turn, and its rows, read as still due, must not be taken again.
        const flying = new Set(this.#inFlight.keys());
        let due: RoomChargeRow[];
        let fromFresh: RoomChargeRow | undefined;
        if (this.#o.claims) {
          due = (await claimDue(this.#o.db, this.#o.claims.worker, now, this.#claimUntil(), size)).filter(
            (row) => !this.#inFlight.has(row.id),
          );
        } else {
          due = [];
          if (this.#dueRead) {
            this.#dueRead = false;
            due = (
              await findDue(this.#o.db, now, size + flying.size + this.#fresh.size, {
                skip: (id) => flying.has(id) || this.#inFlight.has(id) || this.#fresh.has(id),
                take: size,
              })
            ).filter((row) => !this.#inFlight.has(row.id) && !this.#fresh.has(row.id));
            // A full page: more may be due behind it.
            if (due.length >= size) this.#dueRead = true;
          }
          // The common case: the charges just stored, posted from the rows their insert wrote.
          for (const [id, entry] of this.#fresh) {
            if (due.length >= size) break;
            if (!entry.row) continue;
            this.#fresh.delete(id);
            if (!this.#inFlight.has(id)) {
              due.push(entry.row);
              fromFresh = entry.row;
            }
          }
        }
        if (due.length === 0) {
          if (this.#again) continue;
          return;
        }
        // An unknown outcome is read back first (#send): those go one by one.
        if (adapter.postCharges && due.length > 1 && due.every((r) => r.error_code !== 'POSTING_UNKNOWN')) {
          const { recorded } = await this.#postBatch(due, adapter.postCharges.bind(adapter));
          // At most one batch's answers still being recorded while the next is posted.
          await recording;
          recording = recorded;
          continue;
        }
        // One charge just stored (one at a time, the usual pass): posted from the row its insert wrote,
        // which is current (a change elsewhere takes it out of #fresh first), without reading it again.
        // The attempt starts in this turn, so nothing can change the row before it is taken.
        const only = due.length === 1 ? due[0] : undefined;
        if (only !== undefined && only === fromFresh) {
          await this.post(only.id, only);
          continue;
        }
        // A pool of workers: at most `postingConcurrency` postings in flight at the PMS.
        const queue = [...due];
        const workers = Math.max(1, Math.min(adapter.postingConcurrency ?? 4, queue.length));
        await Promise.all(
          Array.from({ length: workers }, async () => {
            for (let row = queue.shift(); row; row = queue.shift()) await this.post(row.id);
          }),
        );
      }
    } finally {
      await recording;
    }
  }

  /**
   * Due charges to an adapter that posts many in one go; each gets its own outcome and answer.
   * Resolves once the adapter answered, with a promise of the answers recorded and told.
   */
  async #postBatch(
    rows: RoomChargeRow[],
    postCharges: NonNullable<PmsAdapter['postCharges']>,
  ): Promise<{ recorded: Promise<unknown> }> {
    let answered!: () => void;
    const posted = new Promise<void>((resolve) => {
      answered = resolve;
    });
    const work = (async () => {
      let answers: Array<PmsPostingResult | PmsError>;
      try {
        answers = await postCharges(rows.map((row) => chargeRequestOf(row, this.#o)));
      } catch (err) {
        answers = rows.map(() => asPmsError(err));
      } finally {
        answered();
      }
      return Promise.all(rows.map((row, i) => this.#settle(row, answers[i] ?? asPmsError(undefined))));
    })();
    rows.forEach((row, i) => {
      const one = work.then((updated) => updated[i] ?? row);
      this.#inFlight.set(row.id, one);
      void one.finally(() => this.#inFlight.delete(row.id)).catch(() => {});
    });
    await posted;
    return { recorded: work };
  }

  /**
   * Posts the charge. After an unknown outcome (sent, no answer) the PMS is first asked whether it
   * already holds the charge; only when it does not is the charge sent again.
   */
  async #send(row: RoomChargeRow) {
    const { adapter } = this.#o;
    if (row.error_code === 'POSTING_UNKNOWN' && adapter.findPosting) {
      let found: PmsPostingResult | null | undefined;
      try {
        found = await adapter.findPosting(row.id, row.room_number);
      } catch (err) {
        // The read-back did not answer: the earlier attempt is still in doubt (its request may yet
        // arrive), so the charge stays POSTING_UNKNOWN and is read back again, never sent blindly.
        throw new PmsError(
          'POSTING_UNKNOWN',
          `could not read back an earlier attempt: ${asPmsError(err).message}`,
          {
            cause: err,
          },
        );
      }
      if (found) return found;
    }
    return adapter.postCharge(chargeRequestOf(row, this.#o));
  }

  /**
   * A charge sent to the PMS without an answer may be on the folio: withdrawing it (the guest then
   * pays by card) could take the money twice. Where the PMS can be read back, it is asked now: a
   * charge it holds is recorded as posted and the withdrawal refused (ALREADY_POSTED); one it does
   * not hold may be withdrawn. A read-back that fails, or a PMS without one (FIAS, HTNG) unless a
   * manager states the folio was checked, is refused as POSTING_UNKNOWN: the outcome is not known.
   */
  async #settleUnknownBeforeWithdrawal(row: RoomChargeRow, from: WithdrawFrom): Promise<void> {
    const { adapter, logger } = this.#o;
    if (!adapter.findPosting) {
      if (from.folioChecked === true) return;
      throw new CentralError(
        'POSTING_UNKNOWN',
        `posting ${row.id} was sent and the PMS never answered: it may be on the folio. ` +
          'A manager checks the folio in the PMS, then withdraws it stating the folio was checked',
        { context: { status: row.posting_status, readBack: false } },
      );
    }
    let found: PmsPostingResult | null;
    try {
      found = await adapter.findPosting(row.id, row.room_number);
    } catch (err) {
      throw new CentralError(
        'POSTING_UNKNOWN',
        `posting ${row.id} may be on the folio and the PMS could not be asked (${asPmsError(err).code}): ` +
          'it cannot be withdrawn until its outcome is read back',
        { context: { status: row.posting_status, readBack: true } },
      );
    }
    if (found) {
      const posted = await this.#settle(row, found);
      logger.warn({ chargeId: row.id }, 'withdrawal refused: the read-back found the charge on the folio');
      throw new CentralError(
        'ALREADY_POSTED',
        `posting ${row.id} is on the folio (read back): void it instead`,
        {
          context: { status: posted.posting_status, pmsTransactionId: posted.pms_transaction_id },
        },
      );
    }
    logger.info({ chargeId: row.id }, 'read back before withdrawal: the PMS does not hold the charge');
  }

  /** What a failed attempt leads to: retry later, a final rejection, or a manager's decision. */
  #classify(err: PmsError, attempt: number): 'rejected' | 'retry' | 'failed' {
    // `attempt` counts the sends the PMS did not throttle (429s are not failed attempts).
    if (err.code === 'POSTING_UNKNOWN') {
      // Never re-sent blindly: verified by read-back next time where the PMS allows it.
      return this.#o.adapter.findPosting && attempt <= this.#o.retry.maxRetries ? 'retry' : 'failed';
    }
    if (!err.retryable) return 'rejected';
    // The PMS asked us to wait (HTTP 429): nothing was booked, and it is not a failure of the charge,
    // so it never uses up the retries; it is sent again when the PMS's wait is over.
    if (err.code === 'RATE_LIMITED') return 'retry';
    return attempt > this.#o.retry.maxRetries ? 'failed' : 'retry';
  }

  #claimUntil(): string {
    return new Date(this.#o.clock.now().getTime() + (this.#o.claims?.leaseMs ?? 120_000)).toISOString();
  }

  /** `current`: the charge's row as it stands now (the drain's fresh row); read when absent. */
  async #attempt(id: string, current?: RoomChargeRow): Promise<RoomChargeRow> {
    const { claims, db } = this.#o;
    const claimed = claims
      ? await claimOne(db, id, claims.worker, this.#o.clock.now().toISOString(), this.#claimUntil())
      : undefined;
    const row = claimed ?? (claims ? undefined : current) ?? (await findCharge(db, id));
    if (!row) throw new Error(`unknown charge ${id}`);
    // Another worker is posting it: its outcome is the answer.
    if (claims && !claimed) return row;
    const notPostable =
      (row.posting_status !== 'received' && row.posting_status !== 'queued') ||
      // Held for a manager (outlet `autoPost: false`): only #release makes it postable.
      row.held_at !== null;
    if (notPostable) {
      if (claims) await releaseClaim(db, id, claims.worker);
      return row;
    }
    // A PMS that can be read back: committed as in doubt first, so a crash mid-send never leads to
    // a blind second send. (An adapter that posts batches is the built-in folio, which answers a
    // repeat from its own ledger.)
    const { adapter } = this.#o;
    if (adapter.findPosting && !adapter.postCharges && row.error_code !== 'POSTING_UNKNOWN') {
      await this.#inDoubt.submit(id);
    }
    let answer: PmsPostingResult | PmsError;
    try {
      answer = await this.#send(row);
    } catch (err) {
      answer = asPmsError(err);
    }
    return this.#settle(row, answer);
  }

  /** Records the PMS's answer to one attempt (group commit) and tells the device. */
  async #settle(row: RoomChargeRow, answer: PmsPostingResult | PmsError): Promise<RoomChargeRow> {
    const { clock, retry } = this.#o;
    const id = row.id;
    const attempt = row.attempts + 1;
    // A 429 is the PMS asking for patience, not a failed attempt: it is logged as an attempt but
    // never counts toward the retry limit (nor lengthens the retry interval).
    const throttled = answer instanceof PmsError && answer.code === 'RATE_LIMITED';
    const rateLimited = row.rate_limited_answers + (throttled ? 1 : 0);
    const counted = attempt - rateLimited;
    let outcome: AttemptOutcome;
    let logOutcome: 'posted' | 'rejected' | 'retry' | 'failed';
    if (!(answer instanceof PmsError)) {
      const at = clock.now().toISOString();
      logOutcome = 'posted';
      outcome = {
        posting_status: 'posted',
        attempts: attempt,
        rate_limited_answers: rateLimited,
        next_attempt_at: null,
        last_attempt_at: at,
        pms_transaction_id: answer.pmsTransactionId,
        folio_balance_minor: answer.folioBalanceMinor,
        error_code: null,
        error_message: null,
        posted_at: at,
        held_at: null,
      };
    } else {
      const pmsErr = answer;
      const now = clock.now();
      logOutcome = this.#classify(pmsErr, counted);
      const retryAt = now.getTime() + retryDelayMs(pmsErr, throttled ? rateLimited : counted, retry);
      outcome = {
        posting_status: logOutcome === 'retry' ? 'queued' : logOutcome,
        attempts: attempt,
        rate_limited_answers: rateLimited,
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
    await this.#attempts.submit({
      id,
      outcome,
      log: {
        attempt,
        at: outcome.last_attempt_at ?? clock.now().toISOString(),
        outcome: logOutcome,
        error_code: outcome.error_code,
        error_message: outcome.error_message,
      },
    });
    // The PMS answered unless the link failed or the answer never came.
    const unreachable =
      outcome.error_code === 'CONNECTION_FAILED' || outcome.error_code === 'POSTING_UNKNOWN';
    if (!unreachable) this.#lastContact = clock.now();
    this.#unreachable = unreachable;
    this.#o.onPmsHealth?.(unreachable);
    const updated = rowWith(row, outcome);
    const waiting = this.#answers.get(id);
    if (waiting) {
      // The charge's answer, still waiting, carries this outcome: the device is not told twice.
      waiting(updated);
      this.#o.answered?.(updated);
    } else if (updated.source === 'mqtt') await this.#tell(updated);
    return updated;
  }
}

/**
 * When a failed charge is tried again: after the PMS's own wait for a 429 (Retry-After, or a
 * back-off by the number of 429s where the PMS names none), else on the retry policy by the number
 * of counted (not throttled) attempts.
 */
function retryDelayMs(err: PmsError, attempt: number, retry: RetryPolicy): number {
  const asked = err.context.retryAfterSeconds;
  if (err.code === 'RATE_LIMITED')
    return typeof asked === 'number' ? Math.max(asked, 1) * 1000 : 1000 * 2 ** Math.min(attempt, 6);
  return retry.intervalMs * (retry.exponential ? 2 ** (attempt - 1) : 1);
}

function asPmsError(err: unknown): PmsError {
  return err instanceof PmsError ? err : new PmsError('CONNECTION_FAILED', 'PMS call failed', { cause: err });
}
