import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemdNotifier } from '@roompost/sync';

function recorder() {
  const calls: string[][] = [];
  const run = (command: string, args: string[]) => {
    calls.push([command, ...args]);
    return { on: () => undefined };
  };
  return { calls, run };
}

test('under systemd, readiness, stopping and the watchdog are sent through systemd-notify', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const { calls, run } = recorder();
  const notifier = systemdNotifier({ NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '20000000' }, run);
  notifier.ready();
  let healthy = true;
  const stop = notifier.startWatchdog(() => healthy);
  t.mock.timers.tick(10_000);
  healthy = false;
  t.mock.timers.tick(10_000);
  stop();
  notifier.stopping();
  const pid = `--pid=${process.pid}`;
  assert.deepEqual(calls, [
    ['systemd-notify', pid, '--ready'],
    ['systemd-notify', pid, 'WATCHDOG=1'],
    ['systemd-notify', pid, 'STOPPING=1'],
  ]);
});

test('outside systemd nothing is sent and no timer is left behind', () => {
  const { calls, run } = recorder();
  const notifier = systemdNotifier({}, run);
  notifier.ready();
  notifier.startWatchdog(() => true)();
  notifier.stopping();
  assert.deepEqual(calls, []);
});
