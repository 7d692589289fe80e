// Pure formatting for the fleet page (no DOM), unit-tested in tests/unit/kiosk-ui/.
import type { FleetDevice, FleetState } from './fleet-types.js';

/** "42 s", "5 min", "3 h 10 min", "2 d 4 h". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export function ago(iso: string | null, now: Date): string {
  if (!iso) return 'never';
  return `${formatDuration((now.getTime() - Date.parse(iso)) / 1000)} ago`;
}

/** Worst first, then by outlet and name: what needs attention is at the top. */
const RANK: Record<FleetState, number> = { red: 0, amber: 1, green: 2, revoked: 3 };

export function sortFleet(devices: FleetDevice[]): FleetDevice[] {
  return [...devices].sort(
    (a, b) =>
      RANK[a.state] - RANK[b.state] ||
      (a.outletCode ?? '').localeCompare(b.outletCode ?? '') ||
      a.device.localeCompare(b.device),
  );
}

export function outletsOf(devices: FleetDevice[]): string[] {
  return [...new Set(devices.map((d) => d.outletCode).filter((o): o is string => o !== null))].sort();
}

export function countByState(devices: FleetDevice[]): Record<FleetState, number> {
  const counts: Record<FleetState, number> = { green: 0, amber: 0, red: 0, revoked: 0 };
  for (const d of devices) counts[d.state]++;
  return counts;
}
