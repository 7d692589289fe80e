import {
  type LineDevice,
  type Logger,
  PoleDisplay,
  SerialLineDevice,
  SimulatedLineDevice,
} from '@roompost/drivers';
import { type CurrencyCode, formatMinor } from '@roompost/folio/money';
import type { ChargeView } from '@roompost/sync';
import type { EdgeConfig } from '../config/edge-config.js';
import type { DeviceStatusBoard } from './device-status-board.js';

export type DisplayConfig = NonNullable<EdgeConfig['devices']['display']>;

/** The customer pole display: shows the room and total of each charge the outlet commits. */
export class OutletDisplay {
  readonly device: LineDevice;
  readonly #display: PoleDisplay;
  readonly #logger: Logger;
  readonly #locale: string;

  constructor(config: DisplayConfig, logger: Logger, board: DeviceStatusBoard, locale: string) {
    this.device =
      config.kind === 'simulated'
        ? new SimulatedLineDevice({ logger })
        : new SerialLineDevice({ path: config.path, baudRate: config.baudRate, logger });
    this.#display = new PoleDisplay(this.device);
    this.#logger = logger;
    this.#locale = locale;
    const report = () => {
      const status = this.device.status();
      board.report('display', status.health, status.reason);
    };
    this.device.on('health', report);
    this.device.on('error', (err) => logger.warn({ err }, 'pole display error'));
    report();
  }

  async start(): Promise<void> {
    await this.device
      .start()
      .catch((err: unknown) => this.#logger.error({ err }, 'pole display did not start'));
  }

  /** Best effort: a display that is away never holds up or fails a charge. */
  showCharge(charge: ChargeView): void {
    const total = formatMinor(charge.totalMinor, charge.currency as CurrencyCode, this.#locale);
    this.#display
      .show(`Room ${charge.roomNumber}`, 'TOTAL', total)
      .catch((err: unknown) => this.#logger.warn({ err }, 'pole display not updated'));
  }

  close(): Promise<void> {
    return this.device.close();
  }
}
