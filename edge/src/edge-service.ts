// What starting the edge takes and what it hands back (edge-app.ts wires it).
import type { CardReader, ReceiptPrinter, SimulatedCardReader } from '@roompost/drivers';
import type { Logger } from '@roompost/sync';
import type { CatalogSyncResult } from './catalog/catalog-sync.js';
import type { DeviceStatusBoard } from './devices/device-status-board.js';
import type { OutletDisplay } from './devices/outlet-display.js';
import type { OutletGpio } from './devices/outlet-gpio.js';

export interface EdgeDeps {
  dataDir: string;
  logger: Logger;
  now?: () => Date;
  newId?: () => string;
  /** Built kiosk UI to serve at `/`. */
  kioskDir?: string;
  /** How often the outlet's catalog is asked of central (default 5 minutes; also on every connect). */
  catalogSyncMs?: number;
  /** First start with no catalog held: wait this long for central's before serving (default 5 s). */
  firstCatalogWaitMs?: number;
  /** How often the fleet status is published (default 30 s). */
  statusIntervalMs?: number;
  /** Relay timings; tests shorten them. */
  relay?: { retryMs?: number; pollMs?: number; tickMs?: number; window?: number; answerWaitMs?: number };
  /**
   * Daily summaries for reconciliation: re-publish interval (default 5 min), delay after a change (2 s,
   * at most `maxWaitMs` 5 min while changes keep coming) and the broker's packet limit (1 MiB; a larger
   * day goes in parts).
   */
  dailySummary?: { intervalMs?: number; nudgeDelayMs?: number; maxWaitMs?: number; maxPacketBytes?: number };
  /** Re-reads the MQTT credentials before each reconnect (rotation without a restart). */
  credentials?: () => { username: string; password: string };
}

export interface Edge {
  readonly httpUrl: string;
  readonly reader: CardReader;
  /** The reader when it is simulated (tests and the demo tap it), else null. */
  readonly simulatedReader: SimulatedCardReader | null;
  readonly printer: ReceiptPrinter;
  readonly devices: DeviceStatusBoard;
  /** The outlet's relay, lights and switches, when the config has any. */
  readonly gpio: OutletGpio | null;
  /** The customer pole display, when the config has one. */
  readonly display: OutletDisplay | null;
  /** Resolves when the relay has nothing in hand (tests). */
  relayIdle(): Promise<void>;
  /** The watchdog's question: the event loop is not blocked and the database answers. */
  alive(): Promise<boolean>;
  /** Asks central for the outlet's catalog now (it is also asked on connect and periodically). */
  syncCatalog(): Promise<CatalogSyncResult>;
  /** Publishes the business days' summaries central has not acknowledged (reconciliation ledger a). */
  publishDailySummaries(): Promise<number>;
  stop(): Promise<void>;
}
