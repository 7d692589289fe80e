import type { DeviceHealth, DeviceStatus } from '../device-health.js';
import type { Emitter } from '../events/typed-emitter.js';

export interface LineDeviceEvents {
  /** One clean line from the device, without its line ending. */
  line: string;
  health: DeviceHealth;
  error: Error;
}

/**
 * A device that talks in text lines over a serial port: a customer-facing pole display, a
 * meter, a scale. Implementations: SerialLineDevice (serialport) and SimulatedLineDevice.
 * Every implementation runs `runLineDeviceContract`.
 */
export interface LineDevice extends Emitter<LineDeviceEvents> {
  /** Opens the port; resolves even when it cannot (health says why, and it retries with back-off). */
  start(): Promise<void>;
  /** Writes raw bytes or text. Rejects DEVICE_UNAVAILABLE while not connected, DEVICE_CLOSED after close. */
  write(data: Buffer | string): Promise<void>;
  status(): DeviceStatus;
  close(): Promise<void>;
}
