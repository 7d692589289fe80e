import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Clock, systemClock } from '../clock.js';
import type { DeviceHealth } from '../device-health.js';
import { DriverError } from '../driver-error.js';
import type { Logger } from '../logger.js';
import type { PaperState, PrinterStatus, PrintJob, PrintResult, ReceiptPrinter } from './printer.js';
import { DEFAULT_CPL, markCopy, renderReceiptText } from './receipt-render.js';

export interface SimulatedPrinterOptions {
  /** Every printed receipt is appended here as text, after a separator line. */
  file: string;
  logger: Logger;
  /** Characters per line. Default 42. */
  cpl?: number;
  clock?: Clock;
}

/**
 * A receipt printer that "prints" to a text file and the log, so a person running the demo can
 * read the receipt and tests can assert on it. Paper and health are set by hand to simulate faults.
 */
export class SimulatedPrinter implements ReceiptPrinter {
  readonly #file: string;
  readonly #logger: Logger;
  readonly #cpl: number;
  readonly #clock: Clock;
  #health: DeviceHealth = 'connected';
  #paper: PaperState = 'ok';
  #lastJob: PrintJob | null = null;
  #closed = false;
  /** Jobs run one after another, as on a real printer. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: SimulatedPrinterOptions) {
    this.#file = options.file;
    this.#logger = options.logger;
    this.#cpl = options.cpl ?? DEFAULT_CPL;
    this.#clock = options.clock ?? systemClock;
  }

  setPaper(paper: PaperState): void {
    this.#paper = paper;
  }

  setHealth(health: DeviceHealth): void {
    this.#health = health;
  }

  print(job: PrintJob): Promise<PrintResult> {
    if (this.#closed) return Promise.reject(closedError());
    const original: PrintJob = { kind: job.kind, document: job.document };
    if (job.kind !== 'test') this.#lastJob = original; // a test page is not a receipt to reprint
    const copy = job.copy === true;
    // The caller's rendering of an original at this printer's width is the text it would print.
    const text = !copy && this.#cpl === DEFAULT_CPL ? job.text : undefined;
    return this.#enqueue(original, copy, text);
  }

  reprintLast(): Promise<PrintResult> {
    if (this.#closed) return Promise.reject(closedError());
    if (!this.#lastJob) {
      return Promise.reject(new DriverError('NOTHING_TO_REPRINT', 'no receipt has been printed yet'));
    }
    return this.#enqueue(this.#lastJob, true, undefined);
  }

  async status(): Promise<PrinterStatus> {
    const condition =
      this.#health !== 'connected' ? 'offline' : this.#paper === 'out' ? 'paper-out' : 'ready';
    return { health: this.#health, paper: this.#paper, condition, checkedAt: this.#clock() };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Let jobs already accepted finish writing, so the file is never left with half a receipt.
    await this.#queue.catch(() => {});
  }

  #enqueue(job: PrintJob, reprint: boolean, rendered: string | undefined): Promise<PrintResult> {
    const result = this.#queue.then(() => this.#write(job, reprint, rendered));
    this.#queue = result.catch(() => {});
    return result;
  }

  async #write(job: PrintJob, reprint: boolean, rendered: string | undefined): Promise<PrintResult> {
    if (this.#health !== 'connected') {
      throw new DriverError('PRINTER_OFFLINE', 'printer is offline', {
        health: this.#health,
        kind: job.kind,
      });
    }
    if (this.#paper === 'out') {
      throw new DriverError('PAPER_OUT', 'printer is out of paper', { kind: job.kind });
    }
    const printedAt = this.#clock();
    const text = rendered ?? renderReceiptText(reprint ? markCopy(job.document) : job.document, this.#cpl);
    const separator = `${'='.repeat(this.#cpl)}\n${job.kind}${reprint ? ' (reprint)' : ''} ${printedAt.toISOString()}\n`;
    try {
      await this.#append(`${separator}${text}`);
    } catch (error) {
      throw new DriverError(
        'PRINT_FAILED',
        'could not write the simulated receipt',
        { file: this.#file },
        { cause: error },
      );
    }
    this.#logger.info(
      { kind: job.kind, reprint, file: this.#file, receipt: text },
      'simulated receipt printed',
    );
    if (this.#paper === 'near-end') this.#logger.warn({ paper: this.#paper }, 'printer paper is nearly out');
    return { kind: job.kind, printedAt, reprint };
  }

  /** Appends to the file; its directory is made only when it is missing (the first print, or gone since). */
  async #append(text: string): Promise<void> {
    try {
      await appendFile(this.#file, text, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(dirname(this.#file), { recursive: true });
      await appendFile(this.#file, text, 'utf8');
    }
  }
}

function closedError(): DriverError {
  return new DriverError('DEVICE_CLOSED', 'printer is closed');
}
