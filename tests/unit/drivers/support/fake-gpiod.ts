// Stand-ins for libgpiod on a machine without GPIO: its 1.6 or 2.x tools (gpiodetect, gpioget, gpiomon)
// and the calls of its Python binding the edge makes, backed by files. Every process that holds or
// watches a line appends its pid to `<state>/pids`, so a test can prove none outlives the edge.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GpiodCliGpio } from '@roompost/drivers';
import { recordingLogger } from '../recording-logger.js';

export const CHIP = 'pinctrl-rp1';

/**
 * Stand-in for libgpiod 1.6's Python binding (the calls LineHolder makes: Chip, get_line,
 * request, set_value, release), with the real binding's behaviour for a line already requested
 * (OSError EBUSY). It writes the level to `<state>/<chip>-<offset>` and logs every request, set
 * and release to `<state>/requests.log`, so a test can see the line was never released between
 * two values.
 */
const STAND_IN_BINDING = `
import os, errno
STATE = os.environ["ROOMPOST_GPIO_STATE"]
LINE_REQ_DIR_OUT = 3
def log(text):
    with open(os.path.join(STATE, "requests.log"), "a") as f:
        f.write(text + "\\n")
class Line:
    def __init__(self, chip, offset):
        self.chip, self.offset, self.file = chip, offset, os.path.join(STATE, chip + "-" + str(offset))
    def request(self, consumer, type, default_vals):
        held = self.file + ".held"
        if os.path.exists(held):
            raise OSError(errno.EBUSY, "Device or resource busy")
        open(held, "w").close()
        with open(os.path.join(STATE, "pids"), "a") as f:
            f.write("%d\\n" % os.getpid())
        log("request %s %d %d" % (self.chip, self.offset, default_vals[0]))
        self.set_value(default_vals[0], quiet=True)
    def set_value(self, value, quiet=False):
        with open(self.file, "w") as f:
            f.write("%d\\n" % value)
        if not quiet:
            log("set %d %d" % (self.offset, value))
    def release(self):
        os.remove(self.file + ".held")
        log("release %d" % self.offset)
class Chip:
    def __init__(self, path):
        self.name = os.path.basename(path)
    def get_line(self, offset):
        return Line(self.name, offset)
`;

/**
 * Stand-ins for libgpiod's tools (1.6 by default, or 2.x), speaking that version's command lines
 * and output formats and refusing an option it does not know (exit 2, as getopt does), backed by
 * files: `<state>/<chip>-<offset>` holds a line's level, `<state>/<chip>-<offset>.events` feeds
 * gpiomon (its lines printed as they come: write "1"/"0" for 1.6, "rising"/"falling" for 2.x). Each gpiomon writes its arguments to
 * `<state>/gpiomon.args`. Outputs go through the stand-in Python binding above (in `<dir>/py`).
 */
export async function fakeGpiodTools(dir: string, major: 1 | 2 = 1): Promise<string> {
  const bin = join(dir, 'bin');
  const state = join(dir, 'state');
  await mkdir(bin, { recursive: true });
  await mkdir(state, { recursive: true });
  const version = `[ "$1" = --version ] && { echo "$(basename "$0") (libgpiod) v${major === 1 ? '1.6.3' : '2.1.3'}"; exit 0; }`;
  // Options as each version's getopt takes them; `chip` from -c (2.x) or the first operand (1.6).
  const options =
    major === 1
      ? `chip=; while [ $# -gt 0 ]; do case "$1" in -b|-l|-r|-f|-s) shift ;; -B|-F|-n) shift 2 ;; -*) echo "unknown option $1" >&2; exit 2 ;; *) break ;; esac; done; chip=$1; shift`
      : `chip=; while [ $# -gt 0 ]; do case "$1" in --numeric|-l|-s) shift ;; -b|-F|-c|-n) [ "$1" = -c ] && chip=$2; shift 2 ;; -*) echo "unknown option $1" >&2; exit 2 ;; *) break ;; esac; done`;
  const tools: Record<string, string> = {
    gpiodetect: `echo "gpiochip0 [pinctrl-bcm2835] (58 lines)"; echo "gpiochip4 [${CHIP}] (54 lines)"`,
    gpioget: `${version}\n${options}\ncat "${state}/$chip-$1" 2>/dev/null || echo 0`,
    gpiomon: `${version}\necho "$*" > "${state}/gpiomon.args"\n${options}\nf="${state}/$chip-$1.events"; touch "$f"; echo $$ >> "${state}/pids"\nexec tail -n +1 -F "$f" 2>/dev/null`,
  };
  for (const [name, body] of Object.entries(tools)) {
    await writeFile(join(bin, name), `#!/bin/sh\n${body}\n`);
    await chmod(join(bin, name), 0o755);
  }
  await mkdir(join(dir, 'py'), { recursive: true });
  await writeFile(join(dir, 'py', 'gpiod.py'), STAND_IN_BINDING);
  return state;
}

export function standInDriver(dir: string, state: string): GpiodCliGpio {
  return new GpiodCliGpio({
    logger: recordingLogger(),
    binDir: join(dir, 'bin'),
    holder: { env: { PYTHONPATH: join(dir, 'py'), ROOMPOST_GPIO_STATE: state } },
  });
}
