import type { ReceiptPrinter } from '@roompost/drivers';
import {
  type ChargeView,
  chargeIdParams,
  type ReceiptOption,
  receiptEmailRequest,
  type ZodApp,
} from '@roompost/sync';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ChargeService } from '../charges/charge-service.js';
import type { OutletDisplay } from '../charges/charge-view.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import { EdgeError } from '../edge-error.js';
import { rememberLastReceipt } from '../receipts/last-receipt.js';
import { chargeReceiptDocument, receiptPreviewSvg } from '../receipts/receipt-preview.js';
import { insertReceiptEmail, receiptKey, receiptKeyMatches } from '../receipts/receipt-requests.js';
import type { StaffGate } from '../staff/staff-gate.js';
import { accessFirst } from './access-first.js';
import { printed } from './printed.js';

/** A self-service guest may choose a receipt this long after the charge (then the screen is gone). */
export const RECEIPT_CHOICE_WINDOW_MS = 15 * 60_000;

const publicParams = z.object({ id: z.uuid('a charge id (UUID)'), key: z.string().min(1).max(64) });

export interface ReceiptChoiceDeps {
  gate: StaffGate;
  db: Kysely<EdgeDatabase>;
  charges: ChargeService;
  printer: ReceiptPrinter;
  outlet: OutletDisplay;
  /** What this outlet offers after a charge ('email' only with a relay configured). */
  options: readonly ReceiptOption[];
  /** Secret for the receipt link's key (never leaves the edge). */
  secret: string;
  /** Base URL a guest's phone reaches this edge at; absent: the URL the kiosk used. */
  publicUrl?: string | undefined;
  cpl: number;
  now: () => Date;
  /** After a printed copy (the printer's health is refreshed). */
  onPrinted?: () => void;
  /** After an e-mail request is stored (the receipt mailer sends it). */
  onEmailQueued?: () => void;
}

/**
 * The receipt choice after a charge (docs/edge-api.md "Receipt choice"): a printed copy, a QR code
 * of the receipt's public link, or an e-mail request queued for the receipt mailer (sent via the relay).
 */
export function registerReceiptChoiceRoutes(app: ZodApp, deps: ReceiptChoiceDeps): void {
  const offered = (option: ReceiptOption) => {
    if (!deps.options.includes(option)) {
      throw new EdgeError('NOT_FOUND', `this outlet does not offer the ${option} receipt`);
    }
  };
  /** The charge, if this caller may still choose its receipt (guests: shortly after charging). */
  const chosenCharge = async (req: FastifyRequest, id: string): Promise<ChargeView> => {
    const { session } = deps.gate.client(req, 'chargeToRoom');
    const charge = await deps.charges.get(id);
    if (!session && deps.now().getTime() - Date.parse(charge.createdAt) > RECEIPT_CHOICE_WINDOW_MS) {
      throw new EdgeError('INVALID_STATE', 'the receipt choice for this charge has closed');
    }
    return charge;
  };
  /** The option is offered and the caller is the outlet's screen or staff, before the request is validated. */
  const choice = (option: ReceiptOption) =>
    accessFirst((req) => {
      offered(option);
      deps.gate.client(req, 'chargeToRoom');
    });

  app.post(
    '/api/charges/:id/receipt-email',
    { schema: { params: chargeIdParams, body: receiptEmailRequest }, ...choice('email') },
    async (req, reply) => {
      const charge = await chosenCharge(req, req.params.id);
      const { address } = req.body;
      const stored = await insertReceiptEmail(deps.db, charge.id, address, deps.now().toISOString());
      const view = await deps.charges.get(charge.id);
      if (!stored && view.receiptEmail?.address !== address) {
        throw new EdgeError('INVALID_STATE', 'this charge already has an e-mail receipt request', {
          field: 'address',
        });
      }
      if (stored) deps.onEmailQueued?.();
      return reply.status(stored ? 201 : 200).send(view);
    },
  );

  app.post(
    '/api/charges/:id/print',
    { schema: { params: chargeIdParams }, ...choice('print') },
    async (req, reply) => {
      const charge = await chosenCharge(req, req.params.id);
      const document = await chargeReceiptDocument(deps.db, deps.outlet, charge.id);
      await rememberLastReceipt(deps.db, charge.id, deps.now().toISOString());
      return printed(
        reply,
        () => deps.printer.print({ kind: 'room-charge', document }),
        () => deps.onPrinted?.(),
      );
    },
  );

  app.get(
    '/api/charges/:id/receipt-qr.svg',
    { schema: { params: chargeIdParams }, ...choice('qr') },
    async (req, reply) => {
      const charge = await chosenCharge(req, req.params.id);
      const base = deps.publicUrl ?? `${req.protocol}://${req.host}`;
      const url = `${base.replace(/\/$/, '')}/receipts/${charge.id}/${receiptKey(deps.secret, charge.id)}`;
      // Imported when a guest first asks for a QR code, not at start (memory at idle).
      const { default: QRCode } = await import('qrcode');
      const svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-receipt-url', url)
        .send(svg);
    },
  );

  // The link in the QR code: the receipt as an SVG, for the guest's phone (no session; the key is the proof).
  app.get(
    '/receipts/:id/:key',
    { schema: { params: publicParams }, ...accessFirst(() => offered('qr')) },
    async (req, reply) => {
      const { id, key } = req.params;
      if (!receiptKeyMatches(deps.secret, id, key)) throw new EdgeError('NOT_FOUND', 'no such receipt');
      const svg = receiptPreviewSvg(await chargeReceiptDocument(deps.db, deps.outlet, id), deps.cpl);
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
        .send(svg);
    },
  );
}
