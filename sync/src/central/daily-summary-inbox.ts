import {
  type DailySummaryAckMessage,
  type DailySummaryMessage,
  dailySummaryMessage,
  decodePayload,
  parseTopic,
  subscriptionFilter,
  topicFor,
  wildcardFor,
} from '../contract/index.js';
import type { Logger } from '../logger.js';
import type { ServiceMqttClient } from '../mqtt/service-client.js';

export interface DailySummaryInboxOptions {
  /** Subscribe as this MQTT shared-subscription group: each message goes to one of the central workers. */
  shareGroup?: string;
  client: ServiceMqttClient;
  property: string;
  logger: Logger;
  /**
   * Stores the summary (idempotent per device, day and digest); throws to leave it unacknowledged.
   * Answers false for a part of a day still waiting for its other parts (or a set refused): not
   * acknowledged, so the edge sends it again.
   */
  store: (summary: DailySummaryMessage, device: string) => Promise<boolean | undefined>;
  now: () => Date;
}

/** Central's end of the daily summaries: validate, store, acknowledge the digest to the device. */
export class DailySummaryInbox {
  readonly #o: DailySummaryInboxOptions;
  readonly #onMessage = (topic: string, payload: Buffer) => void this.#handle(topic, payload);

  constructor(options: DailySummaryInboxOptions) {
    this.#o = options;
  }

  async start(): Promise<void> {
    this.#o.client.on('message', this.#onMessage);
    await this.#o.client.subscribeAsync(
      subscriptionFilter(wildcardFor('dailySummary', this.#o.property), this.#o.shareGroup),
      { qos: 1 },
    );
  }

  stop(): void {
    this.#o.client.off('message', this.#onMessage);
  }

  async #handle(topic: string, payload: Buffer): Promise<void> {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== 'dailySummary' || parsed.property !== this.#o.property) return;
    const decoded = decodePayload(dailySummaryMessage, payload);
    if (!decoded.ok) {
      this.#o.logger.warn({ topic, reason: decoded.reason }, 'dropped malformed daily summary');
      return;
    }
    const summary = decoded.value;
    try {
      if ((await this.#o.store(summary, parsed.device)) === false) return;
    } catch (err) {
      this.#o.logger.error({ err, device: parsed.device }, 'could not store daily summary; edge will resend');
      return;
    }
    const ack: DailySummaryAckMessage = {
      v: 1,
      businessDate: summary.businessDate,
      digest: summary.digest,
      at: this.#o.now().toISOString(),
    };
    await this.#o.client
      .publishAsync(topicFor('dailySummaryAck', this.#o.property, parsed.device), JSON.stringify(ack), {
        qos: 1,
      })
      .catch((err: unknown) => this.#o.logger.warn({ err }, 'daily summary ack not sent; edge will resend'));
  }
}
