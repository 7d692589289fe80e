#!/usr/bin/env node
// Runs node:test over every *.test.ts / *.test.tsx under the given folders, with TypeScript loaded by tsx.
// Node 20's `--test` does not expand globs, so the file list is collected here.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2);
if (roots.length === 0) {
  console.error('usage: run-tests.mjs <folder or test file>...');
  process.exit(2);
}

function collect(dir) {
  if (!statSync(dir).isDirectory()) return [dir];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...collect(path));
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const files = roots.flatMap((root) => collect(root));
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}

// ROOMPOST_TEST_DB=postgres: one PostgreSQL server for the whole run (each test file makes its own
// databases on it); when it cannot be started, say why and skip the run.
let server;
if (process.env.ROOMPOST_TEST_DB === 'postgres' && !process.env.ROOMPOST_TEST_PG_URL) {
  const { startPostgresServer } = await import('./postgres-test-server.mjs');
  try {
    server = await startPostgresServer();
  } catch (error) {
    console.log(
      `# SKIP: PostgreSQL unavailable (${error.message.split('\n')[0]}): not running ${files.length} files on it`,
    );
    process.exit(0);
  }
  console.log(`# PostgreSQL test server at ${server.url}`);
}
const env = server ? { ...process.env, ROOMPOST_TEST_PG_URL: server.url } : process.env;
const child = spawn(process.execPath, ['--import', 'tsx', '--test', ...files], { stdio: 'inherit', env });
child.on('exit', async (code, signal) => {
  await server?.stop();
  process.exit(signal ? 1 : (code ?? 1));
});
