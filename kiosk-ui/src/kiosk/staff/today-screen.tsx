// Today's charges at this outlet (GET /api/charges?date=today), newest first, with Void for the
// roles that may (seed 000: manager, admin). Void asks for a reason on the on-screen keyboard and
// calls POST /api/charges/{id}/void; the row then shows the edge's answer (status voided).
import type { ChargeView } from '@roompost/sync/contract';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { LetterKeyboard } from '../identify/letter-keyboard.js';
import { useKiosk } from '../kiosk-context.js';
import { asEdgeError } from './room-screen.js';
import './today.css';
import { useStaff } from './staff-context.js';
import { type StaffFlowAction, statusKey } from './staff-flow.js';
import { typeReason, voidable, voidReasonOk } from './void-rules.js';

export function TodayScreen({ dispatch }: { dispatch: (action: StaffFlowAction) => void }) {
  const { client } = useKiosk();
  const { t, money, time, may } = useStaff();
  const [charges, setCharges] = useState<ChargeView[] | null>(null);
  const [note, setNote] = useState<{ text: string; ok: boolean } | null>(null);
  const [voiding, setVoiding] = useState<ChargeView | null>(null);

  const load = useCallback(() => {
    client.today().then(
      (v) => setCharges(v.charges),
      (e: unknown) => setNote({ text: asEdgeError(e).message, ok: false }),
    );
  }, [client]);
  useEffect(load, [load]);

  if (voiding) {
    return (
      <VoidPanel
        charge={voiding}
        onCancel={() => setVoiding(null)}
        onVoided={(after) => {
          setVoiding(null);
          setCharges((list) => list?.map((c) => (c.id === after.id ? after : c)) ?? null);
          setNote({ text: t('void.done', { check: after.checkNumber }), ok: true });
        }}
      />
    );
  }

  const mayVoid = may('voidRoomCharges');
  return (
    <div class="pending" data-testid="today-screen">
      <div class="pending-head">
        <h1 class="screen-title">{t('void.title')}</h1>
        <button
          type="button"
          class="button"
          data-testid="today-back"
          onClick={() => dispatch({ type: 'start-over' })}
        >
          {t('pending.back')}
        </button>
      </div>
      {charges !== null && charges.length === 0 && <p data-testid="today-none">{t('void.none')}</p>}
      {note && (
        <p class={`notice ${note.ok ? 'notice--ok' : 'notice--warn'}`} role="status" data-testid="today-note">
          {note.text}
        </p>
      )}
      <div class="pending-table-wrap">
        <table class="pending-table">
          <thead>
            <tr>
              <th>{t('pending.time')}</th>
              <th>{t('void.check')}</th>
              <th>{t('pending.room')}</th>
              <th>{t('pending.guest')}</th>
              <th>{t('pending.amount')}</th>
              <th>{t('pending.status')}</th>
              {mayVoid && <th />}
            </tr>
          </thead>
          <tbody>
            {(charges ?? []).map((c) => (
              <tr key={c.id} data-testid={`today-${c.checkNumber}`} data-status={c.status}>
                <td>{time(c.createdAt)}</td>
                <td>{c.checkNumber}</td>
                <td>{c.roomNumber}</td>
                <td>{c.guestName}</td>
                <td>{money(c.totalMinor)}</td>
                <td data-testid={`today-status-${c.checkNumber}`}>
                  {t(statusKey(c))}
                  {c.standIn && (
                    <span class="stand-in" title={t('standIn.hint')}>
                      {' '}
                      · {t('standIn.badge')}
                    </span>
                  )}
                </td>
                {mayVoid && (
                  <td>
                    {voidable(c) && (
                      <button
                        type="button"
                        class="button button--small"
                        data-testid={`void-${c.checkNumber}`}
                        onClick={() => {
                          setNote(null);
                          setVoiding(c);
                        }}
                      >
                        {t('void.button')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function VoidPanel({
  charge,
  onCancel,
  onVoided,
}: {
  charge: ChargeView;
  onCancel: () => void;
  onVoided: (after: ChargeView) => void;
}) {
  const { client } = useKiosk();
  const { t, money } = useStaff();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    if (!voidReasonOk(reason) || busy) return;
    setBusy(true);
    setError(null);
    client.voidCharge(charge.id, reason.trim()).then(onVoided, (e: unknown) => {
      setBusy(false);
      const body = asEdgeError(e);
      setError(`${body.message}. ${body.action}`);
    });
  };

  return (
    <section class="custom-charge void-panel" data-testid="void-panel">
      <div class="custom-charge-fields">
        <p class="void-title" data-testid="void-title">
          {t('void.reasonTitle', {
            check: charge.checkNumber,
            total: money(charge.totalMinor),
            room: charge.roomNumber,
          })}
        </p>
        <div class="entry-field entry-field--active">
          <span class="entry-field-label">{t('void.reason')}</span>
          <span class="entry-field-value" data-testid="void-reason">
            {reason}
            <span class="caret" aria-hidden="true" />
          </span>
        </div>
        {error && (
          <p class="notice notice--warn" role="alert" data-testid="void-error">
            {error}
          </p>
        )}
        {!error && reason !== '' && !voidReasonOk(reason) && <p class="muted">{t('void.tooShort')}</p>}
        <div class="actions">
          <button type="button" class="button" data-testid="void-cancel" disabled={busy} onClick={onCancel}>
            {t('void.cancel')}
          </button>
          <button
            type="button"
            class="button button--primary"
            data-testid="void-confirm"
            disabled={busy || !voidReasonOk(reason)}
            onClick={submit}
          >
            {t('void.confirm')}
          </button>
        </div>
      </div>
      <LetterKeyboard
        onKey={(k) => setReason((r) => typeReason(r, k))}
        onDelete={() => setReason((r) => r.slice(0, -1))}
      />
    </section>
  );
}
