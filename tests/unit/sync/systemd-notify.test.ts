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

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('under systemd, readiness, stopping and the watchdog are sent through systemd-notify', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const { calls, run } = recorder();
  const notifier = systemdNotifier({ NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '20000000' }, run);
  notifier.ready();
  let healthy = true;
  // The service's own check answers asynchronously (the database is asked).
  const stop = notifier.startWatchdog(async () => healthy);
  t.mock.timers.tick(10_000);
  await settle();
  healthy = false;
  t.mock.timers.tick(10_000);
  await settle();
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

test('a check that has not answered by the next tick sends nothing, and is not asked twice', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const { calls, run } = recorder();
  const notifier = systemdNotifier({ NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '20000000' }, run);
  let asked = 0;
  let answer: (ok: boolean) => void = () => {};
  const stop = notifier.startWatchdog(
    () =>
      new Promise<boolean>((resolve) => {
        asked++;
        answer = resolve;
      }),
  );
  t.mock.timers.tick(10_000);
  t.mock.timers.tick(10_000);
  await settle();
  assert.equal(asked, 1);
  assert.deepEqual(calls, []);
  answer(true);
  await settle();
  stop();
  assert.deepEqual(calls, [['systemd-notify', `--pid=${process.pid}`, 'WATCHDOG=1']]);
});
