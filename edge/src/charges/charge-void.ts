import { type ChargeStatusMessage, type ChargeView, type Logger, RpcError } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import { EdgeError } from '../edge-error.js';
import type { ChargeService } from './charge-service.js';
import { sqliteOutboxStore } from './outbox-store.js';

export interface ChargeVoiderDeps {
  db: Kysely<EdgeDatabase>;
  charges: ChargeService;
  /** Central over MQTT RPC (RpcClient.voidCharge). */
  central: {
    voidCharge(
      chargeId: string,
      actor: string,
      reason: string,
      proof: string | null,
    ): Promise<ChargeStatusMessage>;
  };
  logger: Logger;
  now: () => Date;
}

/**
 * A manager at the outlet voids a posted charge: central reverses it in the PMS (seed 000 "Voided
 * charges must also void in PMS") and answers `voided`, which is recorded here at once (central also
 * publishes it on the charge-status topic) and shown to the kiosk. Anything else is central's coded
 * error: INVALID_STATE (not posted), VOID_NOT_SUPPORTED, the PMS's refusal, CONNECTION_FAILED.
 */
export class ChargeVoider {
  readonly #d: ChargeVoiderDeps;

  constructor(deps: ChargeVoiderDeps) {
    this.#d = deps;
  }

  async void(id: string, staffId: string, reason: string, proof: string | null = null): Promise<ChargeView> {
    const charge = await this.#d.charges.get(id);
    if (charge.status === 'voided') return charge;
    if (charge.status === 'pending' || charge.status === 'rejected') {
      throw new EdgeError(
        'INVALID_STATE',
        `this charge is ${charge.status}: only a posted charge is voided`,
        {
          context: { status: charge.status },
        },
      );
    }
    // Central checks the manager itself (seed 000: void needs a manager): no proof, no void.
    if (!proof) {
      throw new EdgeError('STAFF_PROOF_REQUIRED', 'sign in again while central is reachable, then void');
    }
    let status: ChargeStatusMessage;
    try {
      status = await this.#d.central.voidCharge(id, staffId, reason, proof);
    } catch (err) {
      if (err instanceof RpcError) {
        throw new EdgeError(err.code === 'INTERNAL' ? 'CONNECTION_FAILED' : err.code, err.message, {
          context: err.context,
        });
      }
      throw err;
    }
    this.#d.logger.info({ chargeId: id, staff: staffId, status: status.status }, 'charge voided at central');
    await sqliteOutboxStore(this.#d.db, this.#d.now).applyStatus(status, null);
    await this.#d.charges.publishUpdate(id);
    return this.#d.charges.get(id);
  }
}
