// Requests over an Alive FIAS link: PR inquiries (→ PL or PA), PR/PS postings (→ PA), database
// resync (DR → DS, GI/GO…, DE). Every answer is correlated by P# only (p.80: P# is echoed in the
// answer; never correlate by room number). One posting is in flight at a time (p.24: wait for the PA
// before the next posting), but an inquiry does not wait behind a slow posting: up to
// MAX_INQUIRIES go alongside it, so one slow PMS answer cannot stall every outlet's lookups. A resync
// runs alone (p.36). Requests made while the link is down or ended wait, bounded, in order (p.29:
// buffer non-discardable records until the link is back).
import type { Logger } from '@roompost/sync';
import type { Clock } from '../../clock.js';
import { PmsError } from '../adapter.js';
import { FiasSendError } from './fias-channel.js';
import { describe, type FiasRecord, field, record } from './fias-codec.js';
import { fiasDateTime } from './fias-fields.js';
import type { FiasLink } from './fias-link.js';

export interface ClientTimeouts {
  /** p.24: wait at least 30 s for an answer… */
  answerMs: number;
  /** …and 60 s for a PR posting. */
  postingMs: number;
  /** How long a request may wait for the link to become Alive before it fails (never sent). */
  linkWaitMs: number;
}

export type RequestKind = 'inquiry' | 'posting' | 'resync';

interface Request {
  kind: RequestKind;
  build: (sequence: string) => FiasRecord;
  resolve(recs: FiasRecord[]): void;
  reject(err: PmsError): void;
  sequence: string | null;
  waitTimer: NodeJS.Timeout | null;
  answerTimer: NodeJS.Timeout | null;
  collected: FiasRecord[];
}

const MAX_SEQUENCE = 99_999_999;
const MAX_INQUIRIES = 4;
const ANSWER_TYPES = new Set(['PL', 'PA']);
const RESYNC_TYPES = new Set(['GI', 'GO', 'GC']);

export interface ClientOptions {
  link: FiasLink;
  timeouts: ClientTimeouts;
  clock: Clock;
  timeZone: string;
  logger: Logger;
  /** First P# (1–99,999,999, p.80). */
  firstSequence?: number;
}

export class FiasClient {
  readonly #o: ClientOptions;
  readonly #queue: Request[] = [];
  readonly #inFlight = new Set<Request>();
  #sequence: number;
  #resyncing = false;
  #timedOut = new Map<string, RequestKind>();
  #listeners: Array<(rec: FiasRecord) => void> = [];

  constructor(opts: ClientOptions) {
    this.#o = opts;
    this.#sequence = (opts.firstSequence ?? 1) - 1;
    opts.link.onRecord((rec) => this.#onRecord(rec));
    opts.link.onState((state) => {
      if (state === 'alive') this.#pump();
      else this.#linkLost(state);
    });
  }

  /** Unsolicited records (GI/GO/GC, NS/NE, DS/DE of a PMS-started resync) for whoever listens. */
  onUnsolicited(cb: (rec: FiasRecord) => void): void {
    this.#listeners.push(cb);
  }

  /** Sends a record carrying P#; resolves with the matching PL or PA. */
  request(kind: 'inquiry' | 'posting', build: (sequence: string) => FiasRecord): Promise<FiasRecord> {
    return this.#enqueue(kind, build).then((recs) => recs[0]!);
  }

  /** DR → DS, GI/GO…, DE (p.36). Never periodically: "NEVER request Database Swap requests periodically". */
  resync(): Promise<FiasRecord[]> {
    return this.#enqueue('resync', () => this.#stamp('DR'));
  }

  /** Fails whatever waits (used on close). */
  abort(reason: string): void {
    for (const r of this.#queue.splice(0)) this.#fail(r, connectionFailed(reason));
    this.#failInFlight(reason);
  }

  #enqueue(kind: RequestKind, build: (sequence: string) => FiasRecord): Promise<FiasRecord[]> {
    return new Promise((resolve, reject) => {
      const req: Request = {
        kind,
        build,
        resolve,
        reject,
        sequence: null,
        waitTimer: null,
        answerTimer: null,
        collected: [],
      };
      req.waitTimer = setTimeout(() => {
        req.waitTimer = null;
        const i = this.#queue.indexOf(req);
        if (i < 0) return;
        this.#queue.splice(i, 1);
        const state = this.#o.link.state;
        reject(connectionFailed(`link not alive within ${this.#o.timeouts.linkWaitMs} ms (${state})`));
      }, this.#o.timeouts.linkWaitMs);
      this.#queue.push(req);
      this.#pump();
    });
  }

  #pump(): void {
    // p.36: nothing is sent to the PMS during a resync.
    while (!this.#resyncing && this.#o.link.state === 'alive') {
      const i = this.#queue.findIndex((r) => this.#mayStart(r));
      // A resync at the head waits for what is in flight; nothing overtakes it.
      if (i < 0 || (this.#queue[0]?.kind === 'resync' && i > 0)) return;
      const [req] = this.#queue.splice(i, 1);
      if (req) this.#start(req);
    }
  }

  #mayStart(req: Request): boolean {
    const kinds = [...this.#inFlight].map((r) => r.kind);
    if (req.kind === 'resync') return kinds.length === 0;
    if (kinds.includes('resync')) return false;
    if (req.kind === 'posting') return !kinds.includes('posting');
    return kinds.filter((k) => k === 'inquiry').length < MAX_INQUIRIES;
  }

  #start(req: Request): void {
    if (req.waitTimer) clearTimeout(req.waitTimer);
    req.waitTimer = null;
    this.#inFlight.add(req);
    const seq = this.#nextSequence();
    req.sequence = req.kind === 'resync' ? null : seq;
    if (req.kind === 'resync') this.#resyncing = true;
    const rec = req.build(seq);
    const ms = req.kind === 'posting' ? this.#o.timeouts.postingMs : this.#o.timeouts.answerMs;
    req.answerTimer = setTimeout(() => this.#timeout(req), ms);
    this.#o.link.send(rec).catch((err: unknown) => {
      if (!this.#inFlight.has(req)) return;
      const maybe = err instanceof FiasSendError ? err.maybeDelivered : true;
      const reason = `send failed: ${(err as Error).message}`;
      this.#settle(req);
      this.#fail(req, req.kind === 'posting' && maybe ? unknown(req, reason) : connectionFailed(reason));
    });
  }

  #onRecord(rec: FiasRecord): void {
    const resync = [...this.#inFlight].find((r) => r.kind === 'resync');
    if (ANSWER_TYPES.has(rec.type)) {
      const seq = field(rec, 'P#');
      const req = [...this.#inFlight].find((r) => r.sequence !== null && r.sequence === seq);
      if (req) {
        this.#settle(req);
        req.resolve([rec]);
        return;
      }
      const late = seq === undefined ? undefined : this.#timedOut.get(seq);
      // A PA after its request timed out tells a manager what became of an unknown posting: keep it loud.
      if (late)
        this.#o.logger.warn(
          { record: describe(rec), kind: late },
          'fias: late answer for a timed-out request',
        );
      else this.#o.logger.warn({ record: describe(rec) }, 'fias: answer for a P# nobody sent; ignored');
      return;
    }
    if (rec.type === 'DS') {
      this.#resyncing = true;
      if (!resync) this.#emit(rec);
      return;
    }
    if (rec.type === 'DE') {
      this.#resyncing = false;
      if (resync) {
        this.#settle(resync);
        resync.resolve(resync.collected);
      } else this.#emit(rec);
      this.#pump();
      return;
    }
    if (resync && RESYNC_TYPES.has(rec.type)) {
      resync.collected.push(rec);
      return;
    }
    this.#emit(rec);
  }

  #timeout(req: Request): void {
    if (!this.#inFlight.has(req)) return;
    if (req.sequence) this.#rememberTimeout(req.sequence, req.kind);
    if (req.kind === 'resync') this.#resyncing = false;
    this.#settle(req);
    this.#fail(
      req,
      req.kind === 'posting'
        ? unknown(req, 'no PA within the posting timeout')
        : connectionFailed(`no answer within ${this.#o.timeouts.answerMs} ms`),
    );
  }

  #linkLost(state: string): void {
    this.#resyncing = false;
    this.#failInFlight(`link ${state}`);
  }

  #failInFlight(reason: string): void {
    for (const req of [...this.#inFlight]) {
      this.#settle(req);
      this.#fail(req, req.kind === 'posting' ? unknown(req, reason) : connectionFailed(reason));
    }
  }

  #settle(req: Request): void {
    if (req.answerTimer) clearTimeout(req.answerTimer);
    req.answerTimer = null;
    this.#inFlight.delete(req);
    queueMicrotask(() => this.#pump());
  }

  #fail(req: Request, err: PmsError): void {
    if (req.waitTimer) clearTimeout(req.waitTimer);
    req.reject(err);
  }

  #rememberTimeout(sequence: string, kind: RequestKind): void {
    this.#timedOut.set(sequence, kind);
    const oldest = this.#timedOut.keys().next();
    if (this.#timedOut.size > 100 && !oldest.done) this.#timedOut.delete(oldest.value);
  }

  #nextSequence(): string {
    // p.80: P# 1–99999999, no leading zeros; wrap past the top back to 1, never 0.
    this.#sequence = this.#sequence >= MAX_SEQUENCE ? 1 : this.#sequence + 1;
    return String(this.#sequence);
  }

  #stamp(type: string): FiasRecord {
    const { DA, TI } = fiasDateTime(this.#o.clock.now(), this.#o.timeZone);
    return record(type, [
      ['DA', DA],
      ['TI', TI],
    ]);
  }

  #emit(rec: FiasRecord): void {
    for (const cb of this.#listeners) cb(rec);
  }
}

function connectionFailed(reason: string): PmsError {
  return new PmsError('CONNECTION_FAILED', `FIAS: ${reason}`, { retryable: true });
}

function unknown(req: Request, reason: string): PmsError {
  // FIAS has no idempotency key (reference §1.7): a posting that may have arrived is never re-sent.
  return new PmsError('POSTING_UNKNOWN', `FIAS posting P#${req.sequence}: ${reason}`, {
    retryable: false,
    context: { sequence: req.sequence },
  });
}
