import type { MqttClient } from 'mqtt';
import {
  type ChargeStatus,
  type ChargeStatusAck,
  type ChargeStatusMessage,
  chargeStatusMessage,
  decodePayload,
  topicFor,
} from '../contract/index.js';
import type { Logger } from '../logger.js';

export interface OutboxEntry {
  chargeId: string;
  /** The ChargeMessage exactly as stored in the edge's transaction, re-sent byte for byte. */
  payload: string;
  attempts: number;
}

/** The charge ids the relay has in flight. */
export interface InFlight {
  has(chargeId: string): boolean;
  readonly size: number;
}

/** The edge's persistent outbox, as the relay needs it. The edge implements it on its SQLite file. */
export interface OutboxStore {
  /**
   * Up to `limit` entries whose next attempt is due at `now`, oldest first, leaving out those in
   * `inFlight` (published, PUBACK not yet recorded) without reading their payloads again.
   */
  due(now: Date, limit: number, inFlight?: InFlight): Promise<OutboxEntry[]>;
  /** The broker acknowledged a publish (PUBACK); try again at `nextAttemptAt` unless central answers. */
  published(chargeId: string, nextAttemptAt: Date): Promise<void>;
  /**
   * Records central's answer. `nextAttemptAt` is null for a final status (posted, rejected): the
   * entry is done. Otherwise the relay asks again then, so a status lost with a restarted broker
   * is fetched again (a re-published charge is answered with its current status).
   * Returns false when the charge is unknown here.
   */
  applyStatus(status: ChargeStatusMessage, nextAttemptAt: Date | null): Promise<boolean>;
}

export interface OutboxRelayOptions {
  client: MqttClient;
  property: string;
  device: string;
  store: OutboxStore;
  logger: Logger;
  now?: () => Date;
  onStatus?: (status: ChargeStatusMessage) => void;
  /** First re-publish when central has not answered; grows ×1.5 per attempt up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How often to ask again about a charge central holds but has not yet posted. */
  pollMs?: number;
  tickMs?: number;
  /**
   * Bound on charges in flight: published and not yet answered by central (or, while central does
   * not answer in time, not yet acknowledged by the broker). mqtt.js silently loses callbacks past
   * 65,535 publishes in flight.
   */
  window?: number;
  /**
   * How long after its PUBACK a charge keeps its place in the window waiting for central's answer
   * (default 3 s: central answers a new charge within 2 s, with its outcome or "accepted"; under the
   * first re-publish, 5 s after the PUBACK). A charge not answered by then frees its place and the
   * window is refilled by PUBACKs until central answers in time again (or the next connect).
   * 0: PUBACKs refill the window (the relay before answers did).
   */
  answerWaitMs?: number;
}

const FINAL: ReadonlySet<ChargeStatus> = new Set(['posted', 'rejected', 'voided']);

/**
 * Publishes every outbox entry (QoS 1) until central answers with a status, re-publishing with a
 * capped back-off. Delivery is at-least-once; central deduplicates by charge id.
 */
export class OutboxRelay {
  readonly #o: Required<Omit<OutboxRelayOptions, 'onStatus'>> & Pick<OutboxRelayOptions, 'onStatus'>;
  readonly #statusTopic: string;
  readonly #chargeTopic: string;
  readonly #ackTopic: string;
  readonly #acks: ChargeStatusAck['acks'] = [];
  #ackTimer: NodeJS.Timeout | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  /** Publishes sent and not yet acknowledged (PUBACK) and recorded, by charge id. */
  readonly #inFlight = new Map<string, Promise<void>>();
  /**
   * Charges published since the last connect that central has not answered yet, with when their
   * PUBACK came (`performance.now()`; 0 before it). While `#byAnswers`, each holds its place in the
   * window until its answer: a backlog then goes to central no faster than central posts it, so
   * each charge is answered once, with its outcome, instead of "accepted" at once and "posted"
   * long after (two status messages, two records and two kiosk updates per charge).
   */
  readonly #unanswered = new Map<string, number>();
  #byAnswers = true;
  /**
   * Due entries read ahead of the window (one read per window's worth, not one per PUBACK) and when
   * they were read: a backlog streamed out one freed slot at a time read the ids of every entry in
   * flight again for each charge. Kept at most `tickMs`; a reconnect drops them.
   */
  #ahead: OutboxEntry[] = [];
  #aheadAt = 0;
  readonly #onMessage = (topic: string, payload: Buffer) => void this.#handle(topic, payload);
  readonly #onConnect = () => {
    this.#ahead = [];
    // Answers to publishes of the last session may never come (a new session, perhaps a new central).
    this.#unanswered.clear();
    this.#byAnswers = this.#o.answerWaitMs > 0;
    this.nudge();
  };

  constructor(options: OutboxRelayOptions) {
    this.#o = {
      now: () => new Date(),
      retryMs: 5_000,
      maxRetryMs: 60_000,
      pollMs: 60_000,
      tickMs: 1_000,
      window: 400,
      answerWaitMs: 3_000,
      ...options,
    };
    this.#byAnswers = this.#o.answerWaitMs > 0;
    this.#statusTopic = topicFor('chargeStatus', options.property, options.device);
    this.#ackTopic = topicFor('chargeStatusAck', options.property, options.device);
    this.#chargeTopic = topicFor('charge', options.property, options.device);
  }

  async start(): Promise<void> {
    const { client } = this.#o;
    client.on('message', this.#onMessage);
    client.on('connect', this.#onConnect);
    if (client.connected) await client.subscribeAsync(this.#statusTopic, { qos: 1 });
    else client.subscribe(this.#statusTopic, { qos: 1 }); // mqtt.js sends it once connected
    this.#timer = setInterval(() => {
      this.#expire();
      this.nudge();
    }, this.#o.tickMs);
    this.nudge();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    clearTimeout(this.#ackTimer);
    this.#o.client.off('message', this.#onMessage);
    this.#o.client.off('connect', this.#onConnect);
    await this.idle();
  }

  /**
   * Publish what is due now (called after a new charge commits, on connect, on every tick and as
   * each publish is acknowledged, so the window refills at the speed of the acks).
   */
  nudge(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain()
      .catch((err: unknown) => this.#o.logger.error({ err }, 'outbox relay pass failed'))
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.nudge();
        }
      });
  }

  /** Whether publishes are in flight or wait for central's answer (a backlog streaming out). */
  get busy(): boolean {
    return this.#inFlight.size > 0 || this.#unanswered.size > 0;
  }

  /** True while the window is refilled by central's answers; false while by PUBACKs (central answers late). */
  get refilledByAnswers(): boolean {
    return this.#byAnswers;
  }

  /** Places taken in the window: published and unanswered (or, refilled by PUBACKs, not yet acknowledged). */
  #occupied(): number {
    if (!this.#byAnswers) return this.#inFlight.size;
    // An answer can come before its PUBACK is recorded: such a publish still counts until then.
    let n = this.#unanswered.size;
    for (const id of this.#inFlight.keys()) if (!this.#unanswered.has(id)) n++;
    return n;
  }

  /**
   * Frees the places of charges central did not answer within `answerWaitMs` of their PUBACK and,
   * if there were any, refills the window by PUBACKs from now on: a central that answers late (or
   * an answer lost on the way) must not hold the backlog to a window per wait. The charges
   * themselves stay in the outbox and are published again on their schedule.
   */
  #expire(): void {
    if (this.#unanswered.size === 0) return;
    const cutoff = performance.now() - this.#o.answerWaitMs;
    let late = 0;
    for (const [id, at] of this.#unanswered) {
      if (at > 0 && at < cutoff) {
        this.#unanswered.delete(id);
        late++;
      }
    }
    if (late > 0 && this.#byAnswers) {
      this.#byAnswers = false;
      this.#o.logger.warn(
        { late, answerWaitMs: this.#o.answerWaitMs },
        'central did not answer charges in time: the outbox window is refilled by PUBACKs',
      );
    }
  }

  /** Resolves when no pass runs and no publish is in flight; for tests and orderly shutdown. */
  async idle(): Promise<void> {
    while (this.#running || this.#inFlight.size > 0) {
      await this.#running;
      await Promise.all(this.#inFlight.values());
    }
  }

  /**
   * Fills the window: up to `window` charges in flight at once. Each answered charge (or, while
   * central answers late, each acknowledged publish) frees its place and nudges the relay, so a
   * backlog streams out at the pace central posts it instead of one window per tick. An entry stays
   * due until `published` records its PUBACK, so the query skips the ones in flight; after that it
   * is due again 5 s on (the re-publish), whatever the window does.
   */
  async #drain(): Promise<void> {
    const { client, store, window } = this.#o;
    while (client.connected && this.#occupied() < window) {
      const free = window - this.#occupied();
      // How long the read-ahead is kept is measured on the monotonic clock, not the (testable) `now`.
      const readAt = performance.now();
      if (this.#ahead.length === 0 || readAt - this.#aheadAt > this.#o.tickMs) {
        // A window's worth at once: the slots freed one by one are then filled from memory.
        this.#ahead = await store.due(this.#o.now(), window, this.#inFlight);
        this.#aheadAt = readAt;
      }
      // A store that does not leave out the ones in flight: filtered here.
      const fresh: OutboxEntry[] = [];
      while (fresh.length < free && this.#ahead.length > 0) {
        const entry = this.#ahead.shift() as OutboxEntry;
        if (!this.#inFlight.has(entry.chargeId)) fresh.push(entry);
      }
      if (fresh.length === 0) {
        if (this.#ahead.length === 0) return;
        continue;
      }
      for (const entry of fresh) {
        this.#unanswered.set(entry.chargeId, 0);
        // A failed publish waits for the next tick or reconnect instead of spinning.
        const sent = this.#publish(entry).then((ok) => {
          this.#inFlight.delete(entry.chargeId);
          if (ok) this.nudge();
        });
        this.#inFlight.set(entry.chargeId, sent);
      }
    }
  }

  /** Publishes one entry and records the PUBACK; false when either failed (it stays due). */
  async #publish(entry: OutboxEntry): Promise<boolean> {
    const { client, store } = this.#o;
    try {
      await client.publishAsync(this.#chargeTopic, entry.payload, { qos: 1 });
    } catch (err) {
      this.#unanswered.delete(entry.chargeId);
      this.#o.logger.warn({ err, chargeId: entry.chargeId }, 'charge publish failed; will retry');
      return false;
    }
    // Its wait for the answer starts now (unless the answer came first).
    if (this.#unanswered.has(entry.chargeId)) this.#unanswered.set(entry.chargeId, performance.now());
    const delay = Math.min(this.#o.retryMs * 1.5 ** entry.attempts, this.#o.maxRetryMs);
    try {
      await store.published(entry.chargeId, new Date(this.#o.now().getTime() + delay));
      return true;
    } catch (err) {
      this.#unanswered.delete(entry.chargeId);
      this.#o.logger.error({ err, chargeId: entry.chargeId }, 'could not record a publish; will resend');
      return false;
    }
  }

  async #handle(topic: string, payload: Buffer): Promise<void> {
    if (topic !== this.#statusTopic) return;
    const decoded = decodePayload(chargeStatusMessage, payload);
    if (!decoded.ok) {
      this.#o.logger.warn({ topic, reason: decoded.reason }, 'dropped malformed charge status');
      return;
    }
    const status = decoded.value;
    // The answer frees the charge's place in the window at once; recording it follows.
    if (this.#unanswered.delete(status.chargeId)) {
      if (!this.#byAnswers && this.#o.answerWaitMs > 0 && this.#unanswered.size < this.#o.window) {
        // Answered within the wait (late ones were dropped from the map): back to answers.
        this.#byAnswers = true;
        this.#o.logger.info(
          {},
          'central answers charges in time again: the outbox window is refilled by answers',
        );
      }
      this.nudge();
    }
    const next = FINAL.has(status.status) ? null : new Date(this.#o.now().getTime() + this.#o.pollMs);
    try {
      const known = await this.#o.store.applyStatus(status, next);
      if (!known) {
        this.#o.logger.warn({ chargeId: status.chargeId }, 'status for a charge this edge does not hold');
        this.#ack(status); // nothing here to update: central need not send it again
        return;
      }
    } catch (err) {
      this.#o.logger.error({ err, chargeId: status.chargeId }, 'could not record charge status');
      return;
    }
    this.#ack(status);
    this.#o.onStatus?.(status);
  }

  /**
   * Tells central this status is stored here (gathered for a moment, then one publish): central
   * sends a final status again until the edge has acknowledged it. A lost ack costs one repeat.
   */
  #ack(status: ChargeStatusMessage): void {
    this.#acks.push({ chargeId: status.chargeId, status: status.status });
    if (this.#ackTimer) return;
    this.#ackTimer = setTimeout(() => {
      this.#ackTimer = undefined;
      while (this.#acks.length > 0) {
        const message: ChargeStatusAck = { v: 1, acks: this.#acks.splice(0, 100) };
        this.#o.client.publish(this.#ackTopic, JSON.stringify(message), { qos: 1 }, (err) => {
          if (err) this.#o.logger.debug({ err: err.message }, 'status acknowledgement not sent');
        });
      }
    }, 50);
    this.#ackTimer.unref();
  }
}
