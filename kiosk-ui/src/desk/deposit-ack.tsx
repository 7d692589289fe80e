// Seed 003 §4: the printed acknowledgement of a deposit — who paid what, how, for which booking, by whom.
import { api, enc } from './api.js';
import { useDesk } from './desk-context.js';
import type { DeskKey } from './i18n.js';
import type { Reservation } from './types.js';
import { Loading, Money, useLoad } from './ui.js';

export function DepositAck({ reservationId, depositId }: { reservationId: string; depositId: string }) {
  const { t, property, go } = useDesk();
  const res = useLoad(
    () => api.get<Reservation>(`/folio/reservations/${enc(reservationId)}`),
    [reservationId],
  );
  const guest = useLoad(
    () => api.get<{ guestName: string }>(`/desk/reservations/${enc(reservationId)}/guest`),
    [reservationId],
  );
  const d = res.data?.deposits.find((x) => x.id === depositId);
  if (!res.data || !d) return <Loading error={res.error} />;
  const r = res.data;
  return (
    <article class="card ack" data-testid="deposit-acknowledgement">
      <h1>{property.name}</h1>
      <h2>
        {t('acknowledgement')} · {t('deposits')}
      </h2>
      <dl class="facts">
        <dt>{t('reservation')}</dt>
        <dd>{r.confirmation}</dd>
        <dt>{t('guest')}</dt>
        <dd>{guest.data?.guestName}</dd>
        <dt>{t('room')}</dt>
        <dd>
          {r.roomNumber} · {r.arrival} → {r.departure}
        </dd>
        <dt>{t('amount')}</dt>
        <dd>
          <Money minor={d.amountMinor} testid="ack-amount" />
        </dd>
        <dt>{t('method')}</dt>
        <dd>
          {t(d.method as DeskKey) ?? d.method} {d.reference ?? ''}
        </dd>
        <dt>{t('status')}</dt>
        <dd>{d.state}</dd>
        <dt>{t('expires')}</dt>
        <dd>{d.expiresAt.slice(0, 16).replace('T', ' ')}</dd>
        <dt>by</dt>
        <dd>
          {d.heldBy} · {d.heldAt.slice(0, 16).replace('T', ' ')}
        </dd>
      </dl>
      <div class="buttons no-print">
        <button type="button" class="primary" onClick={() => window.print()}>
          {t('print')}
        </button>
        <button type="button" onClick={() => go(`/r/${reservationId}`)}>
          {t('back')}
        </button>
      </div>
    </article>
  );
}
