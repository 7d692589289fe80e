import type { MqttClient } from 'mqtt';
import { type DeviceStatusMessage, topicFor } from '../contract/index.js';
import type { Logger } from '../logger.js';

export interface StatusPublisherOptions {
  client: MqttClient;
  property: string;
  device: string;
  logger: Logger;
  /** Builds the current status; called at every publish. */
  collect: () => Promise<DeviceStatusMessage>;
  /** Default 30 s: the fleet page calls a device amber after two missed reports. */
  intervalMs?: number;
}

/** Publishes the device's status, retained, on connect and then on an interval. */
export class StatusPublisher {
  readonly #o: StatusPublisherOptions;
  readonly #topic: string;
  #timer: NodeJS.Timeout | undefined;
  readonly #onConnect = () => void this.publish();

  constructor(options: StatusPublisherOptions) {
    this.#o = options;
    this.#topic = topicFor('status', options.property, options.device);
  }

  start(): void {
    this.#o.client.on('connect', this.#onConnect);
    this.#timer = setInterval(() => void this.publish(), this.#o.intervalMs ?? 30_000);
    if (this.#o.client.connected) void this.publish();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#o.client.off('connect', this.#onConnect);
  }

  async publish(): Promise<void> {
    if (!this.#o.client.connected) return;
    try {
      const status = await this.#o.collect();
      await this.#o.client.publishAsync(this.#topic, JSON.stringify(status), { qos: 1, retain: true });
    } catch (err) {
      this.#o.logger.warn({ err }, 'status not published');
    }
  }
}
