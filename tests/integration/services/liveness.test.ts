// The watchdog's liveness check against a real SQLite file and the real event loop.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqlite } from '@roompost/folio';
import { livenessCheck } from '@roompost/sync';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { recordingLogger } from '../../support/recording-logger.js';

test('alive while the database answers and the loop turns; not alive when the database is gone or the loop was blocked', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-liveness-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const sqlite = openSqlite<Record<string, never>>(join(dir, 'edge.sqlite'));
  t.after(() => sqlite.close());
  const logger = recordingLogger();
  const db = sqlite.db;
  const alive = livenessCheck({
    logger,
    maxLagMs: 200,
    checks: { database: () => sql`select 1`.execute(db) },
  });
  assert.equal(await alive(), true);

  const until = Date.now() + 400;
  while (Date.now() < until); // a synchronous stall, as a runaway loop or a huge sync parse would be
  assert.equal(await alive(), false);
  const blocked = logger.entries.at(-1)?.obj as { problems: Array<{ code: string; lagMs?: number }> };
  assert.equal(blocked.problems[0]?.code, 'EVENT_LOOP_BLOCKED');
  assert.ok((blocked.problems[0]?.lagMs ?? 0) >= 200);
  assert.equal(await alive(), true, 'the block is counted once');

  // A connection that is gone: every query fails (better-sqlite3: "database connection is not open").
  const handle = new Database(join(dir, 'other.sqlite'));
  handle.close();
  const broken = livenessCheck({
    logger,
    checks: { database: async () => handle.prepare('select 1').get() },
  });
  assert.equal(await broken(), false);
  const failed = logger.entries.at(-1)?.obj as { problems: Array<{ code: string; check?: string }> };
  assert.deepEqual(
    failed.problems.map((p) => [p.code, p.check]),
    [['CHECK_FAILED', 'database']],
  );
});
