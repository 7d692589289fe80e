import type { LineDevice } from './line-device.js';

export const POLE_WIDTH = 20;

/**
 * A 2×20 customer pole display (VFD) in the CD5220 command set most of them speak: ESC @
 * initialise, ESC Q A / ESC Q B write the upper / lower line, each ended by CR.
 */
export class PoleDisplay {
  readonly #device: LineDevice;

  constructor(device: LineDevice) {
    this.#device = device;
  }

  /** Item on top, amount on the bottom right; both cut or padded to 20 characters. */
  show(top: string, bottomLeft: string, bottomRight = ''): Promise<void> {
    return this.#device.write(poleFrame(top, bottomLeft, bottomRight));
  }

  clear(): Promise<void> {
    return this.#device.write('\x1b@');
  }
}

export function poleFrame(top: string, bottomLeft: string, bottomRight = ''): string {
  const fit = (text: string) => printable(text).slice(0, POLE_WIDTH).padEnd(POLE_WIDTH);
  const right = printable(bottomRight).slice(0, POLE_WIDTH);
  const bottom = `${printable(bottomLeft).slice(0, POLE_WIDTH - right.length - (right ? 1 : 0))}`;
  const line2 = right ? `${bottom.padEnd(POLE_WIDTH - right.length)}${right}` : fit(bottom);
  return `\x1bQA${fit(top)}\r\x1bQB${line2}\r`;
}

/** The display's character set is ASCII; € and ₹ have no code on most of them. */
function printable(text: string): string {
  return text
    .replace(/\u20ac/g, 'EUR') // €
    .replace(/\u20b9/g, 'Rs.') // ₹
    .replace(/[^\x20-\x7e]/g, '?');
}
