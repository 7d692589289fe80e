// Figures: what central's own MQTT client costs on its embedded broker, the in-process client
// (sync/src/broker/in-process-client.ts) against mqtt.js over loopback (what central used before),
// interleaved round by round on a fresh embedded aedes each time, no database: only the messaging.
//  1. Per charge the MQTT traffic of the charge road: a device publishes the charge (QoS 1), central
//     answers "queued" and "posted" (QoS 1), the device acknowledges the final status (QoS 1) and
//     central receives the ack. C devices over TCP, N charges at once; CPU time of the process
//     (devices, broker and central together; only central's client differs) and wall time until
//     central has every ack.
//  2. The live room re-check: one RPC request at a time, device → central → device, p50/p99.
//   npx tsx bench/service-client.bench.ts [--full]
import { cpuUsage } from 'node:process';
import {
  connectDevice,
  connectService,
  type MqttClient,
  type ServiceMqttClient,
  startEmbeddedBroker,
  topicFor,
  wildcardFor,
} from '@roompost/sync';
import { chargeMessageFor } from '../tests/support/raw-charges.js';
import { recordingLogger } from '../tests/support/recording-logger.js';
import { PROPERTY } from '../tests/support/stack.js';
import { fmt, percentile, report, size } from './lib.js';

const CLIENTS = size(20, 100);
const N = size(4_000, 20_000);
const RPCS = size(300, 1_000);
const ROUNDS = 3;
const SERVICE = { user: 'central', secret: 'central-bench-secret' };

type Kind = 'in-process' | 'mqtt.js';
interface Round {
  cpuUsPerCharge: number;
  wallMs: number;
  rpcMs: number[];
}

async function round(kind: Kind): Promise<Round> {
  const broker = await startEmbeddedBroker({
    host: '127.0.0.1',
    port: 0,
    logger: recordingLogger(),
    authenticate: async (username, password) => {
      if (username === SERVICE.user && password?.toString() === SERVICE.secret)
        return { kind: 'service', name: 'central' };
      return username?.startsWith('dev-') ? { kind: 'device', property: PROPERTY, device: username } : null;
    },
  });
  const url = `mqtt://127.0.0.1:${broker.port}`;
  const central: ServiceMqttClient =
    kind === 'in-process'
      ? broker.serviceClient()
      : connectService({ url, clientId: 'central-bench', username: SERVICE.user, password: SERVICE.secret });
  await new Promise<void>((resolve) => (central.connected ? resolve() : central.once('connect', resolve)));

  // Central: answers each charge with two statuses, counts the acks, answers RPC requests.
  let acks = 0;
  let allAcked: () => void = () => {};
  central.on('message', (topic, payload) => {
    const device = topic.split('/')[3] ?? '';
    if (topic.endsWith('/charge')) {
      const { chargeId } = JSON.parse(payload.toString()) as { chargeId: string };
      const status = (s: string) =>
        JSON.stringify({ v: 1, chargeId, status: s, at: new Date().toISOString() });
      const to = topicFor('chargeStatus', PROPERTY, device);
      void central
        .publishAsync(to, status('queued'), { qos: 1 })
        .then(() => central.publishAsync(to, status('posted'), { qos: 1 }));
    } else if (topic.endsWith('/charge-status-ack')) {
      if (++acks === N) allAcked();
    } else if (topic.includes('/rpc/request')) {
      central.publish(topicFor('rpcResponse', PROPERTY, device), payload, { qos: 1 });
    }
  });
  await central.subscribeAsync(
    [
      wildcardFor('charge', PROPERTY),
      wildcardFor('chargeStatusAck', PROPERTY),
      wildcardFor('rpcRequest', PROPERTY),
    ],
    { qos: 1 },
  );

  const devices: MqttClient[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const name = `dev-${i}`;
    const d = connectDevice({ url, property: PROPERTY, device: name, username: name, password: 'x' });
    await new Promise<void>((resolve) => d.once('connect', () => resolve()));
    await d.subscribeAsync(
      [topicFor('chargeStatus', PROPERTY, name), topicFor('rpcResponse', PROPERTY, name)],
      {
        qos: 1,
      },
    );
    d.on('message', (topic, payload) => {
      if (!topic.endsWith('/charge-status')) return;
      const s = JSON.parse(payload.toString()) as { chargeId: string; status: string };
      if (s.status === 'posted') {
        void d.publishAsync(
          topicFor('chargeStatusAck', PROPERTY, name),
          JSON.stringify({ v: 1, chargeId: s.chargeId, status: s.status }),
          { qos: 1 },
        );
      }
    });
    devices.push(d);
  }
  const payloads = devices.map((_, c) =>
    Array.from({ length: N / CLIENTS }, (_, i) =>
      JSON.stringify(chargeMessageFor({ roomNumber: 'B001', stayRef: 'stay-1' }, `S${c}-${i}`)),
    ),
  );

  const done = new Promise<void>((resolve) => {
    allAcked = resolve;
  });
  const cpu0 = cpuUsage();
  const t0 = process.hrtime.bigint();
  await Promise.all(
    devices.map((d, c) =>
      Promise.all(
        (payloads[c] ?? []).map((p) =>
          d.publishAsync(topicFor('charge', PROPERTY, `dev-${c}`), p, { qos: 1 }),
        ),
      ),
    ),
  );
  await done;
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = cpuUsage(cpu0);

  // The re-check: one request at a time from one device.
  const probe = devices[0] as MqttClient;
  const rpcMs: number[] = [];
  for (let i = 0; i < RPCS; i++) {
    const id = `r${i}`;
    const answered = new Promise<void>((resolve) => {
      const on = (topic: string, payload: Buffer) => {
        if (topic.endsWith('/rpc/response') && payload.toString().includes(`"${id}"`)) {
          probe.off('message', on);
          resolve();
        }
      };
      probe.on('message', on);
    });
    const s = process.hrtime.bigint();
    probe.publish(
      topicFor('rpcRequest', PROPERTY, 'dev-0'),
      JSON.stringify({ v: 1, id, method: 'room.lookup', params: { roomNumber: '412' } }),
      { qos: 1 },
    );
    await answered;
    rpcMs.push(Number(process.hrtime.bigint() - s) / 1e6);
  }

  await Promise.all(devices.map((d) => d.endAsync(true)));
  await central.endAsync(true);
  await broker.close();
  return { cpuUsPerCharge: (cpu.user + cpu.system) / N, wallMs, rpcMs };
}

const results: Record<Kind, Round[]> = { 'in-process': [], 'mqtt.js': [] };
for (let r = 0; r < ROUNDS; r++) {
  // Interleaved, the order alternating, so neither always runs on a warmer process.
  const order: Kind[] = r % 2 === 0 ? ['mqtt.js', 'in-process'] : ['in-process', 'mqtt.js'];
  for (const kind of order) results[kind].push(await round(kind));
}

const median = (xs: number[]) => percentile(xs, 50);
const summary = (kind: Kind) => ({
  cpu: median(results[kind].map((r) => r.cpuUsPerCharge)),
  wall: median(results[kind].map((r) => r.wallMs)),
  rpc50: percentile(
    results[kind].flatMap((r) => r.rpcMs),
    50,
  ),
  rpc99: percentile(
    results[kind].flatMap((r) => r.rpcMs),
    99,
  ),
});
const inProcess = summary('in-process');
const loopback = summary('mqtt.js');
const each = (kind: Kind, f: (r: Round) => number, unit: string) =>
  results[kind].map((r) => fmt(f(r), unit)).join(' / ');
report({
  figure: `CPU per charge's MQTT traffic (charge, 2 statuses, ack), ${CLIENTS} devices, ${N} charges, central in-process`,
  measured: `${fmt(inProcess.cpu, ' µs')} (wall ${fmt(inProcess.wall, ' ms')})`,
  baseline: `central on mqtt.js over loopback ${fmt(loopback.cpu, ' µs')} (wall ${fmt(loopback.wall, ' ms')})`,
  ratio: inProcess.cpu / loopback.cpu,
  goal: 'less CPU than over loopback (< 1×)',
  met: inProcess.cpu < loopback.cpu,
  detail: [
    `rounds (CPU per charge): in-process ${each('in-process', (r) => r.cpuUsPerCharge, ' µs')}; mqtt.js ${each('mqtt.js', (r) => r.cpuUsPerCharge, ' µs')}`,
    `rounds (wall): in-process ${each('in-process', (r) => r.wallMs, ' ms')}; mqtt.js ${each('mqtt.js', (r) => r.wallMs, ' ms')}`,
  ],
});
report({
  figure: `RPC round trip device → central → device p99 (n=${RPCS * ROUNDS}), central in-process`,
  measured: `${fmt(inProcess.rpc99, ' ms')} (p50 ${fmt(inProcess.rpc50, ' ms')})`,
  baseline: `mqtt.js over loopback ${fmt(loopback.rpc99, ' ms')} (p50 ${fmt(loopback.rpc50, ' ms')})`,
  ratio: inProcess.rpc99 / loopback.rpc99,
  goal: 'faster than over loopback (< 1×)',
  met: inProcess.rpc99 < loopback.rpc99,
});
