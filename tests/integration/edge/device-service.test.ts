// The kiosk's service screen on a real edge: test page and relay pulse (deviceService: managers and
// admins, staff outlets only), the receipt preview as SVG, and the self-service fridge whose door
// closing ends the guest's session over the event stream.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, type TestContext, test } from 'node:test';
import { seedDemoCatalogs, seedDemoHotel, startCentral } from '@roompost/central';
import type { FakeGpio } from '@roompost/drivers';
import { type EdgeConfig, hashPin, startEdge } from '@roompost/edge';
import type { ChargeView, KioskEvents, KioskLookup, StaffRole, StaffSessionView } from '@roompost/sync';
import { recordingLogger } from '../../support/recording-logger.js';
import {
  api,
  centralConfig,
  DEVICE,
  DEVICE_SECRET,
  edgeConfig,
  eventually,
  freePort,
  screenToken,
  TODAY,
} from '../../support/stack.js';

const CHIP = 'pinctrl-rp1';
const RELAY = 5;
const DOOR = 9;
const PINS: Record<StaffRole, string> = {
  server: '1111',
  front_desk: '2222',
  manager: '3333',
  admin: '4444',
};
let staff: EdgeConfig['staff'];

before(async () => {
  staff = await Promise.all(
    (Object.keys(PINS) as StaffRole[]).map(async (role) => ({
      id: `staff-${role}`,
      name: `The ${role}`,
      role,
      pinHash: await hashPin(PINS[role]),
    })),
  );
});

const gpio: NonNullable<EdgeConfig['devices']['gpio']> = {
  kind: 'fake',
  chip: CHIP,
  relayPulseSeconds: 30,
  outputs: { relay: { offset: RELAY, activeLow: false } },
  inputs: { doorSensor: { offset: DOOR, activeLow: false, debounceMs: 0 } },
};

async function stack(t: TestContext, mode: 'self-service' | 'staff', withGpio = true) {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-device-service-'));
  const mqttPort = await freePort();
  // A staff edge belongs to a staff outlet at central, whose roster holds its staff: a sign-in then
  // carries central's staff proof, which a staff device's room lookup needs.
  const central = await startCentral(
    centralConfig(
      mqttPort,
      mode === 'staff'
        ? {
            outlets: [{ code: 'POOL', name: 'Pool Bar', postingDescription: 'Pool Bar', mode: 'staff' }],
            devices: [{ id: DEVICE, outletCode: 'POOL', secret: DEVICE_SECRET, mode: 'staff' }],
          }
        : {},
    ),
    { dataDir: dir, logger: recordingLogger() },
  );
  if (mode === 'staff') {
    for (const s of staff)
      await central.staff.set(s.id, { name: s.name, role: s.role }, 'test', { pinHash: s.pinHash });
  }
  await seedDemoHotel(central.folio, TODAY);
  await seedDemoCatalogs(central.catalog);
  const base = edgeConfig(mqttPort, mode, staff);
  const edge = await startEdge(
    { ...base, devices: { ...base.devices, ...(withGpio ? { gpio } : {}) } },
    { dataDir: dir, logger: recordingLogger(), kioskDir: join(dir, 'none') },
  );
  t.after(async () => {
    await edge.stop();
    await central.stop();
    await rm(dir, { recursive: true, force: true });
  });
  await eventually(
    async () => ((await api(edge.httpUrl, '/api/health')).body.central === 'online' ? true : undefined),
    'the edge to reach central',
  );
  const relayUnlocked = () =>
    (edge.gpio?.driver as FakeGpio | undefined)?.level({ chip: CHIP, offset: RELAY });
  const door = (open: boolean) =>
    (edge.gpio!.driver as FakeGpio).simulateLevel({ chip: CHIP, offset: DOOR }, open);
  return {
    edge,
    dir,
    base: edge.httpUrl,
    relayUnlocked,
    door,
    receipts: () => readFile(join(dir, 'receipts.txt'), 'utf8').catch(() => ''),
  };
}

async function signIn(base: string, role: StaffRole): Promise<string> {
  const res = await api<StaffSessionView>(base, '/api/staff/session', { pin: PINS[role] });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.token;
}

async function charge(base: string, token?: string): Promise<ChargeView> {
  const lookup = await api<KioskLookup>(
    base,
    '/api/lookup',
    token ? { roomNumber: '412' } : { uid: '04A1B2C3' },
    token,
  );
  assert.equal(lookup.status, 200, JSON.stringify(lookup.body));
  const created = await api<ChargeView>(
    base,
    '/api/checks',
    {
      requestId: randomUUID(),
      verificationId: lookup.body.verificationId,
      items: [{ sku: 'SPRITZ', quantity: 2 }],
    },
    token,
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body;
}

/** Reads named events off GET /api/events until `enough` says so. */
async function collectEvents<K extends keyof KioskEvents>(
  url: string,
  name: K,
  enough: (events: Array<KioskEvents[K]>) => boolean,
  during: () => Promise<void>,
): Promise<Array<KioskEvents[K]>> {
  const controller = new AbortController();
  const screen = (await screenToken(new URL(url).origin)) ?? '';
  const res = await fetch(url, { signal: controller.signal, headers: { 'x-kiosk-screen': screen } });
  const reader = res.body!.getReader();
  let text = '';
  const events = () =>
    [...text.matchAll(new RegExp(`event: ${name}\\ndata: (.*)\\n`, 'g'))].map(
      (m) => JSON.parse(m[1]!) as KioskEvents[K],
    );
  // The stream is open once its first frame (retry:) arrived; then act.
  text += Buffer.from((await reader.read()).value ?? []).toString('utf8');
  await during();
  const deadline = Date.now() + 5000;
  while (!enough(events()) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
  }
  controller.abort();
  await reader.cancel().catch(() => {});
  return events();
}

test('service screen: only managers and admins print a test page and pulse the relay; the API enforces it', async (t) => {
  const s = await stack(t, 'staff');
  const server = await signIn(s.base, 'server');
  const frontDesk = await signIn(s.base, 'front_desk');
  const manager = await signIn(s.base, 'manager');
  for (const token of [server, frontDesk]) {
    const test = await api(s.base, '/api/devices/printer/test', {}, token);
    assert.deepEqual([test.status, test.body.code], [403, 'FORBIDDEN']);
    const pulse = await api(s.base, '/api/devices/relay/pulse', {}, token);
    assert.deepEqual([pulse.status, pulse.body.code], [403, 'FORBIDDEN']);
  }
  assert.equal((await api(s.base, '/api/devices/relay/pulse', {})).status, 401);
  assert.equal(s.relayUnlocked(), false, 'nothing pulsed by a refused call');

  // The server charges a room (its receipt prints), then the manager prints a test page.
  await charge(s.base, server);
  await eventually(
    async () => ((await s.receipts()).includes('CHARGED TO ROOM 412') ? true : undefined),
    'the receipt',
  );
  const printed = await api(s.base, '/api/devices/printer/test', {}, manager);
  assert.equal(printed.status, 200, JSON.stringify(printed.body));
  assert.equal(printed.body.printed, true);
  const paper = await s.receipts();
  assert.match(paper, /P ?R ?I ?N ?T ?E ?R +T ?E ?S ?T/);
  assert.match(paper, /^By +The manager$/m);
  assert.match(paper, /^Device +pool-kiosk-1$/m);
  assert.match(paper, /\$1,234\.56/);
  // "Reprint last receipt" reprints the guest's receipt, not the test page.
  assert.equal((await api(s.base, '/api/devices/printer/reprint', {}, manager)).status, 200);
  const jobs = (await s.receipts()).split(/^=+$/m).filter((job) => job.trim());
  assert.match(jobs.at(-1) ?? '', /room-charge \(reprint\)[\s\S]*CHARGED TO ROOM 412/);

  // Bad seconds are refused with the field named, and pulse nothing.
  for (const bad of [{ seconds: 0 }, { seconds: 61 }, { seconds: 1.5 }, { seconds: '5' }, { minutes: 1 }]) {
    const refused = await api(s.base, '/api/devices/relay/pulse', bad, manager);
    assert.equal(refused.status, 400, JSON.stringify(bad));
    assert.equal(refused.body.code, 'VALIDATION_FAILED');
    if ('seconds' in bad) assert.equal(refused.body.field, 'seconds');
  }
  assert.equal(s.relayUnlocked(), false);
  const pulsed = await api(s.base, '/api/devices/relay/pulse', { seconds: 1 }, manager);
  assert.deepEqual([pulsed.status, pulsed.body.seconds], [200, 1]);
  assert.equal(s.relayUnlocked(), true, 'unlocked');
  await eventually(
    async () => (s.relayUnlocked() === false ? true : undefined),
    'the relay to lock after 1 s',
  );
  const admin = await signIn(s.base, 'admin');
  assert.equal(
    (await api(s.base, '/api/devices/relay/pulse', {}, admin)).body.seconds,
    30,
    'the configured default',
  );
});

test('an outlet without a relay answers NOT_FOUND to a pulse; a self-service outlet refuses the service calls', async (t) => {
  const noRelay = await stack(t, 'staff', false);
  const manager = await signIn(noRelay.base, 'manager');
  const missing = await api(noRelay.base, '/api/devices/relay/pulse', {}, manager);
  assert.deepEqual([missing.status, missing.body.code], [404, 'NOT_FOUND']);
  assert.match(String(missing.body.message), /no door lock relay/);

  const selfService = await stack(t, 'self-service');
  for (const path of ['/api/devices/relay/pulse', '/api/devices/printer/test']) {
    const refused = await api(selfService.base, path, {});
    assert.deepEqual([refused.status, refused.body.code], [403, 'FORBIDDEN'], path);
  }
  assert.equal(selfService.relayUnlocked(), false, 'nobody opened the fridge through the API');
  const svg = await fetch(`${selfService.base}/api/charges/x/receipt.svg`);
  assert.equal(svg.status, 403);
});

test('receipt.svg: the printed receipt as an SVG with the room and total, for signed-in staff', async (t) => {
  const s = await stack(t, 'staff', false);
  const server = await signIn(s.base, 'server');
  const charged = await charge(s.base, server);
  const url = `${s.base}/api/charges/${charged.id}/receipt.svg`;
  assert.equal((await fetch(url)).status, 401);
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${server}` } });
  const svg = await res.text();
  t.diagnostic(`receipt.svg: ${svg.length} bytes in ${(performance.now() - started).toFixed(1)} ms`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^image\/svg\+xml/);
  assert.match(svg, /^<svg /);
  assert.doesNotMatch(svg, /@import|googleapis/, 'no outside requests from an offline kiosk');
  // receiptline's SVG places every character in its own <tspan>; compare the text content.
  const text = svg
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0]+/g, '');
  const total = `$${(charged.totalMinor / 100).toFixed(2)}`;
  assert.ok(text.includes(`TOTAL${total}`), `SVG shows the total ${total}: ${text}`);
  assert.ok(text.includes('Room412'), 'SVG shows the room');
  assert.ok(text.includes('CHARGEDTOROOM412'));
  const missing = await fetch(`${s.base}/api/charges/0190a0b0-0000-7000-8000-000000000000/receipt.svg`, {
    headers: { authorization: `Bearer ${server}` },
  });
  assert.deepEqual([missing.status, ((await missing.json()) as { code: string }).code], [404, 'NOT_FOUND']);
  // The id is validated like every /api/charges/:id route's, not cast.
  const malformed = await fetch(`${s.base}/api/charges/no-such-charge/receipt.svg`, {
    headers: { authorization: `Bearer ${server}` },
  });
  const refusal = (await malformed.json()) as { code: string; field: string };
  assert.deepEqual([malformed.status, refusal.code, refusal.field], [400, 'VALIDATION_FAILED', 'id']);
});

test('self-service fridge: a charge unlocks it; the door closing locks it and ends the session on the event stream', async (t) => {
  const s = await stack(t, 'self-service');
  // A door closed with no charge behind it (staff restocking) ends nothing.
  const idle = await collectEvents(
    `${s.base}/api/events`,
    'door',
    (e) => e.length >= 2,
    async () => {
      s.door(true);
      s.door(false);
    },
  );
  assert.deepEqual(idle, [
    { open: true, endsSession: false },
    { open: false, endsSession: false },
  ]);

  const events = await collectEvents(
    `${s.base}/api/events`,
    'door',
    (e) => e.length >= 2,
    async () => {
      await charge(s.base);
      await eventually(
        async () => (s.relayUnlocked() === true ? true : undefined),
        'the charge to unlock the fridge',
      );
      s.door(true);
      s.door(false);
    },
  );
  assert.deepEqual(events, [
    { open: true, endsSession: false },
    { open: false, endsSession: true },
  ]);
  assert.equal(s.relayUnlocked(), false, 'locked as soon as the door closed');
  // A second close of the same session ends nothing more.
  const after = await collectEvents(
    `${s.base}/api/events`,
    'door',
    (e) => e.length >= 2,
    async () => {
      s.door(true);
      s.door(false);
    },
  );
  assert.deepEqual(after.at(-1), { open: false, endsSession: false });
});
