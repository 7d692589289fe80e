// Runs inside the private mount namespace set up by ../sysfs-gpio.test.ts (not a test file of
// its own: its name does not end in .test.ts). /sys/class/gpio here is a tmpfs with a fake chip.
import { readFile } from 'node:fs/promises';
import { SysfsGpio } from '@roompost/drivers';
import { runGpioContract } from '../../unit/drivers/gpio.contract.js';
import { recordingLogger } from '../../unit/drivers/recording-logger.js';

const CHIP = 'pinctrl-rp1';

runGpioContract('SysfsGpio (onoff, base 571 looked up by label)', async () => {
  const driver = new SysfsGpio({ logger: recordingLogger() });
  return {
    driver,
    out: { chip: CHIP, offset: 17 }, // sysfs 588
    in: { chip: CHIP, offset: 27 }, // sysfs 598
    lineCount: 54,
    physical: async (line) => {
      const text = await readFile(`/sys/class/gpio/gpio${571 + line.offset}/value`, 'utf8');
      return text.trim() === '' ? undefined : text.trim() === '1';
    },
    drive: null,
    noInputsReason:
      'onoff watches inputs with epoll, which a regular file in a fake sysfs does not support (EPERM)',
    dispose: () => driver.close(),
  };
});
