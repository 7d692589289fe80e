import { useState } from 'preact/hooks';
import { money, time } from '../format.js';
import { useT } from '../i18n/i18n.js';
import { currentSession } from '../session.js';
import type { QueueView } from '../types.js';
import { apiSend, useApi } from '../use-api.js';
import { StatusPill } from './postings-page.js';

const MAY_ACT = new Set(['manager', 'admin']);

/**
 * Seed 000 "Retry All": every waiting charge is retried now (each attributed to the manager), then
 * the held ones are released (`POST /api/pms/queue/process` posts held and due charges).
 */
async function retryAll(postings: QueueView['postings']) {
  for (const p of postings) if (p.status !== 'held') await apiSend('POST', `pms/queue/${p.id}/retry`);
  await apiSend('POST', 'pms/queue/process');
}

/** Seed 000's pending room postings: Retry, Retry All, withdraw (managers; every action is attributed). */
export function QueuePage() {
  const { t } = useT();
  const queue = useApi<QueueView>('pms/queue', 5000);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const may = MAY_ACT.has(currentSession()?.role ?? '');
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
      setMessage(t('queue.done'));
    } catch (err) {
      setMessage((err as Error).message);
    }
    setBusy(false);
    queue.reload();
  };
  const withdraw = (id: string, errorCode: string | undefined) => {
    // Sent without an answer: the PMS may hold it. Central reads it back where the PMS allows; where
    // it cannot (FIAS, HTNG), the manager must have checked the PMS folio first.
    const unknown = errorCode === 'POSTING_UNKNOWN';
    if (unknown && !window.confirm(t('queue.folioChecked'))) return;
    const reason = window.prompt(t('queue.withdrawReason'));
    if (reason)
      void act(() =>
        apiSend('DELETE', `pms/queue/${id}`, unknown ? { reason, folioChecked: true } : { reason }),
      );
  };
  // The manager found the charge on the PMS folio (a PMS without read-back): posted, never sent again.
  const confirmPosted = (id: string) => {
    const pmsReference = window.prompt(t('queue.confirmPostedReference'));
    if (pmsReference?.trim())
      void act(() =>
        apiSend('POST', `pms/queue/${id}/confirm-posted`, { pmsReference: pmsReference.trim() }),
      );
  };
  if (!queue.data)
    return <p class="muted">{queue.error ? t('error.load', { error: queue.error }) : t('loading')}</p>;
  return (
    <section data-testid="queue-page">
      <header class="bar">
        <h1>{t('queue.title')}</h1>
        <span class={`pill ${queue.data.pending ? 'amber' : 'green'}`}>{queue.data.pending}</span>
        {may && queue.data.pending > 0 && (
          <button
            type="button"
            data-testid="retry-all"
            disabled={busy}
            onClick={() => void act(() => retryAll(queue.data?.postings ?? []))}
          >
            {t('queue.retryAll')}
          </button>
        )}
        {message && (
          <span class="muted" role="status">
            {message}
          </span>
        )}
      </header>
      <p class="muted">{t('queue.lastContact', { at: time(queue.data.lastPmsContactAt) })}</p>
      {queue.data.postings.length === 0 ? (
        <p data-testid="queue-empty">{t('queue.empty')}</p>
      ) : (
        <table class="fleet" data-testid="queue-table">
          <tbody>
            {queue.data.postings.map((p) => (
              <tr key={p.id} data-testid={`queue-${p.id}`}>
                <td>{time(p.createdAt)}</td>
                <td>{p.outletCode}</td>
                <td>{p.roomNumber}</td>
                <td>{p.guestName ?? '—'}</td>
                <td class="num">{money(p.totalMinor, p.currency)}</td>
                <td>
                  <StatusPill status={p.status} errorCode={p.error?.code} />
                </td>
                <td class="reasons">{p.error ? `${p.error.code} (${p.attempts})` : ''}</td>
                <td>
                  {may && (
                    <span class="actions">
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => void act(() => apiSend('POST', `pms/queue/${p.id}/retry`))}
                      >
                        {t('queue.retry')}
                      </button>
                      {p.error?.code === 'POSTING_UNKNOWN' && (
                        <button
                          type="button"
                          class="secondary"
                          disabled={busy}
                          onClick={() => confirmPosted(p.id)}
                        >
                          {t('queue.confirmPosted')}
                        </button>
                      )}
                      <button
                        type="button"
                        class="secondary"
                        disabled={busy}
                        onClick={() => withdraw(p.id, p.error?.code)}
                      >
                        {t('queue.withdraw')}
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
