import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  type DriverError,
  FakeGpio,
  GpiodCliGpio,
  gpiodMajorOf,
  gpiogetArgs,
  gpiomonArgs,
  gpiomonEdge,
  LineHolder,
  type LineRef,
  sysfsNumber,
} from '@roompost/drivers';
import { runGpioContract } from './gpio.contract.js';
import { recordingLogger } from './recording-logger.js';
import { CHIP, fakeGpiodTools, standInDriver } from './support/fake-gpiod.js';

runGpioContract('FakeGpio', async () => {
  const driver = new FakeGpio({ chips: { [CHIP]: 54 }, logger: recordingLogger() });
  return {
    driver,
    out: { chip: CHIP, offset: 17 },
    in: { chip: CHIP, offset: 27 },
    lineCount: 54,
    physical: async (line) => driver.level(line),
    drive: async (line, high) => driver.simulateLevel(line, high),
    virtualTime: true,
    dispose: () => driver.close(),
  };
});

runGpioContract('GpiodCliGpio (stand-in binding and gpiomon)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-gpiod-'));
  const state = await fakeGpiodTools(dir);
  const driver = standInDriver(dir, state);
  const file = (line: LineRef) => join(state, `gpiochip4-${line.offset}`);
  return {
    driver,
    out: { chip: CHIP, offset: 17 },
    in: { chip: CHIP, offset: 27 },
    lineCount: 54,
    physical: async (line) => {
      const text = await readFile(file(line), 'utf8').catch(() => '');
      return text === '' ? undefined : text.trim() === '1';
    },
    drive: async (line, high) => {
      await writeFile(file(line), high ? '1\n' : '0\n');
      await appendFile(`${file(line)}.events`, high ? '1\n' : '0\n').catch(() => {});
    },
    dispose: async () => {
      await driver.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('sysfsNumber (chip base lookup for onoff)', () => {
  it('adds the base of the chip with the label: BCM 17 is 588 on a Pi 5, 529 on a Pi 4', async (t) => {
    const root = await mkdtemp(join(tmpdir(), 'roompost-sysfs-'));
    t.after(() => rm(root, { recursive: true, force: true }));
    const chip = async (name: string, label: string, base: number, ngpio: number) => {
      await mkdir(join(root, name));
      await writeFile(join(root, name, 'label'), `${label}\n`);
      await writeFile(join(root, name, 'base'), `${base}\n`);
      await writeFile(join(root, name, 'ngpio'), `${ngpio}\n`);
    };
    await chip('gpiochip512', 'pinctrl-bcm2711', 512, 58);
    await chip('gpiochip571', 'pinctrl-rp1', 571, 54);
    await writeFile(join(root, 'export'), '');
    assert.equal(await sysfsNumber(root, { chip: 'pinctrl-rp1', offset: 17 }), 588);
    assert.equal(await sysfsNumber(root, { chip: 'pinctrl-bcm2711', offset: 17 }), 529);
    await assert.rejects(sysfsNumber(root, { chip: 'pinctrl-rp1', offset: 54 }), {
      code: 'GPIO_LINE_NOT_FOUND',
    });
    await assert.rejects(sysfsNumber(root, { chip: 'pinctrl-bcm2835', offset: 4 }), {
      code: 'GPIO_LINE_NOT_FOUND',
    });
    await assert.rejects(sysfsNumber(join(root, 'absent'), { chip: 'pinctrl-rp1', offset: 4 }), {
      code: 'DEVICE_UNAVAILABLE',
    });
  });
});

describe('GpiodCliGpio outputs hold their line', () => {
  it('one line request per output for its whole life: values change on it, released only at close', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'roompost-gpiod-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const state = await fakeGpiodTools(dir);
    const driver = standInDriver(dir, state);
    t.after(() => driver.close());
    const relay = await driver.output({ chip: CHIP, offset: 5 }, { activeLow: true });
    const [pid] = driver.holderPids();
    for (const value of [true, false, true, false]) await relay.set(value);
    assert.deepEqual(driver.holderPids(), [pid], 'the same process held the line throughout');
    const log = async () => (await readFile(join(state, 'requests.log'), 'utf8')).trim().split('\n');
    // Active-low relay: off is high. Four changes, one request, no release in between.
    assert.deepEqual(await log(), ['request gpiochip4 5 1', 'set 5 0', 'set 5 1', 'set 5 0', 'set 5 1']);
    // A second claim of a held line fails as libgpiod does (busy), with the driver's code.
    await assert.rejects(driver.output({ chip: CHIP, offset: 5 }), { code: 'DEVICE_UNAVAILABLE' });
    await relay.close();
    assert.equal((await log()).at(-1), 'release 5');
    assert.deepEqual(driver.holderPids(), []);
    await assert.rejects(relay.set(true), { code: 'DEVICE_CLOSED' });
  });

  it("with Debian's python3-libgpiod, a chip that does not exist is DEVICE_UNAVAILABLE with the reason", async (t) => {
    const binding = spawnSync('/usr/bin/python3', ['-c', 'import gpiod'], { stdio: 'ignore' });
    if (binding.status !== 0) {
      t.skip('python3-libgpiod is not installed (scripts/install-system-deps.sh installs it)');
      return;
    }
    await assert.rejects(LineHolder.claim('/dev/gpiochip-roompost-none', 3, false), (error: DriverError) => {
      assert.equal(error.code, 'DEVICE_UNAVAILABLE');
      assert.match(error.message, /could not be claimed/);
      return true;
    });
  });
});

describe('GpiodCliGpio without libgpiod installed', () => {
  it('rejects DEVICE_UNAVAILABLE with the package to install', async () => {
    const driver = new GpiodCliGpio({ logger: recordingLogger(), binDir: '/nonexistent/bin' });
    await assert.rejects(driver.output({ chip: CHIP, offset: 17 }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'DEVICE_UNAVAILABLE');
      assert.match(error.message, /gpiod/);
      return true;
    });
  });
});

describe("GpiodCliGpio speaks the installed libgpiod's command line", () => {
  it('libgpiod 1.6 (bookworm): gpiomon gets -b, or its piped stdout would hold events back', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'roompost-gpiod-v1-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const state = await fakeGpiodTools(dir, 1);
    const driver = standInDriver(dir, state);
    t.after(() => driver.close());
    const button = await driver.input({ chip: CHIP, offset: 22 }, { bias: 'pull-up', debounceMs: 1 });
    assert.equal(await readFile(join(state, 'gpiomon.args'), 'utf8'), '-b -B pull-up -F %e gpiochip4 22\n');
    const levels: boolean[] = [];
    button.on('change', ({ value }) => {
      levels.push(value);
    });
    for (const edge of ['1', '0']) {
      const seen = levels.length;
      await appendFile(join(state, 'gpiochip4-22.events'), `${edge}\n`);
      await waitFor(() => levels.length > seen);
    }
    assert.deepEqual(levels, [true, false]);
  });

  it('libgpiod 2.x (trixie): -c for the chip, -b is the bias ("disabled"), edges as rising/falling', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'roompost-gpiod-v2-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const state = await fakeGpiodTools(dir, 2);
    const driver = standInDriver(dir, state);
    t.after(() => driver.close());
    await writeFile(join(state, 'gpiochip4-23'), '1\n');
    const button = await driver.input({ chip: CHIP, offset: 23 }, { bias: 'disable', debounceMs: 1 });
    assert.equal(button.value(), true, 'the initial level read with gpioget --numeric -c');
    assert.equal(await readFile(join(state, 'gpiomon.args'), 'utf8'), '-b disabled -F %E -c gpiochip4 23\n');
    const levels: boolean[] = [];
    button.on('change', ({ value }) => {
      levels.push(value);
    });
    for (const edge of ['falling', 'rising']) {
      const seen = levels.length;
      await appendFile(join(state, 'gpiochip4-23.events'), `${edge}\n`);
      await waitFor(() => levels.length > seen);
    }
    assert.deepEqual(levels, [false, true]);
  });

  it('reads the major version and maps each line of output to an edge', () => {
    assert.equal(gpiodMajorOf('gpiomon (libgpiod) v1.6.3\nCopyright (C) 2017-2018'), 1);
    assert.equal(gpiodMajorOf('gpiomon (libgpiod) v2.1.3'), 2);
    assert.equal(gpiodMajorOf('gpiomon 0.9'), undefined);
    assert.deepEqual(gpiogetArgs(1, 'gpiochip0', 4), ['gpiochip0', '4']);
    assert.deepEqual(gpiogetArgs(2, 'gpiochip0', 4, 'pull-down'), [
      '--numeric',
      '-b',
      'pull-down',
      '-c',
      'gpiochip0',
      '4',
    ]);
    assert.deepEqual(gpiomonArgs(2, 'gpiochip0', 4), ['-F', '%E', '-c', 'gpiochip0', '4']);
    assert.deepEqual(
      ['1', '0', 'rising', '2'].map((line) => gpiomonEdge(1, line)),
      [true, false, undefined, undefined],
    );
    assert.deepEqual(
      ['rising', 'falling', '1', '0'].map((line) => gpiomonEdge(2, line)),
      [true, false, undefined, undefined],
    );
  });
});

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
}
