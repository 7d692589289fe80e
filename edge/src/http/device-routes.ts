import { isDriverError, type ReceiptPrinter } from '@roompost/drivers';
import type { FastifyInstance } from 'fastify';
import type { DeviceStatusBoard } from '../devices/device-status-board.js';
import type { StaffGate } from '../staff/staff-gate.js';

export interface DeviceRoutesDeps {
  gate: StaffGate;
  devices: DeviceStatusBoard;
  printer: ReceiptPrinter;
}

/** The outlet's devices: health for the service screen, and reprint of a receipt that did not print. */
export function registerDeviceRoutes(app: FastifyInstance, deps: DeviceRoutesDeps): void {
  app.get('/api/devices', async (req) => {
    deps.gate.check(req, 'chargeToRoom');
    return { devices: deps.devices.snapshot() };
  });

  app.post('/api/devices/printer/reprint', async (req, reply) => {
    deps.gate.check(req, 'chargeToRoom');
    try {
      const result = await deps.printer.reprintLast();
      return reply.status(200).send({ printed: true, printedAt: result.printedAt.toISOString() });
    } catch (err) {
      if (!isDriverError(err)) throw err;
      // The charge is not affected by this; the kiosk shows the reason and offers to try again.
      return reply.status(409).send({ printed: false, code: err.code, message: err.message });
    } finally {
      deps.devices.printerChanged(deps.printer);
    }
  });
}
