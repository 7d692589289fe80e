// provisioning/install-pi.sh run for real in a fresh Debian bookworm (debootstrap, minbase) chroot:
// the packages it installs, the users, the files and their permissions, the units, and the
// compiled edge it built running there. Needs root, debootstrap and Debian's mirror; several
// minutes (debootstrap, chromium, npm ci). ROOMPOST_CHROOT_BASE may name an existing minbase
// bookworm tree to copy instead of running debootstrap (repeated local runs).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const MIRROR = 'http://deb.debian.org/debian';

function whyNot(): string | false {
  if (process.getuid?.() !== 0) return 'needs root (debootstrap, chroot, mounts)';
  if (spawnSync('debootstrap', ['--version']).error)
    return 'debootstrap is not installed (apt-get install debootstrap)';
  if (!existsSync('/usr/lib/node_modules/npm'))
    return 'needs a Node.js with npm in /usr/lib/node_modules (NodeSource layout)';
  return false;
}

const run = (command: string, args: string[], options: { input?: string } = {}) =>
  execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });

test('install-pi.sh in a fresh bookworm chroot installs packages, users, files, permissions and units', {
  skip: whyNot(),
  timeout: 40 * 60_000,
}, async (t) => {
  const work = await mkdtemp(join(tmpdir(), 'roompost-pi-'));
  const root = join(work, 'root');
  const mounts: string[] = [];
  t.after(async () => {
    for (const m of mounts.reverse()) spawnSync('umount', ['-l', m]);
    // Never delete through a mount that is still there (it would be the host's /dev or /proc).
    const still = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .filter((l) => l.split(' ')[1]?.startsWith(root));
    if (still.length === 0) await rm(work, { recursive: true, force: true });
    else console.log(`# left ${work} in place: still mounted ${still.join('; ')}`);
  });

  const base = process.env.ROOMPOST_CHROOT_BASE;
  if (base) run('cp', ['-a', base, root]);
  else run('debootstrap', ['--variant=minbase', 'bookworm', root, MIRROR]);

  // What the Pi has before the script runs: network, no daemons started by package scripts,
  // and Node.js 20 already there (the script must still refresh the package lists).
  run('cp', ['-L', '/etc/resolv.conf', join(root, 'etc/resolv.conf')]);
  // This network's trust store (a TLS-inspecting proxy's CA, where there is one), kept across the
  // ca-certificates package's own rebuild of the bundle.
  if (existsSync('/etc/ssl/certs/ca-certificates.crt')) {
    run('mkdir', ['-p', join(root, 'etc/ssl/certs'), join(root, 'usr/local/share/ca-certificates')]);
    run('cp', ['-L', '/etc/ssl/certs/ca-certificates.crt', join(root, 'etc/ssl/certs/ca-certificates.crt')]);
    run('cp', [
      '-L',
      '/etc/ssl/certs/ca-certificates.crt',
      join(root, 'usr/local/share/ca-certificates/host.crt'),
    ]);
  }
  writeFileSync(join(root, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  run('cp', [process.execPath, join(root, 'usr/bin/node')]);
  run('mkdir', ['-p', join(root, 'usr/lib/node_modules')]);
  run('cp', ['-a', '/usr/lib/node_modules/npm', join(root, 'usr/lib/node_modules/')]);
  run('ln', ['-sf', '../lib/node_modules/npm/bin/npm-cli.js', join(root, 'usr/bin/npm')]);
  // NodeSource's nodejs package ships the headers native modules build against.
  if (existsSync('/usr/include/node')) {
    run('mkdir', ['-p', join(root, 'usr/include')]);
    run('cp', ['-a', '/usr/include/node', join(root, 'usr/include/')]);
  }
  for (const [what, where] of [
    ['/proc', 'proc'],
    ['/dev', 'dev'],
    ['/dev/pts', 'dev/pts'],
    ['/sys', 'sys'],
  ] as const) {
    run('mount', ['--bind', what, join(root, where)]);
    mounts.push(join(root, where));
  }
  // The checkout as git sees it (tracked and new files, nothing ignored: no node_modules, no dist).
  run('mkdir', ['-p', join(root, 'src/roompost')]);
  const files = run('git', ['ls-files', '-z', '-co', '--exclude-standard']);
  run('tar', ['--null', '-T', '-', '-cf', join(work, 'src.tar')], { input: files });
  run('tar', ['-C', join(root, 'src/roompost'), '-xf', join(work, 'src.tar')]);

  const install = spawnSync(
    'chroot',
    [
      root,
      '/usr/bin/env',
      'PATH=/usr/sbin:/usr/bin:/sbin:/bin',
      'HOME=/root',
      'bash',
      '/src/roompost/provisioning/install-pi.sh',
      '--source',
      '/src/roompost',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  await t.test('the script succeeds', () => {
    assert.equal(install.status, 0, `${install.stdout.slice(-3000)}\n${install.stderr.slice(-3000)}`);
    assert.match(
      install.stdout,
      /==> updating package lists/,
      'lists refreshed although Node.js was present',
    );
    assert.match(install.stdout, /Node\.js v20\.\d+\.\d+ already installed/);
  });
  const inRoot = (...args: string[]) =>
    spawnSync('chroot', [root, '/usr/bin/env', 'PATH=/usr/sbin:/usr/bin:/sbin:/bin', ...args], {
      encoding: 'utf8',
    });

  await t.test('packages: card reader, GPIO, kiosk, fonts', () => {
    for (const pkg of [
      'pcscd',
      'gpiod',
      'python3-libgpiod',
      'chromium',
      'cage',
      'fonts-lohit-deva',
      'fonts-noto-color-emoji',
    ]) {
      const r = inRoot('dpkg-query', '-W', `-f=\${Status}`, pkg);
      assert.equal(r.stdout, 'install ok installed', `${pkg}: ${r.stdout}${r.stderr}`);
    }
    assert.notEqual(inRoot('fc-list', ':lang=hi').stdout.trim(), '', 'a font with Devanagari');
    assert.match(inRoot('fc-list').stdout, /Noto Color Emoji/);
    assert.equal(
      inRoot('/usr/bin/python3', '-c', 'import gpiod').status,
      0,
      'the GPIO holder can import its binding',
    );
  });

  await t.test('users: roompost and kiosk, system accounts without a login shell', () => {
    const passwd = readFileSync(join(root, 'etc/passwd'), 'utf8');
    for (const user of ['roompost', 'kiosk']) {
      const row = passwd.split('\n').find((l) => l.startsWith(`${user}:`));
      assert.ok(row, `${user} exists`);
      const [, , uid, , , , shell] = row.split(':');
      assert.ok(Number(uid) < 1000, `${user} is a system user (uid ${uid})`);
      assert.equal(shell, '/usr/sbin/nologin');
    }
    const groups = inRoot('id', '-nG', 'roompost').stdout.split(/\s+/);
    for (const g of ['dialout', 'lp', 'plugdev'])
      assert.ok(groups.includes(g), `roompost in ${g}: ${groups}`);
  });

  await t.test('files and permissions', async () => {
    const owner = (path: string) => {
      const s = statSync(join(root, path));
      const users = readFileSync(join(root, 'etc/passwd'), 'utf8');
      const name = users
        .split('\n')
        .find((l) => l.split(':')[2] === String(s.uid))
        ?.split(':')[0];
      return { mode: (s.mode & 0o7777).toString(8), owner: name };
    };
    assert.deepEqual(owner('etc/roompost'), { mode: '750', owner: 'roompost' });
    assert.deepEqual(owner('var/lib/roompost'), { mode: '700', owner: 'roompost' });
    for (const built of [
      'opt/roompost/edge/dist/main.js',
      'opt/roompost/central/dist/main.js',
      'opt/roompost/kiosk-ui/dist/kiosk/index.html',
    ]) {
      assert.ok(existsSync(join(root, built)), `${built} was built`);
    }
  });

  await t.test('units: installed as shipped, running the compiled edge with node', async () => {
    for (const unit of ['roompost-edge.service', 'roompost-kiosk.service']) {
      const installed = join(root, 'etc/systemd/system', unit);
      assert.equal((statSync(installed).mode & 0o777).toString(8), '644');
      assert.equal(await readFile(installed, 'utf8'), await readFile(join('systemd', unit), 'utf8'));
    }
    // node, its flags (e.g. --max-semi-space-size), then the compiled edge: never tsx.
    const exec = /^ExecStart=(\S+)((?: --\S+)*) (\S+)/m.exec(
      await readFile(join(root, 'etc/systemd/system/roompost-edge.service'), 'utf8'),
    );
    assert.deepEqual([exec?.[1], exec?.[3]], ['/usr/bin/node', 'edge/dist/main.js']);
    // The compiled edge runs on the installed system: a config that is not there is exit 1, named.
    const edge = spawnSync(
      'chroot',
      [
        root,
        '/usr/bin/env',
        'PATH=/usr/bin:/bin',
        'sh',
        '-c',
        'cd /opt/roompost && node edge/dist/main.js --config /etc/roompost/edge.json --data /var/lib/roompost/edge',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(edge.status, 1, edge.stderr);
    assert.match(edge.stderr, /edge\.json/);
    // `roompost-edge` is on PATH (as `sudo roompost-edge enroll` needs) and runs the fresh build.
    const help = spawnSync(
      'chroot',
      [
        root,
        '/usr/bin/env',
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin',
        'roompost-edge',
        '--help',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /usage: roompost-edge/);
    assert.equal(
      help.stderr,
      '',
      'the compiled build matches its sources: no note about an out-of-date build',
    );
  });
});
