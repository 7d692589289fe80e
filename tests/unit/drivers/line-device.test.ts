import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { poleFrame, SerialLineDevice, type SerialPortLike, SimulatedLineDevice } from '@roompost/drivers';
import { SerialPortMock } from 'serialport';
import { runLineDeviceContract } from './line-device.contract.js';
import { recordingLogger } from './recording-logger.js';

runLineDeviceContract('SimulatedLineDevice', async () => {
  const device = new SimulatedLineDevice({ logger: recordingLogger() });
  return {
    device,
    received: async () => device.written.join(''),
    send: async (data) => device.receive(data),
    unplug: async (unplugged) => device.setHealth(unplugged ? 'error' : 'connected'),
    dispose: () => device.close(),
  };
});

let mockCount = 0;

runLineDeviceContract('SerialLineDevice (@serialport/binding-mock)', async () => {
  const path = `/dev/ttyPOLE${mockCount++}`;
  SerialPortMock.binding.createPort(path, { echo: false, record: true });
  let port: SerialPortMock | null = null;
  const device = new SerialLineDevice({
    path,
    logger: recordingLogger(),
    backoff: { initialMs: 20, maxMs: 100 },
    presenceCheckMs: 0,
    loadPort: async () => (settings) => {
      port = new SerialPortMock(settings);
      return port as unknown as SerialPortLike;
    },
  });
  const binding = () =>
    port?.port as unknown as { recording: Buffer; emitData(data: Buffer | string): void } | undefined;
  let recorded = '';
  return {
    device,
    received: async () => recorded + (binding()?.recording.toString('latin1') ?? ''),
    send: async (data) => binding()?.emitData(data),
    unplug: async (unplugged) => {
      if (unplugged) {
        recorded += binding()?.recording.toString('latin1') ?? '';
        // The device went away: the port closes under the driver, and reopening fails until it is back.
        const open = port;
        await new Promise<void>((resolve) => (open?.isOpen ? open.close(() => resolve()) : resolve()));
        SerialPortMock.binding.reset();
      } else SerialPortMock.binding.createPort(path, { echo: false, record: true });
    },
    dispose: async () => {
      await device.close();
      SerialPortMock.binding.reset();
    },
  };
});

describe('poleFrame (CD5220 2×20)', () => {
  it('writes the item on top and the amount right-aligned below, 20 columns each, ASCII only', () => {
    assert.equal(
      poleFrame('2 x Mojito with a very long name', 'TOTAL', '€ 45.15'),
      '\x1bQA2 x Mojito with a ve\r\x1bQBTOTAL      EUR 45.15\r',
    );
  });
});
