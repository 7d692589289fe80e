import {
  type DigitalOutput,
  FakeGpio,
  type GpioDriver,
  GpiodCliGpio,
  type Logger,
  SysfsGpio,
} from '@roompost/drivers';
import type { EdgeConfig } from '../config/edge-config.js';
import type { DeviceStatusBoard } from './device-status-board.js';

export type GpioConfig = NonNullable<EdgeConfig['devices']['gpio']>;
type OutputName = keyof GpioConfig['outputs'];
type InputName = keyof GpioConfig['inputs'];
export type StatusColour = 'green' | 'amber' | 'red';

/**
 * The outlet's GPIO: relay (the self-service fridge's door lock), status light and buzzer, and
 * the door sensor, staff-call button and tamper switch. The relay is fail-safe: off (locked)
 * when claimed and set off again before the line is released on shutdown. A line that does not
 * exist makes the `gpio` device `error` with the reason; the other lines still work.
 */
export class OutletGpio {
  readonly driver: GpioDriver;
  readonly #config: GpioConfig;
  readonly #logger: Logger;
  readonly #board: DeviceStatusBoard;
  readonly #outputs = new Map<OutputName, DigitalOutput>();
  readonly #closers: Array<() => Promise<void>> = [];
  #relock: NodeJS.Timeout | null = null;

  constructor(config: GpioConfig, logger: Logger, board: DeviceStatusBoard, now: () => Date) {
    this.#config = config;
    this.#logger = logger;
    this.#board = board;
    this.driver =
      config.kind === 'fake'
        ? new FakeGpio({ chips: { [config.chip]: 64 }, logger, clock: now })
        : config.kind === 'sysfs'
          ? new SysfsGpio({ logger, clock: now })
          : new GpiodCliGpio({ logger, clock: now, ...(config.binDir ? { binDir: config.binDir } : {}) });
  }

  /** Claims every configured line; failures are reported, never thrown. */
  async open(onInput: (name: InputName, value: boolean) => void): Promise<void> {
    const problems: string[] = [];
    const chip = this.#config.chip;
    for (const [name, line] of Object.entries(this.#config.outputs) as Array<
      [OutputName, { offset: number; activeLow: boolean }]
    >) {
      try {
        const output = await this.driver.output(
          { chip, offset: line.offset },
          { activeLow: line.activeLow, initial: false },
        );
        this.#outputs.set(name, output);
        this.#closers.push(async () => {
          await output.set(false); // fail-safe: relay locked, light and buzzer off
          await output.close();
        });
      } catch (err) {
        problems.push(`${name}: ${(err as Error).message}`);
      }
    }
    for (const [name, line] of Object.entries(this.#config.inputs) as Array<
      [InputName, NonNullable<GpioConfig['inputs'][InputName]>]
    >) {
      try {
        const input = await this.driver.input(
          { chip, offset: line.offset },
          {
            activeLow: line.activeLow,
            debounceMs: line.debounceMs,
            ...(line.bias ? { bias: line.bias } : {}),
          },
        );
        input.on('change', ({ value }) => onInput(name, value));
        input.on('error', (err) => this.#board.report('gpio', 'error', `${name}: ${err.message}`));
        this.#closers.push(() => input.close());
      } catch (err) {
        problems.push(`${name}: ${(err as Error).message}`);
      }
    }
    this.#board.report(
      'gpio',
      problems.length ? 'error' : 'connected',
      problems.length ? problems.join('; ') : null,
    );
  }

  /** Whether the fridge door lock relay is configured and was claimed. */
  hasRelay(): boolean {
    return this.#outputs.has('relay');
  }

  /** Opens the fridge door lock for `seconds`, then locks it again. */
  async pulseRelay(seconds: number): Promise<void> {
    const relay = this.#outputs.get('relay');
    if (!relay) return;
    if (this.#relock) clearTimeout(this.#relock);
    await relay.set(true);
    this.#relock = setTimeout(() => void this.lockRelay(), seconds * 1000);
  }

  /** Locks the fridge now (the door closed, the time is up, or the edge stops). */
  async lockRelay(): Promise<void> {
    if (this.#relock) clearTimeout(this.#relock);
    this.#relock = null;
    await this.#outputs
      .get('relay')
      ?.set(false)
      .catch((err: unknown) => this.#logger.error({ err }, 'relay did not lock'));
  }

  /** One light on, the others off. */
  async showStatus(colour: StatusColour): Promise<void> {
    const lights: Array<[OutputName, StatusColour]> = [
      ['lightGreen', 'green'],
      ['lightAmber', 'amber'],
      ['lightRed', 'red'],
    ];
    for (const [name, lit] of lights) await this.#outputs.get(name)?.set(lit === colour);
  }

  /** Fail-safe shutdown: every output off (relay locked) before its line is released. */
  async close(): Promise<void> {
    if (this.#relock) clearTimeout(this.#relock);
    for (const close of this.#closers.splice(0)) {
      await close().catch((err: unknown) => this.#logger.error({ err }, 'gpio line did not close cleanly'));
    }
    await this.driver.close();
  }
}

/** The status light: red when a device needs a person, amber while central or a device is away. */
export function statusColour(centralOnline: boolean, healths: ReadonlyArray<string>): StatusColour {
  if (healths.includes('error')) return 'red';
  if (!centralOnline || healths.includes('retrying')) return 'amber';
  return 'green';
}
