import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { DriverError } from '../driver-error.js';

/**
 * Holds one output line with libgpiod's own Python binding (Debian `python3-libgpiod`): one line
 * request for the life of the output, value changes on that request, released only when its stdin
 * closes (close(), or the edge dying: the pipe closes with it). Between two values the line is never
 * released, so it never floats: libgpiod documents a released line's value as undefined, and
 * `gpioset` (one process per value) releases it at every change.
 *
 * Speaks the libgpiod 1.6 binding (bookworm: gpiod.Chip, line.request) and the 2.x one (trixie:
 * gpiod.request_lines). Protocol: argv chip path, offset, initial 0/1, consumer; it prints `ready`
 * or `error <what> <message>`; then per stdin line `0`/`1` it answers `ok <value>` or `error …`.
 */
const HOLDER = String.raw`
import sys
path, offset, initial, consumer = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
try:
    import gpiod
except ImportError as e:
    say("error binding " + str(e))
    sys.exit(3)
try:
    if hasattr(gpiod, "request_lines"):
        from gpiod.line import Direction, Value
        level = lambda v: Value.ACTIVE if v else Value.INACTIVE
        request = gpiod.request_lines(path, consumer=consumer, config={
            offset: gpiod.LineSettings(direction=Direction.OUTPUT, output_value=level(initial))})
        put = lambda v: request.set_value(offset, level(v))
        release = request.release
    else:
        line = gpiod.Chip(path).get_line(offset)
        line.request(consumer=consumer, type=gpiod.LINE_REQ_DIR_OUT, default_vals=[initial])
        put = line.set_value
        release = line.release
except (OSError, ValueError) as e:
    say("error request " + str(e))
    sys.exit(4)
say("ready")
for text in sys.stdin:
    text = text.strip()
    if text not in ("0", "1"):
        say("error command " + text[:20])
        continue
    try:
        put(int(text))
        say("ok " + text)
    except OSError as e:
        say("error set " + str(e))
release()
`;

export interface LineHolderOptions {
  /** Default `/usr/bin/python3` (Debian's, where python3-libgpiod installs). */
  python?: string;
  /** Extra environment (tests put a stand-in `gpiod` module on PYTHONPATH). */
  env?: NodeJS.ProcessEnv;
  /** How long the holder may take to claim the line or answer a change. Default 5000 ms. */
  timeoutMs?: number;
}

export class LineHolder {
  readonly #child: ChildProcess;
  readonly #timeoutMs: number;
  readonly #answers: Array<(line: string | null) => void> = [];
  #queue: Promise<unknown> = Promise.resolve();
  #exited = false;
  #closed = false;

  private constructor(child: ChildProcess, timeoutMs: number) {
    this.#child = child;
    this.#timeoutMs = timeoutMs;
    createInterface({ input: child.stdout! }).on('line', (line) => this.#answers.shift()?.(line));
    child.once('exit', () => {
      this.#exited = true;
      for (const answer of this.#answers.splice(0)) answer(null);
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Claims `/dev/<chip>` line `offset` as an output at `high`; rejects DEVICE_UNAVAILABLE with the reason. */
  static async claim(
    chipPath: string,
    offset: number,
    high: boolean,
    options: LineHolderOptions = {},
  ): Promise<LineHolder> {
    const python = options.python ?? '/usr/bin/python3';
    const child = spawn(python, ['-c', HOLDER, chipPath, String(offset), high ? '1' : '0', 'roompost'], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...process.env, ...options.env },
    });
    const holder = new LineHolder(child, options.timeoutMs ?? 5000);
    const spawnError = new Promise<string>((resolve) =>
      child.once('error', (err) => resolve(`error spawn ${python}: ${err.message}`)),
    );
    const first = await Promise.race([holder.#next(), spawnError]);
    if (first === 'ready') return holder;
    await holder.close();
    const reason = first ?? 'error exit the holder exited before claiming the line';
    const missing = reason.startsWith('error binding') || reason.startsWith('error spawn');
    throw new DriverError(
      'DEVICE_UNAVAILABLE',
      missing
        ? `libgpiod's Python binding is not available (Debian package python3-libgpiod): ${reason.slice(6)}`
        : `line ${offset} of ${chipPath} could not be claimed: ${reason.replace(/^error \w+ /, '')}`,
      { chip: chipPath, offset },
    );
  }

  /** Sets the line on the request it holds; resolves once libgpiod has set it. */
  set(high: boolean): Promise<void> {
    const run = async () => {
      if (this.#closed || this.#exited) {
        throw new DriverError('DEVICE_CLOSED', 'the GPIO line is released', { pid: this.pid });
      }
      const answer = this.#next();
      this.#child.stdin!.write(high ? '1\n' : '0\n');
      const line = await answer;
      if (line !== `ok ${high ? 1 : 0}`) {
        throw new DriverError(
          'DEVICE_UNAVAILABLE',
          `setting the GPIO line failed: ${line ?? 'holder exited'}`,
          {
            pid: this.pid,
          },
        );
      }
    };
    const result = this.#queue.then(run);
    this.#queue = result.catch(() => {});
    return result;
  }

  /** Releases the line: EOF on stdin, then SIGKILL if it has not gone within 2 s. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
    if (this.#exited || this.#child.exitCode !== null || this.#child.pid === undefined) return;
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.stdin!.end();
    const kill = setTimeout(() => this.#child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(kill);
  }

  #next(): Promise<string | null> {
    if (this.#exited) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const i = this.#answers.indexOf(done);
        if (i >= 0) this.#answers.splice(i, 1);
        // A late answer would be read as the next one: a holder that hangs is ended instead.
        this.#child.kill('SIGKILL');
        resolve('error timeout no answer from the GPIO holder');
      }, this.#timeoutMs);
      const done = (line: string | null) => {
        clearTimeout(timer);
        resolve(line);
      };
      this.#answers.push(done);
    });
  }
}
