import type { Logger, PrintResult, ReceiptPrinter } from '@roompost/drivers';
import type { ZodApp } from '@roompost/sync';
import { z } from 'zod';
import type { DeviceStatusBoard } from '../devices/device-status-board.js';
import type { OutletGpio } from '../devices/outlet-gpio.js';
import { EdgeError } from '../edge-error.js';
import type { StaffGate } from '../staff/staff-gate.js';
import { accessFirst } from './access-first.js';
import { printed } from './printed.js';

export interface DeviceRoutesDeps {
  gate: StaffGate;
  devices: DeviceStatusBoard;
  printer: ReceiptPrinter;
  logger?: Logger;
  /** The outlet's GPIO when configured (the service screen's relay pulse). */
  gpio?: OutletGpio | null;
  /** The configured relay pulse (`devices.gpio.relayPulseSeconds`), used when the request names none. */
  relayPulseSeconds?: number;
  /** The service screen's printer test page (a receiptline document) for the staff member asking. */
  testPage?: (requestedBy: string) => string;
  /** Reprint of the last receipt (receipts/last-receipt.ts: works after a restart); default the printer's own. */
  reprint?: () => Promise<PrintResult>;
}

export const MAX_SERVICE_PULSE_SECONDS = 60;

const pulseBody = z
  .object({
    seconds: z
      .number()
      .int('whole seconds')
      .min(1, 'at least 1 second')
      .max(MAX_SERVICE_PULSE_SECONDS, `at most ${MAX_SERVICE_PULSE_SECONDS} seconds`)
      .optional(),
  })
  .strict();

/**
 * The outlet's devices: health for the service screen, reprint of a receipt that did not print,
 * and the service screen's test page and relay pulse (`deviceService`: managers and admins, staff
 * outlets only — a self-service kiosk has nobody signed in who could be allowed to open the fridge).
 */
export function registerDeviceRoutes(app: ZodApp, deps: DeviceRoutesDeps): void {
  const printerChanged = () => deps.devices.printerChanged(deps.printer);
  app.get('/api/devices', async (req) => {
    deps.gate.check(req, 'chargeToRoom');
    return { devices: deps.devices.detailed() };
  });

  app.post('/api/devices/printer/reprint', async (req, reply) => {
    deps.gate.check(req, 'chargeToRoom');
    return printed(reply, () => (deps.reprint ? deps.reprint() : deps.printer.reprintLast()), printerChanged);
  });

  app.post('/api/devices/printer/test', async (req, reply) => {
    const session = deps.gate.require(req, 'deviceService');
    const testPage = deps.testPage;
    if (!testPage) throw new EdgeError('NOT_FOUND', 'this edge has no printer test page');
    return printed(
      reply,
      () => deps.printer.print({ kind: 'test', document: testPage(session.staff.name) }),
      printerChanged,
    );
  });

  app.post(
    '/api/devices/relay/pulse',
    {
      schema: { body: pulseBody.default({}) },
      ...accessFirst((req) => deps.gate.require(req, 'deviceService')),
    },
    async (req, reply) => {
      const session = deps.gate.require(req, 'deviceService');
      const body = req.body;
      const gpio = deps.gpio;
      if (!gpio?.hasRelay()) {
        throw new EdgeError('NOT_FOUND', 'this outlet has no door lock relay (devices.gpio.outputs.relay)');
      }
      const seconds = body.seconds ?? deps.relayPulseSeconds ?? 10;
      deps.logger?.info({ staff: session.staff.id, seconds }, 'relay pulsed from the service screen');
      await gpio.pulseRelay(seconds);
      return reply.status(200).send({ pulsed: true, seconds });
    },
  );
}
