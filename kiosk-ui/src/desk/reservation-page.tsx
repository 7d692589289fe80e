// Seed 003 §3–§4 at the desk: one reservation, its lifecycle actions with what each does to the deposits
// shown before it is done, and its deposits: policy due, take, capture, release, refund, acknowledgement.
import { percentOfMinor } from '@roompost/folio/money';
import { useState } from 'preact/hooks';
import { api, enc } from './api.js';
import { toDecimal, toMinor, useDesk } from './desk-context.js';
import type { DeskKey } from './i18n.js';
import { ReservationEdit } from './reservation-edit.js';
import { type DeskGuest, PAYMENT_METHODS, type Reservation, type Setup } from './types.js';
import { ErrorNote, Loading, Money, Section, useAction, useLoad } from './ui.js';

type Step = 'PendingDeposit' | 'Confirmed' | 'CheckIn' | 'Cancelled' | 'NoShow';
const STEPS: Record<string, Step[]> = {
  Draft: ['PendingDeposit', 'Confirmed', 'Cancelled'],
  PendingDeposit: ['Confirmed', 'Cancelled'],
  Confirmed: ['CheckIn', 'Cancelled', 'NoShow'],
};
const LABEL: Record<Step, DeskKey> = {
  PendingDeposit: 'askDeposit',
  Confirmed: 'confirm',
  CheckIn: 'checkIn',
  Cancelled: 'cancel',
  NoShow: 'noShow',
};
const EFFECT: Record<Step, DeskKey> = {
  PendingDeposit: 'effectPendingDeposit',
  Confirmed: 'effectConfirmed',
  CheckIn: 'effectCheckIn',
  Cancelled: 'effectCancelled',
  NoShow: 'effectNoShow',
};

export function policyDue(r: Reservation, setup: Setup | null): number | null {
  const policy = setup?.depositPolicies.find((p) => p.code === r.depositPolicyCode);
  if (!policy) return null;
  if (policy.fixedMinor !== null) return policy.fixedMinor;
  return policy.percent ? percentOfMinor(r.stayTotalMinor, policy.percent, 'HALF_UP') : null;
}

export function ReservationPage({ reservationId }: { reservationId: string }) {
  const { t, may, go } = useDesk();
  const res = useLoad(
    () => api.get<Reservation>(`/folio/reservations/${enc(reservationId)}`),
    [reservationId],
  );
  const guest = useLoad(
    () => api.get<DeskGuest>(`/desk/reservations/${enc(reservationId)}/guest`),
    [reservationId],
  );
  const setup = useLoad(() => api.get<Setup>('/desk/setup'), []);
  const [pending, setPending] = useState<Step | null>(null);
  const step = useAction();
  if (!res.data) return <Loading error={res.error} />;
  const r = res.data;
  const doStep = (s: Step) =>
    void step.run(async () => {
      if (s === 'CheckIn') await api.post(`/folio/reservations/${enc(r.id)}/check-in`);
      else await api.post(`/folio/reservations/${enc(r.id)}/transitions`, { to: s });
      setPending(null);
      res.reload();
    });
  return (
    <div class="stack">
      <Section title={`${t('reservation')} ${r.confirmation}`} id="reservation">
        <dl class="facts">
          <dt>{t('guest')}</dt>
          <dd data-testid="guest-name">{guest.data?.guestName ?? '…'}</dd>
          {guest.data?.billTo && (
            <>
              <dt>{t('billTo')}</dt>
              <dd data-testid="bill-to">
                {guest.data.billTo.name}
                {guest.data.billTo.gstin ? ` · ${t('gstin')} ${guest.data.billTo.gstin}` : ''}
              </dd>
            </>
          )}
          <dt>{t('status')}</dt>
          <dd>
            <span class={`badge s-${r.status}`} data-testid="reservation-status">
              {r.status}
            </span>
          </dd>
          <dt>{t('room')}</dt>
          <dd>
            {r.roomNumber} ({r.roomTypeCode}) · {r.ratePlanCode}
          </dd>
          <dt>{t('nights')}</dt>
          <dd>
            {r.arrival} → {r.departure} ({r.nights.length}) · {r.adults}+{r.children}
            {r.extraBeds ? ` +${r.extraBeds}` : ''}
          </dd>
          <dt>{t('stayTotal')}</dt>
          <dd>
            <Money minor={r.stayTotalMinor} testid="stay-total" />
          </dd>
          <dt>{t('balance')}</dt>
          <dd>
            <Money minor={r.balanceMinor} testid="reservation-balance" />
          </dd>
        </dl>
        <div class="buttons">
          {(STEPS[r.status] ?? []).map((s) => (
            <button
              key={s}
              type="button"
              data-testid={`step-${s}`}
              class={s === 'Cancelled' || s === 'NoShow' ? 'danger' : ''}
              onClick={() => setPending(s)}
            >
              {t(LABEL[s])}
            </button>
          ))}
          {r.stayRef && (
            <button
              type="button"
              class="primary"
              data-testid="open-folio"
              onClick={() => go(`/r/${r.id}/folio`)}
            >
              {t('folio')}
            </button>
          )}
          {r.status === 'CheckedIn' && (
            <button type="button" data-testid="open-checkout" onClick={() => go(`/r/${r.id}/checkout`)}>
              {t('checkout')}
            </button>
          )}
        </div>
        {pending && (
          <div class="confirm" data-testid="step-confirm">
            <p>
              <strong>{t(LABEL[pending])}:</strong>{' '}
              <span data-testid="step-effect">{t(EFFECT[pending])}</span>
            </p>
            <div class="buttons">
              <button
                type="button"
                class="primary"
                data-testid="step-do"
                disabled={step.busy}
                onClick={() => doStep(pending)}
              >
                {t('doIt')}
              </button>
              <button type="button" onClick={() => setPending(null)}>
                {t('back')}
              </button>
            </div>
          </div>
        )}
        <ErrorNote error={step.error} />
      </Section>
      <ReservationEdit r={r} setup={setup.data} reload={res.reload} />
      <Deposits r={r} due={policyDue(r, setup.data)} reload={res.reload} canRefund={may('folio.correct')} />
    </div>
  );
}

function Deposits({
  r,
  due,
  reload,
  canRefund,
}: {
  r: Reservation;
  due: number | null;
  reload: () => void;
  canRefund: boolean;
}) {
  const { t, property, go } = useDesk();
  const take = useAction();
  const act = useAction();
  const [method, setMethod] = useState<string>('CARD');
  const final = ['CheckedOut', 'Cancelled', 'NoShow'].includes(r.status);
  // After a change made the stay dearer, only the top-up is still to take (central asks the same).
  const covered = r.deposits
    .filter((d) => d.state === 'HELD' || d.state === 'CAPTURED')
    .reduce((sum, d) => sum + d.amountMinor, 0);
  const toTake = due === null ? null : Math.max(0, due - covered);
  const submit = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const amountMinor = toMinor(String(f.get('amount') ?? ''), property.currency);
    const reference = String(f.get('reference') ?? '').trim();
    void take.run(async () => {
      await api.post(`/folio/reservations/${enc(r.id)}/deposits`, {
        method,
        ...(amountMinor === null ? {} : { amountMinor }),
        ...(reference ? { reference } : {}),
      });
      reload();
    });
  };
  const on = (id: string, what: 'capture' | 'release' | 'refund') =>
    void act.run(async () => {
      await api.post(`/folio/deposits/${enc(id)}/${what}`);
      reload();
    });
  return (
    <Section title={t('deposits')} id="deposits">
      {due !== null && (
        <p>
          {t('depositDue')}: <Money minor={due} testid="deposit-due" />
          {covered > 0 && toTake !== null && (
            <>
              {' '}
              · {t('depositToTake')}: <Money minor={toTake} testid="deposit-to-take" />
            </>
          )}
        </p>
      )}
      <ul class="rows">
        {r.deposits.map((d) => (
          <li key={d.id} class="deposit" data-testid={`deposit-${d.state}`}>
            <span class="grow">
              <Money minor={d.amountMinor} /> · {t(d.method as DeskKey) ?? d.method}
              {d.reference ? ` · ${d.reference}` : ''}
              <span class="muted small">
                {' '}
                {t('expires')} {d.expiresAt.slice(0, 16).replace('T', ' ')}
              </span>
            </span>
            <span class={`badge d-${d.state}`}>{d.state}</span>
            <span class="buttons">
              {d.state === 'HELD' && (
                <>
                  <button type="button" data-testid="deposit-capture" onClick={() => on(d.id, 'capture')}>
                    {t('capture')}
                  </button>
                  <button type="button" data-testid="deposit-release" onClick={() => on(d.id, 'release')}>
                    {t('release')}
                  </button>
                </>
              )}
              {d.state === 'CAPTURED' && canRefund && (
                <button type="button" data-testid="deposit-refund" onClick={() => on(d.id, 'refund')}>
                  {t('refund')}
                </button>
              )}
              <button type="button" data-testid="deposit-ack" onClick={() => go(`/r/${r.id}/ack/${d.id}`)}>
                {t('acknowledgement')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      <ErrorNote error={act.error} />
      {!final && (
        <form class="fields" data-testid="deposit-form" onSubmit={submit}>
          <label>
            {t('amount')}
            <input
              key={toTake ?? 'none'}
              name="amount"
              inputMode="decimal"
              defaultValue={toTake ? toDecimal(toTake, property.currency) : ''}
              required={!toTake}
            />
          </label>
          <label>
            {t('method')}
            <select
              name="method"
              value={method}
              onChange={(e) => setMethod((e.currentTarget as HTMLSelectElement).value)}
            >
              {PAYMENT_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(m)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('reference')}
            <input name="reference" required={method !== 'CASH'} />
          </label>
          <button type="submit" class="primary" data-testid="take-deposit" disabled={take.busy}>
            {t('takeDeposit')}
          </button>
          <ErrorNote error={take.error} />
        </form>
      )}
    </Section>
  );
}
