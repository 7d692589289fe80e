import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { OutletDisplay } from '../charges/charge-view.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import { chargeReceiptDocument, receiptPreviewSvg } from '../receipts/receipt-preview.js';
import type { StaffGate } from '../staff/staff-gate.js';

export interface ReceiptRoutesDeps {
  gate: StaffGate;
  db: Kysely<EdgeDatabase>;
  outlet: OutletDisplay;
  /** The printer's characters per line, so the preview wraps as the paper does. */
  cpl: number;
}

/** GET /api/charges/:id/receipt.svg: the printed receipt as an image (staff outlets, any signed-in role). */
export function registerReceiptRoutes(app: FastifyInstance, deps: ReceiptRoutesDeps): void {
  app.get('/api/charges/:id/receipt.svg', async (req, reply) => {
    deps.gate.require(req, 'chargeToRoom');
    const { id } = req.params as { id: string };
    const svg = receiptPreviewSvg(await chargeReceiptDocument(deps.db, deps.outlet, id), deps.cpl);
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
      .send(svg);
  });
}
