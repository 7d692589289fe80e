// Room-night posting and checkout (seed 003 §6, seed 004 §7): normal or early, settlement to zero with
// any mix of payment methods, then folios closed, stay and reservation checked out, room DIRTY and a
// housekeeping task. One transaction: a checkout that cannot settle writes nothing.
import type { FolioContext } from '../context.js';
import { FolioError, isFolioError } from '../errors.js';
import { type LedgerLine, toLedgerLine } from '../folios/ledger-line.js';
import { type FullPostingRow, requireOpenFolio } from '../folios/ledger-writer.js';
import { sumFolio } from '../folios/posting.repository.js';
import { finalizeInTransaction, postTaxDue } from '../invoices/finalize.js';
import { findInvoiceSettings } from '../invoices/invoice.repository.js';
import type { BillToInput } from '../invoices/invoice-request.js';
import {
  collectPayments,
  type PaymentPart,
  refundToGuest,
  validatePart,
} from '../payments/payment.service.js';
import { requireProperty } from '../property/property.service.js';
import { selectNights } from '../reservations/reservation.repository.js';
import { moveReservation, requireReservation } from '../reservations/reservation-lifecycle.js';
import { loadReservationView, type ReservationView } from '../reservations/reservation-view.js';
import { markCheckedOut } from '../stays/stay.repository.js';
import { invalid, requireIsoDate, requireText } from '../validation.js';
import { type CheckoutMode, inHouse, type PreparedCheckout, prepareCheckout } from './prepare-checkout.js';
import { postNights } from './room-nights.js';

export type { CheckoutMode, PreparedCheckout } from './prepare-checkout.js';

export interface CheckoutInput {
  reservationId: string;
  mode: CheckoutMode;
  /** Collected before closing; folioId defaults to window 1. */
  payments?: Array<PaymentPart & { folioId?: string }>;
  /** Pays back any window left in credit. */
  refund?: { method: PaymentPart['method']; reference?: string | null };
  /** Bill-to per window for its final invoice; default: the guest's billing identity or name. */
  invoices?: Array<{ folioId: string; billTo?: BillToInput }>;
  /**
   * Windows whose invoice is issued later, with the reason (e.g. a company folio invoiced monthly). Their
   * tax is still posted at checkout; the invoice is finalized later on the closed folio.
   */
  invoiceLater?: Array<{ folioId: string; reason: string }>;
  by: string;
}

export interface CheckoutResult extends PreparedCheckout {
  /** The tax checkout posted that the folio did not carry yet (desk charges), in minor units. */
  taxPostedMinor: number;
  /** The final invoice of every window with charges, unless deferred with a reason. */
  invoices: Array<{ folioId: string; number: string; grandTotalMinor: number }>;
  invoiceLater: Array<{ folioId: string; reason: string }>;
  payments: LedgerLine[];
  refunds: LedgerLine[];
  housekeepingTaskId: string;
  reservation: ReservationView;
}

export function createCheckoutService(ctx: FolioContext) {
  const { db, clock, newId } = ctx;
  return {
    /** Posts the reservation's nights in [from, to) not yet posted; a re-run posts nothing new. */
    async postRoomNights(input: {
      reservationId: string;
      from?: string;
      to?: string;
      by: string;
    }): Promise<LedgerLine[]> {
      const by = requireText(input.by, 'by', 64);
      const from = input.from === undefined ? undefined : requireIsoDate(input.from, 'from');
      const to = input.to === undefined ? undefined : requireIsoDate(input.to, 'to');
      if (from !== undefined && to !== undefined && to <= from)
        throw invalid('to', 'must be after from', { from, to });
      const rows = await db.transaction().execute(async (trx) => {
        const property = await requireProperty(trx);
        const { reservation, main } = await inHouse(trx, input.reservationId);
        const nights = (await selectNights(trx, reservation.id)).filter(
          (n) => (from === undefined || n.stay_date >= from) && (to === undefined || n.stay_date < to),
        );
        return postNights(trx, ctx, property, reservation, await requireOpenFolio(trx, main.id), nights, by);
      });
      return rows.map(toLedgerLine);
    },

    /** Seed 004 §7 step 1: posts (or removes) nights and the early-departure fee, so the folio can be reviewed and invoiced. Repeatable. */
    async prepareCheckout(input: {
      reservationId: string;
      mode: CheckoutMode;
      by: string;
    }): Promise<PreparedCheckout> {
      const by = requireText(input.by, 'by', 64);
      if (input.mode !== 'normal' && input.mode !== 'early') throw invalid('mode', 'must be normal or early');
      return db
        .transaction()
        .execute(async (trx) =>
          prepareCheckout(trx, ctx, await requireProperty(trx), input.reservationId, input.mode, by),
        );
    },

    /** BALANCE_NOT_SETTLED (nothing written) unless every window ends at zero. */
    async checkOutReservation(input: CheckoutInput): Promise<CheckoutResult> {
      const by = requireText(input.by, 'by', 64);
      if (input.mode !== 'normal' && input.mode !== 'early') throw invalid('mode', 'must be normal or early');
      const parts = (input.payments ?? []).map((p, i) => ({
        folioId: p.folioId,
        part: validatePart(p, `payments.${i}`),
      }));
      const refundPart =
        input.refund === undefined ? null : validatePart({ ...input.refund, amountMinor: 1 }, 'refund');
      const later = (input.invoiceLater ?? []).map((l, i) => ({
        folioId: requireText(l.folioId, `invoiceLater.${i}.folioId`, 100),
        reason: requireText(l.reason, `invoiceLater.${i}.reason`, 200),
      }));
      const result = await db.transaction().execute(async (trx) => {
        const property = await requireProperty(trx);
        const prepared = await prepareCheckout(trx, ctx, property, input.reservationId, input.mode, by);
        const { reservation, folios, main, stayId } = await inHouse(trx, input.reservationId);
        const named = [...later.map((l) => l.folioId), ...(input.invoices ?? []).map((i) => i.folioId)];
        const stranger = named.find((id) => !folios.some((f) => f.id === id));
        if (stranger) throw invalid('invoices', 'names a folio of another stay', { folioId: stranger });
        // Every tax due is posted before settling (desk charges are taxed by the invoice), so the guest
        // pays it and nothing is left to post once the folio is closed.
        const invoicing = (await findInvoiceSettings(trx)) !== undefined;
        let taxPostedMinor = 0;
        if (invoicing) {
          for (const folio of folios) taxPostedMinor += await postTaxDue(trx, ctx, folio.id, by);
        }
        const payments: FullPostingRow[] = [];
        for (const folio of folios) {
          const mine = parts.filter((p) => (p.folioId ?? main.id) === folio.id).map((p) => p.part);
          if (mine.length > 0)
            payments.push(...(await collectPayments(trx, ctx, property, folio, mine, by, newId())));
        }
        const unknown = parts.find((p) => p.folioId !== undefined && !folios.some((f) => f.id === p.folioId));
        if (unknown)
          throw invalid('payments', 'a payment names a folio of another stay', { folioId: unknown.folioId });
        const refunds: FullPostingRow[] = [];
        const balances = [];
        for (const folio of folios) {
          let balance = await sumFolio(trx, folio.id);
          if (balance < 0 && refundPart) {
            refunds.push(
              await refundToGuest(trx, ctx, property, folio, { ...refundPart, amountMinor: -balance }, by),
            );
            balance = 0;
          }
          balances.push({ folioId: folio.id, windowNumber: folio.window_number, balanceMinor: balance });
        }
        if (balances.some((b) => b.balanceMinor !== 0)) {
          throw new FolioError('BALANCE_NOT_SETTLED', 'every folio window must be settled to zero', {
            balances,
          });
        }
        // Checkout ends with the final invoice of each window that has charges, or the reason why not.
        const invoices: CheckoutResult['invoices'] = [];
        if (invoicing) {
          for (const folio of folios) {
            if (later.some((l) => l.folioId === folio.id)) continue;
            const billTo = input.invoices?.find((i) => i.folioId === folio.id)?.billTo;
            try {
              const invoice = await finalizeInTransaction(
                trx,
                ctx,
                { folioId: folio.id, ...(billTo === undefined ? {} : { billTo }) },
                by,
              );
              invoices.push({
                folioId: folio.id,
                number: invoice.number,
                grandTotalMinor: invoice.document.grandTotalMinor,
              });
            } catch (error) {
              if (
                !isFolioError(error, 'NOTHING_TO_INVOICE') &&
                !isFolioError(error, 'INVOICE_ALREADY_FINALIZED')
              )
                throw error;
            }
          }
          for (const l of later) {
            await trx
              .updateTable('folios')
              .set({ invoice_later_reason: l.reason })
              .where('id', '=', l.folioId)
              .execute();
          }
        }
        const now = clock.now().toISOString();
        await trx
          .updateTable('folios')
          .set({ closed_at: now, closed_by: by })
          .where('stay_id', '=', stayId)
          .execute();
        await markCheckedOut(trx, stayId, { checkedOutAt: now, businessDate: property.businessDate });
        const fresh = await requireReservation(trx, reservation.id);
        await moveReservation(trx, ctx, fresh, 'CheckedOut', by, {
          reason: input.mode === 'early' ? `early departure on ${prepared.departure}` : null,
        });
        await trx
          .updateTable('rooms')
          .set({ housekeeping_status: 'DIRTY' })
          .where('id', '=', reservation.room_id)
          .execute();
        const taskId = newId();
        await trx
          .insertInto('housekeeping_tasks')
          .values({
            id: taskId,
            room_id: reservation.room_id,
            reservation_id: reservation.id,
            kind: 'CHECKOUT_CLEAN',
            created_at: now,
            created_by: by,
          })
          .execute();
        return { prepared, payments, refunds, taskId, invoices, taxPostedMinor };
      });
      return {
        ...result.prepared,
        taxPostedMinor: result.taxPostedMinor,
        invoices: result.invoices,
        invoiceLater: later,
        payments: result.payments.map(toLedgerLine),
        refunds: result.refunds.map(toLedgerLine),
        housekeepingTaskId: result.taskId,
        reservation: await loadReservationView(db, input.reservationId),
      };
    },
  };
}
