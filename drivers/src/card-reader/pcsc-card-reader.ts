import { DriverError } from '../driver-error.js';
import { Backoff, type BackoffOptions, RetryTimer } from '../reconnect/backoff.js';
import { CardReaderBase, type CardReaderBaseOptions } from './card-reader-base.js';
import { normaliseCardUid } from './card-uid.js';
import { GET_UID, readBinary, responseData } from './pcsc-apdu.js';
import {
  isServiceError,
  loadSmartcard,
  type PcscCard,
  type PcscDevices,
  type PcscDevicesFactory,
} from './pcsc-module.js';

/** What the reader did with a card, for logs and for tests that wait on the real stack. */
export type PcscTrace =
  | { type: 'card-read'; reader: string; uid: string }
  | { type: 'card-unreadable'; reader: string; code: string }
  | { type: 'card-removed'; reader: string };

export interface PcscCardReaderOptions extends CardReaderBaseOptions {
  /** Use the first reader whose name contains this (case-insensitive); default the first reader seen. */
  readerName?: string;
  /** Wristbands carrying a credential: also read `length` bytes from this block (READ BINARY). */
  dataBlock?: { block: number; length: number };
  backoff?: BackoffOptions;
  /** Defaults to loading the optional `smartcard` module. */
  loadDevices?: () => Promise<PcscDevicesFactory>;
  trace?: (event: PcscTrace) => void;
}

/**
 * A key-card reader on PC/SC (pcscd), through `smartcard`. A pcscd that stops or restarts is
 * retried with capped back-off; an unplugged reader is `error` until pcscd sees it again; a card
 * that answers garbage or an error status word is `error` until it is taken away, and emits nothing.
 */
export class PcscCardReader extends CardReaderBase {
  readonly #o: PcscCardReaderOptions;
  readonly #retry: RetryTimer;
  #factory: PcscDevicesFactory | null = null;
  #devices: PcscDevices | null = null;
  #reader: string | null = null;

  constructor(options: PcscCardReaderOptions) {
    super(options);
    this.#o = options;
    this.#retry = new RetryTimer(new Backoff(options.backoff));
  }

  protected override async connect(): Promise<void> {
    try {
      this.#factory = await (this.#o.loadDevices ?? loadSmartcard)();
    } catch (cause) {
      // Nothing to retry: the module or libpcsclite is not installed. The edge keeps running.
      const reason = `PC/SC driver unavailable: ${messageOf(cause)}`;
      this.updateHealth('error', reason);
      this.reportError(new DriverError('DEVICE_UNAVAILABLE', reason, {}, { cause }));
      return;
    }
    this.#open();
  }

  protected override async disconnect(): Promise<void> {
    this.#retry.cancel();
    this.#teardown();
  }

  #open(): void {
    if (!this.#factory) return;
    const devices = this.#factory();
    this.#devices = devices;
    this.updateHealth(
      'retrying',
      this.#o.readerName ? `waiting for reader "${this.#o.readerName}"` : 'waiting for a reader',
    );
    const current = () => this.#devices === devices;
    devices.on('reader-attached', (reader) => {
      if (!current() || this.#reader || !this.#matches(reader.name)) return;
      this.#reader = reader.name;
      this.#retry.succeeded();
      this.logger.info({ reader: reader.name }, 'card reader attached');
      this.updateHealth('connected');
    });
    devices.on('reader-detached', (reader) => {
      if (!current() || reader.name !== this.#reader) return;
      this.#reader = null;
      this.cardLeft();
      this.updateHealth('error', `reader "${reader.name}" was unplugged`);
    });
    devices.on('card-inserted', ({ reader, card }) => {
      if (current() && reader.name === this.#reader) void this.#read(devices, reader.name, card);
    });
    devices.on('card-removed', ({ reader }) => {
      if (!current() || reader.name !== this.#reader) return;
      this.cardLeft();
      this.updateHealth('connected');
      this.#o.trace?.({ type: 'card-removed', reader: reader.name });
    });
    devices.on('error', (error) => {
      if (!current()) return;
      if (!isServiceError(error)) {
        this.#unreadable(
          this.#reader ?? '?',
          new DriverError('CARD_UNREADABLE', error.message, {}, { cause: error }),
        );
        return;
      }
      // Not from inside smartcard's own callback: stop() joins the monitor thread.
      setImmediate(() => {
        if (current()) this.#restart(`PC/SC service: ${error.message}`);
      });
    });
    devices.start();
  }

  async #read(devices: PcscDevices, reader: string, card: PcscCard): Promise<void> {
    try {
      const uid = responseData(await card.transmit(GET_UID), 'GET UID');
      normaliseCardUid(uid);
      const block = this.#o.dataBlock;
      const data = block
        ? responseData(await card.transmit(readBinary(block.block, block.length)), 'READ BINARY')
        : undefined;
      if (this.#devices !== devices) return;
      this.cardArrived(uid, data);
      this.#o.trace?.({ type: 'card-read', reader, uid: uid.toString('hex').toUpperCase() });
    } catch (error) {
      if (this.#devices !== devices) return;
      this.#unreadable(reader, error);
    }
  }

  #unreadable(reader: string, error: unknown): void {
    const code = error instanceof DriverError ? error.code : 'CARD_UNREADABLE';
    this.updateHealth('error', `unreadable card: ${messageOf(error)}`);
    this.reportError(error instanceof Error ? error : new Error(String(error)));
    this.#o.trace?.({ type: 'card-unreadable', reader, code });
  }

  #restart(reason: string): void {
    this.#teardown();
    const delayMs = this.#retry.schedule(() => this.#open());
    this.updateHealth('retrying', `${reason}; retrying in ${Math.round(delayMs / 100) / 10} s`);
    this.logger.warn({ reason, delayMs }, 'card reader lost; retrying');
  }

  #teardown(): void {
    const devices = this.#devices;
    this.#devices = null;
    this.#reader = null;
    this.cardLeft();
    if (!devices) return;
    devices.removeAllListeners();
    devices.on('error', () => {}); // stop() may still report the cancelled wait
    devices.stop();
  }

  #matches(name: string): boolean {
    const wanted = this.#o.readerName;
    return !wanted || name.toLowerCase().includes(wanted.toLowerCase());
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
