// What the service screen shows about each device: the edge's `device` events (sent for every
// device when the stream opens, then on every change) and the fridge door's `door` events.
import type { KioskEvents } from '@roompost/sync/contract';
import type { KioskEvent } from '../events/kiosk-event.js';

export type DeviceState = KioskEvents['device'];
export type DeviceName = DeviceState['device'];

/** In the order the screen lists them. */
export const SERVICE_DEVICES: readonly DeviceName[] = ['reader', 'printer', 'gpio', 'display'];

export interface DeviceBoard {
  devices: Partial<Record<DeviceName, DeviceState>>;
  /** Last door sensor reading; null until the door moves (the edge reports changes only). */
  doorOpen: boolean | null;
}

export const emptyBoard: DeviceBoard = { devices: {}, doorOpen: null };

export function boardReducer(
  board: DeviceBoard,
  event: KioskEvent | { type: 'snapshot'; devices: DeviceState[] },
): DeviceBoard {
  switch (event.type) {
    case 'snapshot': {
      const devices = { ...board.devices };
      for (const d of event.devices) devices[d.device] = d;
      return { ...board, devices };
    }
    case 'device':
      return { ...board, devices: { ...board.devices, [event.data.device]: event.data } };
    case 'door':
      return { ...board, doorOpen: event.data.open };
    default:
      return board;
  }
}
