import type { CardReader, ReceiptPrinter } from '@roompost/drivers';
import type { Kysely } from 'kysely';
import { countPending } from '../charges/charge.repository.js';
import type { EdgeConfig } from '../config/edge-config.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import type { DeviceStatusBoard } from '../devices/device-status-board.js';
import { rosterInfo } from '../roster/roster.repository.js';

/** `GET /api/health`: the link to central, the PMS as central last said, the outbox, the roster, the devices. */
export function edgeHealth(
  config: EdgeConfig,
  d: {
    db: Kysely<EdgeDatabase>;
    online: () => boolean;
    pms: () => unknown;
    reader: CardReader;
    printer: ReceiptPrinter;
    devices: DeviceStatusBoard;
  },
): () => Promise<Record<string, unknown>> {
  return async () => ({
    status: 'ok',
    outlet: config.outlet.code,
    device: config.device,
    central: d.online() ? 'online' : 'offline',
    pms: d.pms(),
    pendingCharges: await countPending(d.db),
    roster: await rosterInfo(d.db),
    reader: d.reader.health(),
    // What the printer's last round trip found (polls and its own re-checks keep it current):
    // a health request never waits on a dead printer.
    printer: d.printer.lastStatus?.() ?? (await d.printer.status()),
    devices: d.devices.snapshot(),
  });
}
