// SerialLineDevice (a pole display's line) on a real serial stack: a socat pty pair, with a
// SerialPort on the far end playing the device. Unplugging is killing socat (both ptys vanish).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'node:test';
import { SerialLineDevice } from '@roompost/drivers';
import { SerialPort } from 'serialport';
import { runLineDeviceContract } from '../unit/drivers/line-device.contract.js';
import { recordingLogger } from '../unit/drivers/recording-logger.js';
import { type PtyPair, socatUnavailable, startPtyPair } from './support/socat-pty.js';

async function farEnd(path: string, sink: { text: string }) {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  port.on('data', (chunk: Buffer) => {
    sink.text += chunk.toString('latin1');
  });
  port.on('error', () => {});
  return port;
}

const closeQuietly = (port: SerialPort | null) =>
  new Promise<void>((resolve) => (port?.isOpen ? port.close(() => resolve()) : resolve()));

describe('SerialLineDevice over a socat pty pair', { skip: socatUnavailable() ?? false }, () => {
  runLineDeviceContract('SerialLineDevice (socat pty)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roompost-serial-line-'));
    const sink = { text: '' };
    let pty: PtyPair = await startPtyPair(dir);
    let end: SerialPort | null = await farEnd(pty.b, sink);
    const device = new SerialLineDevice({
      path: pty.a,
      logger: recordingLogger(),
      backoff: { initialMs: 50, maxMs: 200 },
      presenceCheckMs: 100,
    });
    return {
      device,
      received: async () => sink.text,
      send: async (data) => {
        await new Promise<void>((resolve, reject) =>
          end?.write(data, (error) => (error ? reject(error) : end?.drain(() => resolve()))),
        );
      },
      unplug: async (unplugged) => {
        if (unplugged) {
          await closeQuietly(end);
          end = null;
          await pty.stop();
        } else {
          pty = await startPtyPair(dir);
          end = await farEnd(pty.b, sink);
        }
      },
      dispose: async () => {
        await device.close();
        await closeQuietly(end);
        await pty.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  });
});
