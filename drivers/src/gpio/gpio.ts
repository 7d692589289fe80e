import type { Emitter } from '../events/typed-emitter.js';

/**
 * A GPIO line named the way modern kernels want it: the chip by its label (`pinctrl-rp1` on a
 * Pi 5, `pinctrl-bcm2711` on a Pi 4), never by number, which moved between kernel releases
 * (raspberrypi/linux#6144); and the line by its offset on that chip (the BCM number on a Pi).
 */
export interface LineRef {
  chip: string;
  offset: number;
}

export interface OutputOptions {
  /** The line is low when the output is on (relay boards that switch on a low input). */
  activeLow?: boolean;
  /** Value set when the line is claimed. Default off. */
  initial?: boolean;
}

export interface InputOptions {
  activeLow?: boolean;
  bias?: 'pull-up' | 'pull-down' | 'disable';
  /** A new value must hold this long before it is reported (switch bounce). Default 20 ms. */
  debounceMs?: number;
}

export interface DigitalOutput {
  set(on: boolean): Promise<void>;
  /** The value last set (logical: on/off, after active-low). */
  value(): boolean;
  /** Releases the line. Callers set their fail-safe value first. */
  close(): Promise<void>;
}

export interface InputEvents {
  /** A debounced change of the logical value. */
  change: { value: boolean; at: Date };
  /** The line stopped working (its monitor died); the input reports nothing until reopened. */
  error: Error;
}

export interface DigitalInput extends Emitter<InputEvents> {
  /** The current debounced logical value. */
  value(): boolean;
  close(): Promise<void>;
}

/**
 * Claims lines. `output`/`input` reject with DriverError `GPIO_LINE_NOT_FOUND` when the chip
 * label or the offset does not exist on this machine, and `DEVICE_UNAVAILABLE` when the driver
 * itself (module, tool, sysfs) is missing. Implementations: FakeGpio, SysfsGpio (onoff),
 * GpiodCliGpio (libgpiod: python3-libgpiod line holders, gpiomon). Every implementation runs `runGpioContract`.
 */
export interface GpioDriver {
  output(line: LineRef, options?: OutputOptions): Promise<DigitalOutput>;
  input(line: LineRef, options?: InputOptions): Promise<DigitalInput>;
  /** Releases every line this driver claimed. */
  close(): Promise<void>;
}

export const DEFAULT_GPIO_DEBOUNCE_MS = 20;
