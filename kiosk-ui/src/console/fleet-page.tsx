import { useState } from 'preact/hooks';
import { DeviceDetail } from './device-detail.js';
import { ago, countByState, formatDuration, outletsOf, sortFleet } from './fleet-format.js';
import type { FleetDevice } from './fleet-types.js';
import { useT } from './i18n/i18n.js';
import { pmsTrouble, stuckCharges } from './pages/posting-health.js';
import type { QueueView } from './types.js';
import { useApi } from './use-api.js';
import { useFleet } from './use-fleet.js';

/**
 * Posting trouble shows on the fleet: a PMS outage turns the property red, charges stuck at central
 * turn it (and the devices whose charges they are) amber, on top of the devices' own health.
 */
function withPostingTrouble(devices: FleetDevice[], queue: QueueView | null, now: Date) {
  if (!queue) return { devices, property: 'green' as const, outage: false, stuck: 0 };
  const outage = pmsTrouble(queue);
  const stuck = stuckCharges(queue, now);
  const byDevice = new Set(queue.postings.filter((p) => p.status !== 'held').map((p) => p.device));
  const rank = { green: 0, amber: 1, red: 2, revoked: -1 } as const;
  const marked = devices.map((d) => {
    if (
      d.state === 'revoked' ||
      !byDevice.has(d.device) ||
      !(outage || stuck.some((s) => s.device === d.device))
    )
      return d;
    const state = outage ? 'red' : 'amber';
    return {
      ...d,
      state: rank[state] > rank[d.state] ? state : d.state,
      reasons: [...d.reasons, outage ? 'PMS outage: charges waiting' : 'charges stuck at central'],
    };
  });
  return {
    devices: marked,
    property: outage ? ('red' as const) : stuck.length ? ('amber' as const) : ('green' as const),
    outage,
    stuck: stuck.length,
  };
}

/** One row per outlet device, worst first, coloured by docs/provisioning.md's rules. */
export function FleetPage() {
  const { t } = useT();
  const { devices: reported, error, at } = useFleet();
  const queue = useApi<QueueView>('pms/queue', 3000);
  const [outlet, setOutlet] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  if (reported === null) return <p class="muted">{error ? `Cannot load the fleet: ${error}` : 'Loading…'}</p>;
  const { devices, property, outage, stuck } = withPostingTrouble(reported, queue.data, at);
  const shown = sortFleet(outlet ? devices.filter((d) => d.outletCode === outlet) : devices);
  const counts = countByState(devices);
  return (
    <section>
      <header class="bar">
        <h1>Fleet</h1>
        <span class={`pill ${property}`} data-testid="property-state" data-state={property}>
          {t('fleet.property')}:{' '}
          {outage ? t('fleet.pmsOutage') : stuck ? t('fleet.stuck', { count: stuck }) : t('fleet.ok')}
        </span>
        <span class="pill green">{counts.green} ok</span>
        <span class="pill amber">{counts.amber} attention</span>
        <span class="pill red">{counts.red} down</span>
        <label class="filter">
          Outlet{' '}
          <select
            data-testid="outlet-filter"
            value={outlet}
            onChange={(e) => setOutlet(e.currentTarget.value)}
          >
            <option value="">all</option>
            {outletsOf(devices).map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <span class="muted">{error ? `update failed: ${error}` : `updated ${at.toLocaleTimeString()}`}</span>
      </header>
      <table class="fleet" data-testid="fleet-table">
        <thead>
          <tr>
            <th />
            <th>Device</th>
            <th>Outlet</th>
            <th>Last report</th>
            <th>Queue</th>
            <th>Oldest unsent</th>
            <th>Last sync</th>
            <th>Reader</th>
            <th>Printer</th>
            <th>Version</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((d) => (
            <Row key={d.device} d={d} now={at} onOpen={() => setSelected(d.device)} />
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p class="muted">No devices{outlet ? ` at ${outlet}` : ''}.</p>}
      {selected && <DeviceDetail device={selected} onClose={() => setSelected(null)} />}
    </section>
  );
}

function Row({ d, now, onOpen }: { d: FleetDevice; now: Date; onOpen: () => void }) {
  const s = d.status;
  return (
    <tr data-testid={`fleet-row-${d.device}`} data-state={d.state} onClick={onOpen} class="clickable">
      <td>
        <span class={`dot ${d.state}`} title={d.state} />
      </td>
      <td>{d.device}</td>
      <td>{d.outletCode ?? '—'}</td>
      <td>{ago(d.lastSeenAt, now)}</td>
      <td>{s?.queueDepth ?? '—'}</td>
      <td>{s?.oldestUnsentSeconds == null ? '—' : formatDuration(s.oldestUnsentSeconds)}</td>
      <td>{ago(s?.lastAckAt ?? null, now)}</td>
      <td>{s?.devices.reader ?? '—'}</td>
      <td>{s?.devices.printer ?? '—'}</td>
      <td>{s?.version ?? '—'}</td>
      <td class="reasons">{d.reasons.join(', ')}</td>
    </tr>
  );
}
