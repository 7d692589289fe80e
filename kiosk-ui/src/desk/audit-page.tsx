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
interface SignOff {
  date: string;
  by: string;
  role: string;
  varianceMinor: number;
  exceptions: number;
  reason: string | null;
  at: string;
}
/** Seed 000's reconciliation of the day the audit closes, as central returns it with the run. */
interface DaySummary {
  date: string;
  state: string;
  summary: { totalPostedMinor: number; posTotalMinor: number; varianceMinor: number; exceptions: number };
  signOffs: SignOff[];
}
interface AuditResult {
  reconciliation?: DaySummary;
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
  /** Stays the run would refuse (AUDIT_UNPRICED_STAYS) with the walk-in plan below. */
  unpricedStays?: Array<{ stayRef: string; roomNumber: string; reason: string }>;
  walkInRatePlanCode?: string | null;
  ratePlans?: Array<{ code: string; name: string }>;
  runs: Array<{
    id: string;
    businessDate: string;
    status: string;
    startedBy: string;
    finishedAt: string | null;
    postings: number;
    signOffs?: SignOff[];
  }>;
}

export function AuditPage() {
  const { t, may, reloadProperty } = useDesk();
  const checks = useLoad(() => api.get<Checks>('/desk/night-audit/checks'), []);
  // The walk-in rate plan picked at the desk ('' = central's default); the pre-check is re-read with it.
  const [plan, setPlan] = useState('');
  const status = useLoad(
    () => api.get<Status>(`/night-audit${plan ? `?walkInRatePlanCode=${encodeURIComponent(plan)}` : ''}`),
    [plan],
  );
  const [result, setResult] = useState<AuditResult | null>(null);
  const run = useAction();
  if (!checks.data) return <Loading error={checks.error} />;
  const c = checks.data;
  const unpriced = status.data?.unpricedStays ?? [];
  const walkIns = unpriced.filter((u) => u.reason === 'NO_RATE_PLAN' || u.reason === 'NO_RATE');
  const submit = (e: Event) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget as HTMLFormElement).get('override') ?? '').trim();
    void run.run(async () => {
      setResult(
        await api.post<AuditResult>('/night-audit', {
          businessDate: c.businessDate,
          ...(reason ? { override: { reason } } : {}),
          ...(plan ? { walkInRatePlanCode: plan } : {}),
        }),
      );
      // The audit rolled the business date: the header and every page reading it show the new day.
      reloadProperty();
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
          <li class={unpriced.length ? 'warn' : 'ok'} data-testid="check-unpriced">
            {t('unpricedStays')}: <strong>{unpriced.length}</strong>{' '}
            {unpriced.map((u) => `${u.roomNumber} (${u.reason})`).join(', ')}
          </li>
        </ul>
        <form class="fields" onSubmit={submit}>
          {c.pendingPosCharges > 0 && may('night-audit.override') && (
            <label class="wide">
              {t('override')}
              <input name="override" data-testid="audit-override" />
            </label>
          )}
          {(walkIns.length > 0 || plan !== '' || (status.data?.ratePlans?.length ?? 0) > 1) && (
            <label class="wide">
              {t('walkInPlan')}
              <select
                data-testid="walk-in-plan"
                value={plan || (status.data?.walkInRatePlanCode ?? '')}
                onChange={(e) => setPlan((e.currentTarget as HTMLSelectElement).value)}
              >
                <option value="">—</option>
                {(status.data?.ratePlans ?? []).map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.code} · {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" class="primary" data-testid="run-audit" disabled={run.busy}>
            {run.busy ? t('working') : t('runAudit')}
          </button>
        </form>
        {run.busy && (
          <p class="muted" role="status" aria-live="polite" data-testid="audit-progress">
            <progress /> {t('auditRunning')}
          </p>
        )}
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
      {result?.reconciliation && (
        <SignOffSection
          day={result.reconciliation}
          onSigned={(signOff) => {
            const day = result.reconciliation!;
            setResult({ ...result, reconciliation: { ...day, signOffs: [...day.signOffs, signOff] } });
            status.reload();
          }}
        />
      )}
      <Section title={t('lastRuns')} id="audit-runs">
        <ul class="rows">
          {(status.data?.runs ?? []).map((r) => (
            <li key={r.id} data-testid="audit-run">
              <span class="grow">
                {r.businessDate} · {t('ranBy')} {r.startedBy}
              </span>
              <span class="badge">{r.status}</span>
              <span class="muted small">{r.postings}</span>
              <SignedOff signOffs={r.signOffs} />
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}

/** Who approved a day, or that nobody has yet. */
function SignedOff({ signOffs }: { signOffs: SignOff[] | undefined }) {
  const { t } = useDesk();
  if (!signOffs) return null;
  const last = signOffs[signOffs.length - 1];
  if (!last) return <span class="badge warn">{t('notSignedOff')}</span>;
  return (
    <span class="muted small" data-testid="signed-off-by">
      {t('signedOffBy')} {last.by} · {last.at.slice(0, 16).replace('T', ' ')}
    </span>
  );
}

/**
 * Seed 000's night-audit sign-off of the day just closed: its reconciliation (posted, variance,
 * exceptions), then the signed-in user signs it off; a day with a variance needs a manager and a reason.
 */
function SignOffSection({ day, onSigned }: { day: DaySummary; onSigned: (s: SignOff) => void }) {
  const { t, may } = useDesk();
  const sign = useAction();
  const unexplained = day.summary.varianceMinor !== 0 || day.summary.exceptions > 0;
  const submit = (e: Event) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget as HTMLFormElement).get('reason') ?? '').trim();
    void sign.run(async () => {
      const answer = await api.post<{ signOff: SignOff }>('/pms/reconciliation/sign-off', {
        date: day.date,
        ...(reason ? { reason } : {}),
      });
      onSigned(answer.signOff);
    });
  };
  return (
    <Section title={`${t('signOff')} · ${day.date}`} id="audit-sign-off">
      <dl class="facts">
        <dt>{t('posted')}</dt>
        <dd>
          <Money minor={day.summary.totalPostedMinor} testid="signoff-posted" />
        </dd>
        <dt>{t('variance')}</dt>
        <dd>
          <Money minor={day.summary.varianceMinor} testid="signoff-variance" />
        </dd>
        <dt>{t('exceptions')}</dt>
        <dd>{day.summary.exceptions}</dd>
      </dl>
      <SignedOff signOffs={day.signOffs} />
      {may('night-audit') && (
        <form class="fields" onSubmit={submit}>
          {unexplained && (
            <label class="wide">
              {t('signOffReason')}
              <input name="reason" minLength={3} required data-testid="signoff-reason" />
            </label>
          )}
          <button type="submit" class="primary" data-testid="sign-off" disabled={sign.busy}>
            {t('signOff')}
          </button>
        </form>
      )}
      <ErrorNote error={sign.error} />
    </Section>
  );
}
