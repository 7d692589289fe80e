// The group's fleet and reconciliation: each property's own answers (its FleetMonitor, its
// ReconciliationService on its own database), side by side and summed. Money is summed per currency,
// never across currencies: a group with USD and INR properties has two totals.
import type { FolioService } from '@roompost/folio';
import type { FleetRow } from '../fleet/fleet-monitor.js';
import type { ReconciliationService } from '../reconciliation/reconciliation-service.js';

/** What the group view needs of one property's central. */
export interface GroupProperty {
  code: string;
  central: {
    folio: Pick<FolioService, 'getProperty'>;
    fleet: { fleet(): Promise<FleetRow[]> };
    reconciliation: Pick<ReconciliationService, 'report' | 'today'>;
  };
}

const STATES = ['green', 'amber', 'red', 'revoked'] as const;
type Counts = Record<(typeof STATES)[number], number>;
const zero = (): Counts => ({ green: 0, amber: 0, red: 0, revoked: 0 });

function count(rows: ReadonlyArray<{ state: string }>): Counts {
  const counts = zero();
  for (const r of rows) if (r.state in counts) counts[r.state as keyof Counts]++;
  return counts;
}

export async function propertiesOf(properties: readonly GroupProperty[]) {
  return Promise.all(
    properties.map(async ({ code, central }) => {
      const p = await central.folio.getProperty();
      return {
        code,
        name: p?.name ?? code,
        currency: p?.currency ?? null,
        timeZone: p?.timeZone ?? null,
        businessDate: p?.businessDate ?? null,
      };
    }),
  );
}

export async function groupFleet(properties: readonly GroupProperty[]) {
  const rows = await Promise.all(
    properties.map(async ({ code, central }) => {
      const devices = await central.fleet.fleet();
      return {
        code,
        name: (await central.folio.getProperty())?.name ?? code,
        counts: count(devices),
        devices,
      };
    }),
  );
  return {
    properties: rows,
    totals: {
      devices: rows.reduce((n, r) => n + r.devices.length, 0),
      ...count(rows.flatMap((r) => r.devices)),
    },
  };
}

/** Each property's day (its own local date unless `date` is given) and the group's totals per currency. */
export async function groupReconciliation(properties: readonly GroupProperty[], date?: string) {
  const rows = await Promise.all(
    properties.map(async ({ code, central }) => {
      const day = date ?? (await central.reconciliation.today());
      const r = await central.reconciliation.report(day);
      return {
        code,
        name: r.property,
        date: r.date,
        state: r.state,
        currency: r.currency,
        summary: r.summary,
        byOutlet: r.byOutlet.map((o) => ({
          outletCode: o.outletCode,
          name: o.name,
          checks: o.checks,
          posTotalMinor: o.posTotalMinor,
          pmsPostedMinor: o.pmsPostedMinor,
          varianceMinor: o.varianceMinor,
        })),
      };
    }),
  );
  const byCurrency = new Map<
    string,
    {
      currency: string;
      posTotalMinor: number;
      totalPostedMinor: number;
      varianceMinor: number;
      roomCharges: number;
    }
  >();
  for (const r of rows) {
    const t = byCurrency.get(r.currency) ?? {
      currency: r.currency,
      posTotalMinor: 0,
      totalPostedMinor: 0,
      varianceMinor: 0,
      roomCharges: 0,
    };
    t.posTotalMinor += r.summary.posTotalMinor;
    t.totalPostedMinor += r.summary.totalPostedMinor;
    t.varianceMinor += r.summary.varianceMinor;
    t.roomCharges += r.summary.roomCharges;
    byCurrency.set(r.currency, t);
  }
  return {
    properties: rows,
    totals: {
      balanced: rows.every((r) => r.summary.balanced),
      exceptions: rows.reduce((n, r) => n + r.summary.exceptions, 0),
      byCurrency: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    },
  };
}
