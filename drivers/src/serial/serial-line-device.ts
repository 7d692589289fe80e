import { access } from 'node:fs/promises';
import type { DeviceHealth, DeviceStatus } from '../device-health.js';
import { DriverError } from '../driver-error.js';
import { TypedEmitter } from '../events/typed-emitter.js';
import type { Logger } from '../logger.js';
import { isMissingDevice } from '../printer/printer-transport.js';
import { Backoff, type BackoffOptions, RetryTimer } from '../reconnect/backoff.js';
import type { LineDevice, LineDeviceEvents } from './line-device.js';
import { LineSplitter } from './line-splitter.js';
import {
  closePort,
  loadSerialPort,
  openPort,
  type SerialPortFactory,
  type SerialPortLike,
  writeAll,
} from './serial-port.js';

export interface SerialLineDeviceOptions {
  path: string;
  baudRate?: number;
  logger: Logger;
  /** Longest line accepted from the device. Default 256. */
  maxLineLength?: number;
  backoff?: BackoffOptions;
  /**
   * While connected, check this often that the device path still exists. A USB serial adapter
   * pulled out removes its /dev node, and a pty whose far end died may not report a hang-up.
   * Default 2000 ms; 0 turns the check off (a port with no /dev node, like binding-mock's).
   */
  presenceCheckMs?: number;
  loadPort?: () => Promise<SerialPortFactory>;
}

/**
 * A line device on a serial port. A port that cannot be opened (missing path: `error`; anything
 * else: `retrying`) or that closes under us (unplugged) is reopened with capped back-off
 * (×1.5 up to 60 s). Noise from the device is dropped with a logged reason, never emitted.
 */
export class SerialLineDevice extends TypedEmitter<LineDeviceEvents> implements LineDevice {
  readonly #o: SerialLineDeviceOptions;
  readonly #retry: RetryTimer;
  #factory: SerialPortFactory | null = null;
  #port: SerialPortLike | null = null;
  #health: DeviceHealth = 'retrying';
  #reason: string | null = 'not started';
  #closed = false;
  #presence: NodeJS.Timeout | null = null;

  constructor(options: SerialLineDeviceOptions) {
    super((error, event) => options.logger.error({ err: error, event }, 'line device listener failed'));
    this.#o = options;
    this.#retry = new RetryTimer(new Backoff(options.backoff));
  }

  async start(): Promise<void> {
    if (this.#closed) throw new DriverError('DEVICE_CLOSED', 'serial device is closed');
    await this.#open();
  }

  status(): DeviceStatus {
    return { health: this.#health, reason: this.#reason };
  }

  async write(data: Buffer | string): Promise<void> {
    if (this.#closed) throw new DriverError('DEVICE_CLOSED', 'serial device is closed');
    const port = this.#port;
    if (!port) throw new DriverError('DEVICE_UNAVAILABLE', this.#reason ?? 'serial device is not connected');
    await writeAll(port, data);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#retry.cancel();
    this.#stopPresence();
    const port = this.#port;
    this.#port = null;
    this.removeAllListeners();
    if (port) {
      port.removeAllListeners();
      port.on('error', () => {});
      await closePort(port);
    }
  }

  async #open(): Promise<void> {
    if (this.#closed) return;
    try {
      this.#factory ??= await (this.#o.loadPort ?? loadSerialPort)();
      const port = this.#factory({ path: this.#o.path, baudRate: this.#o.baudRate ?? 9600, autoOpen: false });
      await openPort(port);
      if (this.#closed) return void (await closePort(port));
      this.#attach(port);
    } catch (error) {
      this.#lost(error as Error);
    }
  }

  #attach(port: SerialPortLike): void {
    const splitter = new LineSplitter(this.#o.maxLineLength);
    this.#port = port;
    port.on('data', (chunk) => {
      const { lines, dropped } = splitter.push(chunk);
      for (const reason of dropped)
        this.#o.logger.warn({ path: this.#o.path, reason }, 'serial noise dropped');
      for (const line of lines) this.emit('line', line);
    });
    port.on('error', (error) => this.emit('error', error));
    port.on('close', (error) => {
      if (this.#port !== port || this.#closed) return;
      this.#port = null;
      this.#lost(error ?? new Error('port closed'));
    });
    this.#retry.succeeded();
    this.#set('connected', null);
    const every = this.#o.presenceCheckMs ?? 2000;
    if (every === 0) return;
    this.#presence = setInterval(() => {
      access(this.#o.path).catch((error: Error) => {
        if (this.#port !== port) return;
        this.#port = null;
        port.removeAllListeners();
        port.on('error', () => {});
        void closePort(port);
        this.#lost(error);
      });
    }, every);
  }

  #stopPresence(): void {
    if (this.#presence) clearInterval(this.#presence);
    this.#presence = null;
  }

  #lost(error: Error): void {
    this.#stopPresence();
    if (this.#closed) return;
    const delay = this.#retry.schedule(() => void this.#open());
    this.#set(
      isMissingDevice(error) ? 'error' : 'retrying',
      `${error.message}; retrying in ${Math.round(delay / 100) / 10} s`,
    );
  }

  #set(health: DeviceHealth, reason: string | null): void {
    this.#reason = reason;
    if (health === this.#health) return;
    this.#health = health;
    this.#o.logger[health === 'connected' ? 'info' : 'warn'](
      { path: this.#o.path, health, reason },
      'serial device health',
    );
    this.emit('health', health);
  }
}
