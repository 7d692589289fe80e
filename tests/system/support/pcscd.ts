// Starts Debian's pcscd in the foreground for a test, with vsmartcard-vpcd's virtual readers
// ("Virtual PCD 00 00" waits for a card on TCP 35963).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PCSCD = '/usr/sbin/pcscd';
export const VPCD_CONF = '/etc/reader.conf.d/vpcd';
const SOCKET = '/run/pcscd/pcscd.comm';

/** Why this machine cannot run the PC/SC system tests, or null when it can. */
export function pcscUnavailable(): string | null {
  if (!existsSync(PCSCD)) return `${PCSCD} is missing: run scripts/install-system-deps.sh`;
  if (!existsSync(VPCD_CONF)) return `${VPCD_CONF} is missing: install vsmartcard-vpcd`;
  return null;
}

export interface Pcscd {
  /** False when a pcscd was already running (a system service): the test must not stop it. */
  readonly ours: boolean;
  stop(): Promise<void>;
}

export async function startPcscd(): Promise<Pcscd> {
  if (existsSync(SOCKET) && (await running())) return { ours: false, stop: async () => {} };
  const child: ChildProcess = spawn(PCSCD, ['--foreground'], { stdio: 'ignore' });
  const deadline = Date.now() + 5000;
  while (!existsSync(SOCKET)) {
    if (child.exitCode !== null) throw new Error(`pcscd exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('pcscd did not create its socket within 5 s');
    await sleep(20);
  }
  return {
    ours: true,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function running(): Promise<boolean> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => execFile('pidof', ['pcscd'], (error) => resolve(!error)));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const LOCK = '/tmp/roompost-pcsc-system-test.lock';

/**
 * pcscd and vpcd's card port (35963) are machine-wide, so two runs of the PC/SC system test on one
 * machine (two checkouts, two sessions) would stop each other's pcscd. The first run takes this
 * lock; the next waits for it. A lock whose process is gone is taken over.
 */
export async function lockPcscStack(timeoutMs = 180_000): Promise<() => Promise<void>> {
  const { open, readFile, rm } = await import('node:fs/promises');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(LOCK, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(LOCK, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(LOCK, 'utf8').catch(() => 'NaN'));
      if (Number.isInteger(owner) && !alive(owner)) await rm(LOCK, { force: true });
      else if (Date.now() > deadline)
        throw new Error(`another PC/SC system test (pid ${owner}) holds ${LOCK}`);
      else await sleep(250);
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
