// The systemd units and the Pi install script, checked with the tools a Debian machine has.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const tool = (command: string, args: string[]) => {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error)
    throw new Error(`${command} is not available (${r.error.message}): run scripts/install-system-deps.sh`);
  return r;
};

const units = readdirSync('systemd')
  .filter((f) => f.endsWith('.service'))
  .map((f) => `systemd/${f}`);

test('every unit passes systemd-analyze verify', () => {
  assert.deepEqual(units.sort(), [
    'systemd/roompost-central.service',
    'systemd/roompost-central@.service',
    'systemd/roompost-edge.service',
    'systemd/roompost-kiosk.service',
  ]);
  const r = tool('systemd-analyze', ['verify', ...units]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr.trim(), '', 'no warnings either');
});

test('the edge and central units are Type=notify with a watchdog, sandboxed, as their own user', () => {
  for (const unit of [
    'systemd/roompost-edge.service',
    'systemd/roompost-central.service',
    'systemd/roompost-central@.service',
  ]) {
    const text = readFileSync(unit, 'utf8');
    for (const line of [
      'Type=notify',
      'NotifyAccess=all',
      'WatchdogSec=30',
      'User=roompost',
      'ProtectSystem=strict',
      'NoNewPrivileges=true',
    ]) {
      assert.match(text, new RegExp(`^${line}$`, 'm'), `${unit}: ${line}`);
    }
  }
});

test('a central worker runs with the node flags and environment of the central unit', () => {
  const settings = (unit: string) => {
    const text = readFileSync(unit, 'utf8');
    const exec = /^ExecStart=(\S+)\s+(.*?)\s*central\/dist\/main\.js/m.exec(text);
    assert.ok(exec, `${unit} runs central/dist/main.js`);
    return {
      node: exec[1],
      flags: (exec[2] ?? '').split(/\s+/).filter(Boolean),
      environment: [...(text.match(/^Environment=.*$/gm) ?? [])],
    };
  };
  const central = settings('systemd/roompost-central.service');
  assert.ok(central.flags.includes('--expose-gc'), "central frees a burst's heap with gc()");
  assert.ok(central.environment.includes('Environment=MALLOC_ARENA_MAX=1'));
  assert.deepEqual(settings('systemd/roompost-central@.service'), central);
});

test('the install scripts pass shellcheck', () => {
  const r = tool('shellcheck', ['provisioning/install-pi.sh', 'scripts/install-system-deps.sh', '.ci/run']);
  assert.equal(r.status, 0, r.stdout);
});
