import type { CardReader, ReceiptPrinter } from '@roompost/drivers';
import type { HealthView } from '@roompost/sync';
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
    pms: () => HealthView['pms'];
    reader: CardReader;
    printer: ReceiptPrinter;
    devices: DeviceStatusBoard;
  },
): () => Promise<HealthView> {
  return async () => ({
    status: 'ok' as const,
    outlet: config.outlet.code,
    device: config.device,
    central: d.online() ? ('online' as const) : ('offline' as const),
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
