import { useEffect, useState } from 'preact/hooks';
import { money } from '../format.js';
import { useT } from '../i18n/i18n.js';
import { apiFetch } from '../session.js';
import type { ReconDay, ReconReport } from '../types.js';
import { useApi } from '../use-api.js';

/** Seed 000's manager story: room-charge revenue per outlet over the recent days, from the reconciliation (PMS-confirmed). */
export function RevenuePage() {
  const { t } = useT();
  const days = useApi<{ days: ReconDay[] }>('pms/reconciliation/daily?limit=7');
  const [reports, setReports] = useState<ReconReport[] | null>(null);
  useEffect(() => {
    if (!days.data) return;
    let stopped = false;
    void Promise.all(
      days.data.days.map((d) =>
        apiFetch(`../api/pms/reconciliation?date=${d.date}`).then((r) => r.json() as Promise<ReconReport>),
      ),
    ).then((list) => {
      if (!stopped) setReports(list.filter((r) => Array.isArray(r.byOutlet)));
    });
    return () => {
      stopped = true;
    };
  }, [days.data]);
  if (!reports)
    return <p class="muted">{days.error ? t('error.load', { error: days.error }) : t('loading')}</p>;
  const currency = reports[0]?.currency ?? 'USD';
  const outlets = [...new Set(reports.flatMap((r) => r.byOutlet.map((o) => o.outletCode)))].sort();
  const cell = (r: ReconReport, code: string) =>
    r.byOutlet.find((o) => o.outletCode === code)?.pmsPostedMinor ?? 0;
  return (
    <section data-testid="revenue-page">
      <h1>{t('revenue.title')}</h1>
      <table class="fleet" data-testid="revenue-table">
        <thead>
          <tr>
            <th>{t('revenue.from')}</th>
            {outlets.map((o) => (
              <th key={o} class="num">
                {o}
              </th>
            ))}
            <th class="num">{t('revenue.total')}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.date}>
              <td>{r.date}</td>
              {outlets.map((o) => (
                <td key={o} class="num">
                  {money(cell(r, o), currency)}
                </td>
              ))}
              <td class="num">{money(r.summary.totalPostedMinor, currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th>{t('revenue.total')}</th>
            {outlets.map((o) => (
              <th key={o} class="num" data-testid={`revenue-total-${o}`}>
                {money(
                  reports.reduce((n, r) => n + cell(r, o), 0),
                  currency,
                )}
              </th>
            ))}
            <th class="num">
              {money(
                reports.reduce((n, r) => n + r.summary.totalPostedMinor, 0),
                currency,
              )}
            </th>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
