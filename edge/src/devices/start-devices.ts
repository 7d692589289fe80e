// The outlet's hardware once the charge road is up: a card tap becomes a lookup on the kiosk's
// event stream, the printer is watched, the pole display shows pending charges, and the GPIO drives
// the self-service fridge and the status light.
import type { CardReader, ReceiptPrinter } from '@roompost/drivers';
import { CodedError, type Logger, type StopStack } from '@roompost/sync';
import type { EdgeConfig } from '../config/edge-config.js';
import type { KioskEventBus } from '../events/event-bus.js';
import { type LookupService, READER_OWNER } from '../lookup/lookup-service.js';
import type { BadgeTaps } from '../staff/badge-taps.js';
import type { DeviceStatusBoard } from './device-status-board.js';
import { OutletDisplay } from './outlet-display.js';
import { OutletGpio, statusColour } from './outlet-gpio.js';
import { SelfServiceFridge } from './self-service-fridge.js';

export async function startDevices(
  config: EdgeConfig,
  d: {
    reader: CardReader;
    printer: ReceiptPrinter;
    printerPollSeconds: Parameters<DeviceStatusBoard['watchPrinter']>[1];
    lookups: LookupService;
    events: KioskEventBus;
    devices: DeviceStatusBoard;
    online: () => boolean;
    logger: Logger;
    now: () => Date;
    stack: StopStack;
    badgeTaps: BadgeTaps;
  },
) {
  const { reader, events, devices, logger, stack } = d;
  reader.on('card', ({ uid }) => {
    if (config.outlet.mode === 'staff') d.badgeTaps.tapped(uid);
    d.lookups.lookup({ uid }, READER_OWNER).then(
      (lookup) => events.emit('tap', { ok: true, lookup }),
      (err: unknown) => {
        const body = err instanceof CodedError ? err.body() : null;
        if (!body) logger.error({ err }, 'card lookup failed');
        events.emit('tap', {
          ok: false,
          error: body ?? { code: 'INTERNAL', message: 'card lookup failed', action: 'Try again' },
        });
      },
    );
  });
  stack.push(() => reader.close());
  devices.watchReader(reader);
  await reader.start().catch((err: unknown) => {
    logger.error({ err }, 'card reader did not start');
  });
  devices.watchPrinter(d.printer, d.printerPollSeconds);
  const display = config.devices.display
    ? new OutletDisplay(config.devices.display, logger, devices, config.outlet.locale)
    : null;
  if (display) {
    stack.push(() => display.close());
    const off = events.on('charge', (charge) => {
      if (charge.status === 'pending') display.showCharge(charge);
    });
    stack.push(async () => off());
    await display.start();
  }
  const gpioConfig = config.devices.gpio;
  const gpio = gpioConfig ? new OutletGpio(gpioConfig, logger, devices, d.now) : null;
  if (gpio && gpioConfig) {
    stack.push(() => gpio.close());
    // Self-service: a charge unlocks the fridge; the door closing locks it and ends the session.
    const fridge = new SelfServiceFridge({
      gpio,
      events,
      logger,
      pulseSeconds: gpioConfig.relayPulseSeconds,
      selfService: config.outlet.mode === 'self-service',
    });
    stack.push(async () => fridge.stop());
    await gpio.open((input, value) => {
      logger.info({ input, value }, 'gpio input changed');
      fridge.input(input, value);
    });
    // The status light follows central and the devices: green, amber (away, retrying), red (error).
    const showStatus = () => {
      const colour = statusColour(
        d.online(),
        devices.snapshot().map((s) => s.health),
      );
      gpio.showStatus(colour).catch((err: unknown) => logger.warn({ err }, 'status light not set'));
    };
    const unsubscribe = [events.on('connection', showStatus), events.on('device', showStatus)];
    stack.push(async () => {
      for (const off of unsubscribe) off();
    });
    showStatus();
  }
  return { display, gpio };
}
