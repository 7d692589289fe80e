import type { MqttClient } from 'mqtt';
import { DEFAULT_MAX_PACKET_BYTES } from '../broker/packet-size-guard.js';
import {
  type DailySummaryAckMessage,
  type DailySummaryMessage,
  dailySummaryAckMessage,
  decodePayload,
  MAX_SUMMARY_PARTS,
  parseTopic,
  topicFor,
} from '../contract/index.js';
import type { Logger } from '../logger.js';

export interface DailySummaryPublisherOptions {
  client: MqttClient;
  property: string;
  device: string;
  logger: Logger;
  /** The summaries central has not acknowledged (by business date and digest) yet. */
  pending: () => Promise<DailySummaryMessage[]>;
  /** Central stored a summary: remember it so it is not sent again until the day changes. */
  acknowledged: (ack: DailySummaryAckMessage) => Promise<void>;
  /**
   * True while the charge road is busy (a backlog streaming out): a connect then publishes nothing,
   * since every status is about to change; the caller publishes once it has drained.
   */
  busy?: () => boolean;
  /** How often unacknowledged summaries are re-published. Default 5 minutes. */
  intervalMs?: number;
  /** The broker's packet limit for a device; a larger summary is sent in parts. Default 1 MiB, the broker's. */
  maxPacketBytes?: number;
}

/**
 * The edge's side of ledger (a) of daily reconciliation: publishes each business day's summary
 * (QoS 1) on connect and on an interval until central acknowledges its digest. At-least-once, like
 * the charge road; central stores the latest digest per device and day, so a replay is harmless.
 */
export class DailySummaryPublisher {
  readonly #o: DailySummaryPublisherOptions;
  readonly #ackTopic: string;
  readonly #topic: string;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  readonly #onConnect = () => {
    if (!this.#o.busy?.()) void this.publishPending();
  };
  readonly #onMessage = (topic: string, payload: Buffer) => void this.#handle(topic, payload);

  constructor(options: DailySummaryPublisherOptions) {
    this.#o = options;
    this.#topic = topicFor('dailySummary', options.property, options.device);
    this.#ackTopic = topicFor('dailySummaryAck', options.property, options.device);
  }

  async start(): Promise<void> {
    this.#o.client.on('connect', this.#onConnect);
    this.#o.client.on('message', this.#onMessage);
    this.#timer = setInterval(() => void this.publishPending(), this.#o.intervalMs ?? 300_000);
    this.#timer.unref();
    if (this.#o.client.connected) {
      await this.#o.client.subscribeAsync(this.#ackTopic, { qos: 1 });
      this.#onConnect();
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#o.client.off('connect', this.#onConnect);
    this.#o.client.off('message', this.#onMessage);
  }

  /** Publishes every unacknowledged summary now; answers how many were sent. */
  publishPending(): Promise<number> {
    this.#running ??= this.#publish().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #publish(): Promise<number> {
    if (!this.#o.client.connected) return 0;
    let sent = 0;
    try {
      // Subscribing again after a reconnect is cheap and covers a clean session.
      await this.#o.client.subscribeAsync(this.#ackTopic, { qos: 1 });
      const limit = this.#o.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
      for (const summary of await this.#o.pending()) {
        // The broker closes a device's connection on a packet over its limit (and every reconnect
        // sent it again): a day that does not fit goes in parts that each do (docs/mqtt-contract.md).
        const payloads = summaryPayloads(summary, limit - this.#topic.length - 16);
        if (!payloads) {
          this.#o.logger.error(
            {
              code: 'PAYLOAD_TOO_LARGE',
              businessDate: summary.businessDate,
              charges: summary.charges.length,
              limit,
            },
            `a daily summary does not fit the broker's packet limit (a charge alone too large, or more than ${MAX_SUMMARY_PARTS} parts): not sent`,
          );
          continue;
        }
        for (const payload of payloads) await this.#o.client.publishAsync(this.#topic, payload, { qos: 1 });
        sent++;
      }
    } catch (err) {
      this.#o.logger.warn({ err }, 'daily summary not published; will try again');
    }
    return sent;
  }

  async #handle(topic: string, payload: Buffer): Promise<void> {
    if (topic !== this.#ackTopic || parseTopic(topic)?.kind !== 'dailySummaryAck') return;
    const decoded = decodePayload(dailySummaryAckMessage, payload);
    if (!decoded.ok) {
      this.#o.logger.warn({ topic, reason: decoded.reason }, 'dropped malformed daily summary ack');
      return;
    }
    await this.#o
      .acknowledged(decoded.value)
      .catch((err: unknown) => this.#o.logger.warn({ err }, 'daily summary ack not stored'));
  }
}

/** Most charges in one part: the schema's bound on a message's list. */
const MAX_CHARGES_PER_PART = 50_000;

/**
 * The summary as one payload when it fits `maxBytes`, else as parts 1…n of at most `maxBytes` each:
 * every part carries the whole day's digest, byStatus and closed, and a slice of the charges in
 * order. Null when even one charge with the envelope does not fit.
 */
export function summaryPayloads(summary: DailySummaryMessage, maxBytes: number): string[] | null {
  const whole = JSON.stringify(summary);
  if (Buffer.byteLength(whole) <= maxBytes) return [whole];
  // The envelope with the widest part numbers and no charges; each charge adds its JSON and a comma.
  const envelope = Buffer.byteLength(
    JSON.stringify({ ...summary, charges: [], part: MAX_SUMMARY_PARTS, parts: MAX_SUMMARY_PARTS }),
  );
  const room = maxBytes - envelope;
  const slices: Array<DailySummaryMessage['charges']> = [];
  let slice: DailySummaryMessage['charges'] = [];
  let used = 0;
  for (const charge of summary.charges) {
    const bytes = Buffer.byteLength(JSON.stringify(charge)) + 1;
    if (bytes > room) return null;
    if (used + bytes > room || slice.length === MAX_CHARGES_PER_PART) {
      slices.push(slice);
      slice = [];
      used = 0;
    }
    slice.push(charge);
    used += bytes;
  }
  slices.push(slice);
  if (slices.length > MAX_SUMMARY_PARTS) return null;
  return slices.map((charges, i) =>
    JSON.stringify({ ...summary, charges, part: i + 1, parts: slices.length }),
  );
}
