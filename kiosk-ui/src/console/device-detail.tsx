import { useEffect, useState } from 'preact/hooks';
import { formatDuration } from './fleet-format.js';
import type { FleetDevice, FleetHistoryEntry } from './fleet-types.js';
import { apiFetch } from './session.js';

/** A device's latest status and its recent reports (GET /api/fleet/{device}). */
export function DeviceDetail({ device, onClose }: { device: string; onClose: () => void }) {
  const [data, setData] = useState<{ device: FleetDevice | null; history: FleetHistoryEntry[] } | null>(null);
  useEffect(() => {
    void apiFetch(`../api/fleet/${encodeURIComponent(device)}`)
      .then((r) => r.json())
      .then(setData)
      .catch(() => setData({ device: null, history: [] }));
  }, [device]);
  return (
    <aside class="detail" data-testid="device-detail">
      <header class="bar">
        <h2>{device}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {!data && <p class="muted">Loading…</p>}
      {data?.device?.status && (
        <dl>
          <dt>State</dt>
          <dd>{data.device.state}</dd>
          <dt>Uptime</dt>
          <dd>{formatDuration(data.device.status.uptimeSeconds)}</dd>
          <dt>Last acknowledgement</dt>
          <dd>{data.device.status.lastAckAt ?? 'none yet'}</dd>
          <dt>Free disk</dt>
          <dd>
            {data.device.status.diskFreeBytes === null
              ? 'unknown'
              : `${Math.round(data.device.status.diskFreeBytes / 1024 / 1024)} MiB`}
          </dd>
        </dl>
      )}
      {data && (
        <table class="fleet">
          <thead>
            <tr>
              <th>Received</th>
              <th>Online</th>
              <th>Queue</th>
              <th>Printer</th>
            </tr>
          </thead>
          <tbody>
            {data.history.map((h) => (
              <tr key={h.receivedAt}>
                <td>{new Date(h.receivedAt).toLocaleString()}</td>
                <td>{h.online ? 'yes' : 'no'}</td>
                <td>{h.status?.queueDepth ?? '—'}</td>
                <td>{h.status?.devices.printer ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
