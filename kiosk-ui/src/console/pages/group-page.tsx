import { money } from '../format.js';
import type { ConsoleMessageKey } from '../i18n/en.js';
import { useT } from '../i18n/i18n.js';
import { useApi } from '../use-api.js';

type FleetState = 'green' | 'amber' | 'red' | 'revoked';
type Counts = Record<FleetState, number>;

interface GroupFleet {
  properties: Array<{
    code: string;
    name: string;
    counts: Counts;
    devices: Array<{ device: string; outletCode: string | null; state: FleetState; reasons: string[] }>;
  }>;
  totals: Counts & { devices: number };
}

interface GroupDay {
  properties: Array<{
    code: string;
    name: string;
    date: string;
    state: string;
    currency: string;
    summary: {
      roomCharges: number;
      posTotalMinor: number;
      totalPostedMinor: number;
      varianceMinor: number;
      exceptions: number;
      balanced: boolean;
    };
  }>;
  totals: {
    balanced: boolean;
    exceptions: number;
    byCurrency: Array<{
      currency: string;
      roomCharges: number;
      posTotalMinor: number;
      totalPostedMinor: number;
      varianceMinor: number;
    }>;
  };
}

/** The worst state among a property's devices (revoked ones do not count against it). */
function worst(c: Counts): FleetState {
  return c.red > 0 ? 'red' : c.amber > 0 ? 'amber' : 'green';
}

/**
 * A hotel group's view (served by `roompost-central group`, docs/scale-out.md): each property of the
 * signed-in group user's scope with its devices' sync health and its day's reconciliation, the
 * devices that need attention, and the group's totals (money per currency, never summed across).
 */
export function GroupPage() {
  const { t } = useT();
  const info = useApi<{ group: string }>('group/properties');
  const fleet = useApi<GroupFleet>('group/fleet', 10_000);
  const day = useApi<GroupDay>('group/reconciliation', 30_000);
  const error = fleet.error ?? day.error;
  if (!fleet.data || !day.data)
    return <p class="muted">{error ? t('error.load', { error }) : t('loading')}</p>;
  const days = new Map(day.data.properties.map((p) => [p.code, p]));
  const attention = fleet.data.properties.flatMap((p) =>
    p.devices.filter((d) => d.state === 'red' || d.state === 'amber').map((d) => ({ ...d, property: p })),
  );
  return (
    <section data-testid="group-page">
      <h2>{t('group.title', { name: info.data?.group ?? '' })}</h2>
      <table class="fleet" data-testid="group-table">
        <thead>
          <tr>
            <th>{t('group.property')}</th>
            <th>{t('group.devices')}</th>
            <th>{t('group.sync')}</th>
            <th>{t('group.day')}</th>
            <th>{t('group.charges')}</th>
            <th>{t('group.posTotal')}</th>
            <th>{t('group.posted')}</th>
            <th>{t('group.variance')}</th>
            <th>{t('group.balanced')}</th>
          </tr>
        </thead>
        <tbody>
          {fleet.data.properties.map((p) => {
            const d = days.get(p.code);
            const state = worst(p.counts);
            return (
              <tr
                key={p.code}
                data-testid={`group-row-${p.code}`}
                data-state={state}
                data-balanced={d ? String(d.summary.balanced) : ''}
              >
                <td>
                  <strong>{p.name}</strong> <span class="muted">{p.code}</span>
                </td>
                <td>{p.devices.length}</td>
                <td>
                  <span class={`dot ${state}`} />{' '}
                  {t('group.counts', {
                    green: p.counts.green,
                    amber: p.counts.amber,
                    red: p.counts.red,
                    revoked: p.counts.revoked,
                  })}
                </td>
                <td>{d ? `${d.date} · ${t(`recon.state.${d.state}` as ConsoleMessageKey)}` : '—'}</td>
                <td>{d?.summary.roomCharges ?? '—'}</td>
                <td>{d ? money(d.summary.posTotalMinor, d.currency) : '—'}</td>
                <td>{d ? money(d.summary.totalPostedMinor, d.currency) : '—'}</td>
                <td>{d ? money(d.summary.varianceMinor, d.currency) : '—'}</td>
                <td>
                  {d
                    ? d.summary.balanced
                      ? t('group.yes')
                      : t('group.exceptions', { count: d.summary.exceptions })
                    : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot data-testid="group-totals">
          <tr>
            <th>{t('group.total')}</th>
            <th>{fleet.data.totals.devices}</th>
            <th colSpan={7}>
              {t('group.counts', {
                green: fleet.data.totals.green,
                amber: fleet.data.totals.amber,
                red: fleet.data.totals.red,
                revoked: fleet.data.totals.revoked,
              })}
              {' · '}
              {day.data.totals.balanced
                ? t('group.allBalanced')
                : t('group.exceptions', { count: day.data.totals.exceptions })}
            </th>
          </tr>
          {day.data.totals.byCurrency.map((c) => (
            <tr key={c.currency} data-testid={`group-total-${c.currency}`}>
              <th>{c.currency}</th>
              <td />
              <td />
              <td />
              <td>{c.roomCharges}</td>
              <td>{money(c.posTotalMinor, c.currency)}</td>
              <td>{money(c.totalPostedMinor, c.currency)}</td>
              <td>{money(c.varianceMinor, c.currency)}</td>
              <td />
            </tr>
          ))}
        </tfoot>
      </table>
      <h3>{t('group.attention')}</h3>
      {attention.length === 0 ? (
        <p class="muted" data-testid="group-attention-none">
          {t('group.noAttention')}
        </p>
      ) : (
        <ul data-testid="group-attention">
          {attention.map((d) => (
            <li
              key={`${d.property.code}-${d.device}`}
              data-testid={`group-device-${d.device}`}
              data-state={d.state}
            >
              <span class={`dot ${d.state}`} /> {d.property.name} · {d.device}
              {d.outletCode ? ` (${d.outletCode})` : ''}: {d.reasons.join('; ') || d.state}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
