import { useEffect, useState } from 'preact/hooks';
import type { FleetDevice } from './fleet-types.js';
import { apiFetch } from './session.js';

/** Polls GET /api/fleet every few seconds: the page stays live without a push channel. */
export function useFleet(intervalMs = 3000): {
  devices: FleetDevice[] | null;
  error: string | null;
  at: Date;
} {
  const [state, setState] = useState<{ devices: FleetDevice[] | null; error: string | null; at: Date }>({
    devices: null,
    error: null,
    at: new Date(),
  });
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      try {
        const res = await apiFetch('../api/fleet');
        if (!res.ok) throw new Error(`central answered ${res.status}`);
        const body = (await res.json()) as { devices: FleetDevice[] };
        if (!stopped) setState({ devices: body.devices, error: null, at: new Date() });
      } catch (err) {
        if (!stopped) setState((s) => ({ ...s, error: (err as Error).message, at: new Date() }));
      }
    };
    void load();
    const timer = setInterval(load, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [intervalMs]);
  return state;
}
