// The edge as systemd runs it (its main, a real process) with GPIO through libgpiod: every
// output holder and input monitor is a child process. A start that fails after they exist must
// exit non-zero in bounded time and leave none behind; a relative --kiosk path (as docs/running.md
// writes it) is taken from the working directory, not a reason to fail.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type TestContext, test } from 'node:test';
import type { EdgeConfig } from '@roompost/edge';
import { edgeConfig, eventually, freePort } from '../../support/stack.js';
import { CHIP, fakeGpiodTools } from '../../unit/drivers/support/fake-gpiod.js';

const MAIN = resolve('edge/src/main.ts');
/** tsx resolved here: the edge runs with its working directory elsewhere. */
const TSX = import.meta.resolve('tsx');

async function setUp(t: TestContext, httpPort: number) {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-edge-start-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const state = await fakeGpiodTools(dir);
  const config: EdgeConfig = {
    ...edgeConfig(await freePort()), // nothing listens there: central is away, which never stops a start
    http: { host: '127.0.0.1', port: httpPort },
  };
  config.devices.gpio = {
    kind: 'libgpiod',
    chip: CHIP,
    binDir: join(dir, 'bin'),
    relayPulseSeconds: 10,
    outputs: { relay: { offset: 17, activeLow: true }, lightGreen: { offset: 22, activeLow: false } },
    inputs: { doorSensor: { offset: 5, activeLow: true, debounceMs: 20 } },
  };
  await writeFile(join(dir, 'edge.json'), JSON.stringify(config));
  await mkdir(join(dir, 'data'));
  return { dir, state };
}

function runEdge(
  dir: string,
  state: string,
  extra: string[],
): ChildProcess & { exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ['--import', TSX, MAIN, '--config', 'edge.json', '--data', 'data', '--log-level', 'warn', ...extra],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONPATH: join(dir, 'py'), ROOMPOST_GPIO_STATE: state },
    },
  );
  child.stdout!.resume();
  child.stderr!.resume();
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return Object.assign(child, { exited });
}

/** The pids of every GPIO holder and monitor the edge started (the stand-ins record them). */
async function linePids(state: string): Promise<number[]> {
  const text = await readFile(join(state, 'pids'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('an edge whose start fails after claiming GPIO exits non-zero within 20 s and leaves no child behind', async (t) => {
  // Its HTTP port is taken: the last step of the start fails, after every line is claimed.
  const blocker = createServer();
  await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
  t.after(() => new Promise<void>((done) => blocker.close(() => done())));
  const port = (blocker.address() as { port: number }).port;
  const { dir, state } = await setUp(t, port);
  const edge = runEdge(dir, state, []);
  const timer = setTimeout(() => edge.kill('SIGKILL'), 20_000);
  const code = await edge.exited;
  clearTimeout(timer);
  assert.notEqual(code, null, 'it exited by itself (not killed after 20 s)');
  assert.equal(code, 1);
  const pids = await linePids(state);
  assert.equal(pids.length, 3, 'two output holders and one input monitor had started');
  await eventually(async () => (pids.some(alive) ? undefined : true), 'every GPIO child to be gone', 3000);
  const log = await readFile(join(state, 'requests.log'), 'utf8');
  assert.match(log, /release 17/, 'the relay line was released by its holder, not left to a dead parent');
});

test('a relative --kiosk path is taken from the working directory; SIGTERM stops the edge with no child left', async (t) => {
  const port = await freePort();
  const { dir, state } = await setUp(t, port);
  await mkdir(join(dir, 'kiosk'));
  await writeFile(join(dir, 'kiosk', 'index.html'), '<!doctype html><title>roompost kiosk</title>');
  const edge = runEdge(dir, state, ['--kiosk', 'kiosk']);
  t.after(() => edge.kill('SIGKILL'));
  const page = await eventually(
    async () => {
      if (edge.exitCode !== null) throw new Error(`the edge exited with ${edge.exitCode}`);
      const res = await fetch(`http://127.0.0.1:${port}/`).catch(() => null);
      return res?.ok ? res.text() : undefined;
    },
    'the edge to serve the kiosk',
    30_000,
  );
  assert.match(page, /roompost kiosk/);
  const pids = await linePids(state);
  assert.equal(pids.length, 3);
  assert.ok(pids.every(alive), 'the lines are held while the edge runs');
  edge.kill('SIGTERM');
  assert.equal(await edge.exited, 0);
  await eventually(async () => (pids.some(alive) ? undefined : true), 'every GPIO child to be gone', 3000);
});
