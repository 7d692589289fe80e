// Starts Debian's pcscd in the foreground for a test, with vsmartcard-vpcd's virtual readers
// ("Virtual PCD 00 00" waits for a card on a TCP port of the test's choosing).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PCSCD = '/usr/sbin/pcscd';
export const VPCD_CONF = '/etc/reader.conf.d/vpcd';
const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
const SOCKET = '/run/pcscd/pcscd.comm';

/** Why this machine cannot run the PC/SC system tests, or null when it can. */
export function pcscUnavailable(): string | null {
  if (!existsSync(PCSCD)) return `${PCSCD} is missing: run scripts/install-system-deps.sh`;
  if (!existsSync(VPCD_CONF) || !existsSync(VPCD_DRIVER))
    return `${VPCD_CONF} or ${VPCD_DRIVER} is missing: install vsmartcard-vpcd`;
  return null;
}

export interface Pcscd {
  /** False when a pcscd was already running (a system service): the test must not stop it. */
  readonly ours: boolean;
  /** The TCP port a virtual card connects to for "Virtual PCD 00 00" (vpcd's second reader is port + 1). */
  readonly port: number;
  stop(): Promise<void>;
}

/** vsmartcard-vpcd's default card port (/etc/reader.conf.d/vpcd), used by a system pcscd. */
const SYSTEM_VPCD_PORT = 35963;

/**
 * Starts pcscd in the foreground with its own reader.conf.d: vpcd's two readers on `port` and
 * `port + 1` (a free pair below the ephemeral range when not given). Debian's default 35963 lies in
 * Linux's ephemeral range, so any connection or port-0 listener of an earlier test could hold it, and
 * then vpcd's reader silently never appears (seen in CI). Pass the same port again to restart.
 */
export async function startPcscd(port?: number): Promise<Pcscd> {
  if (existsSync(SOCKET) && (await running()))
    return { ours: false, port: SYSTEM_VPCD_PORT, stop: async () => {} };
  const cardPort = port ?? (await freePortPair());
  const confDir = await mkdtemp(join(tmpdir(), 'roompost-pcscd-'));
  const hex = `0x${cardPort.toString(16).toUpperCase()}`;
  await writeFile(
    join(confDir, 'vpcd'),
    `FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:${hex}\nLIBPATH      ${VPCD_DRIVER}\nCHANNELID    ${hex}\n`,
  );
  const child: ChildProcess = spawn(PCSCD, ['--foreground', '--config', confDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + 5000;
  while (!existsSync(SOCKET)) {
    if (child.exitCode !== null) throw new Error(`pcscd exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`pcscd did not create its socket within 5 s:\n${output}`);
    await sleep(20);
  }
  // pcscd adds the readers of its reader.conf.d before it opens its socket, so a vpcd that could not
  // listen has said so by now.
  if (/init failed|Could not initialize/.test(output)) {
    child.kill('SIGTERM');
    throw new Error(`pcscd could not start vpcd's reader on port ${cardPort}:\n${output}`);
  }
  return {
    ours: true,
    port: cardPort,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(confDir, { recursive: true, force: true });
    },
  };
}

/** A port below Linux's ephemeral range (32768-60999) whose next port is free too. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + 2 * Math.floor(Math.random() * 6_000);
    if ((await canListen(port)) && (await canListen(port + 1))) return port;
  }
  throw new Error('no free pair of TCP ports between 20000 and 32000 for vpcd');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
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
