import { chargeIdParams, type ZodApp } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { OutletDisplay } from '../charges/charge-view.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import { chargeReceiptDocument, receiptPreviewSvg } from '../receipts/receipt-preview.js';
import type { StaffGate } from '../staff/staff-gate.js';
import { accessFirst } from './access-first.js';

export interface ReceiptRoutesDeps {
  gate: StaffGate;
  db: Kysely<EdgeDatabase>;
  outlet: OutletDisplay;
  /** The printer's characters per line, so the preview wraps as the paper does. */
  cpl: number;
}

/** GET /api/charges/:id/receipt.svg: the printed receipt as an image (staff outlets, any signed-in role). */
export function registerReceiptRoutes(app: ZodApp, deps: ReceiptRoutesDeps): void {
  const staff = {
    schema: { params: chargeIdParams },
    ...accessFirst((req) => deps.gate.require(req, 'chargeToRoom')),
  };
  app.get('/api/charges/:id/receipt.svg', staff, async (req, reply) => {
    const { id } = req.params;
    const svg = receiptPreviewSvg(await chargeReceiptDocument(deps.db, deps.outlet, id), deps.cpl);
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
      .send(svg);
  });
}
