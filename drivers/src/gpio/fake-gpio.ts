import type { Clock } from '../clock.js';
import { DriverError } from '../driver-error.js';
import type { Logger } from '../logger.js';
import { DebouncedInput } from './debounced-input.js';
import {
  DEFAULT_GPIO_DEBOUNCE_MS,
  type DigitalInput,
  type DigitalOutput,
  type GpioDriver,
  type InputOptions,
  type LineRef,
  type OutputOptions,
} from './gpio.js';

export interface FakeGpioOptions {
  /** Chip label → number of lines, e.g. `{ 'pinctrl-rp1': 54 }`. */
  chips: Record<string, number>;
  logger: Logger;
  clock?: Clock;
}

const key = (line: LineRef) => `${line.chip}:${line.offset}`;

/**
 * In-memory GPIO for tests and the demo: `simulateLevel` drives an input's physical level (with
 * bounce if you call it quickly), `level` reads what an output drives, `writes` logs every write.
 */
export class FakeGpio implements GpioDriver {
  readonly writes: Array<{ line: string; high: boolean }> = [];
  readonly #o: FakeGpioOptions;
  readonly #levels = new Map<string, boolean>();
  readonly #inputs = new Map<string, DebouncedInput>();
  readonly #claimed = new Set<string>();

  constructor(options: FakeGpioOptions) {
    this.#o = options;
  }

  async output(line: LineRef, options: OutputOptions = {}): Promise<DigitalOutput> {
    const id = this.#claim(line);
    const activeLow = options.activeLow ?? false;
    let on = options.initial ?? false;
    const drive = (value: boolean) => {
      this.#levels.set(id, value !== activeLow);
      this.writes.push({ line: id, high: value !== activeLow });
    };
    drive(on);
    return {
      set: async (value) => {
        if (!this.#claimed.has(id)) throw new DriverError('DEVICE_CLOSED', `line ${id} is released`);
        on = value;
        drive(value);
      },
      value: () => on,
      close: async () => {
        this.#claimed.delete(id);
      },
    };
  }

  async input(line: LineRef, options: InputOptions = {}): Promise<DigitalInput> {
    const id = this.#claim(line);
    const pulledUp = options.bias === 'pull-up';
    const input = new DebouncedInput({
      initialLevel: this.#levels.get(id) ?? pulledUp,
      activeLow: options.activeLow ?? false,
      debounceMs: options.debounceMs ?? DEFAULT_GPIO_DEBOUNCE_MS,
      logger: this.#o.logger,
      ...(this.#o.clock ? { clock: this.#o.clock } : {}),
      release: async () => {
        this.#claimed.delete(id);
        this.#inputs.delete(id);
      },
    });
    this.#inputs.set(id, input);
    return input;
  }

  /** The physical level of a line: what an output drives, or what was simulated on an input. */
  level(line: LineRef): boolean | undefined {
    return this.#levels.get(key(line));
  }

  simulateLevel(line: LineRef, high: boolean): void {
    this.#levels.set(key(line), high);
    this.#inputs.get(key(line))?.level(high);
  }

  async close(): Promise<void> {
    for (const input of [...this.#inputs.values()]) await input.close();
    this.#claimed.clear();
  }

  #claim(line: LineRef): string {
    const lines = this.#o.chips[line.chip];
    if (lines === undefined || line.offset < 0 || line.offset >= lines) {
      throw new DriverError(
        'GPIO_LINE_NOT_FOUND',
        `no line ${line.offset} on a chip labelled "${line.chip}"`,
        {
          chip: line.chip,
          offset: line.offset,
        },
      );
    }
    const id = key(line);
    if (this.#claimed.has(id)) throw new DriverError('DEVICE_UNAVAILABLE', `line ${id} is already claimed`);
    this.#claimed.add(id);
    return id;
  }
}
