import type { CardReader, Logger, ReceiptPrinter } from '@roompost/drivers';
import type { KioskEvents } from '@roompost/sync';
import type { KioskEventBus } from '../events/event-bus.js';

export type DeviceEvent = KioskEvents['device'];
export type DeviceName = DeviceEvent['device'];

export interface DeviceStatusBoardOptions {
  events: KioskEventBus;
  logger: Logger;
}

/**
 * The health of every device of the outlet, for /api/health (and #8's fleet page) and the
 * kiosk's `device` events. A device reports through `report`; only changes are announced.
 */
export class DeviceStatusBoard {
  readonly #o: DeviceStatusBoardOptions;
  readonly #status = new Map<DeviceName, DeviceEvent>();
  readonly #stops: Array<() => void> = [];

  constructor(options: DeviceStatusBoardOptions) {
    this.#o = options;
  }

  report(device: DeviceName, health: DeviceEvent['health'], reason: string | null): void {
    const before = this.#status.get(device);
    if (before && before.health === health && before.reason === reason) return;
    const event: DeviceEvent = { device, health, reason };
    this.#status.set(device, event);
    // Worth a warning: a device in error, or one that was working and stopped. Start-up is not.
    const worse = health === 'error' || (before?.health === 'connected' && health !== 'connected');
    const log = worse ? this.#o.logger.warn : this.#o.logger.info;
    log.call(this.#o.logger, { device, health, reason }, 'device health changed');
    this.#o.events.emit('device', event);
  }

  /** Follows a reader's health events. */
  watchReader(reader: CardReader): void {
    const update = () => {
      const status = reader.status();
      this.report('reader', status.health, status.reason);
    };
    reader.on('health', update);
    update();
  }

  /** Asks the printer for its status now and every `seconds` (DLE EOT on a real printer). */
  watchPrinter(printer: ReceiptPrinter, seconds: number | null): void {
    const poll = () => {
      printer.status().then(
        (status) => this.report('printer', status.health, status.reason ?? paperReason(status.paper)),
        (err: unknown) => this.report('printer', 'error', err instanceof Error ? err.message : String(err)),
      );
    };
    poll();
    if (seconds === null) return;
    const timer = setInterval(poll, seconds * 1000);
    this.#stops.push(() => clearInterval(timer));
  }

  /** Re-reads the printer after a job (a failed job changes its health at once). */
  printerChanged(
    printer: ReceiptPrinter & { lastStatus?: () => { health: DeviceEvent['health']; reason?: string } },
  ): void {
    if (printer.lastStatus) {
      const status = printer.lastStatus();
      this.report('printer', status.health, status.reason ?? null);
      return;
    }
    void printer
      .status()
      .then((status) => this.report('printer', status.health, status.reason ?? paperReason(status.paper)));
  }

  snapshot(): DeviceEvent[] {
    return [...this.#status.values()];
  }

  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
  }
}

function paperReason(paper: string): string | null {
  return paper === 'out' ? 'out of paper' : paper === 'near-end' ? 'paper nearly out' : null;
}
