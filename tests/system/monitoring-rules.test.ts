// The example alert rules are valid Prometheus rules and fire as their unit tests say, checked by
// Prometheus' own promtool (Debian package prometheus, scripts/install-system-deps.sh).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const skip = promtool.status === 0 ? false : 'promtool is not installed (Debian package prometheus)';

test('promtool check rules and promtool test rules pass on monitoring/prometheus', { skip }, () => {
  const check = spawnSync('promtool', ['check', 'rules', 'monitoring/prometheus/roompost-alerts.yml'], {
    encoding: 'utf8',
  });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /SUCCESS: \d+ rules found/);
  const unit = spawnSync('promtool', ['test', 'rules', 'monitoring/prometheus/roompost-alerts.test.yml'], {
    encoding: 'utf8',
  });
  assert.equal(unit.status, 0, unit.stdout + unit.stderr);
  assert.match(unit.stdout, /SUCCESS/);
});
