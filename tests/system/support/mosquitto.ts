// Debian's Mosquitto 2 on a free loopback port, as docs/scale-out.md runs it: anonymous refused,
// the dynamic-security plugin loaded, an admin account that may only administer it.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually, freePort } from '../../support/stack.js';

const MOSQUITTO = '/usr/sbin/mosquitto';
const MOSQUITTO_CTRL = '/usr/bin/mosquitto_ctrl';

export const DYNSEC_ADMIN = { username: 'roompost-admin', password: 'admin-secret-0123456789' };

/** The plugin's shared object, wherever this architecture's multiarch directory is. */
function dynsecPlugin(): string {
  for (const dir of readdirSync('/usr/lib')) {
    const candidate = join('/usr/lib', dir, 'mosquitto_dynamic_security.so');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('mosquitto_dynamic_security.so is missing: run scripts/install-system-deps.sh first');
}

export interface Mosquitto {
  readonly port: number;
  /** The broker's process id (benchmarks read its CPU time). */
  readonly pid: number | undefined;
  readonly url: string;
  /** Everything the broker logged so far. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts Mosquitto with its files in `dir`. Started again on the same dir (and `port`), it keeps the
 * accounts central created, as a restarted broker does.
 */
export async function startMosquitto(
  dir: string,
  opts: {
    port?: number;
    /** Default access where no ACL matches (the plugin's `defaultACLAccess`); deny publish/subscribe unless set. */
    defaultAccess?: { publishClientSend?: boolean; subscribe?: boolean };
  } = {},
): Promise<Mosquitto> {
  for (const bin of [MOSQUITTO, MOSQUITTO_CTRL]) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run scripts/install-system-deps.sh first`);
  }
  const plugin = dynsecPlugin();
  const dynsecFile = join(dir, 'dynamic-security.json');
  if (!existsSync(dynsecFile)) {
    await promisify(execFile)(MOSQUITTO_CTRL, [
      'dynsec',
      'init',
      dynsecFile,
      DYNSEC_ADMIN.username,
      DYNSEC_ADMIN.password,
    ]);
    // `dynsec init` lets the admin read every topic; ours administers the plugin and nothing else
    // (docs/scale-out.md does the same with removeRoleACL), so central stays the only one reading all.
    const state = JSON.parse(await readFile(dynsecFile, 'utf8')) as {
      roles: Array<{ rolename: string; acls: Array<{ topic: string }> }>;
      defaultACLAccess: Record<string, boolean>;
    };
    for (const role of state.roles) {
      role.acls = role.acls.filter((a) => a.topic.startsWith('$CONTROL/dynamic-security/'));
    }
    Object.assign(state.defaultACLAccess, opts.defaultAccess);
    await writeFile(dynsecFile, JSON.stringify(state, null, 2), { mode: 0o600 });
  }

  const port = opts.port ?? (await freePort());
  const conf = join(dir, 'mosquitto.conf');
  await writeFile(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `plugin ${plugin}`,
      `plugin_opt_config_file ${dynsecFile}`,
      // Started as root, Mosquitto drops to the `mosquitto` user and could no longer read its files here.
      `user ${userInfo().username}`,
      // Central takes every charge of the property through one connection: a burst of thousands must
      // queue for it, not be dropped past Mosquitto's default 1,000 (docs/scale-out.md).
      'max_queued_messages 100000',
      'max_inflight_messages 100',
      // As on the embedded broker: no Nagle, or a PUBACK or a status waits ~40 ms for a delayed ACK.
      'set_tcp_nodelay true',
      'persistence false',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      'log_type notice',
      'log_type information',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await eventually(
    async () => (log.includes('running') ? true : undefined),
    `mosquitto to start (log: ${log})`,
    5000,
  );
  return {
    port,
    pid: child.pid,
    url: `mqtt://127.0.0.1:${port}`,
    log: () => log,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
