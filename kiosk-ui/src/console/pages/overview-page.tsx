import type { FleetDevice } from '../fleet-types.js';
import { money, time } from '../format.js';
import { useT } from '../i18n/i18n.js';
import type { PostingView, QueueView, ReconDay } from '../types.js';
import { useApi } from '../use-api.js';
import { HourlyChart } from './hourly-chart.js';
import { LatencyChart } from './latency-chart.js';
import { pmsTrouble, stuckCharges } from './posting-health.js';

const isToday = (iso: string) => new Date(iso).toDateString() === new Date().toDateString();

/** Today at a glance: charges by state and value, the PMS link, devices, alerts, charges per hour. */
export function OverviewPage() {
  const { t } = useT();
  const postings = useApi<{ postings: PostingView[] }>('pms/postings?limit=500', 5000);
  const queue = useApi<QueueView>('pms/queue', 5000);
  const fleet = useApi<{ devices: FleetDevice[] }>('fleet', 5000);
  const days = useApi<{ days: ReconDay[] }>('pms/reconciliation/daily?limit=14', 15000);
  const health = useApi<{ pms: string }>('health', 15000);
  if (!postings.data)
    return <p class="muted">{postings.error ? t('error.load', { error: postings.error }) : t('loading')}</p>;
  const today = postings.data.postings.filter((p) => isToday(p.createdAt));
  const currency = today[0]?.currency ?? postings.data.postings[0]?.currency ?? 'USD';
  const count = (s: string) => today.filter((p) => p.status === s).length;
  const pending = count('received') + count('queued');
  const value = today
    .filter((p) => !['rejected', 'voided'].includes(p.status))
    .reduce((n, p) => n + p.totalMinor, 0);
  const trouble = queue.data ? pmsTrouble(queue.data) : false;
  const stuck = queue.data ? stuckCharges(queue.data, new Date()) : [];
  const attention = (fleet.data?.devices ?? []).filter((d) => d.state !== 'green' && d.state !== 'revoked');
  const alerts = [
    ...(days.data?.days ?? [])
      .filter((d) => d.alert)
      .map((d) => t('overview.alertVariance', { date: d.date, amount: d.variance ?? '' })),
    ...(stuck.length ? [t('overview.alertStuck', { count: stuck.length })] : []),
  ];
  return (
    <section data-testid="overview-page">
      <h1>{t('overview.title')}</h1>
      <div class="cards">
        <Card label={t('overview.posted')} value={count('posted')} tone="green" id="posted" />
        <Card label={t('overview.pending')} value={pending} tone={pending ? 'amber' : 'green'} id="pending" />
        <Card
          label={t('overview.failed')}
          value={count('failed')}
          tone={count('failed') ? 'red' : 'green'}
          id="failed"
        />
        <Card
          label={t('overview.held')}
          value={count('held')}
          tone={count('held') ? 'amber' : 'green'}
          id="held"
        />
        <Card label={t('overview.value')} value={money(value, currency)} id="value" />
      </div>
      <div class="panels">
        <div class="panel" data-testid="pms-link" data-state={trouble ? 'red' : 'green'}>
          <h2>{t('overview.pms')}</h2>
          <p>
            <span class={`dot ${trouble ? 'red' : 'green'}`} />{' '}
            {trouble
              ? t('overview.pmsTrouble', {
                  kind: health.data?.pms ?? '',
                  at: time(queue.data?.lastPmsContactAt ?? null),
                })
              : t('overview.pmsOk', { kind: health.data?.pms ?? '' })}
          </p>
        </div>
        <div class="panel" data-testid="attention">
          <h2>{t('overview.devices')}</h2>
          {attention.length === 0 ? (
            <p class="muted">{t('overview.devicesNone')}</p>
          ) : (
            <ul>
              {attention.map((d) => (
                <li key={d.device}>
                  <span class={`dot ${d.state}`} /> {d.device} ({d.outletCode ?? '—'}): {d.reasons.join(', ')}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div class="panel" data-testid="alerts">
          <h2>{t('overview.alerts')}</h2>
          {alerts.length === 0 ? (
            <p class="muted">{t('overview.alertsNone')}</p>
          ) : (
            <ul>
              {alerts.map((a) => (
                <li key={a} class="alert">
                  {a}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <h2>{t('overview.chart')}</h2>
      <HourlyChart postings={today} />
      <h2>{t('overview.latency')}</h2>
      <LatencyChart postings={today} />
    </section>
  );
}

function Card({
  label,
  value,
  tone,
  id,
}: {
  label: string;
  value: string | number;
  tone?: string;
  id: string;
}) {
  return (
    <div class={`card ${tone ?? ''}`} data-testid={`card-${id}`}>
      <div class="card-label">{label}</div>
      <div class="card-value">{value}</div>
    </div>
  );
}
