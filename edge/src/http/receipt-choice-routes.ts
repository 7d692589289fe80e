import type { PrintResult, ReceiptPrinter } from '@roompost/drivers';
import { isDriverError } from '@roompost/drivers';
import {
  ApiError,
  type ChargeView,
  parseRequest,
  type ReceiptOption,
  receiptEmailRequest,
} from '@roompost/sync';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ChargeService } from '../charges/charge-service.js';
import type { OutletDisplay } from '../charges/charge-view.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import { rememberLastReceipt } from '../receipts/last-receipt.js';
import { chargeReceiptDocument, receiptPreviewSvg } from '../receipts/receipt-preview.js';
import { insertReceiptEmail, receiptKey, receiptKeyMatches } from '../receipts/receipt-requests.js';
import type { StaffGate } from '../staff/staff-gate.js';

/** A self-service guest may choose a receipt this long after the charge (then the screen is gone). */
export const RECEIPT_CHOICE_WINDOW_MS = 15 * 60_000;

const idParams = z.object({ id: z.uuid('a charge id (UUID)') });
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
export function registerReceiptChoiceRoutes(app: FastifyInstance, deps: ReceiptChoiceDeps): void {
  const offered = (option: ReceiptOption) => {
    if (!deps.options.includes(option)) {
      throw new ApiError('NOT_FOUND', `this outlet does not offer the ${option} receipt`);
    }
  };
  /** The charge, if this caller may still choose its receipt (guests: shortly after charging). */
  const chosenCharge = async (req: FastifyRequest): Promise<ChargeView> => {
    const { session } = deps.gate.client(req, 'chargeToRoom');
    const charge = await deps.charges.get(parseRequest(idParams, req.params).id);
    if (!session && deps.now().getTime() - Date.parse(charge.createdAt) > RECEIPT_CHOICE_WINDOW_MS) {
      throw new ApiError('INVALID_STATE', 'the receipt choice for this charge has closed');
    }
    return charge;
  };

  app.post('/api/charges/:id/receipt-email', async (req, reply) => {
    offered('email');
    const charge = await chosenCharge(req);
    const { address } = parseRequest(receiptEmailRequest, req.body);
    const stored = await insertReceiptEmail(deps.db, charge.id, address, deps.now().toISOString());
    const view = await deps.charges.get(charge.id);
    if (!stored && view.receiptEmail?.address !== address) {
      throw new ApiError('INVALID_STATE', 'this charge already has an e-mail receipt request', {
        field: 'address',
      });
    }
    if (stored) deps.onEmailQueued?.();
    return reply.status(stored ? 201 : 200).send(view);
  });

  app.post('/api/charges/:id/print', async (req, reply) => {
    offered('print');
    const charge = await chosenCharge(req);
    const document = await chargeReceiptDocument(deps.db, deps.outlet, charge.id);
    await rememberLastReceipt(deps.db, charge.id, deps.now().toISOString());
    return printed(reply, deps, () => deps.printer.print({ kind: 'room-charge', document }));
  });

  app.get('/api/charges/:id/receipt-qr.svg', async (req, reply) => {
    offered('qr');
    const charge = await chosenCharge(req);
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
  });

  // The link in the QR code: the receipt as an SVG, for the guest's phone (no session; the key is the proof).
  app.get('/receipts/:id/:key', async (req, reply) => {
    offered('qr');
    const { id, key } = parseRequest(publicParams, req.params);
    if (!receiptKeyMatches(deps.secret, id, key)) throw new ApiError('NOT_FOUND', 'no such receipt');
    const svg = receiptPreviewSvg(await chargeReceiptDocument(deps.db, deps.outlet, id), deps.cpl);
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
      .send(svg);
  });
}

async function printed(reply: FastifyReply, deps: ReceiptChoiceDeps, job: () => Promise<PrintResult>) {
  try {
    const result = await job();
    return reply.status(200).send({ printed: true, printedAt: result.printedAt.toISOString() });
  } catch (err) {
    if (!isDriverError(err)) throw err;
    return reply.status(409).send({
      printed: false,
      code: err.code,
      message: err.message,
      action: 'Check the printer (power, paper, cable), then try again',
    });
  } finally {
    deps.onPrinted?.();
  }
}
