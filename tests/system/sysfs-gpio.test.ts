// SysfsGpio's real onoff code path, against a fake sysfs: a private mount namespace (`unshare -m`,
// needs root) with a tmpfs over /sys/class, holding a Pi 5 style chip (label pinctrl-rp1, base 571)
// and pre-exported gpioN folders. Outputs only: onoff watches inputs with epoll, which a regular
// file does not support (EPERM), so the input half of the contract is skipped with that reason.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./support/sysfs-gpio-child.ts', import.meta.url));

function unavailable(): string | null {
  if (process.getuid?.() !== 0) return 'unshare -m needs root';
  const probe = spawnSync('unshare', ['-m', '--propagation', 'private', 'true']);
  if (probe.status !== 0)
    return `unshare -m failed here: ${probe.stderr.toString().trim() || probe.error?.message}`;
  return null;
}

const reason = unavailable();

describe('SysfsGpio (onoff) on a fake sysfs in a private mount namespace', { skip: reason ?? false }, () => {
  it('runs the GPIO contract inside the namespace and leaves the host /sys alone', () => {
    const started = performance.now();
    const script = [
      'mount -t tmpfs none /sys/class',
      'mkdir -p /sys/class/gpio/gpiochip571',
      'echo pinctrl-rp1 > /sys/class/gpio/gpiochip571/label',
      'echo 571 > /sys/class/gpio/gpiochip571/base',
      'echo 54 > /sys/class/gpio/gpiochip571/ngpio',
      ': > /sys/class/gpio/export; : > /sys/class/gpio/unexport',
      'for n in 588 598; do mkdir /sys/class/gpio/gpio$n; for f in value direction edge active_low; do : > /sys/class/gpio/gpio$n/$f; done; done',
      `exec ${process.execPath} --import tsx ${CHILD}`,
    ].join(' && ');
    const result = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], {
      encoding: 'utf8',
      timeout: 60_000,
      // Without this the child's node:test thinks it runs under our runner and prints nothing.
      env: { ...process.env, NODE_TEST_CONTEXT: '' },
    });
    const output = `${result.stdout}\n${result.stderr}`;
    assert.equal(result.status, 0, output);
    assert.match(output, /# pass [1-9]/);
    assert.match(output, /# fail 0/);
    assert.match(output, /# SKIP onoff watches inputs with epoll/);
    // The host never saw the fake tree.
    assert.equal(
      execFileSync('sh', ['-c', 'ls /sys/class/gpio 2>/dev/null | wc -l'], { encoding: 'utf8' }).trim(),
      '0',
    );
    console.log(`# namespace + onoff contract took ${(performance.now() - started).toFixed(0)} ms`);
  });
});
