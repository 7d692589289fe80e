import type { CardReader, Logger, PrinterCondition, PrinterStatus, ReceiptPrinter } from '@roompost/drivers';
import type { KioskEvents } from '@roompost/sync';
import type { KioskEventBus } from '../events/event-bus.js';

export type DeviceEvent = KioskEvents['device'];
export type DeviceName = DeviceEvent['device'];

export interface DeviceDetails {
  /** The printer's PrinterCondition: `ready`, `paper-out`, `cover-open`, `not-responding`, … */
  condition?: PrinterCondition;
  /** When the driver last asked the device (ISO 8601); null before it did. */
  checkedAt: string | null;
}

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
  /** What a device's driver knows beyond health and reason (the printer's condition and last check). */
  readonly #details = new Map<DeviceName, DeviceDetails>();
  readonly #stops: Array<() => void> = [];

  constructor(options: DeviceStatusBoardOptions) {
    this.#o = options;
  }

  report(
    device: DeviceName,
    health: DeviceEvent['health'],
    reason: string | null,
    details?: DeviceDetails,
  ): void {
    if (details) this.#details.set(device, details);
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

  /**
   * Follows the printer: every change it reports (a job, a poll, its own re-check while it cannot
   * print) as it happens, and asks it now and every `seconds` (a DLE EOT round trip on a real one).
   */
  watchPrinter(printer: ReceiptPrinter, seconds: number | null): void {
    if (printer.onStatus) this.#stops.push(printer.onStatus((status) => this.#printer(status)));
    const poll = () => {
      printer.status().then(
        (status) => this.#printer(status),
        (err: unknown) => this.report('printer', 'error', err instanceof Error ? err.message : String(err)),
      );
    };
    poll();
    if (seconds === null) return;
    const timer = setInterval(poll, seconds * 1000);
    this.#stops.push(() => clearInterval(timer));
  }

  /** Re-reads the printer after a job (a failed job changes its health at once). */
  printerChanged(printer: ReceiptPrinter): void {
    if (printer.lastStatus) {
      this.#printer(printer.lastStatus());
      return;
    }
    void printer.status().then((status) => this.#printer(status));
  }

  #printer(status: PrinterStatus): void {
    this.report('printer', status.health, status.reason ?? paperReason(status.paper), {
      condition: status.condition,
      checkedAt: status.checkedAt?.toISOString() ?? null,
    });
  }

  /** Health and reason with what the driver knows beyond them, for GET /api/devices. */
  detailed(): Array<DeviceEvent & Partial<DeviceDetails>> {
    return [...this.#status.values()].map((event) => ({ ...event, ...this.#details.get(event.device) }));
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
