import {
  closePort,
  loadSerialPort,
  openPort,
  type SerialPortFactory,
  type SerialPortLike,
  writeAll,
} from '../serial/serial-port.js';
import type { PrinterTransport } from './printer-transport.js';

export interface SerialTransportOptions {
  path: string;
  /** Default 9600 (most receipt printers' factory setting). */
  baudRate?: number;
  /** Defaults to loading serialport. */
  loadPort?: () => Promise<SerialPortFactory>;
}

/**
 * ESC/POS over a serial line. The port stays open between jobs (it is point-to-point); after an
 * error it is closed and the next job or query opens it again.
 */
export class SerialTransport implements PrinterTransport {
  readonly target: string;
  readonly #o: SerialTransportOptions;
  #port: SerialPortLike | null = null;
  #received: Buffer = Buffer.alloc(0);
  #onData: (() => void) | null = null;

  constructor(options: SerialTransportOptions) {
    this.#o = options;
    this.target = `serial:${options.path}`;
  }

  async send(bytes: Buffer): Promise<void> {
    const port = await this.#open();
    await writeAll(port, bytes).catch(async (error: unknown) => {
      await this.close();
      throw error;
    });
  }

  async query(request: Buffer, length: number, timeoutMs: number): Promise<Buffer> {
    const port = await this.#open();
    this.#received = Buffer.alloc(0);
    const answer = new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#onData = null;
        reject(Object.assign(new Error(`${this.target} did not answer`), { code: 'ETIMEDOUT' }));
      }, timeoutMs);
      this.#onData = () => {
        if (this.#received.length < length) return;
        clearTimeout(timer);
        this.#onData = null;
        resolve(this.#received.subarray(0, length));
      };
    });
    await writeAll(port, request);
    return answer;
  }

  async close(): Promise<void> {
    const port = this.#port;
    this.#port = null;
    if (!port) return;
    port.removeAllListeners();
    port.on('error', () => {});
    await closePort(port);
  }

  async #open(): Promise<SerialPortLike> {
    if (this.#port?.isOpen) return this.#port;
    const factory = await (this.#o.loadPort ?? loadSerialPort)();
    const port = factory({ path: this.#o.path, baudRate: this.#o.baudRate ?? 9600, autoOpen: false });
    port.on('data', (chunk) => {
      this.#received = Buffer.concat([this.#received, chunk]).subarray(-64);
      this.#onData?.();
    });
    port.on('error', () => {
      void this.close();
    });
    port.on('close', () => {
      if (this.#port === port) this.#port = null;
    });
    await openPort(port);
    this.#port = port;
    return port;
  }
}
