// A pair of connected pseudo-terminals from socat: what one end writes, the other reads, as a
// null-modem cable would. PTYs ignore baud rate and parity, so tests time at application level.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const SOCAT = '/usr/bin/socat';

export function socatUnavailable(): string | null {
  return existsSync(SOCAT) ? null : `${SOCAT} is missing: run scripts/install-system-deps.sh`;
}

export interface PtyPair {
  /** The host side (the driver opens this). */
  a: string;
  /** The device side (the fake device opens this). */
  b: string;
  stop(): Promise<void>;
}

/** Starts socat linking `dir/ttyA` ↔ `dir/ttyB`; resolves when both links exist. */
export async function startPtyPair(dir: string): Promise<PtyPair> {
  const a = join(dir, 'ttyA');
  const b = join(dir, 'ttyB');
  const child: ChildProcess = spawn(
    SOCAT,
    ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.resume();
  const deadline = Date.now() + 5000;
  while (!(existsSync(a) && existsSync(b))) {
    if (child.exitCode !== null) throw new Error(`socat exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('socat did not create its ptys within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    a,
    b,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
