// Seed 003 §8's scheduled jobs, driven by central's Clock so tests move time by hand: expire deposit holds past
// their policy deadline, release reservations whose hold expired without a deposit, and, when central's config
// names a time (`nightAudit.autoTime`), run night audit for the current business date. Default: manual audit.
import { type BackOffice, localMinute, type NightAuditResult } from '@roompost/folio';
import type { Logger } from '@roompost/sync';
import type { Clock } from '../clock.js';

export const JOBS_ACTOR = 'system:scheduler';

export interface CentralJobsOptions {
  office: BackOffice & { expireDueDeposits(by: string): Promise<number> };
  getProperty(): Promise<{ businessDate: string; timeZone: string } | null>;
  clock: Clock;
  logger: Logger;
  /** "HH:MM" in the property's time zone; null or undefined: night audit is run by hand only. */
  autoAuditTime?: string | null | undefined;
  walkInRatePlan?: string | undefined;
  /** How often `tick` runs on its own; 0 disables the timer (tests call tick). Default 60 s. */
  pollMs?: number;
}

export interface JobsTick {
  at: string;
  expiredDeposits: number;
  releasedHolds: string[];
  nightAudit: NightAuditResult | { skipped: string } | { error: string; code?: string };
}

/** When the audit of business date `d` is due: d + time if the time is after noon, otherwise the next morning. */
export function auditDueAt(businessDate: string, time: string): string {
  if (time >= '12:00') return `${businessDate}T${time}`;
  const next = new Date(Date.parse(`${businessDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return `${next}T${time}`;
}

export class CentralJobs {
  readonly #opts: CentralJobsOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<JobsTick> | undefined;

  constructor(opts: CentralJobsOptions) {
    this.#opts = opts;
  }

  start(): void {
    const pollMs = this.#opts.pollMs ?? 60_000;
    if (pollMs <= 0 || this.#timer) return;
    this.#timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.#opts.logger.error({ err }, 'scheduled jobs failed'));
    }, pollMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** One pass of every job at the clock's now; overlapping calls share the pass in progress. */
  tick(): Promise<JobsTick> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #pass(): Promise<JobsTick> {
    const { office, clock, logger } = this.#opts;
    const at = clock.now().toISOString();
    const property = await this.#opts.getProperty();
    if (!property)
      return { at, expiredDeposits: 0, releasedHolds: [], nightAudit: { skipped: 'no property' } };
    const expiredDeposits = await office.expireDueDeposits(JOBS_ACTOR);
    const releasedHolds = await office.releaseExpiredHolds(JOBS_ACTOR);
    if (expiredDeposits > 0 || releasedHolds.length > 0) {
      logger.info({ expiredDeposits, releasedHolds }, 'scheduled jobs: deposits expired, holds released');
    }
    return { at, expiredDeposits, releasedHolds, nightAudit: await this.#maybeAudit(property) };
  }

  async #maybeAudit(property: { businessDate: string; timeZone: string }): Promise<JobsTick['nightAudit']> {
    const time = this.#opts.autoAuditTime;
    if (!time) return { skipped: 'manual' };
    const now = localMinute(this.#opts.clock.now(), property.timeZone);
    if (now < auditDueAt(property.businessDate, time)) return { skipped: 'not due' };
    try {
      const result = await this.#opts.office.runNightAudit({
        businessDate: property.businessDate,
        by: JOBS_ACTOR,
        ...(this.#opts.walkInRatePlan === undefined ? {} : { walkInRatePlanCode: this.#opts.walkInRatePlan }),
      });
      this.#opts.logger.info(
        { businessDate: result.businessDate, postings: result.postings },
        'scheduled night audit completed',
      );
      return result;
    } catch (err) {
      // AUDIT_BLOCKED (unposted outlet charges) waits for a manager; the next tick tries again.
      const code = (err as { code?: string }).code;
      this.#opts.logger.warn({ err, code }, 'scheduled night audit did not run');
      return { error: String((err as Error).message ?? err), ...(code === undefined ? {} : { code }) };
    }
  }
}
