import {
  type ChargeMessage,
  type ChargeStatusMessage,
  chargeMessage,
  decodePayload,
  parseTopic,
  subscriptionFilter,
  topicFor,
  wildcardFor,
} from '../contract/index.js';
import type { Logger } from '../logger.js';
import type { ServiceMqttClient } from '../mqtt/service-client.js';

export interface ChargeInboxHandler {
  /**
   * Stores the charge if it is new (keyed by chargeId) and returns where it stands now. A replay
   * must write nothing and return the current status: the same answer the first delivery got, or a
   * later one.
   */
  receive(charge: ChargeMessage, device: string): Promise<ChargeStatusMessage>;
}

export interface ChargeInboxOptions {
  /** Subscribe as this MQTT shared-subscription group: each message goes to one of the central workers. */
  shareGroup?: string;
  client: ServiceMqttClient;
  property: string;
  handler: ChargeInboxHandler;
  logger: Logger;
}

/** Central's receiving end of the charge road: validate, hand to the pipeline, answer the device. */
export class ChargeInbox {
  readonly #o: ChargeInboxOptions;
  readonly #onMessage = (topic: string, payload: Buffer) => void this.#handle(topic, payload);

  constructor(options: ChargeInboxOptions) {
    this.#o = options;
  }

  async start(): Promise<void> {
    this.#o.client.on('message', this.#onMessage);
    await this.#o.client.subscribeAsync(
      subscriptionFilter(wildcardFor('charge', this.#o.property), this.#o.shareGroup),
      { qos: 1 },
    );
  }

  stop(): void {
    this.#o.client.off('message', this.#onMessage);
  }

  /** Tells a device where one of its charges stands (also used when a retry posts it later). */
  async publishStatus(device: string, status: ChargeStatusMessage): Promise<void> {
    const topic = topicFor('chargeStatus', this.#o.property, device);
    await this.#o.client.publishAsync(topic, JSON.stringify(status), { qos: 1 });
  }

  async #handle(topic: string, payload: Buffer): Promise<void> {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== 'charge' || parsed.property !== this.#o.property) return;
    const decoded = decodePayload(chargeMessage, payload);
    if (!decoded.ok) {
      // Nothing is stored. A charge whose id can be read is answered `rejected` with the code, so
      // the edge stops re-publishing it and staff see why; anything else is dropped with a reason.
      const chargeId = readableChargeId(decoded.json);
      this.#o.logger.warn({ topic, chargeId, reason: decoded.reason }, 'refused malformed charge');
      if (chargeId) {
        await this.publishStatus(parsed.device, {
          v: 1,
          chargeId,
          status: 'rejected',
          pmsTransactionId: null,
          folioBalanceMinor: null,
          error: { code: decoded.code, message: decoded.reason.slice(0, 500) },
          at: new Date().toISOString(),
        }).catch((err: unknown) => this.#o.logger.warn({ err, chargeId }, 'could not answer charge'));
      }
      return;
    }
    let status: ChargeStatusMessage;
    try {
      status = await this.#o.handler.receive(decoded.value, parsed.device);
    } catch (err) {
      // Not answered: the edge re-publishes and we try again.
      this.#o.logger.error({ err, chargeId: decoded.value.chargeId }, 'could not store charge');
      return;
    }
    try {
      await this.publishStatus(parsed.device, status);
    } catch (err) {
      this.#o.logger.warn({ err, chargeId: status.chargeId }, 'could not answer charge; edge will ask again');
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readableChargeId(json: unknown): string | undefined {
  const id = (json as { chargeId?: unknown } | null | undefined)?.chargeId;
  return typeof id === 'string' && UUID.test(id) ? id : undefined;
}
