import { createHash } from 'node:crypto';
import type { PrintJob, ReceiptPrinter } from '@roompost/drivers';
import { isUniqueViolation, localDayBounds } from '@roompost/folio';
import {
  type ChargeMessage,
  type ChargeStatusMessage,
  type ChargeView,
  chargeAmountColumns,
  type createCheckRequest,
  type Logger,
  type RoomLookup,
  RpcError,
} from '@roompost/sync';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { findItems, heldCatalog, listActiveItems } from '../catalog/catalog.repository.js';
import { type DeliveryRule, type Quote, type QuoteRequest, quoteCheck } from '../catalog/quote.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import { EdgeError } from '../edge-error.js';
import type { KioskEventBus } from '../events/event-bus.js';
import type { LookupService } from '../lookup/lookup-service.js';
import { rememberLastReceipt } from '../receipts/last-receipt.js';
import { findReceiptEmail, findReceiptEmails } from '../receipts/receipt-requests.js';
import { type StoredTaxDetail, taxBreakdown } from '../receipts/tax-breakdown.js';
import type { StandIn } from '../roster/stand-in.js';
import {
  type ChargeRow,
  findByRequestId,
  findCharge,
  findChargesWithCheckNumbers,
  findCheckNumber,
  findSignature,
  holdCheckNumber,
  insertCheckWithCharge,
  lastPostedAt,
  listChargesBetween,
  listRecentCharges,
  listUnposted,
  publishAgainNow,
  reclaimStaleHolds,
  releaseCheckNumber,
} from './charge.repository.js';
import { chargeView, type OutletDisplay, ReceiptTexts, receiptDocument } from './charge-view.js';
import { acceptSignature, type SignatureRule } from './signature.js';

export interface ChargeServiceOptions {
  db: Kysely<EdgeDatabase>;
  outlet: OutletDisplay & { currency: string };
  lookups: LookupService;
  /** Admits a charge against the replicated roster while central or the PMS is unreachable. */
  standIn: StandIn;
  events: KioskEventBus;
  printer: ReceiptPrinter;
  logger: Logger;
  now: () => Date;
  newId: () => string;
  /** Called once a new charge has committed and its answer is written, so the relay publishes it. */
  onCharged: () => void;
  /** Central's manual retry (RpcClient.retryPosting); without it only undelivered charges retry. */
  central?: { retryPosting(chargeId: string, actor: string): Promise<ChargeStatusMessage> };
  /** Called after each receipt job, printed or not (the edge refreshes the printer's health). */
  onPrinted?: (error: unknown) => void;
  /** The outlet's delivery charge (in-room dining); null or absent: none. */
  delivery?: DeliveryRule | null;
  /** When the guest must (or may) sign; null or absent: never (see signature.ts). */
  signature?: SignatureRule;
  /** How long a Room Found check-number hold lasts unused before its number is reclaimed (10 min). */
  checkHoldTtlMs?: number;
}

/** Room Found is open for seconds to a couple of minutes; a hold unused this long was abandoned. */
export const DEFAULT_CHECK_HOLD_TTL_MS = 10 * 60_000;

/** The charge flow at the outlet: price the check, check the guest can take it, commit, hand to the relay. */
export class ChargeService {
  readonly #o: ChargeServiceOptions;
  readonly #receipts = new ReceiptTexts();
  /** Charges whose kiosk update is due at the next flush (statuses arriving together: one read). */
  readonly #updates = new Set<string>();
  #flush: Promise<void> | undefined;

  constructor(options: ChargeServiceOptions) {
    this.#o = options;
  }

  async quote(request: QuoteRequest): Promise<Quote> {
    const skus = request.items.flatMap((i) => ('sku' in i ? [i.sku] : []));
    const rows = await findItems(this.#o.db, [...new Set(skus)]);
    return quoteCheck(request, new Map(rows.map((r) => [r.sku, r])), this.#o.delivery ?? null);
  }

  /** POST /api/checks/quote: the quote, with its CGST/SGST lines where the outlet has a GSTIN. */
  async quoteView(request: QuoteRequest) {
    const { taxGroups, ...quote } = await this.quote(request);
    return { ...quote, taxLines: taxBreakdown(taxGroups, this.#o.outlet.gstin ?? null) };
  }

  /** Staff Room Found: the number the check will get, held for `holdId` until it is made or cancelled. */
  async holdCheckNumber(holdId: string): Promise<{ checkNumber: string }> {
    const now = this.#o.now();
    return {
      checkNumber: await holdCheckNumber(this.#o.db, holdId, now.toISOString(), this.#staleBefore(now)),
    };
  }

  /**
   * Gives back the numbers of holds older than the hold time (at start: holds a power cut or a closed
   * kiosk left behind), so the sequence keeps no gap. Answers how many.
   */
  async reclaimStaleHolds(): Promise<number> {
    const reclaimed = await reclaimStaleHolds(this.#o.db, this.#staleBefore(this.#o.now()));
    if (reclaimed > 0) this.#o.logger.info({ reclaimed }, 'stale check-number holds reclaimed');
    return reclaimed;
  }

  #staleBefore(now: Date): string {
    return new Date(now.getTime() - (this.#o.checkHoldTtlMs ?? DEFAULT_CHECK_HOLD_TTL_MS)).toISOString();
  }

  async releaseCheckNumber(holdId: string): Promise<void> {
    await releaseCheckNumber(this.#o.db, holdId);
  }

  async catalogItems() {
    return listActiveItems(this.#o.db);
  }

  /**
   * Creates the check and its room charge. Nothing is written unless every check passes. A request
   * id seen before returns the charge it made (`created: false`) and writes nothing.
   */
  async createCheck(
    request: z.output<typeof createCheckRequest>,
    staff: { id: string; proof?: string | null } | null = null,
    /** The client asking (its screen or staff member); a verification is used only by its own. */
    owner: string = staff ? `staff:${staff.id}` : 'reader',
  ): Promise<{ charge: ChargeView; created: boolean }> {
    // Signed-in staff are the employee on the charge; a self-service kiosk cannot name one.
    if (staff) request = { ...request, employeeId: staff.id };
    const requestHash = hashRequest(request);
    const earlier = await this.#earlier(request.requestId, requestHash);
    if (earlier) return { charge: earlier, created: false };
    try {
      return { charge: await this.#create(request, requestHash, staff, owner), created: true };
    } catch (err) {
      // Two copies of one request raced: the loser answers with the winner's charge.
      const raced = isUniqueViolation(err) ? await this.#earlier(request.requestId, requestHash) : undefined;
      if (raced) return { charge: raced, created: false };
      throw err;
    }
  }

  async #earlier(requestId: string, requestHash: string): Promise<ChargeView | undefined> {
    const found = await findByRequestId(this.#o.db, requestId);
    if (!found) return undefined;
    if (found.requestHash !== requestHash) {
      throw new EdgeError('IDEMPOTENCY_CONFLICT', 'this request id was already used for a different check', {
        field: 'requestId',
      });
    }
    return this.get(found.chargeId);
  }

  async #create(
    request: z.output<typeof createCheckRequest>,
    requestHash: string,
    staff: { id: string; proof?: string | null } | null,
    owner: string,
  ): Promise<ChargeView> {
    // An override or a custom price travels with central's staff proof; central refuses it without.
    if ((request.override || request.items.some((i) => 'custom' in i)) && staff && !staff.proof) {
      throw new EdgeError(
        'STAFF_PROOF_REQUIRED',
        'overrides and custom prices need a sign-in central confirmed: sign in again while central is reachable',
      );
    }
    // The live re-check with central goes out first; the check is priced from the outlet's own
    // catalog while it travels. A pricing error still answers first, and the re-check's own outcome is
    // then left unread.
    const fresh = this.#o.lookups.forCharge(request.verificationId, owner, staff?.proof ?? null);
    fresh.catch(() => {}); // handled where it is awaited below (or left unread after a pricing error)
    const quote = await this.quote({
      items: request.items,
      tipMinor: request.tipMinor ?? 0,
      delivery: request.delivery,
    });
    // Central checks the priced lines against this version of its item master.
    const catalogVersion = (await heldCatalog(this.#o.db))?.version;
    const { lookup: guest, standIn } = await fresh;
    const override = request.override && staff ? { by: staff.id, reason: request.override.reason } : null;
    // Offline, the roster decides inside the write transaction below; online, central's fresh answer.
    if (!standIn) assertChargeable(guest, quote, this.#o.outlet.currency, override !== null);
    const signature = acceptSignature(this.#o.signature ?? null, quote.totalMinor, request.signaturePng);
    if (override) {
      this.#o.logger.info(
        { staff: override.by, room: guest.roomNumber, totalMinor: quote.totalMinor, reason: override.reason },
        'credit limit overridden',
      );
    }

    const now = this.#o.now().toISOString();
    const chargeId = this.#o.newId();
    const checkId = this.#o.newId();
    const employeeId = request.employeeId ?? null;
    const admit = standIn
      ? (trx: Transaction<EdgeDatabase>) =>
          this.#o.standIn.admit(trx, {
            roomNumber: guest.roomNumber,
            stayRef: guest.stayRef,
            currency: this.#o.outlet.currency,
            totalMinor: quote.totalMinor,
            overridden: override !== null,
          })
      : undefined;
    let checkNumber = '';
    const row = await insertCheckWithCharge(
      this.#o.db,
      admit,
      (taken) => {
        checkNumber = taken;
        const message: ChargeMessage = {
          v: 1,
          chargeId,
          outletCode: this.#o.outlet.code,
          checkNumber,
          roomNumber: guest.roomNumber,
          stayRef: guest.stayRef,
          guestName: guest.guest.name,
          currency: this.#o.outlet.currency,
          subtotalMinor: quote.subtotalMinor,
          taxMinor: quote.taxMinor,
          tipMinor: quote.tipMinor,
          totalMinor: quote.totalMinor,
          items: quote.lines,
          employeeId,
          createdAt: now,
          override,
          staffProof: staff?.proof ?? null,
          ...(standIn ? { standIn: true } : {}),
          ...(catalogVersion === undefined ? {} : { catalogVersion }),
        };
        return {
          check: {
            id: checkId,
            request_id: request.requestId,
            request_hash: requestHash,
            number: checkNumber,
            outlet_code: this.#o.outlet.code,
            employee_id: employeeId,
            created_at: now,
          },
          charge: {
            id: chargeId,
            check_id: checkId,
            room_number: guest.roomNumber,
            stay_ref: guest.stayRef,
            guest_name: guest.guest.name,
            guest_first_name: guest.guest.firstName,
            guest_last_name: guest.guest.lastName,
            ...chargeAmountColumns({ ...quote, currency: this.#o.outlet.currency }),
            items_json: JSON.stringify(quote.lines),
            status: 'pending',
            status_at: null,
            error_code: null,
            error_message: null,
            pms_transaction_id: null,
            folio_balance_minor: null,
            signed_at: signature ? now : null,
            stand_in: standIn ? 1 : 0,
            withdrawal_id: null,
            withdraw_requested_at: null,
            withdrawn_by: null,
            withdraw_reason: null,
            withdrawn_at: null,
            attempts: null,
            tax_json: this.#o.outlet.gstin
              ? JSON.stringify({
                  gstin: this.#o.outlet.gstin,
                  lines: taxBreakdown(quote.taxGroups, this.#o.outlet.gstin),
                } satisfies StoredTaxDetail)
              : null,
            created_at: now,
            updated_at: now,
          },
          signature: signature ? { charge_id: chargeId, png: signature, created_at: now } : null,
          outbox: {
            charge_id: chargeId,
            payload: JSON.stringify(message),
            attempts: 0,
            next_attempt_at: now,
            done_at: null,
          },
        };
      },
      request.checkNumberHold ?? null,
    );
    const view = chargeView(row, checkNumber, this.#o.outlet, this.#receipts);
    // The guest waits on the live re-check, the durable commit and this answer only. The relay's
    // publish, the other screens' event and the receipt start once the answer is written: the reply
    // goes out in this turn's promise jobs, and setImmediate runs after them. The charge is already
    // in the outbox, so the relay would find it on its next tick even if this never ran.
    setImmediate(() => {
      this.#o.onCharged();
      this.#o.events.emit('charge', view);
      void this.#print(row, checkNumber, view, request.signaturePng ?? undefined);
    });
    return view;
  }

  async get(id: string): Promise<ChargeView> {
    const row = await findCharge(this.#o.db, id);
    if (!row) throw new EdgeError('NOT_FOUND', `no charge ${id} on this outlet`);
    const view = chargeView(
      row,
      (await findCheckNumber(this.#o.db, row.check_id)) ?? '',
      this.#o.outlet,
      this.#receipts,
    );
    return { ...view, receiptEmail: await findReceiptEmail(this.#o.db, id) };
  }

  async recent(limit: number): Promise<ChargeView[]> {
    const rows = await listRecentCharges(this.#o.db, limit);
    return rows.map((r) => chargeView(r, r.check_number, this.#o.outlet, this.#receipts));
  }

  async unposted(limit: number): Promise<ChargeView[]> {
    const rows = await listUnposted(this.#o.db, limit);
    return rows.map((r) => chargeView(r, r.check_number, this.#o.outlet, this.#receipts));
  }

  /**
   * Retry Now from the outlet (manager and up, checked by the route). A charge central has not
   * acknowledged is published again at once; one central holds (received, queued, failed) is
   * relayed to central, which posts it now (seed 000 Retry) and answers where it stands.
   */
  async retry(id: string, staffId: string): Promise<ChargeView> {
    const charge = await this.get(id);
    // Withdrawn, or being withdrawn (another tender was collected): never posted again.
    if (charge.withdrawal || charge.status === 'withdrawn') {
      throw new EdgeError('POSTING_WITHDRAWN', 'this charge was withdrawn: it is not posted', {
        context: { status: charge.status },
      });
    }
    if (charge.status === 'pending') {
      if (await publishAgainNow(this.#o.db, id, this.#o.now().toISOString())) this.#o.onCharged();
      return charge;
    }
    if (charge.status === 'posted' || charge.status === 'rejected' || !this.#o.central) {
      throw new EdgeError('INVALID_STATE', `this charge is ${charge.status}: nothing to retry`, {
        context: { status: charge.status },
      });
    }
    let status: ChargeStatusMessage;
    try {
      status = await this.#o.central.retryPosting(id, staffId);
    } catch (err) {
      if (err instanceof RpcError) {
        throw new EdgeError(err.code === 'INTERNAL' ? 'CONNECTION_FAILED' : err.code, err.message);
      }
      throw err;
    }
    this.#o.logger.info(
      { chargeId: id, staff: staffId, status: status.status },
      'posting retried at central',
    );
    // Central also sends this status over the charge road; the kiosk sees it at once from here.
    return {
      ...charge,
      status: status.status,
      error: status.error,
      pmsTransactionId: status.pmsTransactionId,
      updatedAt: status.at,
    };
  }

  /**
   * Re-reads a charge after central's answer changed it and tells the kiosk. Updates asked for in
   * the same turn of the event loop are read together, once per charge (a drained backlog's
   * "received" and "posted" for one charge are one read and one event when they arrive together);
   * with nobody listening (no kiosk screen open, no display) nothing is read. Resolves after the
   * event was emitted.
   */
  publishUpdate(id: string): Promise<void> {
    if (!this.#o.events.listening('charge')) return Promise.resolve();
    this.#updates.add(id);
    this.#flush ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const ids = [...this.#updates];
      this.#updates.clear();
      this.#flush = undefined;
      return this.#emitUpdates(ids);
    });
    return this.#flush;
  }

  async #emitUpdates(ids: string[]): Promise<void> {
    const rows = await findChargesWithCheckNumbers(this.#o.db, ids);
    const emails = await findReceiptEmails(this.#o.db, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      const view = chargeView(row, row.check_number, this.#o.outlet, this.#receipts);
      this.#o.events.emit('charge', { ...view, receiptEmail: emails.get(id) ?? null });
    }
  }

  /** The guest's signature PNG kept with the charge (staff: receipt preview). */
  async signature(id: string): Promise<Buffer> {
    const png = await findSignature(this.#o.db, id);
    if (!png) throw new EdgeError('NOT_FOUND', `charge ${id} has no signature on this outlet`);
    return png;
  }

  /** The charges made today (the property's time zone) at this outlet, newest first. */
  async today(limit: number): Promise<ChargeView[]> {
    const { from, to } = localDayBounds(this.#o.now(), this.#o.outlet.timeZone);
    const rows = await listChargesBetween(this.#o.db, from, to, limit);
    return rows.map((r) => chargeView(r, r.check_number, this.#o.outlet, this.#receipts));
  }

  /** The last time the PMS took one of this outlet's charges, as far as this edge has heard. */
  lastPostedAt(): Promise<string | null> {
    return lastPostedAt(this.#o.db);
  }

  async #print(row: ChargeRow, checkNumber: string, view: ChargeView, signaturePng?: string): Promise<void> {
    const items = JSON.parse(row.items_json);
    const job: PrintJob = {
      kind: 'room-charge',
      document: receiptDocument(row, checkNumber, view.guestName, items, this.#o.outlet, signaturePng),
      // The answer's receipt text is this document rendered (without a signature, which it leaves
      // out): the simulated printer prints it instead of rendering the receipt a second time.
      ...(signaturePng ? {} : { text: view.receiptText }),
    };
    try {
      await rememberLastReceipt(this.#o.db, row.id, this.#o.now().toISOString());
      await this.#o.printer.print(job);
      this.#o.onPrinted?.(null);
    } catch (err) {
      // The charge stands: it committed before printing started. The printer's health goes to the
      // kiosk as a `device` event, and POST /api/devices/printer/reprint prints the missed receipt.
      this.#o.logger.warn({ err, chargeId: row.id }, 'receipt not printed');
      this.#o.onPrinted?.(err);
    }
  }
}

function hashRequest(r: z.output<typeof createCheckRequest>): string {
  const canonical = JSON.stringify([
    r.verificationId,
    r.items.map((i) =>
      'sku' in i ? [i.sku, i.quantity] : [i.custom.name, i.custom.unitPriceMinor, i.quantity],
    ),
    r.tipMinor,
    r.employeeId,
    r.override?.reason ?? null,
    // Only when present, so requests without a signature hash as they always did.
    ...(r.signaturePng ? [createHash('sha256').update(r.signaturePng).digest('hex')] : []),
    ...(r.delivery ? ['delivery'] : []),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function assertChargeable(guest: RoomLookup, quote: Quote, currency: string, overridden: boolean): void {
  if (guest.restriction?.code === 'CHARGES_BLOCKED') {
    throw new EdgeError('CHARGES_BLOCKED', guest.restriction.reason);
  }
  if (guest.billing.currency !== currency) {
    throw new EdgeError(
      'POSTING_REJECTED',
      `the folio is kept in ${guest.billing.currency}, this outlet charges ${currency}`,
    );
  }
  const available = guest.billing.availableCreditMinor;
  if (available !== null && quote.totalMinor > available && !overridden) {
    throw new EdgeError('CREDIT_EXCEEDED', 'this charge is more than the credit left on the room', {
      context: {
        creditLimitMinor: guest.billing.creditLimitMinor,
        currentBalanceMinor: guest.billing.currentBalanceMinor,
        chargeMinor: quote.totalMinor,
      },
    });
  }
}
