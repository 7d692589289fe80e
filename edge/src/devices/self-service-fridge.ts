import type { Logger } from '@roompost/drivers';
import type { KioskEventBus } from '../events/event-bus.js';
import type { GpioConfig, OutletGpio } from './outlet-gpio.js';

type InputName = keyof GpioConfig['inputs'];

export interface SelfServiceFridgeOptions {
  gpio: OutletGpio;
  events: KioskEventBus;
  logger: Logger;
  /** How long a charge unlocks the fridge (config `relayPulseSeconds`). */
  pulseSeconds: number;
  /** Guest self-service outlet: a charge unlocks the fridge and the door closing ends the session. */
  selfService: boolean;
}

/** Charges remembered so a repeated `charge` event for the same charge never unlocks twice. */
const REMEMBERED_CHARGES = 200;

/**
 * The self-service fridge: a committed charge (the edge authorised it against the stay) unlocks
 * the door lock relay for `pulseSeconds`; the door sensor closing locks it at once and, when the
 * door was opened for that charge, ends the kiosk session (`door` event with `endsSession`). The
 * kiosk goes back to its first screen with an empty cart. Every door change reaches the kiosk.
 */
export class SelfServiceFridge {
  readonly #o: SelfServiceFridgeOptions;
  readonly #unlocked: string[] = [];
  /** A charge unlocked the fridge and its guest has not closed the door yet. */
  #session: { chargeId: string; doorOpened: boolean } | null = null;
  #sessionTimer: NodeJS.Timeout | null = null;
  readonly #stops: Array<() => void> = [];

  constructor(options: SelfServiceFridgeOptions) {
    this.#o = options;
    if (!options.selfService) return;
    this.#stops.push(
      options.events.on('charge', (charge) => {
        if (charge.status === 'pending') this.#unlockFor(charge.id);
      }),
    );
  }

  /** Feed every GPIO input change here (value: true = active, i.e. the door is open). */
  input(name: InputName, value: boolean): void {
    if (name !== 'doorSensor') return;
    const session = this.#session;
    if (value) {
      if (session) session.doorOpened = true;
      this.#o.events.emit('door', { open: true, endsSession: false });
      return;
    }
    void this.#o.gpio.lockRelay();
    const endsSession = session?.doorOpened === true;
    if (session && endsSession) {
      this.#o.logger.info({ chargeId: session.chargeId }, 'fridge door closed: self-service session ends');
      this.#endSession();
    }
    this.#o.events.emit('door', { open: false, endsSession });
  }

  stop(): void {
    this.#endSession();
    for (const stop of this.#stops.splice(0)) stop();
  }

  #unlockFor(chargeId: string): void {
    if (this.#unlocked.includes(chargeId)) return;
    this.#unlocked.push(chargeId);
    if (this.#unlocked.length > REMEMBERED_CHARGES) this.#unlocked.shift();
    this.#endSession();
    this.#session = { chargeId, doorOpened: false };
    // Never opened while unlocked: the session is over once the relay locks again by itself, so a
    // later close (staff restocking) does not end the next guest's session.
    this.#sessionTimer = setTimeout(() => {
      if (this.#session && !this.#session.doorOpened) this.#endSession();
    }, this.#o.pulseSeconds * 1000);
    this.#sessionTimer.unref();
    this.#o.logger.info({ chargeId, seconds: this.#o.pulseSeconds }, 'charge authorised: fridge unlocked');
    this.#o.gpio
      .pulseRelay(this.#o.pulseSeconds)
      .catch((err: unknown) => this.#o.logger.error({ err, chargeId }, 'fridge relay did not unlock'));
  }

  #endSession(): void {
    if (this.#sessionTimer) clearTimeout(this.#sessionTimer);
    this.#sessionTimer = null;
    this.#session = null;
  }
}
