// The behaviour every GpioDriver must have. Run against FakeGpio and GpiodCliGpio (with stand-in
// libgpiod tools) by unit tests, and against SysfsGpio (onoff on a fake sysfs in a private mount
// namespace) by tests/system/sysfs-gpio.test.ts.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { GpioDriver, LineRef } from '@roompost/drivers';

export interface GpioHarness {
  driver: GpioDriver;
  /** Two free lines on a chip the driver can see, and that chip's line count. */
  out: LineRef;
  in: LineRef;
  lineCount: number;
  /** Physical level an output drives now. */
  physical(line: LineRef): Promise<boolean | undefined>;
  /** Drive an input's physical level; null when this harness cannot (the reason is printed). */
  drive: ((line: LineRef, high: boolean) => Promise<void>) | null;
  noInputsReason?: string;
  /**
   * True when the driver's debounce runs on this process's timers alone (FakeGpio): the contract then
   * moves time with mock.timers. A driver fed by another process (gpiomon) lets real time pass, since
   * only the outside process can tell it a level changed.
   */
  virtualTime?: boolean;
  dispose(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function harness(t: TestContext, factory: () => Promise<GpioHarness>) {
  const h = await factory();
  t.after(() => h.dispose());
  return h;
}

export function runGpioContract(name: string, factory: () => Promise<GpioHarness>): void {
  describe(`GpioDriver contract: ${name}`, () => {
    it('an output starts at its initial value and follows set()', async (t) => {
      const h = await harness(t, factory);
      const out = await h.driver.output(h.out);
      assert.equal(await h.physical(h.out), false);
      await out.set(true);
      assert.equal(out.value(), true);
      assert.equal(await h.physical(h.out), true);
      await out.set(false);
      assert.equal(await h.physical(h.out), false);
    });

    it('an active-low output drives low when on (relay boards switched by a low input)', async (t) => {
      const h = await harness(t, factory);
      const out = await h.driver.output(h.out, { activeLow: true, initial: false });
      assert.equal(await h.physical(h.out), true);
      await out.set(true);
      assert.equal(await h.physical(h.out), false);
    });

    it('a line past the end of the chip, or an unknown chip label, rejects GPIO_LINE_NOT_FOUND', async (t) => {
      const h = await harness(t, factory);
      await assert.rejects(h.driver.output({ chip: h.out.chip, offset: h.lineCount }), {
        code: 'GPIO_LINE_NOT_FOUND',
      });
      await assert.rejects(h.driver.input({ chip: 'no-such-chip', offset: 0 }), {
        code: 'GPIO_LINE_NOT_FOUND',
      });
    });

    it('an input reports a debounced change, ignores bounce, and applies active-low', async (t) => {
      const h = await harness(t, factory);
      if (!h.drive) return t.skip(h.noInputsReason ?? 'inputs cannot be driven here');
      if (h.virtualTime) t.mock.timers.enable({ apis: ['setTimeout'] });
      // Lets `ms` pass: on mock timers at once, otherwise for real (the outside process's window).
      const pass = async (ms: number) => (h.virtualTime ? t.mock.timers.tick(ms) : sleep(ms));
      await h.drive(h.in, true);
      const input = await h.driver.input(h.in, { activeLow: true, debounceMs: 40 });
      assert.equal(input.value(), false, 'high on an active-low line is off');
      const changes: boolean[] = [];
      input.on('change', ({ value }) => {
        changes.push(value);
      });
      await h.drive(h.in, false);
      await pass(10);
      await h.drive(h.in, true); // bounce: back before the window closed
      await pass(120);
      assert.deepEqual(changes, []);
      const changed = new Promise<void>((resolve, reject) => {
        const late = setTimeout(() => reject(new Error('no change within 5 s')), 5_000);
        input.once('change', () => {
          clearTimeout(late);
          resolve();
        });
      });
      await h.drive(h.in, false);
      if (h.virtualTime) {
        await pass(39);
        assert.deepEqual(changes, [], 'a level counts only once it has held debounceMs');
        await pass(1);
      }
      await changed;
      assert.deepEqual(changes, [true]);
      assert.equal(input.value(), true);
      await input.close();
    });

    it('close releases every line, so they can be claimed again', async (t) => {
      const h = await harness(t, factory);
      await h.driver.output(h.out);
      await h.driver.close();
      const again = await h.driver.output(h.out, { initial: true });
      assert.equal(await h.physical(h.out), true);
      await again.close();
    });
  });
}
