// The command lines of libgpiod's tools differ between its major versions, and a Pi may have either:
// Debian bookworm (Raspberry Pi OS today) ships libgpiod 1.6, trixie ships 2.x.
//   1.6: gpioget [-B bias] <chip> <offset>              prints 0/1
//        gpiomon -b [-B bias] -F %e <chip> <offset>     %e: 1 rising, 0 falling; -b = line-buffered stdout
//   2.x: gpioget --numeric [-b bias] -c <chip> <offset> prints 0/1 (without --numeric: "17"=active)
//        gpiomon [-b bias] -F %E -c <chip> <offset>     %E: rising/falling (%e would be 1/2); it flushes
//                                                       stdout after every batch of events itself
// Without 1.6's -b, gpiomon's stdout into a pipe is block-buffered by libc: a button press would
// reach the edge only once 4 KiB of events had piled up. In 2.x, -b means --bias.

export type GpiodMajor = 1 | 2;
export type GpioBias = 'pull-up' | 'pull-down' | 'disable';

/** The major version from `gpiomon --version` ("gpiomon (libgpiod) v1.6.3"); undefined if unknown. */
export function gpiodMajorOf(versionText: string): GpiodMajor | undefined {
  const major = /\bv(\d+)\.\d+/.exec(versionText)?.[1];
  return major === '1' ? 1 : major === '2' ? 2 : undefined;
}

/** 2.x spells "disable" as "disabled". */
const biasArgs = (major: GpiodMajor, bias: GpioBias | undefined): string[] =>
  bias === undefined ? [] : major === 1 ? ['-B', bias] : ['-b', bias === 'disable' ? 'disabled' : bias];

export function gpiogetArgs(major: GpiodMajor, chip: string, offset: number, bias?: GpioBias): string[] {
  return major === 1
    ? [...biasArgs(1, bias), chip, String(offset)]
    : ['--numeric', ...biasArgs(2, bias), '-c', chip, String(offset)];
}

export function gpiomonArgs(major: GpiodMajor, chip: string, offset: number, bias?: GpioBias): string[] {
  return major === 1
    ? ['-b', ...biasArgs(1, bias), '-F', '%e', chip, String(offset)]
    : [...biasArgs(2, bias), '-F', '%E', '-c', chip, String(offset)];
}

/** One line of gpiomon's output (formats above): true for a rising edge, false falling, else undefined. */
export function gpiomonEdge(major: GpiodMajor, text: string): boolean | undefined {
  const word = text.trim();
  if (major === 1) return word === '1' ? true : word === '0' ? false : undefined;
  return word === 'rising' ? true : word === 'falling' ? false : undefined;
}
