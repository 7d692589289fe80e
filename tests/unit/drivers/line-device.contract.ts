// The behaviour every LineDevice must have. Run against SimulatedLineDevice and SerialLineDevice
// (binding-mock) by unit tests, and SerialLineDevice on a socat pty pair by tests/system.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { DeviceHealth, LineDevice } from '@roompost/drivers';

export interface LineDeviceHarness {
  device: LineDevice;
  /** Everything the device end has received so far, as text. */
  received(): Promise<string>;
  /** The device end sends bytes. */
  send(data: Buffer | string): Promise<void>;
  /** Unplug (true) or plug back in (false). */
  unplug(unplugged: boolean): Promise<void>;
  dispose(): Promise<void>;
}

const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

async function started(t: TestContext, factory: () => Promise<LineDeviceHarness>) {
  const h = await factory();
  t.after(() => h.dispose());
  await h.device.start();
  return h;
}

export function runLineDeviceContract(name: string, factory: () => Promise<LineDeviceHarness>): void {
  describe(`LineDevice contract: ${name}`, () => {
    it('is connected after start and writes reach the device', async (t) => {
      const h = await started(t, factory);
      assert.equal(h.device.status().health, 'connected');
      await h.device.write('TOTAL USD 45.15\r\n');
      await waitFor('the write to arrive', async () => (await h.received()).includes('TOTAL USD 45.15'));
    });

    it('emits clean lines and drops noise (control bytes, over-long lines)', async (t) => {
      const h = await started(t, factory);
      const lines: string[] = [];
      h.device.on('line', (line) => {
        lines.push(line);
      });
      await h.send(Buffer.from([0x00, 0x07, 0xff, 0x1b, 0x0a]));
      await h.send(`${'x'.repeat(400)}\r\n`);
      await h.send('READY\r\nOK 42\n');
      await waitFor('the clean lines', () => lines.length >= 2);
      assert.deepEqual(lines, ['READY', 'OK 42']);
    });

    it('unplugged is not connected and refuses writes; plugged back in it reconnects by itself', async (t) => {
      const h = await started(t, factory);
      const health: DeviceHealth[] = [];
      h.device.on('health', (value) => {
        health.push(value);
      });
      await h.unplug(true);
      await waitFor('the device to be lost', () => h.device.status().health !== 'connected');
      assert.ok(h.device.status().reason, 'with a reason');
      await assert.rejects(h.device.write('x'), { code: 'DEVICE_UNAVAILABLE' });
      await h.unplug(false);
      await waitFor('the device to reconnect', () => h.device.status().health === 'connected');
      await h.device.write('AGAIN\r\n');
      await waitFor('the write after reconnect', async () => (await h.received()).includes('AGAIN'));
      assert.equal(health.at(-1), 'connected');
    });

    it('after close, writes reject DEVICE_CLOSED; close is idempotent', async (t) => {
      const h = await started(t, factory);
      await h.device.close();
      await h.device.close();
      await assert.rejects(h.device.write('x'), { code: 'DEVICE_CLOSED' });
    });
  });
}
