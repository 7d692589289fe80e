// Deposits (seed 003 §4) as a two-phase flow: hold → capture | release | expire; capture → refund.
// Every transition goes through the table in deposit-state.ts and names who made it.
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { findFolioWindow } from '../folios/folio.repository.js';
import { requireFolio, requireOpenFolio } from '../folios/ledger-writer.js';
import { refundToGuest, validatePart } from '../payments/payment.service.js';
import { isPaymentMethod, PAYMENT_METHODS } from '../payments/payment-method.js';
import { requireProperty } from '../property/property.service.js';
import { findDepositPolicy } from '../rate-plans/rate-plan.repository.js';
import { selectNights } from '../reservations/reservation.repository.js';
import { moveReservation, requireReservation } from '../reservations/reservation-lifecycle.js';
import { invalid, optionalText, requireInteger, requireText } from '../validation.js';
import {
  type DepositRow,
  findDeposit,
  insertDeposit,
  selectDeposits,
  selectDueHolds,
  updateDeposit,
} from './deposit.repository.js';
import type { DepositType } from './deposit.table.js';
import { applyDeposit } from './deposit-apply.js';
import { depositCover, policyDueMinor } from './deposit-due.js';
import { assertDepositTransition } from './deposit-state.js';
import { type DepositView, toDepositView } from './deposit-view.js';

export interface HoldDepositInput {
  reservationId: string;
  /**
   * Defaults to what the reservation's deposit policy asks (fixed, or % of the stay, half-up) less the
   * deposits already held or captured (a top-up after the stay was changed).
   */
  amountMinor?: number;
  type?: DepositType;
  method: string;
  reference?: string | null;
  by: string;
}

const DEFAULT_EXPIRY_HOURS = 72;
const OPEN_RESERVATION = ['Draft', 'PendingDeposit', 'Confirmed', 'CheckedIn'];

export function createDepositService(ctx: FolioContext) {
  const { db, clock } = ctx;

  async function transition(
    depositId: string,
    apply: (trx: FolioContext['db'], deposit: DepositRow, now: string) => Promise<void>,
  ) {
    await db.transaction().execute(async (trx) => {
      const deposit = await findDeposit(trx, depositId);
      if (!deposit) throw new FolioError('NOT_FOUND', 'unknown deposit', { depositId });
      await apply(trx, deposit, clock.now().toISOString());
    });
    return toDepositView((await findDeposit(db, depositId))!);
  }

  /**
   * A Confirmed reservation with a deposit policy whose last held or captured deposit is gone (released,
   * expired) is no longer guaranteed (seed 003 §4): it is Cancelled with the reason and its room is free,
   * instead of the room staying taken. (Seed 003 §3 has no step back to PendingDeposit.)
   */
  async function unguard(trx: FolioContext['db'], reservationId: string, by: string, reason: string) {
    const reservation = await requireReservation(trx, reservationId);
    if (reservation.status !== 'Confirmed' || reservation.deposit_policy_id === null) return;
    const live = await trx
      .selectFrom('deposits')
      .select('id')
      .where('reservation_id', '=', reservationId)
      .where('state', 'in', ['HELD', 'CAPTURED'])
      .executeTakeFirst();
    if (!live) await moveReservation(trx, ctx, reservation, 'Cancelled', by, { reason });
  }

  return {
    /** HELD: an authorisation only, no posting. Moves a PendingDeposit reservation to Confirmed. */
    async holdDeposit(input: HoldDepositInput): Promise<DepositView> {
      const by = requireText(input.by, 'by', 64);
      if (!isPaymentMethod(input.method))
        throw invalid('method', `must be one of ${PAYMENT_METHODS.join(', ')}`);
      const reference = optionalText(input.reference, 'reference', 64);
      const explicit =
        input.amountMinor === undefined ? null : requireInteger(input.amountMinor, 'amountMinor', 1);
      const id = await db.transaction().execute(async (trx) => {
        const property = await requireProperty(trx);
        const reservation = await requireReservation(trx, input.reservationId);
        if (!OPEN_RESERVATION.includes(reservation.status)) {
          throw new FolioError('ILLEGAL_TRANSITION', `a ${reservation.status} reservation takes no deposit`, {
            reservationId: reservation.id,
            from: reservation.status,
          });
        }
        const policy =
          reservation.deposit_policy_id === null
            ? undefined
            : await findDepositPolicy(trx, reservation.deposit_policy_id);
        let amount = explicit;
        if (amount === null && policy) {
          // What the policy asks on the stay as it is now, less what is already held or captured: after
          // a change that made the stay dearer, the top-up, not the whole deposit again.
          const nights = await selectNights(trx, reservation.id);
          const stayTotal = nights.reduce((sum, n) => sum + n.room_minor + n.extra_minor, 0);
          const live = (await selectDeposits(trx, reservation.id)).filter(
            (d) => d.state === 'HELD' || d.state === 'CAPTURED',
          );
          const cover = depositCover(
            policyDueMinor(policy, stayTotal),
            live.reduce((sum, d) => sum + d.amount_minor, 0),
          );
          if (live.length > 0 && cover.topUpMinor === 0) {
            throw invalid('amountMinor', 'the deposit the policy asks is covered: give an amount', {
              dueMinor: cover.dueMinor,
              coveredMinor: cover.coveredMinor,
            });
          }
          amount = cover.topUpMinor;
        }
        if (amount === null || amount < 1)
          throw invalid('amountMinor', 'give an amount (the reservation has no deposit policy)');
        const now = clock.now();
        const hours = policy?.expiry_hours ?? DEFAULT_EXPIRY_HOURS;
        const depositId = ctx.newId();
        await insertDeposit(trx, {
          id: depositId,
          reservation_id: reservation.id,
          policy_id: policy?.id ?? null,
          type: input.type ?? policy?.type ?? 'BOOKING_DEPOSIT',
          state: 'HELD',
          amount_minor: amount,
          currency: property.currency,
          method: input.method,
          reference,
          expires_at: new Date(now.getTime() + hours * 3_600_000).toISOString(),
          held_at: now.toISOString(),
          held_by: by,
          settled_at: null,
          settled_by: null,
          refunded_at: null,
          refunded_by: null,
          deposit_posting_id: null,
          refund_posting_id: null,
        });
        if (reservation.status === 'PendingDeposit') {
          await moveReservation(trx, ctx, reservation, 'Confirmed', by, { reason: 'deposit held' });
        }
        return depositId;
      });
      return toDepositView((await findDeposit(db, id))!);
    },

    /** CAPTURED: a DEPOSIT credit on folio window 1 now if checked in, else at check-in. */
    async captureDeposit(input: { depositId: string; by: string }): Promise<DepositView> {
      const by = requireText(input.by, 'by', 64);
      return transition(input.depositId, async (trx, deposit, now) => {
        assertDepositTransition(deposit.id, deposit.state, 'CAPTURED');
        if (now >= deposit.expires_at) {
          throw new FolioError('ILLEGAL_TRANSITION', 'the hold has expired and cannot be captured', {
            depositId: deposit.id,
            from: deposit.state,
            to: 'CAPTURED',
            expiresAt: deposit.expires_at,
          });
        }
        await updateDeposit(trx, deposit.id, 'HELD', { state: 'CAPTURED', settled_at: now, settled_by: by });
        const reservation = await requireReservation(trx, deposit.reservation_id);
        if (reservation.stay_id === null) return;
        const folio = await findFolioWindow(trx, reservation.stay_id, 1);
        if (!folio)
          throw new FolioError('NOT_FOUND', 'the stay has no folio window 1', {
            stayRef: reservation.stay_id,
          });
        const property = await requireProperty(trx);
        await applyDeposit(
          trx,
          ctx,
          property,
          { ...deposit, state: 'CAPTURED' },
          await requireOpenFolio(trx, folio.id),
          by,
        );
      });
    },

    async releaseDeposit(input: { depositId: string; by: string }): Promise<DepositView> {
      const by = requireText(input.by, 'by', 64);
      return transition(input.depositId, async (trx, deposit, now) => {
        assertDepositTransition(deposit.id, deposit.state, 'RELEASED');
        await updateDeposit(trx, deposit.id, 'HELD', { state: 'RELEASED', settled_at: now, settled_by: by });
        await unguard(trx, deposit.reservation_id, by, 'deposit released');
      });
    },

    /** REFUNDED: a REFUND posting if the deposit reached a folio; nothing to post if it never did. */
    async refundDeposit(input: {
      depositId: string;
      by: string;
      reference?: string | null;
    }): Promise<DepositView> {
      const by = requireText(input.by, 'by', 64);
      return transition(input.depositId, async (trx, deposit, now) => {
        assertDepositTransition(deposit.id, deposit.state, 'REFUNDED');
        let refundPostingId: string | null = null;
        if (deposit.deposit_posting_id !== null) {
          const posting = await trx
            .selectFrom('postings')
            .select('folio_id')
            .where('id', '=', deposit.deposit_posting_id)
            .executeTakeFirstOrThrow();
          const folio = await requireOpenFolio(trx, (await requireFolio(trx, posting.folio_id)).id);
          const part = validatePart(
            {
              method: deposit.method as never,
              amountMinor: deposit.amount_minor,
              reference: input.reference ?? deposit.reference,
            },
            'refund',
          );
          const refund = await refundToGuest(
            trx,
            ctx,
            await requireProperty(trx),
            folio,
            part,
            by,
            `Deposit refund - ${deposit.method}`,
          );
          refundPostingId = refund.id;
        }
        await updateDeposit(trx, deposit.id, 'CAPTURED', {
          state: 'REFUNDED',
          refunded_at: now,
          refunded_by: by,
          refund_posting_id: refundPostingId,
        });
      });
    },

    /** EXPIRED: only a hold whose expiry has passed. */
    async expireDeposit(input: { depositId: string; by: string }): Promise<DepositView> {
      const by = requireText(input.by, 'by', 64);
      return transition(input.depositId, async (trx, deposit, now) => {
        assertDepositTransition(deposit.id, deposit.state, 'EXPIRED');
        if (now < deposit.expires_at) {
          throw new FolioError('ILLEGAL_TRANSITION', 'the hold has not expired yet', {
            depositId: deposit.id,
            from: deposit.state,
            to: 'EXPIRED',
            expiresAt: deposit.expires_at,
          });
        }
        await updateDeposit(trx, deposit.id, 'HELD', { state: 'EXPIRED', settled_at: now, settled_by: by });
        await unguard(trx, deposit.reservation_id, by, 'deposit expired');
      });
    },

    /** Seed 003 §8 scheduled job: expire every hold past its expiry. Returns how many expired. */
    async expireDueDeposits(by: string): Promise<number> {
      const actor = requireText(by, 'by', 64);
      return db.transaction().execute(async (trx) => {
        const now = clock.now().toISOString();
        const due = await selectDueHolds(trx, now);
        for (const deposit of due) {
          await updateDeposit(trx, deposit.id, 'HELD', {
            state: 'EXPIRED',
            settled_at: now,
            settled_by: actor,
          });
          await unguard(trx, deposit.reservation_id, actor, 'deposit expired');
        }
        return due.length;
      });
    },
  };
}
