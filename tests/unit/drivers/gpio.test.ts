import assert from 'node:assert/strict';
import { appendFile, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FakeGpio, GpiodCliGpio, type LineRef, sysfsNumber } from '@roompost/drivers';
import { runGpioContract } from './gpio.contract.js';
import { recordingLogger } from './recording-logger.js';

const CHIP = 'pinctrl-rp1';

runGpioContract('FakeGpio', async () => {
  const driver = new FakeGpio({ chips: { [CHIP]: 54 }, logger: recordingLogger() });
  return {
    driver,
    out: { chip: CHIP, offset: 17 },
    in: { chip: CHIP, offset: 27 },
    lineCount: 54,
    physical: async (line) => driver.level(line),
    drive: async (line, high) => driver.simulateLevel(line, high),
    dispose: () => driver.close(),
  };
});

/**
 * Stand-ins for libgpiod 1.6's tools, speaking their command lines and output formats, backed by
 * files: `<state>/<chip>-<offset>` holds a line's level, `<state>/<chip>-<offset>.events` feeds gpiomon.
 */
async function fakeGpiodTools(dir: string): Promise<string> {
  const bin = join(dir, 'bin');
  const state = join(dir, 'state');
  await mkdir(bin, { recursive: true });
  await mkdir(state, { recursive: true });
  const tools: Record<string, string> = {
    gpiodetect: `echo "gpiochip0 [pinctrl-bcm2835] (58 lines)"; echo "gpiochip4 [${CHIP}] (54 lines)"`,
    gpioget: `eval "chip=\\\${$(($#-1))}"; eval "off=\\\${$#}"; cat "${state}/$chip-$off" 2>/dev/null || echo 0`,
    gpioset: `[ "$1" = "-m" ] && shift 2; chip=$1; off=\${2%%=*}; echo "\${2#*=}" > "${state}/$chip-$off"; exec cat > /dev/null`,
    gpiomon: `while [ "\${1#-}" != "$1" ]; do shift 2; done; f="${state}/$1-$2.events"; touch "$f"; exec tail -n +1 -F "$f" 2>/dev/null`,
  };
  for (const [name, body] of Object.entries(tools)) {
    await writeFile(join(bin, name), `#!/bin/sh\n${body}\n`);
    await chmod(join(bin, name), 0o755);
  }
  return state;
}

runGpioContract('GpiodCliGpio (stand-in gpioset/gpiomon)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-gpiod-'));
  const state = await fakeGpiodTools(dir);
  const driver = new GpiodCliGpio({ logger: recordingLogger(), binDir: join(dir, 'bin') });
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
