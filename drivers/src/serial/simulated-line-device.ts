import type { DeviceHealth, DeviceStatus } from '../device-health.js';
import { DriverError } from '../driver-error.js';
import { TypedEmitter } from '../events/typed-emitter.js';
import type { Logger } from '../logger.js';
import type { LineDevice, LineDeviceEvents } from './line-device.js';
import { LineSplitter } from './line-splitter.js';

/** A line device in memory: `written` is what the edge sent, `receive()` is the device talking. */
export class SimulatedLineDevice extends TypedEmitter<LineDeviceEvents> implements LineDevice {
  readonly written: string[] = [];
  readonly #logger: Logger;
  readonly #splitter = new LineSplitter();
  #health: DeviceHealth = 'retrying';
  #closed = false;

  constructor(options: { logger: Logger }) {
    super((error, event) => options.logger.error({ err: error, event }, 'line device listener failed'));
    this.#logger = options.logger;
  }

  async start(): Promise<void> {
    if (this.#closed) throw new DriverError('DEVICE_CLOSED', 'serial device is closed');
    this.setHealth('connected');
  }

  status(): DeviceStatus {
    return { health: this.#health, reason: this.#health === 'connected' ? null : 'simulated fault' };
  }

  async write(data: Buffer | string): Promise<void> {
    if (this.#closed) throw new DriverError('DEVICE_CLOSED', 'serial device is closed');
    if (this.#health !== 'connected')
      throw new DriverError('DEVICE_UNAVAILABLE', 'simulated device is unplugged');
    const text = typeof data === 'string' ? data : data.toString('latin1');
    this.written.push(text);
    this.#logger.info({ text }, 'simulated serial device written');
  }

  receive(data: Buffer | string): void {
    if (this.#closed || this.#health !== 'connected') return;
    const { lines } = this.#splitter.push(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
    for (const line of lines) this.emit('line', line);
  }

  setHealth(health: DeviceHealth): void {
    if (health === this.#health) return;
    this.#health = health;
    this.emit('health', health);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.removeAllListeners();
  }
}
