// The edge opens its devices from config, and no device fault stops it: a printer that is off
// never undoes a charge (the receipt is reprinted later), a missing serial path or PC/SC stack is
// that device's `error`/`retrying` health with a reason, in /api/health and as an SSE `device` event.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { seedDemoCatalogs, seedDemoHotel, startCentral } from '@roompost/central';
import type { FakeGpio, SimulatedLineDevice } from '@roompost/drivers';
import { type EdgeConfig, startEdge } from '@roompost/edge';
import type { ChargeView, KioskEvents, KioskLookup } from '@roompost/sync';
import { recordingLogger } from '../../support/recording-logger.js';
import {
  api,
  centralConfig,
  edgeConfig,
  eventually,
  freePort,
  screenToken,
  TODAY,
} from '../../support/stack.js';
import { FakeNetworkPrinter } from '../../system/support/fake-network-printer.js';
import { decodeEscPos } from '../../unit/drivers/support/escpos-decoder.js';

type Device = KioskEvents['device'];

async function stackWith(t: TestContext, devices: EdgeConfig['devices']) {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-edge-devices-'));
  const mqttPort = await freePort();
  const central = await startCentral(centralConfig(mqttPort), { dataDir: dir, logger: recordingLogger() });
  await seedDemoHotel(central.folio, TODAY);
  await seedDemoCatalogs(central.catalog);
  const edge = await startEdge(
    { ...edgeConfig(mqttPort), devices },
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
  return edge;
}

async function deviceHealth(base: string, device: Device['device']): Promise<Device | undefined> {
  const health = await api<{ devices: Device[] }>(base, '/api/health');
  return health.body.devices.find((d) => d.device === device);
}

/** The first `device` events of a fresh event stream (the edge sends every device's state on open). */
async function streamedDevices(base: string): Promise<Device[]> {
  const controller = new AbortController();
  const screen = (await screenToken(base)) ?? '';
  const res = await fetch(`${base}/api/events`, {
    signal: controller.signal,
    headers: { 'x-kiosk-screen': screen },
  });
  const reader = res.body!.getReader();
  let text = '';
  const deadline = Date.now() + 2000;
  while ((text.match(/event: device/g) ?? []).length < 2 && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
  }
  controller.abort();
  await reader.cancel().catch(() => {});
  return [...text.matchAll(/event: device\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!) as Device);
}

async function charge(base: string): Promise<ChargeView> {
  const lookup = await api<KioskLookup>(base, '/api/lookup', { uid: '04A1B2C3' });
  const created = await api<ChargeView>(base, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'SPRITZ', quantity: 1 }],
  });
  assert.equal(created.status, 201);
  return created.body;
}

test('a network printer that is off never undoes a charge; the receipt is reprinted when it is back', async (t) => {
  const fake = new FakeNetworkPrinter();
  await fake.start();
  await fake.stop(); // keep its port, refuse connections: the printer is switched off
  const edge = await stackWith(t, {
    reader: { kind: 'simulated', cards: [] },
    printer: {
      kind: 'escpos',
      transport: { type: 'tcp', host: '127.0.0.1', port: fake.port },
      cpl: 42,
      command: 'escpos',
      encoding: 'cp858',
      statusPollSeconds: 3600,
      statusTimeoutMs: 1000,
      status: 'dle-eot',
    },
  });
  t.after(() => fake.stop());
  const charged = await charge(edge.httpUrl);
  await eventually(async () => {
    const printer = await deviceHealth(edge.httpUrl, 'printer');
    return printer && printer.health !== 'connected' ? printer : undefined;
  }, 'the printer to be reported not connected');
  const stored = await api<ChargeView>(edge.httpUrl, `/api/charges/${charged.id}`);
  assert.equal(stored.status, 200, 'the charge stands without its receipt');
  const streamed = await streamedDevices(edge.httpUrl);
  const printer = streamed.find((d) => d.device === 'printer');
  assert.notEqual(printer?.health, 'connected');
  assert.match(printer?.reason ?? '', /ECONNREFUSED|unreachable/);

  const refused = await api(edge.httpUrl, '/api/devices/printer/reprint', {});
  assert.deepEqual([refused.status, refused.body.code], [409, 'PRINTER_OFFLINE']);
  await fake.start();
  const reprinted = await api(edge.httpUrl, '/api/devices/printer/reprint', {});
  assert.equal(reprinted.status, 200);
  assert.match(decodeEscPos(fake.device.jobs[0] ?? Buffer.alloc(0)).text, /CHARGED TO ROOM 412/);
  assert.equal((await deviceHealth(edge.httpUrl, 'printer'))?.health, 'connected');
});

type DeviceRow = Device & { condition?: string; checkedAt?: string | null };

async function printerRow(base: string): Promise<DeviceRow | undefined> {
  const res = await api<{ devices: DeviceRow[] }>(base, '/api/devices');
  return res.body.devices.find((d) => d.device === 'printer');
}

const printerIs = (base: string, condition: string) =>
  eventually(
    async () => {
      const row = await printerRow(base);
      return row?.condition === condition ? row : undefined;
      // The printer re-checks itself with back-off capped at 10 s: allow a few of those.
    },
    `the printer to be ${condition} in /api/devices`,
    30_000,
  );

test('a printer that drops packets is not-responding at once; paper-out and cover-open are told apart; /api/devices stays current', async (t) => {
  const fake = new FakeNetworkPrinter();
  await fake.start();
  t.after(() => fake.stop());
  fake.silent = true; // accepts, swallows every byte, never answers: the old edge called it connected
  const edge = await stackWith(t, {
    reader: { kind: 'simulated', cards: [] },
    printer: {
      kind: 'escpos',
      transport: { type: 'tcp', host: '127.0.0.1', port: fake.port },
      cpl: 42,
      command: 'escpos',
      encoding: 'cp858',
      statusPollSeconds: 3600, // no poll: every change below comes from the round trips themselves
      statusTimeoutMs: 500,
      status: 'dle-eot',
    },
  });
  await charge(edge.httpUrl);
  const dead = await printerIs(edge.httpUrl, 'not-responding');
  assert.equal(dead.health, 'retrying');
  assert.equal(fake.device.jobs.length, 0, 'no receipt was sent into the void');

  const started = Date.now();
  const refused = await api(edge.httpUrl, '/api/devices/printer/reprint', {});
  const took = Date.now() - started;
  assert.deepEqual([refused.status, refused.body.code], [409, 'PRINTER_OFFLINE']);
  assert.ok(
    took < 5000,
    `a dead printer fails the job in one status timeout, not a TCP timeout (${took} ms)`,
  );

  // It answers again, out of paper: the printer's own re-check finds it, no poll and no job needed.
  fake.silent = false;
  fake.device.paper = 'out';
  const empty = await printerIs(edge.httpUrl, 'paper-out');
  assert.equal(empty.health, 'error');
  assert.equal(empty.reason, 'out of paper');
  const noPaper = await api(edge.httpUrl, '/api/devices/printer/reprint', {});
  assert.deepEqual([noPaper.status, noPaper.body.code], [409, 'PAPER_OUT']);

  fake.device.paper = 'ok';
  fake.device.coverOpen = true; // changing the roll
  const open = await printerIs(edge.httpUrl, 'cover-open');
  assert.equal(open.reason, 'cover open');
  const coverOpen = await api(edge.httpUrl, '/api/devices/printer/reprint', {});
  assert.deepEqual([coverOpen.status, coverOpen.body.code], [409, 'COVER_OPEN']);
  assert.equal(fake.device.jobs.length, 0);

  fake.device.coverOpen = false;
  const ready = await printerIs(edge.httpUrl, 'ready');
  assert.equal(ready.health, 'connected');
  assert.equal(ready.reason, null, 'no stale reason once it is ready');
  assert.ok(Date.parse(ready.checkedAt ?? '') > Date.parse(open.checkedAt ?? ''), 'checkedAt moves on');
  const reprinted = await api(edge.httpUrl, '/api/devices/printer/reprint', {});
  assert.equal(reprinted.status, 200);
  assert.match(decodeEscPos(fake.device.jobs[0] ?? Buffer.alloc(0)).text, /CHARGED TO ROOM 412/);
});

test('a serial printer path that does not exist is error with the reason; charges go on', async (t) => {
  const edge = await stackWith(t, {
    reader: { kind: 'simulated', cards: [] },
    printer: {
      kind: 'escpos',
      transport: { type: 'serial', path: '/dev/roompost-no-such-tty', baudRate: 9600 },
      cpl: 42,
      command: 'escpos',
      encoding: 'cp858',
      statusPollSeconds: 3600,
      statusTimeoutMs: 1000,
      status: 'dle-eot',
    },
  });
  const printer = await eventually(async () => {
    const p = await deviceHealth(edge.httpUrl, 'printer');
    return p?.health === 'error' ? p : undefined;
  }, 'the printer to be error');
  assert.match(printer.reason ?? '', /no-such-tty|ENOENT|No such file/);
  await charge(edge.httpUrl);
});

test('a PC/SC reader without a PC/SC service is not connected, with a reason; the edge runs', async (t) => {
  const edge = await stackWith(t, {
    reader: { kind: 'pcsc', readerName: 'No Such Reader', debounceMs: 1500 },
    printer: { kind: 'simulated', file: 'receipts.txt' },
  });
  const reader = await deviceHealth(edge.httpUrl, 'reader');
  assert.notEqual(reader?.health, 'connected');
  assert.ok(reader?.reason, 'a person can read why');
  assert.equal(edge.simulatedReader, null);
  await charge(edge.httpUrl);
});

const GPIO_CHIP = 'pinctrl-rp1';
const simulatedDevices: Pick<EdgeConfig['devices'], 'reader' | 'printer'> = {
  reader: { kind: 'simulated', cards: [] },
  printer: { kind: 'simulated', file: 'receipts.txt' },
};
const line = (offset: number) => ({ offset, activeLow: false });

test('status light follows central and devices; a self-service charge unlocks the fridge, the door or shutdown locks it', async (t) => {
  const edge = await stackWith(t, {
    ...simulatedDevices,
    reader: { kind: 'simulated', cards: [] },
    gpio: {
      kind: 'fake',
      chip: GPIO_CHIP,
      outputs: {
        relay: { offset: 5, activeLow: true },
        lightGreen: line(6),
        lightAmber: line(7),
        lightRed: line(8),
      },
      inputs: { doorSensor: { offset: 9, activeLow: false, debounceMs: 0 } },
      relayPulseSeconds: 60,
    },
  });
  const fake = edge.gpio!.driver as FakeGpio;
  const level = (offset: number) => fake.level({ chip: GPIO_CHIP, offset });
  await eventually(async () => (level(6) === true ? true : undefined), 'the light to turn green');
  assert.deepEqual([level(7), level(8)], [false, false]);
  assert.equal(level(5), true, 'active-low relay: a high line is off, i.e. locked');
  assert.equal((await deviceHealth(edge.httpUrl, 'gpio'))?.health, 'connected');

  // A tap alone opens nothing (the guest has not paid); the charge the edge authorises does.
  edge.simulatedReader?.tap('04A1B2C3');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(level(5), true, 'still locked after a tap');
  await charge(edge.httpUrl);
  await eventually(async () => (level(5) === false ? true : undefined), 'the charge to unlock the fridge');
  fake.simulateLevel({ chip: GPIO_CHIP, offset: 9 }, true); // door opened
  fake.simulateLevel({ chip: GPIO_CHIP, offset: 9 }, false); // and closed
  await eventually(async () => (level(5) === true ? true : undefined), 'the door closing to lock the fridge');
  await edge.gpio!.pulseRelay(60);
  assert.equal(level(5), false, 'unlocked while the edge stops');
  await edge.stop();
  assert.equal(level(5), true, 'locked again on shutdown, before the line was released');
  assert.equal(level(6), false, 'lights off');
});

test('a GPIO line that does not exist on the chip is error with the reason; the rest works', async (t) => {
  const edge = await stackWith(t, {
    ...simulatedDevices,
    reader: { kind: 'simulated', cards: [] },
    gpio: {
      kind: 'fake',
      chip: GPIO_CHIP,
      relayPulseSeconds: 10,
      outputs: { lightGreen: line(6), lightRed: line(8), buzzer: line(200) },
      inputs: {},
    },
  });
  const gpio = await deviceHealth(edge.httpUrl, 'gpio');
  assert.equal(gpio?.health, 'error');
  assert.match(gpio?.reason ?? '', /buzzer: no line 200/);
  const fake = edge.gpio!.driver as FakeGpio;
  await eventually(
    async () => (fake.level({ chip: GPIO_CHIP, offset: 8 }) === true ? true : undefined),
    'the light to turn red',
  );
  await charge(edge.httpUrl);
});

test('the pole display shows the room and total of a committed charge; a missing display port is error', async (t) => {
  const edge = await stackWith(t, { ...simulatedDevices, display: { kind: 'simulated' } });
  await charge(edge.httpUrl);
  const shown = (edge.display!.device as SimulatedLineDevice).written.join('');
  // CD5220: ESC Q A upper line CR, ESC Q B lower line CR.
  assert.ok(shown.startsWith('\x1bQARoom 412      '), JSON.stringify(shown));
  assert.match(shown.split('\x1bQB')[1] ?? '', /^TOTAL +\$\d+\.\d\d\r$/);

  const broken = await stackWith(t, {
    ...simulatedDevices,
    display: { kind: 'serial', path: '/dev/roompost-no-such-pole', baudRate: 9600 },
  });
  const display = await eventually(async () => {
    const d = await deviceHealth(broken.httpUrl, 'display');
    return d?.health === 'error' ? d : undefined;
  }, 'the display to be error');
  assert.match(display.reason ?? '', /no-such-pole|No such file/);
  await charge(broken.httpUrl);
});
