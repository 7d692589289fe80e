// `npm run tap -- <uid>` refuses what is not a card UID before it talks to any edge.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../../scripts/tap.ts', import.meta.url));

test('an invalid UID is refused with exit code 2 and says what a UID is; nothing is sent', () => {
  // An address nothing listens on: a tap that got past the check would fail with exit code 1.
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, 'XYZ'], {
    env: { ...process.env, ROOMPOST_EDGE_URL: 'http://127.0.0.1:9' },
    encoding: 'utf8',
  });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /not a card UID/);
});
