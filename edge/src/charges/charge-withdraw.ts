import {
  type ChargeMessage,
  type ChargeStatusMessage,
  type ChargeView,
  type Logger,
  RpcError,
} from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import { EdgeError } from '../edge-error.js';
import type { ChargeService } from './charge-service.js';
import { sqliteOutboxStore } from './outbox-store.js';

export interface ChargeWithdrawerDeps {
  db: Kysely<EdgeDatabase>;
  charges: ChargeService;
  /** Central over MQTT RPC (RpcClient.withdrawCharge). */
  central: {
    withdrawCharge(params: {
      withdrawalId: string;
      chargeId: string;
      actor: string;
      reason: string;
      charge: ChargeMessage;
    }): Promise<ChargeStatusMessage>;
  };
  logger: Logger;
  now: () => Date;
  newId: () => string;
  /** How often withdrawals central has not confirmed are sent again (default 10 s). */
  resendMs?: number;
}

/** Statuses a charge can be withdrawn from: central (or the PMS) does not hold it on a folio. */
const WITHDRAWABLE = new Set(['pending', 'accepted', 'queued', 'held', 'failed']);

/**
 * Seed 000 "Pay with Card - Process as regular payment" after a failed posting: the room charge is
 * withdrawn so the guest is never charged twice. At the edge, in one transaction, the withdrawal is
 * recorded (with its idempotency key) and the charge's outbox row is closed, so the edge never sends
 * the charge again. Then central is asked to withdraw it (it waits for a posting attempt that is
 * running) and answers `withdrawn`, or ALREADY_POSTED when the PMS took it first. While central
 * cannot be reached the charge stays "withdrawing" — the screen says not to take the payment yet —
 * and the withdrawal is sent again until central answers.
 */
export class ChargeWithdrawer {
  readonly #d: ChargeWithdrawerDeps;
  #timer: NodeJS.Timeout | undefined;
  #resending: Promise<void> | undefined;

  constructor(deps: ChargeWithdrawerDeps) {
    this.#d = deps;
  }

  /** Sends unconfirmed withdrawals again every `resendMs` (and at once). */
  start(): void {
    this.#timer = setInterval(() => this.resend(), this.#d.resendMs ?? 10_000);
    this.#timer.unref();
    this.resend();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#resending;
  }

  /** Sends every withdrawal central has not confirmed yet; one at a time, errors logged. */
  resend(): void {
    if (this.#resending) return;
    this.#resending = this.#resendAll()
      .catch((err: unknown) => this.#d.logger.warn({ err }, 'withdrawals not sent; will try again'))
      .finally(() => {
        this.#resending = undefined;
      });
  }

  async #resendAll(): Promise<void> {
    const open = await this.#d.db
      .selectFrom('charges')
      .select('id')
      .where('withdraw_requested_at', 'is not', null)
      .where('withdrawn_at', 'is', null)
      .where('status', 'in', [...WITHDRAWABLE] as ChargeView['status'][])
      .execute();
    for (const { id } of open) await this.#ask(id).catch(() => undefined);
  }

  /**
   * Withdraws the charge for another tender. Answers the charge: `withdrawn` once central confirmed,
   * still unconfirmed (`withdrawal.confirmedAt` null) while central cannot be reached. Throws
   * ALREADY_POSTED when the PMS holds it (a manager voids it instead), INVALID_STATE when it was
   * rejected or voided (nothing is on the folio; no withdrawal needed).
   */
  async withdraw(id: string, actor: string, reason: string): Promise<ChargeView> {
    const charge = await this.#d.charges.get(id);
    if (charge.status === 'withdrawn') return charge;
    if (charge.status === 'posted') throw alreadyPosted(id);
    if (!WITHDRAWABLE.has(charge.status)) {
      throw new EdgeError('INVALID_STATE', `this charge is ${charge.status}: nothing is on the folio`, {
        context: { status: charge.status },
      });
    }
    const at = this.#d.now().toISOString();
    await this.#d.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('charges')
        .set({
          withdrawal_id: this.#d.newId(),
          withdraw_requested_at: at,
          withdrawn_by: actor,
          withdraw_reason: reason,
          updated_at: at,
        })
        .where('id', '=', id)
        .where('withdraw_requested_at', 'is', null)
        .execute();
      // The charge is never published again; the withdrawal carries its content to central instead.
      await trx
        .updateTable('outbox')
        .set({ done_at: at })
        .where('charge_id', '=', id)
        .where('done_at', 'is', null)
        .execute();
    });
    this.#d.logger.info({ chargeId: id, actor, reason }, 'room charge withdrawal recorded; asking central');
    await this.#d.charges.publishUpdate(id);
    try {
      await this.#ask(id);
    } catch (err) {
      if (err instanceof EdgeError && (err.code === 'ALREADY_POSTED' || err.code === 'POSTING_UNKNOWN'))
        throw err;
      // Central unreachable or slow: the charge stays "withdrawing" and is sent again.
      this.#d.logger.warn({ err, chargeId: id }, 'withdrawal not confirmed yet; will send again');
    }
    return this.#d.charges.get(id);
  }

  /** One round trip to central for a recorded withdrawal; applies central's answer. */
  async #ask(id: string): Promise<void> {
    const row = await this.#d.db
      .selectFrom('charges')
      .innerJoin('outbox', 'outbox.charge_id', 'charges.id')
      .select(['charges.withdrawal_id', 'charges.withdrawn_by', 'charges.withdraw_reason', 'outbox.payload'])
      .where('charges.id', '=', id)
      .executeTakeFirst();
    if (!row?.withdrawal_id) return;
    let status: ChargeStatusMessage;
    try {
      status = await this.#d.central.withdrawCharge({
        withdrawalId: row.withdrawal_id,
        chargeId: id,
        actor: row.withdrawn_by ?? 'staff',
        reason: row.withdraw_reason ?? 'paid by another tender',
        charge: JSON.parse(row.payload) as ChargeMessage,
      });
    } catch (err) {
      const refused =
        err instanceof RpcError && (err.code === 'ALREADY_POSTED' || err.code === 'POSTING_UNKNOWN');
      if (refused) {
        // ALREADY_POSTED: the PMS took it before the withdrawal. POSTING_UNKNOWN: it was sent and the
        // PMS never answered, so it may be on the folio (central could not read it back). Either way
        // the withdrawal is void and the charge stands; central keeps settling it.
        await this.#d.db
          .updateTable('charges')
          .set({
            withdrawal_id: null,
            withdraw_requested_at: null,
            withdrawn_by: null,
            withdraw_reason: null,
            updated_at: this.#d.now().toISOString(),
          })
          .where('id', '=', id)
          .execute();
        this.#d.logger.warn({ chargeId: id, code: err.code }, 'withdrawal refused by central');
        // Central tells the charge's posted status on the charge road; ask it again at once.
        await this.#d.db
          .updateTable('outbox')
          .set({ done_at: null, next_attempt_at: this.#d.now().toISOString() })
          .where('charge_id', '=', id)
          .execute();
        await this.#d.charges.publishUpdate(id);
        throw err.code === 'ALREADY_POSTED' ? alreadyPosted(id) : outcomeUnknown(id);
      }
      throw err;
    }
    await sqliteOutboxStore(this.#d.db, this.#d.now).applyStatus(status, null);
    this.#d.logger.info({ chargeId: id, status: status.status }, 'central answered the withdrawal');
    await this.#d.charges.publishUpdate(id);
  }
}

function alreadyPosted(id: string): EdgeError {
  return new EdgeError('ALREADY_POSTED', `charge ${id} is already on the folio: it was not withdrawn`);
}

function outcomeUnknown(id: string): EdgeError {
  return new EdgeError(
    'POSTING_UNKNOWN',
    `charge ${id} was sent to the PMS without an answer and may be on the folio: it was not withdrawn`,
  );
}
