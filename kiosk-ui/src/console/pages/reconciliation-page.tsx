import { useEffect, useState } from 'preact/hooks';
import { dateTime, time } from '../format.js';
import type { ConsoleMessageKey } from '../i18n/en.js';
import { useT } from '../i18n/i18n.js';
import { apiFetch } from '../session.js';
import type { ReconDay, ReconReport } from '../types.js';
import { apiSend, useApi } from '../use-api.js';

/**
 * Seed 000's Daily Reconciliation Report: summary, by outlet, exceptions, recovered, voids; Export
 * (CSV, JSON), Print, Sign-off. One outlet can be picked (`?outlet=`): the report and the export then
 * hold that outlet only; the sign-off is of the whole day, so it is offered for all outlets only.
 */
export function ReconciliationPage() {
  const { t } = useT();
  const days = useApi<{ days: ReconDay[] }>('pms/reconciliation/daily?limit=31', 30000);
  const [date, setDate] = useState<string | null>(null);
  const shown = date ?? days.data?.days[0]?.date ?? null;
  const [outlet, setOutlet] = useState('');
  const query = `date=${shown}${outlet ? `&outlet=${encodeURIComponent(outlet)}` : ''}`;
  const report = useApi<ReconReport>(shown ? `pms/reconciliation?${query}` : null);
  // The outlets to pick from: those of the whole day's report (a filtered one lists only its own).
  const [outlets, setOutlets] = useState<Array<{ code: string; name: string }>>([]);
  const whole = outlet ? null : report.data;
  useEffect(() => {
    if (whole) setOutlets(whole.byOutlet.map((o) => ({ code: o.outletCode, name: o.name })));
  }, [whole]);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (!days.data)
    return <p class="muted">{days.error ? t('error.load', { error: days.error }) : t('loading')}</p>;
  const download = async (format: 'csv' | 'json') => {
    const res = await apiFetch(`../api/pms/reconciliation/export?${query}&format=${format}`);
    if (!res.ok) {
      setMessage(`central answered ${res.status}`);
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `reconciliation-${shown}${outlet ? `-${outlet}` : ''}.${format}`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const signOff = async (e: Event) => {
    e.preventDefault();
    try {
      await apiSend('POST', 'pms/reconciliation/sign-off', {
        date: shown,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setMessage(null);
      setReason('');
      days.reload();
      report.reload();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  const r = report.data;
  return (
    <section data-testid="reconciliation-page" class="report">
      <header class="bar">
        <h1>{t('recon.title')}</h1>
        <label class="filter no-print">
          {t('recon.date')}{' '}
          <select
            data-testid="recon-date"
            value={shown ?? ''}
            onChange={(e) => setDate(e.currentTarget.value)}
          >
            {days.data.days.map((d) => (
              <option key={d.date} value={d.date}>
                {d.date} · {t(`recon.state.${d.state}` as ConsoleMessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label class="filter no-print">
          {t('recon.outlet')}{' '}
          <select
            data-testid="recon-outlet"
            value={outlet}
            onChange={(e) => setOutlet(e.currentTarget.value)}
          >
            <option value="">{t('recon.allOutlets')}</option>
            {outlets.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <span class="print-only" data-testid="recon-print-heading">
          {shown}
          {outlet ? ` · ${outlets.find((o) => o.code === outlet)?.name ?? outlet}` : ''}
        </span>
      </header>
      {!r && <p class="muted">{report.error ? t('error.load', { error: report.error }) : t('loading')}</p>}
      {r && (
        <>
          <div class="cards">
            <div class="card" data-testid="recon-posted">
              <div class="card-label">{t('recon.totalPosted')}</div>
              <div class="card-value">{r.summary.formatted.totalPosted}</div>
              <div class="muted">{t('recon.pmsConfirmed')}</div>
            </div>
            <div class="card">
              <div class="card-label">{t('recon.totalChecks')}</div>
              <div class="card-value">{t('recon.roomCharges', { count: r.summary.roomCharges })}</div>
            </div>
            <div class={`card ${r.summary.balanced ? 'green' : 'red'}`} data-testid="recon-variance">
              <div class="card-label">{t('recon.variance')}</div>
              <div class="card-value">{r.summary.formatted.variance}</div>
              <div>{r.summary.balanced ? t('recon.balanced') : t('recon.notBalanced')}</div>
            </div>
          </div>
          <p class="muted" data-testid="recon-readback">
            {r.pms.kind}: {r.pms.note}
          </p>
          <p class="muted" data-testid="recon-unknown-note">
            {t('recon.unknownChecked')}: {r.pms.unknownNote}
          </p>
          <h2>{t('recon.byOutlet')}</h2>
          <table class="fleet" data-testid="recon-outlets">
            <thead>
              <tr>
                <th>{t('recon.outlet')}</th>
                <th class="num">{t('recon.checks')}</th>
                <th class="num">{t('recon.posTotal')}</th>
                <th class="num">{t('recon.pmsPosted')}</th>
                <th class="num">{t('recon.variance')}</th>
              </tr>
            </thead>
            <tbody>
              {r.byOutlet.map((o) => (
                <tr key={o.outletCode} data-testid={`recon-outlet-${o.outletCode}`}>
                  <td>{o.name}</td>
                  <td class="num">{o.checks}</td>
                  <td class="num">{o.formatted.posTotal}</td>
                  <td class="num">{o.formatted.pmsPosted}</td>
                  <td class={`num ${o.varianceMinor ? 'reasons' : ''}`}>{o.formatted.variance}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('recon.exceptions')}</h2>
          {r.exceptions.length === 0 ? (
            <p data-testid="recon-no-exceptions">{t('recon.noExceptions')}</p>
          ) : (
            <table class="fleet" data-testid="recon-exceptions">
              <tbody>
                {r.exceptions.map((x) => (
                  <tr key={`${x.kind}-${x.chargeId ?? x.device}`} data-kind={x.kind}>
                    <td>{x.kind.replaceAll('_', ' ')}</td>
                    <td>{x.outletCode}</td>
                    <td>{x.roomNumber ?? x.device ?? '—'}</td>
                    <td class="num">{x.amount}</td>
                    <td>{x.detail}</td>
                    <td class="action">{x.action}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{t('recon.recovered')}</h2>
          {r.recovered.length === 0 ? (
            <p class="muted">{t('recon.none')}</p>
          ) : (
            <ul data-testid="recon-recovered">
              {r.recovered.map((x) => (
                <li key={x.chargeId}>
                  {time(x.at)} | {x.roomNumber} | {x.amount} | {x.path}
                </li>
              ))}
            </ul>
          )}
          <h2>{t('recon.voids')}</h2>
          {r.voids.length === 0 ? (
            <p class="muted">{t('recon.none')}</p>
          ) : (
            <ul data-testid="recon-voids">
              {r.voids.map((v) => (
                <li key={v.chargeId}>
                  {v.roomNumber} | {v.amount} | {v.status} | {v.requestedBy}: {v.reason}
                </li>
              ))}
            </ul>
          )}
          {r.withdrawn.length > 0 && (
            <>
              <h2>{t('recon.withdrawn')}</h2>
              <ul data-testid="recon-withdrawn">
                {r.withdrawn.map((w) => (
                  <li key={w.chargeId}>
                    {w.roomNumber} | {w.amount} | {w.by ?? '—'}: {w.reason ?? ''}
                  </li>
                ))}
              </ul>
            </>
          )}
          {r.signOffs.map((s) => (
            <p key={s.at} class="signed" data-testid="recon-signed">
              {t('recon.signedOff', { by: s.by, at: dateTime(s.at) })}
              {s.reason ? ` – ${s.reason}` : ''}
            </p>
          ))}
          <div class="bar no-print">
            <button type="button" data-testid="recon-export" onClick={() => void download('csv')}>
              {t('recon.export')}
            </button>
            <button type="button" class="secondary" onClick={() => void download('json')}>
              {t('recon.exportJson')}
            </button>
            <button type="button" class="secondary" data-testid="recon-print" onClick={() => window.print()}>
              {t('recon.print')}
            </button>
          </div>
          {message && outlet && (
            <p class="error" role="alert">
              {message}
            </p>
          )}
          {!outlet && (
            <form class="sign-off no-print" onSubmit={signOff} data-testid="recon-sign-off">
              <label>
                {t('recon.reason')}
                <textarea
                  name="reason"
                  rows={2}
                  value={reason}
                  onInput={(e) => setReason(e.currentTarget.value)}
                />
              </label>
              <button type="submit">{t('recon.signOff')}</button>
              {message && (
                <p class="error" role="alert">
                  {message}
                </p>
              )}
            </form>
          )}
        </>
      )}
    </section>
  );
}
