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
import { sysfsNumber } from './sysfs-chip.js';

/** The part of onoff's `Gpio` used here (onoff 6). */
export interface OnoffLine {
  readSync(): number;
  writeSync(value: 0 | 1): void;
  watch(callback: (error: Error | null | undefined, value: number) => void): void;
  unexport(): void;
}

export type OnoffGpioClass = new (gpio: number, direction: 'in' | 'high' | 'low', edge?: 'both') => OnoffLine;

export interface SysfsGpioOptions {
  logger: Logger;
  clock?: Clock;
  /** Where chip labels and bases are read. Default `/sys/class/gpio` (onoff itself always uses that). */
  root?: string;
  loadOnoff?: () => Promise<OnoffGpioClass>;
}

async function loadOnoff(): Promise<OnoffGpioClass> {
  const specifier = 'onoff';
  const module = (await import(specifier)) as { Gpio?: OnoffGpioClass; default?: { Gpio: OnoffGpioClass } };
  const Gpio = module.Gpio ?? module.default?.Gpio;
  if (!Gpio) throw new Error('the onoff module has no Gpio class');
  return Gpio;
}

/**
 * GPIO through the deprecated sysfs interface, via onoff, for older images without libgpiod.
 * Active-low is applied here (the same way as every driver), so the value file holds the
 * physical level.
 */
export class SysfsGpio implements GpioDriver {
  readonly #o: SysfsGpioOptions;
  readonly #claimed: OnoffLine[] = [];
  #Gpio: OnoffGpioClass | null = null;

  constructor(options: SysfsGpioOptions) {
    this.#o = options;
  }

  async output(line: LineRef, options: OutputOptions = {}): Promise<DigitalOutput> {
    const activeLow = options.activeLow ?? false;
    let on = options.initial ?? false;
    const gpio = await this.#open(line, on !== activeLow ? 'high' : 'low');
    // 'high'/'low' sets direction and level glitch-free on a kernel; write the level too, so the
    // value file says it wherever direction and value are plain files (and nothing is assumed).
    gpio.writeSync(on !== activeLow ? 1 : 0);
    return {
      set: async (value) => {
        gpio.writeSync(value !== activeLow ? 1 : 0);
        on = value;
      },
      value: () => on,
      close: async () => this.#release(gpio),
    };
  }

  async input(line: LineRef, options: InputOptions = {}): Promise<DigitalInput> {
    const gpio = await this.#open(line, 'in', 'both');
    const input = new DebouncedInput({
      initialLevel: gpio.readSync() === 1,
      activeLow: options.activeLow ?? false,
      debounceMs: options.debounceMs ?? DEFAULT_GPIO_DEBOUNCE_MS,
      logger: this.#o.logger,
      ...(this.#o.clock ? { clock: this.#o.clock } : {}),
      release: async () => this.#release(gpio),
    });
    gpio.watch((error, value) => (error ? input.fail(error) : input.level(value === 1)));
    return input;
  }

  async close(): Promise<void> {
    for (const gpio of [...this.#claimed]) this.#release(gpio);
  }

  async #open(line: LineRef, direction: 'in' | 'high' | 'low', edge?: 'both'): Promise<OnoffLine> {
    const number = await sysfsNumber(this.#o.root ?? '/sys/class/gpio', line);
    try {
      this.#Gpio ??= await (this.#o.loadOnoff ?? loadOnoff)();
    } catch (cause) {
      throw new DriverError(
        'DEVICE_UNAVAILABLE',
        `onoff is not available: ${(cause as Error).message}`,
        {},
        { cause },
      );
    }
    try {
      const gpio = edge ? new this.#Gpio(number, direction, edge) : new this.#Gpio(number, direction);
      this.#claimed.push(gpio);
      return gpio;
    } catch (cause) {
      throw new DriverError(
        'DEVICE_UNAVAILABLE',
        `sysfs GPIO ${number} (${line.chip} ${line.offset}): ${(cause as Error).message}`,
        { number },
        { cause },
      );
    }
  }

  #release(gpio: OnoffLine): void {
    const index = this.#claimed.indexOf(gpio);
    if (index < 0) return;
    this.#claimed.splice(index, 1);
    gpio.unexport();
  }
}
