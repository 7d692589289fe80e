// The FIAS serial transport opens its port through the drivers' serialport loader, with the link's
// line settings, and never swallows a port error: an open that fails rejects with the OS error, and
// an error on an open port is logged and closes the port so the link reconnects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SerialPortLike } from '@roompost/drivers';
import { SerialPortMock } from 'serialport';
import { openSerial, type SerialEndpoint } from '../../../../central/src/pms/fias/fias-transport.js';
import { recordingLogger } from '../../../support/recording-logger.js';

const endpoint = (path: string): SerialEndpoint => ({
  path,
  baudRate: 9600,
  dataBits: 7,
  parity: 'even',
  stopBits: 1,
  ackTimeoutMs: 3_000,
});

let count = 0;

test('the port opens with the link settings; bytes go out and come in', async (t) => {
  const path = `/dev/ttyFIAS${count++}`;
  SerialPortMock.binding.createPort(path, { echo: false, record: true });
  t.after(() => SerialPortMock.binding.reset());
  let settings: Record<string, unknown> = {};
  let port: SerialPortMock | null = null;
  const stream = await openSerial(endpoint(path), {
    logger: recordingLogger(),
    loadPort: async () => (s) => {
      settings = { ...s };
      port = new SerialPortMock(s);
      return port as unknown as SerialPortLike;
    },
  });
  assert.deepEqual(settings, {
    path,
    baudRate: 9600,
    dataBits: 7,
    parity: 'even',
    stopBits: 1,
    autoOpen: false,
  });
  await stream.write(Buffer.from('\x02LS|\x03'));
  const binding = (port as unknown as SerialPortMock).port as unknown as {
    recording: Buffer;
    emitData(d: Buffer): void;
  };
  assert.equal(binding.recording.toString('latin1'), '\x02LS|\x03');
  const got: Buffer[] = [];
  stream.onData((b) => got.push(b));
  binding.emitData(Buffer.from('\x06'));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(Buffer.concat(got), Buffer.from('\x06'));
  stream.destroy();
});

test('a port that cannot be opened rejects with the OS error (nothing swallowed)', async () => {
  await assert.rejects(
    openSerial(endpoint('/dev/ttyNOPE'), {
      logger: recordingLogger(),
      loadPort: async () => (s) => new SerialPortMock(s) as unknown as SerialPortLike,
    }),
    /ttyNOPE|does not exist|No such/i,
  );
});

test('an error on the open port is logged and closes it, so the link sees the close and reconnects', async (t) => {
  const path = `/dev/ttyFIAS${count++}`;
  SerialPortMock.binding.createPort(path, { echo: false, record: true });
  t.after(() => SerialPortMock.binding.reset());
  const logger = recordingLogger();
  let port: SerialPortMock | null = null;
  const stream = await openSerial(endpoint(path), {
    logger,
    loadPort: async () => (s) => {
      port = new SerialPortMock(s);
      return port as unknown as SerialPortLike;
    },
  });
  let closed = 0;
  stream.onClose(() => closed++);
  const open = port as unknown as SerialPortMock;
  const closing = new Promise<void>((resolve) => open.once('close', () => resolve()));
  open.emit('error', new Error('EIO: the adapter was unplugged'));
  await closing;
  assert.equal(closed, 1, 'the link is told the port closed');
  const logged = logger.find('fias: serial port error; closing the link to reconnect');
  assert.equal(logged.length, 1);
  const entry = logged[0]?.obj as { err?: Error } | undefined;
  assert.match(String(entry?.err?.message), /EIO/);
});
