// A throwaway PostgreSQL server for tests, from Debian's `postgresql` package, as a user would run one:
// its own data dir (initdb), loopback on a free port, run as the `postgres` user when we are root.
// `node scripts/postgres-test-server.mjs` prints its admin URL on one line and runs until stdin closes;
// run-tests.mjs uses it for ROOMPOST_TEST_DB=postgres. Tests import startPostgresServer directly.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const USER = 'roompost';

/** The newest PostgreSQL bin directory, or null with the reason. */
export function findPostgresBin() {
  if (process.env.ROOMPOST_PG_BIN) return { bin: process.env.ROOMPOST_PG_BIN };
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return { reason: `${root} not found: install Debian's postgresql package` };
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) return { reason: `no initdb under ${root}` };
  return { bin: join(root, versions[0], 'bin') };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Who runs the server: ourselves, or the `postgres` account when we are root (initdb refuses root). */
function account() {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/**
 * Starts a server; resolves to { url, port, stop() } or rejects with the reason it could not start.
 * The url is the superuser's connection to the `postgres` database (trust auth, loopback only).
 * Tests run it without fsync; `durable: true` keeps PostgreSQL's defaults (fsync, synchronous commit,
 * full page writes) as production runs it, and `settings` adds server settings (`-c name=value`).
 */
export async function startPostgresServer(options = {}) {
  const durability = options.durable
    ? []
    : // A test server: durability is not what is tested here, speed is welcome.
      ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
  const settings = [
    ...durability,
    ...Object.entries(options.settings ?? {}).map(([name, value]) => `${name}=${value}`),
  ].flatMap((s) => ['-c', s]);
  const found = findPostgresBin();
  if (!found.bin) throw new Error(found.reason);
  const who = account();
  const dir = mkdtempSync(join(tmpdir(), 'roompost-pg-'));
  if (who.uid !== undefined) chownSync(dir, who.uid, who.gid);
  const data = join(dir, 'data');
  const run = (cmd, args) => execFileSync(join(found.bin, cmd), args, { ...who, stdio: 'pipe' });
  try {
    // C collation: text sorts byte by byte, as SQLite does.
    run('initdb', ['-D', data, '-U', USER, '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${error.stderr?.toString() ?? error.message}`);
  }
  let lastError;
  for (let tries = 0; tries < 5; tries++) {
    const port = await freePort();
    const child = spawn(
      join(found.bin, 'postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'max_connections=300',
        ...settings,
      ],
      { ...who, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const url = `postgres://${USER}@127.0.0.1:${port}/postgres`;
    const ready = await waitReady(found.bin, port, who, exited);
    if (ready === true) {
      child.unref();
      child.stderr.unref?.();
      let stopping;
      const stop = () => {
        stopping ??= (async () => {
          if (child.exitCode === null) {
            child.kill('SIGINT'); // fast shutdown
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            await exited;
            clearTimeout(timer);
          }
          rmSync(dir, { recursive: true, force: true });
        })();
        return stopping;
      };
      return { url, port, stop, kill: () => child.kill('SIGKILL') };
    }
    lastError = `postgres did not start on port ${port}: ${stderr.trim().split('\n').slice(-3).join(' ')}`;
    child.kill('SIGKILL');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(lastError);
}

async function waitReady(bin, port, who, exited) {
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const deadline = Date.now() + 30_000;
  while (!done && Date.now() < deadline) {
    try {
      execFileSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q'], {
        ...who,
        stdio: 'ignore',
      });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return false;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const server = await startPostgresServer();
    process.stdout.write(`${server.url}\n`);
    const stop = () => void server.stop().then(() => process.exit(0));
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.stdin.resume();
  } catch (error) {
    process.stdout.write(`unavailable: ${error.message.replaceAll('\n', ' ')}\n`);
    process.exit(0);
  }
}
