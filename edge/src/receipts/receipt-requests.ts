import { createHmac, timingSafeEqual } from 'node:crypto';
import { inLists } from '@roompost/folio';
import type { ReceiptEmailView } from '@roompost/sync';
import type { Generated, Kysely, Selectable } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';

/**
 * A guest's "e-mail me the receipt" (seed 000 "Receipt printed/emailed"), kept like the outbox: one
 * row per charge, written once; the edge's receipt mailer (receipts/receipt-mailer.ts) sends it
 * through the property's SMTP relay (edge config `outlet.emailRelay`): queued → sending → sent |
 * failed, with `attempts`, `last_error` and `next_attempt_at` (a retry's time) along the way.
 */
export interface ReceiptRequestTable {
  charge_id: string;
  address: string;
  status: ReceiptEmailView['status'];
  requested_at: string;
  sent_at: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: string | null;
}

export async function findReceiptEmail(
  db: Kysely<EdgeDatabase>,
  chargeId: string,
): Promise<ReceiptEmailView | null> {
  const row = await db
    .selectFrom('receipt_requests')
    .selectAll()
    .where('charge_id', '=', chargeId)
    .executeTakeFirst();
  return row ? receiptEmailView(row) : null;
}

/** The receipt e-mail requests of several charges, by charge id (charges without one are absent). */
export async function findReceiptEmails(
  db: Kysely<EdgeDatabase>,
  chargeIds: readonly string[],
): Promise<Map<string, ReceiptEmailView>> {
  const found = new Map<string, ReceiptEmailView>();
  for (const list of inLists(chargeIds)) {
    const rows = await db.selectFrom('receipt_requests').selectAll().where('charge_id', 'in', list).execute();
    for (const row of rows) found.set(row.charge_id, receiptEmailView(row));
  }
  return found;
}

function receiptEmailView(row: Selectable<ReceiptRequestTable>): ReceiptEmailView {
  return {
    address: row.address,
    status: row.status,
    requestedAt: row.requested_at,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
  };
}

/** Stores the request; false when the charge already has one (the first one stands). */
export async function insertReceiptEmail(
  db: Kysely<EdgeDatabase>,
  chargeId: string,
  address: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .insertInto('receipt_requests')
    .values({
      charge_id: chargeId,
      address,
      status: 'queued',
      requested_at: at,
      sent_at: null,
      last_error: null,
      next_attempt_at: null,
    })
    .onConflict((oc) => oc.column('charge_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * The key in a receipt's public link (the QR code): an HMAC of the charge id with a secret of this
 * edge, so a guest's phone can open its own receipt and nobody can walk the ids.
 */
export function receiptKey(secret: string, chargeId: string): string {
  return createHmac('sha256', `receipt:${secret}`).update(chargeId).digest('base64url').slice(0, 24);
}

export function receiptKeyMatches(secret: string, chargeId: string, key: string): boolean {
  const want = Buffer.from(receiptKey(secret, chargeId));
  const got = Buffer.from(key);
  return want.length === got.length && timingSafeEqual(want, got);
}
