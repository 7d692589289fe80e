// The compiled services (`npm run build`: one bundle per service with the plain-JavaScript npm
// packages inside, minified) started as their systemd units start them: they come up, serve the same
// OpenAPI document as the sources, and carry a backlog of charges from the edge to the folio and the
// "posted" status back. Needs a fresh `npm run build:services` (CI builds before the system tests).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedDemoCatalogs, seedDemoHotel, startCentral } from '@roompost/central';
import { openSqlite } from '@roompost/folio';
import { queueOfflineCharges } from '../../bench/lib.js';
import { extraInHouseRooms } from '../support/in-house-rooms.js';
import { recordingLogger } from '../support/recording-logger.js';
import { api, centralConfig, edgeConfig, eventually, freePort, TODAY } from '../support/stack.js';

const root = join(import.meta.dirname, '../..');

/** The node flags of a service's systemd unit (what production runs), as the memory benchmark reads them. */
function unitFlags(service: 'central' | 'edge'): string[] {
  const unit = readFileSync(join(root, `systemd/roompost-${service}.service`), 'utf8');
  const exec = /^ExecStart=\S*node\s+(.*?)\s*\S+\/dist\/main\.js/m.exec(unit);
  assert.ok(exec, `systemd/roompost-${service}.service runs ${service}/dist/main.js with node`);
  return (exec[1] ?? '').split(/\s+/).filter(Boolean);
}

test('the compiled services start as the units run them, serve what the sources serve and post a backlog', async (t) => {
  const manifest = '../../scripts/build-manifest.mjs';
  const { staleReason } = (await import(manifest)) as {
    staleReason: (root: string, bundle: string) => string | null;
  };
  for (const service of ['central', 'edge']) {
    const stale = staleReason(root, join(root, `${service}/dist/main.js`));
    assert.equal(
      stale,
      null,
      `${service}/dist/main.js must match its sources: run \`npm run build:services\``,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'roompost-compiled-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const [mqttPort, centralPort, edgePort] = [await freePort(), await freePort(), await freePort()];
  const central = { ...centralConfig(mqttPort), http: { host: '127.0.0.1', port: centralPort } };
  const edge = { ...edgeConfig(mqttPort), http: { host: '127.0.0.1', port: edgePort } };
  await writeFile(join(dir, 'central.json'), JSON.stringify(central));
  await writeFile(join(dir, 'edge.json'), JSON.stringify(edge));

  // The hotel, seeded through the sources; central's OpenAPI document as the sources serve it.
  const seeding = await startCentral(central, { dataDir: dir, logger: recordingLogger() });
  await seedDemoHotel(seeding.folio, TODAY);
  await seedDemoCatalogs(seeding.catalog);
  const stays = await extraInHouseRooms(seeding.folio, 5, TODAY);
  const fromSources = await api(seeding.httpUrl, '/api/openapi.json');
  await seeding.stop();
  assert.equal(fromSources.status, 200);
  await queueOfflineCharges(join(dir, 'edge.sqlite'), stays, 20);

  const children: ChildProcess[] = [];
  t.after(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });
  let stderr = '';
  const run = (service: 'central' | 'edge') => {
    const args = ['--config', join(dir, `${service}.json`), '--data', dir, '--log-level', 'error'];
    if (service === 'edge') args.push('--kiosk', join(dir, 'no-kiosk'));
    const child = spawn(process.execPath, [...unitFlags(service), `${service}/dist/main.js`, ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    children.push(child);
  };
  run('central');
  run('edge');

  const edgeUrl = `http://127.0.0.1:${edgePort}`;
  const centralUrl = `http://127.0.0.1:${centralPort}`;
  const withStderr = <T>(waiting: Promise<T>) =>
    waiting.catch((err: Error) => {
      throw new Error(`${err.message}; the services' stderr: ${stderr || '(nothing)'}`);
    });
  await withStderr(
    eventually(
      async () =>
        (await api(edgeUrl, '/api/health').catch(() => undefined))?.body.central === 'online'
          ? true
          : undefined,
      'the compiled edge online at the compiled central',
      60_000,
    ),
  );

  const doc = await api<{ paths: Record<string, unknown> }>(centralUrl, '/api/openapi.json');
  assert.equal(doc.status, 200);
  assert.deepEqual(doc.body, fromSources.body, 'the compiled central documents exactly what the sources do');
  const edgeDoc = await api<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
    edgeUrl,
    '/api/openapi.json',
  );
  assert.equal(edgeDoc.status, 200);
  assert.ok(edgeDoc.body.paths['/api/checks']?.post, 'the edge documents POST /api/checks');

  // The backlog: every queued charge posted on the folio and reported "posted" back at the edge.
  const edgeDb = openSqlite<{ charges: { status: string } }>(join(dir, 'edge.sqlite'));
  t.after(() => edgeDb.close());
  await withStderr(
    eventually(
      async () => {
        const rows = await edgeDb.db.selectFrom('charges').select('status').execute();
        return rows.length === 20 && rows.every((r) => r.status === 'posted') ? true : undefined;
      },
      '20 charges posted through the compiled services',
      60_000,
    ),
  );
  assert.equal(stderr, '', 'nothing logged at error level');
});
