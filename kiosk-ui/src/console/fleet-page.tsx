import { useState } from 'preact/hooks';
import { DeviceDetail } from './device-detail.js';
import { ago, countByState, formatDuration, outletsOf, sortFleet } from './fleet-format.js';
import type { FleetDevice } from './fleet-types.js';
import { useFleet } from './use-fleet.js';

/** One row per outlet device, worst first, coloured by docs/provisioning.md's rules. */
export function FleetPage() {
  const { devices, error, at } = useFleet();
  const [outlet, setOutlet] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  if (devices === null) return <p class="muted">{error ? `Cannot load the fleet: ${error}` : 'Loading…'}</p>;
  const shown = sortFleet(outlet ? devices.filter((d) => d.outletCode === outlet) : devices);
  const counts = countByState(devices);
  return (
    <section>
      <header class="bar">
        <h1>Fleet</h1>
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
      <td>{s?.devices.reader ?? '—'}</td>
      <td>{s?.devices.printer ?? '—'}</td>
      <td>{s?.version ?? '—'}</td>
      <td class="reasons">{d.reasons.join(', ')}</td>
    </tr>
  );
}
