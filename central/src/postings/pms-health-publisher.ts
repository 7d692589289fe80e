import type { ServiceMqttClient } from '@roompost/sync';
import { type Logger, type PmsStatusMessage, topicFor } from '@roompost/sync';

/**
 * Tells every outlet, retained on its `pms-status` topic, whether central can reach the PMS, so a
 * header turns amber during an outage even at an outlet none of whose own charges has failed yet.
 * Published when the state changes (and to devices that ask later, through the retained message).
 */
export class PmsHealthPublisher {
  #last: PmsStatusMessage['pms'] | null = null;

  constructor(
    private readonly o: {
      client: Pick<ServiceMqttClient, 'publishAsync'>;
      property: string;
      devices: () => Promise<string[]>;
      now: () => Date;
      logger: Logger;
    },
  ) {}

  /** One attempt's outcome: publishes only when it changes what the outlets were told. */
  report(trouble: boolean): void {
    const pms = trouble ? 'trouble' : 'ok';
    if (pms === this.#last) return;
    this.#last = pms;
    void this.#publish({ v: 1, pms, at: this.o.now().toISOString() });
  }

  async #publish(message: PmsStatusMessage): Promise<void> {
    const ids = await this.o.devices().catch(() => [] as string[]);
    for (const id of ids) {
      await this.o.client
        .publishAsync(topicFor('pmsStatus', this.o.property, id), JSON.stringify(message), {
          qos: 1,
          retain: true,
        })
        .catch((err: unknown) => this.o.logger.warn({ err, device: id }, 'pms status not published'));
    }
  }
}
