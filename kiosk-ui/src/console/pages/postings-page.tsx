import { useState } from 'preact/hooks';
import { dateTime, money, time } from '../format.js';
import type { ConsoleMessageKey } from '../i18n/en.js';
import { useT } from '../i18n/i18n.js';
import type { PostingDetail, PostingView } from '../types.js';
import { useApi } from '../use-api.js';

const STATUSES = ['received', 'queued', 'held', 'posted', 'rejected', 'failed'] as const;

/** Search room charges by room, outlet and status; a row opens every attempt and the PMS's answers. */
export function PostingsPage() {
  const { t } = useT();
  const [filter, setFilter] = useState({ room: '', outlet: '', status: '' });
  const [query, setQuery] = useState('pms/postings?limit=200');
  const [open, setOpen] = useState<string | null>(null);
  const list = useApi<{ postings: PostingView[] }>(query, 10000);
  const search = (e: Event) => {
    e.preventDefault();
    const q = new URLSearchParams({ limit: '200' });
    if (filter.room) q.set('room', filter.room);
    if (filter.outlet) q.set('outlet', filter.outlet.toUpperCase());
    if (filter.status) q.set('status', filter.status);
    setQuery(`pms/postings?${q}`);
  };
  return (
    <section data-testid="postings-page">
      <h1>{t('postings.title')}</h1>
      <form class="bar search" onSubmit={search} data-testid="postings-search">
        <label>
          {t('postings.room')}{' '}
          <input
            name="room"
            value={filter.room}
            onInput={(e) => setFilter({ ...filter, room: e.currentTarget.value })}
          />
        </label>
        <label>
          {t('postings.outlet')}{' '}
          <input
            name="outlet"
            value={filter.outlet}
            onInput={(e) => setFilter({ ...filter, outlet: e.currentTarget.value })}
          />
        </label>
        <label>
          {t('postings.status')}{' '}
          <select
            name="status"
            value={filter.status}
            onChange={(e) => setFilter({ ...filter, status: e.currentTarget.value })}
          >
            <option value="">{t('postings.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}` as ConsoleMessageKey)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('postings.search')}</button>
      </form>
      {!list.data && (
        <p class="muted">{list.error ? t('error.load', { error: list.error }) : t('loading')}</p>
      )}
      {list.data && list.data.postings.length === 0 && <p class="muted">{t('postings.none')}</p>}
      {list.data && list.data.postings.length > 0 && (
        <table class="fleet" data-testid="postings-table">
          <thead>
            <tr>
              <th>{t('postings.when')}</th>
              <th>{t('postings.outlet')}</th>
              <th>{t('postings.check')}</th>
              <th>{t('postings.room')}</th>
              <th>{t('postings.guest')}</th>
              <th class="num">{t('postings.amount')}</th>
              <th>{t('postings.status')}</th>
              <th>{t('postings.reference')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.postings.map((p) => (
              <tr key={p.id} class="clickable" data-testid={`posting-${p.id}`} onClick={() => setOpen(p.id)}>
                <td>{time(p.createdAt)}</td>
                <td>{p.outletCode}</td>
                <td>{p.checkNumber}</td>
                <td>{p.roomNumber}</td>
                <td>{p.guestName ?? '—'}</td>
                <td class="num">{money(p.totalMinor, p.currency)}</td>
                <td>
                  <StatusPill status={p.status} errorCode={p.error?.code} />
                </td>
                <td>{p.pmsTransactionId ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && <PostingDetailPanel id={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

/**
 * A posting's status. Sent with no answer from the PMS (POSTING_UNKNOWN) is neither failed nor
 * posted: "Checking with the PMS" while central reads it back, "Unknown: check the PMS folio" when
 * only a manager can tell.
 */
export function StatusPill({ status, errorCode }: { status: string; errorCode?: string | null | undefined }) {
  const { t } = useT();
  if (errorCode === 'POSTING_UNKNOWN' && (status === 'queued' || status === 'failed')) {
    return (
      <span class="pill amber" data-unknown="true">
        {t(status === 'queued' ? 'status.checking' : 'status.unknown')}
      </span>
    );
  }
  const tone = status === 'posted' ? 'green' : ['failed', 'rejected'].includes(status) ? 'red' : 'amber';
  const key = `status.${status}` as ConsoleMessageKey;
  return <span class={`pill ${tone}`}>{t(key) || status}</span>;
}

function PostingDetailPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useT();
  const detail = useApi<PostingDetail>(`pms/postings/${id}`);
  const d = detail.data;
  return (
    <aside class="detail" data-testid="posting-detail">
      <header class="bar">
        <h2>{d ? `${d.outletCode} #${d.checkNumber} · ${t('postings.room')} ${d.roomNumber}` : id}</h2>
        <button type="button" onClick={onClose}>
          {t('postings.close')}
        </button>
      </header>
      {!d && <p class="muted">{t('loading')}</p>}
      {d && (
        <>
          <p>
            {money(d.totalMinor, d.currency)} · <StatusPill status={d.status} /> · {t('postings.reference')}:{' '}
            {d.pmsTransactionId ?? '—'}
          </p>
          <table class="fleet" data-testid="attempt-log">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('postings.when')}</th>
                <th>{t('postings.status')}</th>
                <th>{t('postings.answer')}</th>
                <th>{t('postings.actor')}</th>
              </tr>
            </thead>
            <tbody>
              {d.attemptLog.map((a) => (
                <tr key={a.id}>
                  <td>{a.attempt}</td>
                  <td>{dateTime(a.at)}</td>
                  <td>{a.outcome}</td>
                  <td>{a.error_code ? `${a.error_code}: ${a.error_message ?? ''}` : '—'}</td>
                  <td>
                    {a.actor ?? 'pipeline'}
                    {a.note ? ` – ${a.note}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </aside>
  );
}
