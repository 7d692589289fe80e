// Seed 000 "PENDING ROOM POSTINGS": this outlet's charges not on a folio yet. Retry and Retry All
// (managers and admins) publish an undelivered charge again, or ask central to post a queued or
// failed one now (MQTT request/response).
import type { ChargeView } from '@roompost/sync/contract';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PendingView } from '../api/edge-client.js';
import { useKiosk } from '../kiosk-context.js';
import { asEdgeError } from './room-screen.js';
import { staffError } from './staff-error.js';
import './today.css';
import { Icon } from '../shell/icon.js';
import { useStaff } from './staff-context.js';
import { outcomeUnknown, type StaffFlowAction, statusKey } from './staff-flow.js';

const REFRESH_MS = 5000;

export function PendingScreen({ dispatch }: { dispatch: (action: StaffFlowAction) => void }) {
  const { client } = useKiosk();
  const { t, money, time, may } = useStaff();
  const [view, setView] = useState<PendingView | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const load = useCallback(() => {
    client.pending().then(setView, (e: unknown) => setNote(asEdgeError(e).message));
  }, [client]);
  useEffect(() => {
    load();
    const timer = window.setInterval(load, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  // Seed 000 Retry / Retry All, with feedback: what is still not posted afterwards is said so.
  const retry = async (charges: ChargeView[]) => {
    setNote(t('pending.retrying'));
    let stillWaiting = 0;
    let refused: string | null = null;
    for (const c of charges) {
      if (c.withdrawal) continue; // paid another way: never posted again
      await client.retry(c.id).then(
        (latest) => {
          if (latest.status !== 'posted') stillWaiting += 1;
        },
        (e: unknown) => {
          const body = asEdgeError(e);
          stillWaiting += 1;
          refused =
            body.code === 'INVALID_STATE' ? t('failed.retryRefused') : staffError(t, body.code).message;
        },
      );
    }
    setNote(
      refused ??
        (stillWaiting > 0 ? t('pending.stillFailing', { count: stillWaiting }) : t('pending.retried')),
    );
    load();
  };

  const charges = view?.charges ?? [];
  // Seed 000 shows the attempt ("Retry #2") for a charge the hotel system has refused so far.
  const pendingStatus = (c: ChargeView) => {
    if (c.withdrawal) return t('posted.status.withdrawing');
    if (c.status === 'queued' && c.attempts && !outcomeUnknown(c))
      return t('pending.retryN', { n: c.attempts });
    return t(statusKey(c));
  };
  return (
    <div class="pending" data-testid="pending-screen">
      <div class="pending-head">
        <h1 class="screen-title">{t('pending.title')}</h1>
        {may('retryFailedPostings') && charges.length > 0 && (
          <button type="button" class="button" data-testid="retry-all" onClick={() => void retry(charges)}>
            {t('pending.retryAll')}
          </button>
        )}
        <button
          type="button"
          class="button"
          data-testid="today-open"
          onClick={() => dispatch({ type: 'show-today' })}
        >
          {t('pending.today')}
        </button>
        <button
          type="button"
          class="button"
          data-testid="pending-back"
          onClick={() => dispatch({ type: 'start-over' })}
        >
          {t('pending.back')}
        </button>
      </div>
      <p data-testid="pending-summary">
        {charges.length === 0 ? t('pending.none') : t('pending.count', { count: charges.length })}
      </p>
      {note && (
        <p class="notice notice--warn" role="alert" data-testid="pending-note">
          {note}
        </p>
      )}
      <div class="pending-table-wrap">
        <table class="pending-table">
          <thead>
            <tr>
              <th>{t('pending.time')}</th>
              <th>{t('pending.room')}</th>
              <th>{t('pending.guest')}</th>
              <th>{t('pending.amount')}</th>
              <th>{t('pending.status')}</th>
              {may('retryFailedPostings') && <th />}
            </tr>
          </thead>
          <tbody>
            {charges.map((c) => (
              <tr key={c.id} data-testid={`pending-${c.id}`} data-status={c.status}>
                <td>{time(c.createdAt)}</td>
                <td>{c.roomNumber}</td>
                <td>{c.guestName}</td>
                <td>{money(c.totalMinor)}</td>
                <td data-testid={`pending-status-${c.id}`}>
                  {pendingStatus(c)}
                  {c.standIn && (
                    <span class="stand-in" data-testid={`stand-in-${c.id}`} title={t('standIn.hint')}>
                      {' '}
                      · {t('standIn.badge')}
                    </span>
                  )}
                </td>
                {may('retryFailedPostings') && !c.withdrawal && (
                  <td>
                    <button
                      type="button"
                      class="button button--small"
                      data-testid={`retry-${c.id}`}
                      onClick={() => void retry([c])}
                    >
                      {t('pending.retry')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="pending-foot" data-testid="pending-foot">
        <span data-testid="last-pms">
          {view?.lastPostedAt
            ? t('pending.lastPms', {
                time: time(view.lastPostedAt),
                minutes: Math.max(0, Math.floor((Date.now() - Date.parse(view.lastPostedAt)) / 60_000)),
              })
            : t('pending.lastPmsNone')}
        </span>
        {charges.some((c) => c.status === 'failed' || c.status === 'queued') && (
          <strong class="screen-title--warning" data-testid="pms-trouble">
            <Icon name="warning" />
            {t('pending.pmsTrouble')}
          </strong>
        )}
      </p>
      <div class="actions pending-help">
        <button
          type="button"
          class="button"
          data-testid="contact-it"
          onClick={() => dispatch({ type: 'instruction', message: 'instruction.contactIt' })}
        >
          {t('pending.contactIt')}
        </button>
        <button
          type="button"
          class="button"
          data-testid="manual-post-instructions"
          onClick={() => dispatch({ type: 'instruction', message: 'instruction.manualPost' })}
        >
          {t('pending.manualPost')}
        </button>
      </div>
    </div>
  );
}
