// Seed 003 §8 at the desk: night audit's pre-checks (unposted outlet charges, arrivals still due that
// become no-shows, departures not out), the run with its sign-off by the signed-in user, and its report.
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { useDesk } from './desk-context.js';
import type { DeskRow } from './types.js';
import { ErrorNote, Loading, Money, Section, useAction, useLoad } from './ui.js';

interface Checks {
  businessDate: string;
  pendingPosCharges: number;
  arrivalsNotCheckedIn: DeskRow[];
  departuresNotCheckedOut: DeskRow[];
}
interface Revenue {
  roomMinor: number;
  posMinor: number;
  surchargeMinor: number;
  discountMinor: number;
  adjustmentMinor: number;
  taxMinor: number;
  netRevenueMinor: number;
}
interface AuditResult {
  businessDate: string;
  nextBusinessDate: string;
  noShows: string[];
  roomsPosted: number;
  postings: number;
  skipped: Array<{ roomNumber: string; reason: string }>;
  report: Revenue;
}
interface Status {
  businessDate: string;
  runs: Array<{
    id: string;
    businessDate: string;
    status: string;
    startedBy: string;
    finishedAt: string | null;
    postings: number;
  }>;
}

export function AuditPage() {
  const { t, may } = useDesk();
  const checks = useLoad(() => api.get<Checks>('/desk/night-audit/checks'), []);
  const status = useLoad(() => api.get<Status>('/night-audit'), []);
  const [result, setResult] = useState<AuditResult | null>(null);
  const run = useAction();
  if (!checks.data) return <Loading error={checks.error} />;
  const c = checks.data;
  const submit = (e: Event) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget as HTMLFormElement).get('override') ?? '').trim();
    void run.run(async () => {
      setResult(
        await api.post<AuditResult>('/night-audit', {
          businessDate: c.businessDate,
          ...(reason ? { override: { reason } } : {}),
        }),
      );
      checks.reload();
      status.reload();
    });
  };
  return (
    <div class="stack">
      <Section title={`${t('preChecks')} · ${c.businessDate}`} id="audit-checks">
        <ul class="checks">
          <li class={c.pendingPosCharges ? 'warn' : 'ok'} data-testid="check-pending">
            {t('unpostedCharges')}: <strong>{c.pendingPosCharges}</strong>
          </li>
          <li class={c.arrivalsNotCheckedIn.length ? 'warn' : 'ok'} data-testid="check-arrivals">
            {t('arrivalsDue')}: <strong>{c.arrivalsNotCheckedIn.length}</strong>{' '}
            {c.arrivalsNotCheckedIn.map((r) => `${r.roomNumber} ${r.guestName}`).join(', ')}
          </li>
          <li class={c.departuresNotCheckedOut.length ? 'warn' : 'ok'} data-testid="check-departures">
            {t('departuresDue')}: <strong>{c.departuresNotCheckedOut.length}</strong>{' '}
            {c.departuresNotCheckedOut.map((r) => `${r.roomNumber} ${r.guestName}`).join(', ')}
          </li>
        </ul>
        <form class="fields" onSubmit={submit}>
          {c.pendingPosCharges > 0 && may('night-audit.override') && (
            <label class="wide">
              {t('override')}
              <input name="override" data-testid="audit-override" />
            </label>
          )}
          <button type="submit" class="primary" data-testid="run-audit" disabled={run.busy}>
            {run.busy ? t('working') : t('runAudit')}
          </button>
        </form>
        <ErrorNote error={run.error} />
      </Section>
      {result && (
        <Section
          title={`${t('report')} · ${result.businessDate} → ${result.nextBusinessDate}`}
          id="audit-result"
        >
          <dl class="facts">
            <dt>{t('rooms')}</dt>
            <dd data-testid="audit-rooms">{result.roomsPosted}</dd>
            <dt>{t('noShow')}</dt>
            <dd>{result.noShows.join(', ') || t('none')}</dd>
            <dt>ROOM</dt>
            <dd>
              <Money minor={result.report.roomMinor} />
            </dd>
            <dt>POS</dt>
            <dd>
              <Money minor={result.report.posMinor} />
            </dd>
            <dt>SURCHARGE</dt>
            <dd>
              <Money minor={result.report.surchargeMinor} />
            </dd>
            <dt>DISCOUNT</dt>
            <dd>
              <Money minor={result.report.discountMinor} />
            </dd>
            <dt>{t('tax')}</dt>
            <dd>
              <Money minor={result.report.taxMinor} />
            </dd>
            <dt>{t('revenue')}</dt>
            <dd>
              <Money minor={result.report.netRevenueMinor} testid="audit-net-revenue" />
            </dd>
          </dl>
          {result.skipped.length > 0 && (
            <p class="warn">{result.skipped.map((s) => `${s.roomNumber}: ${s.reason}`).join('; ')}</p>
          )}
        </Section>
      )}
      <Section title={t('lastRuns')} id="audit-runs">
        <ul class="rows">
          {(status.data?.runs ?? []).map((r) => (
            <li key={r.id}>
              <span class="grow">
                {r.businessDate} · {r.startedBy}
              </span>
              <span class="badge">{r.status}</span>
              <span class="muted small">{r.postings}</span>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
