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
  /** Bound on publishes in flight: mqtt.js silently loses callbacks past 65,535. */
  window?: number;
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
   * Due entries read ahead of the window (one read per window's worth, not one per PUBACK) and when
   * they were read: a backlog streamed out one freed slot at a time read the ids of every entry in
   * flight again for each charge. Kept at most `tickMs`; a reconnect drops them.
   */
  #ahead: OutboxEntry[] = [];
  #aheadAt = 0;
  readonly #onMessage = (topic: string, payload: Buffer) => void this.#handle(topic, payload);
  readonly #onConnect = () => {
    this.#ahead = [];
    this.nudge();
  };

  constructor(options: OutboxRelayOptions) {
    this.#o = {
      now: () => new Date(),
      retryMs: 5_000,
      maxRetryMs: 60_000,
      pollMs: 60_000,
      tickMs: 1_000,
      window: 100,
      ...options,
    };
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
    this.#timer = setInterval(() => this.nudge(), this.#o.tickMs);
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

  /** Whether publishes are in flight (a backlog streaming out). */
  get busy(): boolean {
    return this.#inFlight.size > 0;
  }

  /** Resolves when no pass runs and no publish is in flight; for tests and orderly shutdown. */
  async idle(): Promise<void> {
    while (this.#running || this.#inFlight.size > 0) {
      await this.#running;
      await Promise.all(this.#inFlight.values());
    }
  }

  /**
   * Fills the window: up to `window` publishes in flight at once. Each acknowledged publish frees
   * its slot and nudges the relay, so a backlog streams out at the pace of the broker's PUBACKs
   * instead of one window per tick. An entry stays due until `published` records its PUBACK, so
   * the query skips the ones in flight.
   */
  async #drain(): Promise<void> {
    const { client, store, window } = this.#o;
    while (client.connected && this.#inFlight.size < window) {
      const free = window - this.#inFlight.size;
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
      this.#o.logger.warn({ err, chargeId: entry.chargeId }, 'charge publish failed; will retry');
      return false;
    }
    const delay = Math.min(this.#o.retryMs * 1.5 ** entry.attempts, this.#o.maxRetryMs);
    try {
      await store.published(entry.chargeId, new Date(this.#o.now().getTime() + delay));
      return true;
    } catch (err) {
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
