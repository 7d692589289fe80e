// FIAS over RS-232 (2.20.23 p.22): the same adapter and simulator, their bytes carried by a socat
// pty pair through `serialport`, with LRC and ACK/NAK/ENQ on every frame. Never SerialPort.list().
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PmsError } from '@roompost/central';
import { chargeFor } from '@roompost/central/pms-contract';
import { silentLogger } from '@roompost/sync';
import { createFiasAdapter } from '../../central/src/pms/fias/fias-adapter.js';
import { fiasPmsConfig } from '../../central/src/pms/fias/fias-config.js';
import { FiasSimulator } from '../../central/src/pms/fias/fias-simulator-server.js';
import { openSerial } from '../../central/src/pms/fias/fias-transport.js';
import { FAST_TIMEOUTS } from '../integration/pms/fias-harness.js';

const SOCAT = '/usr/bin/socat';

async function ptyPair(dir: string): Promise<{ a: string; b: string; socat: ChildProcess }> {
  if (!existsSync(SOCAT)) throw new Error(`${SOCAT} is missing: run scripts/install-system-deps.sh first`);
  const a = join(dir, 'A');
  const b = join(dir, 'B');
  const socat = spawn(SOCAT, ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100 && !(existsSync(a) && existsSync(b)); i++)
    await new Promise((r) => setTimeout(r, 20));
  if (!existsSync(a) || !existsSync(b)) throw new Error('socat did not create the pty pair');
  return { a, b, socat };
}

test('FIAS over a serial line: link start, lookup, posting and a rejection, with ACK/NAK/ENQ', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-fias-serial-'));
  const { a, b, socat } = await ptyPair(dir);
  const closers: Array<() => Promise<void>> = [];
  // Adapter first, then the simulator, then the pty pair under them.
  t.after(async () => {
    for (const close of closers.reverse()) await close();
    // socat ends by itself once one side closes; only wait for an exit still to come.
    if (socat.exitCode === null && socat.signalCode === null) {
      const exited = new Promise((r) => socat.once('exit', r));
      socat.kill();
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  const clock = { now: () => new Date() };
  const sim = new FiasSimulator({ clock, logger: silentLogger });
  sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: 50_000 });
  sim.seedGuest({ roomNumber: '407', firstName: 'Robert', lastName: 'Garcia', noPost: true });
  const serialEnd = await openSerial(
    {
      path: b,
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      ackTimeoutMs: 1_000,
    },
    { logger: silentLogger },
  );
  sim.attachSerial(serialEnd, 1_000);
  closers.push(() => sim.close());

  const config = fiasPmsConfig.parse({
    kind: 'fias',
    transport: { type: 'serial', path: a, baudRate: 9600 },
    currency: 'USD',
    timeouts: {
      ...FAST_TIMEOUTS,
      answerMs: 3_000,
      postingMs: 3_000,
      linkWaitMs: 3_000,
      linkStartMs: 5_000,
      serialAckMs: 1_000,
    },
  });
  const adapter = createFiasAdapter(config, { logger: silentLogger, clock });
  closers.push(() => adapter.close());
  assert.ok(await adapter.link.waitAlive(5_000), 'link alive over serial');

  const room = await adapter.lookupRoom('412');
  assert.equal(room.guest.lastName, 'Wilson');
  await adapter.postCharge(chargeFor('412', 'USD'));
  assert.deepEqual(
    sim.state.postings.map((p) => p.totalMinor),
    [10500],
  );
  const err = await adapter.postCharge(chargeFor('407', 'USD')).then(
    () => assert.fail('expected CHARGES_BLOCKED'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PmsError);
  assert.equal(err.code, 'CHARGES_BLOCKED');
});
