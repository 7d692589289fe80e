// The commands run a compiled bundle only while it matches the sources it was built from
// (scripts/build-manifest.mjs, scripts/service-entry.mjs): a source changed or gone since the build
// runs the sources instead, with a note, or — where tsx is not installed — exits 1 naming the file;
// a bundle without a manifest counts as stale.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const entry = pathToFileURL(join(import.meta.dirname, '../../../scripts/service-entry.mjs')).href;
const manifest = pathToFileURL(join(import.meta.dirname, '../../../scripts/build-manifest.mjs')).href;

/** Runs runService over `root`'s dist/main.js and src/main.ts in a fresh node; tsx missing if asked. */
function start(root: string, tsxMissing = false) {
  const script = `
    const { runService } = await import(${JSON.stringify(entry)});
    const url = (p) => new URL(p, ${JSON.stringify(`${pathToFileURL(root).href}/`)});
    await runService('roompost-test', url('dist/main.js'), url('src/main.ts'), ${JSON.stringify(root)},
      ${tsxMissing ? "async () => { throw new Error('Cannot find package tsx'); }" : 'undefined'});`;
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { encoding: 'utf8' },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

test('a bundle runs while its sources are unchanged; a changed, removed or unlisted source runs the sources or refuses', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'roompost-stale-build-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'src', 'main.ts'), "const where: string = 'sources';\nconsole.log(where);\n");
  writeFileSync(join(root, 'src', 'money.ts'), 'export const cents = 100;\n');
  writeFileSync(join(root, 'dist', 'main.js'), "console.log('compiled');\n");
  const writeManifest = () =>
    execFile(process.execPath, [
      '--input-type=module',
      '-e',
      `const { manifestOf, manifestPath } = await import(${JSON.stringify(manifest)});
       const { writeFileSync } = await import('node:fs');
       writeFileSync(manifestPath(${JSON.stringify(join(root, 'dist', 'main.js'))}),
         JSON.stringify(manifestOf(${JSON.stringify(root)}, { 'src/main.ts': {}, 'src/money.ts': {} })));`,
    ]);
  const wrote = writeManifest();
  await new Promise((resolve) => wrote.once('exit', resolve));

  const fresh = await start(root);
  assert.deepEqual([fresh.code, fresh.stdout.trim(), fresh.stderr], [0, 'compiled', '']);

  writeFileSync(join(root, 'src', 'money.ts'), 'export const cents = 1000;\n');
  const changed = await start(root);
  assert.deepEqual([changed.code, changed.stdout.trim()], [0, 'sources'], changed.stderr);
  assert.match(changed.stderr, /out of date \(src\/money\.ts changed since the build\)/);

  const refused = await start(root, true);
  assert.deepEqual([refused.code, refused.stdout], [1, ''], 'the stale bundle never runs');
  assert.match(refused.stderr, /src\/money\.ts changed since the build\); run `npm run build`/);

  rmSync(join(root, 'src', 'money.ts'));
  assert.match((await start(root, true)).stderr, /src\/money\.ts is gone since the build/);
  rmSync(join(root, 'dist', 'main.js.inputs.json'));
  const unlisted = await start(root, true);
  assert.deepEqual([unlisted.code, /no build manifest/.test(unlisted.stderr)], [1, true]);
});
