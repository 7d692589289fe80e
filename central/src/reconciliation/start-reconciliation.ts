import type { FolioService } from '@roompost/folio';
import { DailySummaryInbox, type Logger, type ServiceMqttClient } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { CentralConfig } from '../config/central-config.js';
import type { CentralDatabase } from '../db/central-database.js';
import type { PmsAdapter } from '../pms/adapter.js';
import { listSignOffs } from './reconciliation.repository.js';
import { DEFAULT_RECONCILIATION, ReconciliationService, signOffView } from './reconciliation-service.js';

export interface Reconciliation {
  readonly service: ReconciliationService;
  /** Starts the edges' daily-summary inbox and the automatic run's timer. */
  /** `shareGroup`: take the daily summaries as an MQTT shared subscription (several central workers). */
  start(client: ServiceMqttClient, property: string, shareGroup?: string): Promise<void>;
  stop(): Promise<void>;
  /** The night audit's view: the summary of the business date it closes, with its sign-offs. */
  summaryOf(businessDate: string): Promise<unknown>;
  /** The night-audit sign-offs of these business dates (who approved each day, when, with what variance). */
  signOffsOf(dates: readonly string[]): Promise<Array<ReturnType<typeof signOffView>>>;
}

/** Daily reconciliation as central runs it: the service, the summaries' inbox, the 03:00 timer. */
export function createReconciliation(o: {
  db: Kysely<CentralDatabase>;
  folio: FolioService;
  adapter: PmsAdapter;
  clock: Clock;
  logger: Logger;
  config: CentralConfig['reconciliation'];
  outletName: (code: string) => string;
  /** Several workers: only the one running the scheduled jobs runs the automatic reconciliation. */
  isLeader?: () => boolean;
}): Reconciliation {
  const { pollSeconds, ...options } = { ...DEFAULT_RECONCILIATION, ...o.config };
  const service = new ReconciliationService({ ...o, options: () => options });
  let inbox: DailySummaryInbox | undefined;
  let timer: NodeJS.Timeout | undefined;
  return {
    service,
    async start(client, property, shareGroup) {
      inbox = new DailySummaryInbox({
        client,
        property,
        ...(shareGroup === undefined ? {} : { shareGroup }),
        logger: o.logger,
        now: () => o.clock.now(),
        store: (summary, device) => service.receiveSummary(summary, device),
      });
      await inbox.start();
      const pollMs = (pollSeconds ?? 60) * 1000;
      if (pollMs > 0) {
        timer = setInterval(() => {
          if (o.isLeader && !o.isLeader()) return;
          service.tick().catch((err: unknown) => o.logger.error({ err }, 'automatic reconciliation failed'));
        }, pollMs);
        timer.unref();
      }
    },
    async stop() {
      clearInterval(timer);
      inbox?.stop();
      await service.idle();
    },
    async summaryOf(businessDate) {
      const report = await service.report(businessDate);
      return {
        date: report.date,
        state: report.state,
        summary: report.summary,
        byOutlet: report.byOutlet.map(({ devices: _d, ...line }) => line),
        exceptions: report.exceptions.length,
        pms: report.pms,
        signOffs: report.signOffs,
      };
    },
    async signOffsOf(dates) {
      return (await listSignOffs(o.db, dates)).map(signOffView);
    },
  };
}
