import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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
import { LineHolder, type LineHolderOptions } from './gpiod-line-holder.js';
import { type GpiodMajor, gpiodMajorOf, gpiogetArgs, gpiomonArgs, gpiomonEdge } from './gpiod-tool-args.js';

export interface GpiodCliGpioOptions {
  logger: Logger;
  clock?: Clock;
  /** Folder of gpiodetect/gpioget/gpiomon (Debian package `gpiod`: libgpiod 1.6 or 2.x). Default: PATH. */
  binDir?: string;
  /** How outputs are held: libgpiod's Python binding (python3-libgpiod); see LineHolder. */
  holder?: LineHolderOptions;
}

/**
 * GPIO through libgpiod, the character-device interface of current kernels, with no native Node
 * module. The chip is found by label through `gpiodetect`. An output is one long-lived line
 * request held by libgpiod's Python binding (LineHolder): every change is a `set_value` on that
 * request, so the line keeps its level between changes (a `gpioset` per change would release it,
 * and a released line's level is undefined). An input is watched by a `gpiomon` child that prints
 * one line per edge.
 */
export class GpiodCliGpio implements GpioDriver {
  readonly #o: GpiodCliGpioOptions;
  readonly #children = new Set<ChildProcess>();
  /** Children we are stopping: their exit is expected, not a fault. */
  readonly #stopping = new WeakSet<ChildProcess>();
  readonly #closers = new Set<() => Promise<void>>();
  readonly #holders = new Set<LineHolder>();
  #major: Promise<GpiodMajor> | undefined;

  constructor(options: GpiodCliGpioOptions) {
    this.#o = options;
  }

  async output(line: LineRef, options: OutputOptions = {}): Promise<DigitalOutput> {
    const chip = await this.#chip(line);
    const activeLow = options.activeLow ?? false;
    let on = options.initial ?? false;
    const holder = await LineHolder.claim(`/dev/${chip}`, line.offset, on !== activeLow, this.#o.holder);
    this.#holders.add(holder);
    const close = async () => {
      this.#closers.delete(close);
      this.#holders.delete(holder);
      await holder.close();
    };
    this.#closers.add(close);
    return {
      set: async (value) => {
        if (value === on) return;
        await holder.set(value !== activeLow);
        on = value;
      },
      value: () => on,
      close,
    };
  }

  /** The processes holding output lines (one per output, for its whole life). */
  holderPids(): number[] {
    return [...this.#holders].map((h) => h.pid).filter((pid): pid is number => pid !== undefined);
  }

  async input(line: LineRef, options: InputOptions = {}): Promise<DigitalInput> {
    const chip = await this.#chip(line);
    const major = await this.#toolsMajor();
    const initial =
      (await this.#run('gpioget', gpiogetArgs(major, chip, line.offset, options.bias))).trim() === '1';
    const monitor = this.#spawn('gpiomon', gpiomonArgs(major, chip, line.offset, options.bias));
    await this.#started(monitor, 'gpiomon');
    const input = new DebouncedInput({
      initialLevel: initial,
      activeLow: options.activeLow ?? false,
      debounceMs: options.debounceMs ?? DEFAULT_GPIO_DEBOUNCE_MS,
      logger: this.#o.logger,
      ...(this.#o.clock ? { clock: this.#o.clock } : {}),
      release: async () => {
        this.#closers.delete(closeInput);
        await this.#stop(monitor);
      },
    });
    // Bound: driver.close() calls it bare (an unbound `input.close` has no `this` there).
    const closeInput = () => input.close();
    this.#closers.add(closeInput);
    // One edge per line (gpiod-tool-args.ts); anything else is not ours: dropped.
    createInterface({ input: monitor.stdout! }).on('line', (text) => {
      const rising = gpiomonEdge(major, text);
      if (rising !== undefined) input.level(rising);
      else this.#o.logger.warn({ line: text.slice(0, 80) }, 'gpiomon printed an unexpected line');
    });
    monitor.once('exit', (code, signal) => {
      if (!this.#stopping.has(monitor)) input.fail(new Error(`gpiomon exited (${signal ?? code})`));
    });
    return input;
  }

  async close(): Promise<void> {
    for (const close of [...this.#closers]) await close();
  }

  /** libgpiod's major version, from `gpiomon --version` (their command lines differ); asked once. */
  #toolsMajor(): Promise<GpiodMajor> {
    this.#major ??= this.#run('gpiomon', ['--version']).then((text) => {
      const major = gpiodMajorOf(text);
      if (major) return major;
      throw new DriverError('DEVICE_UNAVAILABLE', `gpiomon: unknown libgpiod version "${text.slice(0, 60)}"`);
    });
    this.#major.catch(() => {
      this.#major = undefined;
    });
    return this.#major;
  }

  /** The chip's device name (gpiochip0) for a label, checking the offset exists. */
  async #chip(line: LineRef): Promise<string> {
    // gpiodetect: "gpiochip0 [pinctrl-rp1] (54 lines)"
    for (const row of (await this.#run('gpiodetect', [])).split('\n')) {
      const match = /^(\S+) \[(.*)\] \((\d+) lines\)/.exec(row.trim());
      if (!match || match[2] !== line.chip) continue;
      if (line.offset < 0 || line.offset >= Number(match[3])) {
        throw new DriverError(
          'GPIO_LINE_NOT_FOUND',
          `chip "${line.chip}" has ${match[3]} lines, not ${line.offset + 1}`,
          {
            chip: line.chip,
            offset: line.offset,
          },
        );
      }
      return match[1]!;
    }
    throw new DriverError('GPIO_LINE_NOT_FOUND', `no GPIO chip labelled "${line.chip}"`, { chip: line.chip });
  }

  /** The tools print nothing once they hold the line; an exit within 50 ms means they could not. */
  #started(child: ChildProcess, tool: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, 50);
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (!this.#stopping.has(child))
          reject(new DriverError('DEVICE_UNAVAILABLE', `${tool} exited with ${code}`));
      });
      child.once('error', (cause) => {
        clearTimeout(timer);
        reject(new DriverError('DEVICE_UNAVAILABLE', `${tool}: ${cause.message}`, {}, { cause }));
      });
    });
  }

  #spawn(tool: string, args: string[]): ChildProcess {
    const child = spawn(this.#tool(tool), args, { stdio: ['pipe', 'pipe', 'ignore'] });
    this.#children.add(child);
    child.on('error', () => this.#children.delete(child));
    child.on('exit', () => this.#children.delete(child));
    return child;
  }

  async #stop(child: ChildProcess): Promise<void> {
    this.#stopping.add(child);
    if (!this.#children.delete(child) || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    // A tool that ignores SIGTERM must not hold the service (or a test run) open.
    const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(kill);
    child.stdout?.destroy();
  }

  #run(tool: string, args: string[]): Promise<string> {
    return new Promise((resolve, reject) =>
      execFile(this.#tool(tool), args, { timeout: 5000 }, (error, stdout) => {
        if (!error) return resolve(stdout);
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(
          new DriverError(
            'DEVICE_UNAVAILABLE',
            `${tool}: ${missing ? 'not installed (Debian package gpiod)' : error.message}`,
            {},
            { cause: error },
          ),
        );
      }),
    );
  }

  #tool(name: string): string {
    return this.#o.binDir ? join(this.#o.binDir, name) : name;
  }
}
