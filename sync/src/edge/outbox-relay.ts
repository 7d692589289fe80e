import type { MqttClient } from 'mqtt';
import {
  type ChargeStatus,
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

/** The edge's persistent outbox, as the relay needs it. The edge implements it on its SQLite file. */
export interface OutboxStore {
  /** Entries whose next attempt is due at `now`, oldest first. */
  due(now: Date, limit: number): Promise<OutboxEntry[]>;
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
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  readonly #onMessage = (topic: string, payload: Buffer) => void this.#handle(topic, payload);
  readonly #onConnect = () => this.nudge();

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
    this.#o.client.off('message', this.#onMessage);
    this.#o.client.off('connect', this.#onConnect);
    await this.#running;
  }

  /** Publish what is due now (called after a new charge commits, on connect and on every tick). */
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

  /** Resolves when the current pass (if any) has finished; for tests and orderly shutdown. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    const { client, store, window } = this.#o;
    if (!client.connected) return;
    const entries = await store.due(this.#o.now(), window);
    await Promise.all(
      entries.map(async (entry) => {
        try {
          await client.publishAsync(this.#chargeTopic, entry.payload, { qos: 1 });
        } catch (err) {
          this.#o.logger.warn({ err, chargeId: entry.chargeId }, 'charge publish failed; will retry');
          return;
        }
        const delay = Math.min(this.#o.retryMs * 1.5 ** entry.attempts, this.#o.maxRetryMs);
        await store.published(entry.chargeId, new Date(this.#o.now().getTime() + delay));
      }),
    );
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
        return;
      }
    } catch (err) {
      this.#o.logger.error({ err, chargeId: status.chargeId }, 'could not record charge status');
      return;
    }
    this.#o.onStatus?.(status);
  }
}
