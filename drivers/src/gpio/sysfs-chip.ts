import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DriverError } from '../driver-error.js';
import type { LineRef } from './gpio.js';

/**
 * The sysfs GPIO number of a line. Since kernel 6.6 Raspberry Pi OS numbers sysfs GPIOs from the
 * chip's base (512 on a Pi 4, 571 on a Pi 5), not from 0, so BCM 17 is 529 or 588
 * (fivdi/onoff#199, raspberrypi/linux#6084). The base is read from `gpiochipN/{label,base,ngpio}`
 * under `root`, which tests point at a fake tree.
 */
export async function sysfsNumber(root: string, line: LineRef): Promise<number> {
  let entries: string[];
  try {
    entries = (await readdir(root)).filter((name) => name.startsWith('gpiochip'));
  } catch (cause) {
    throw new DriverError('DEVICE_UNAVAILABLE', `no sysfs GPIO at ${root}`, { root }, { cause });
  }
  const labels: string[] = [];
  for (const entry of entries) {
    const read = (file: string) => readFile(join(root, entry, file), 'utf8').then((text) => text.trim());
    const label = await read('label').catch(() => '');
    labels.push(label);
    if (label !== line.chip) continue;
    const base = Number(await read('base'));
    const count = Number(await read('ngpio').catch(() => 'NaN'));
    if (!Number.isInteger(base)) break;
    if (line.offset < 0 || (Number.isInteger(count) && line.offset >= count)) {
      throw new DriverError(
        'GPIO_LINE_NOT_FOUND',
        `chip "${line.chip}" has ${count} lines, not ${line.offset + 1}`,
        {
          chip: line.chip,
          offset: line.offset,
        },
      );
    }
    return base + line.offset;
  }
  throw new DriverError('GPIO_LINE_NOT_FOUND', `no GPIO chip labelled "${line.chip}" under ${root}`, {
    chip: line.chip,
    found: labels,
  });
}
