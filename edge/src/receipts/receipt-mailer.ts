import { renderReceiptText } from '@roompost/drivers';
import type { Logger } from '@roompost/sync';
import {
  describeRelayError,
  type EmailRelayConfig,
  openRelayTransport,
  type RelayTransport,
  relayRetry,
} from '@roompost/sync';
import type { Kysely } from 'kysely';
import { findCharge, findCheckNumber } from '../charges/charge.repository.js';
import type { OutletDisplay } from '../charges/charge-view.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import { chargeReceiptDocument, receiptPreviewSvg } from './receipt-preview.js';

export interface ReceiptMailerOptions {
  db: Kysely<EdgeDatabase>;
  outlet: OutletDisplay;
  relay: EmailRelayConfig;
  cpl: number;
  logger: Logger;
  now: () => Date;
}

/** How long an idle mailer waits before looking at the table again (requests also wake it). */
const IDLE_POLL_MS = 60_000;

/**
 * Sends the guests' e-mail receipt requests (table `receipt_requests`) through the property's SMTP
 * relay, one at a time. Each state is written before and after the SMTP call:
 * queued → sending (attempts + 1) → sent, or back to queued with `next_attempt_at` (capped
 * exponential back-off), or failed after `maxAttempts`. A request found in `sending` (the edge
 * stopped mid-send) is sent again with the same Message-ID, which is derived from the request (the
 * charge id) and is its idempotency key: if the relay had already accepted it before the crash the
 * guest gets two copies, which mail clients de-duplicate by Message-ID.
 */
export class ReceiptMailer {
  readonly #o: ReceiptMailerOptions;
  #transport: Promise<RelayTransport> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(options: ReceiptMailerOptions) {
    this.#o = options;
  }

  start(): void {
    this.#schedule(0);
  }

  /** A request was queued: look now rather than at the next poll. */
  nudge(): void {
    if (this.#running) this.#again = true;
    else this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    if (this.#transport) (await this.#transport).close();
  }

  /** The stable Message-ID of a request: the same for every attempt, also after a restart. */
  messageId(chargeId: string): string {
    return `<receipt.${chargeId}@${this.#o.relay.from.split('@')[1]}>`;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#running = this.#drain()
        .catch((err: unknown) => this.#o.logger.error({ err }, 'receipt mailer pass failed'))
        .finally(() => {
          this.#running = undefined;
          if (this.#again) {
            this.#again = false;
            this.#schedule(0);
          }
        });
    }, ms);
    this.#timer.unref();
  }

  /** Sends every due request, then sleeps until the next retry is due (or the idle poll). */
  async #drain(): Promise<void> {
    const { db, now } = this.#o;
    while (!this.#stopped) {
      const at = now().toISOString();
      const due = await db
        .selectFrom('receipt_requests')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('status', '=', 'sending'),
            eb.and([
              eb('status', '=', 'queued'),
              eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', at)]),
            ]),
          ]),
        )
        .orderBy('requested_at')
        .limit(1)
        .executeTakeFirst();
      if (!due) break;
      await this.#sendOne(due.charge_id, due.address, due.attempts + 1);
    }
    const next = await db
      .selectFrom('receipt_requests')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('status', '=', 'queued')
      .executeTakeFirst();
    const wait = next?.at ? Math.max(0, Date.parse(next.at) - now().getTime()) : IDLE_POLL_MS;
    this.#schedule(Math.min(wait, IDLE_POLL_MS));
  }

  async #sendOne(chargeId: string, address: string, attempt: number): Promise<void> {
    const { db, relay, logger, now } = this.#o;
    // Written before the SMTP call: a crash from here on leaves 'sending', retried on the next start.
    await db
      .updateTable('receipt_requests')
      .set({ status: 'sending', attempts: attempt, next_attempt_at: null })
      .where('charge_id', '=', chargeId)
      .execute();
    try {
      this.#transport ??= openRelayTransport(this.#o.relay);
      await (await this.#transport).sendMail({ ...(await this.#message(chargeId)), to: address });
    } catch (err) {
      const error = describeRelayError(err);
      const retry = relayRetry(relay);
      const giveUp = attempt >= retry.maxAttempts;
      const delay = Math.min(retry.retryDelayMs * 2 ** (attempt - 1), retry.maxRetryDelayMs);
      await db
        .updateTable('receipt_requests')
        .set({
          status: giveUp ? 'failed' : 'queued',
          last_error: error,
          next_attempt_at: giveUp ? null : new Date(now().getTime() + delay).toISOString(),
        })
        .where('charge_id', '=', chargeId)
        .execute();
      logger.warn({ chargeId, attempt, error, giveUp }, 'e-mail receipt not sent');
      return;
    }
    await db
      .updateTable('receipt_requests')
      .set({ status: 'sent', sent_at: now().toISOString(), last_error: null })
      .where('charge_id', '=', chargeId)
      .execute();
    logger.info({ chargeId, attempt }, 'e-mail receipt sent');
  }

  /** The message: the printer's receipt description as text, and as an SVG image in the HTML part. */
  async #message(chargeId: string) {
    const { db, outlet, relay, cpl } = this.#o;
    const document = await chargeReceiptDocument(db, outlet, chargeId);
    const row = await findCharge(db, chargeId);
    const checkNumber = (row && (await findCheckNumber(db, row.check_id))) ?? '';
    const text = renderReceiptText(document, cpl);
    const svg = receiptPreviewSvg(document, cpl);
    const title = `Your receipt — ${outlet.name} check ${checkNumber}`;
    const html =
      `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body><p><img src="cid:receipt@roompost" alt="Receipt"></p>` +
      `<pre style="font-family:monospace">${escapeHtml(text)}</pre></body></html>`;
    return {
      from: relay.from,
      ...(relay.replyTo ? { replyTo: relay.replyTo } : {}),
      subject: title,
      messageId: this.messageId(chargeId),
      text,
      html,
      attachments: [
        {
          filename: `receipt-${checkNumber || chargeId}.svg`,
          content: svg,
          contentType: 'image/svg+xml',
          cid: 'receipt@roompost',
        },
      ],
    };
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
