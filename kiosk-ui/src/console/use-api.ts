import { useCallback, useEffect, useState } from 'preact/hooks';
import { apiFetch } from './session.js';

export interface ApiState<T> {
  data: T | null;
  error: string | null;
  status: number | null;
  reload: () => void;
}

/** GET a central API path (relative to /console/), polled every `intervalMs` when given. */
export function useApi<T>(path: string | null, intervalMs = 0): ApiState<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; status: number | null }>({
    data: null,
    error: null,
    status: null,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    if (!path) return;
    let stopped = false;
    const load = async () => {
      try {
        const res = await apiFetch(`../api/${path}`);
        const body = (await res.json().catch(() => null)) as (T & { message?: string }) | null;
        if (stopped) return;
        if (!res.ok)
          setState((s) => ({
            ...s,
            error: body?.message ?? `central answered ${res.status}`,
            status: res.status,
          }));
        else setState({ data: body, error: null, status: res.status });
      } catch (err) {
        if (!stopped) setState((s) => ({ ...s, error: (err as Error).message }));
      }
    };
    void load();
    const timer = intervalMs > 0 ? setInterval(load, intervalMs) : undefined;
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [path, intervalMs, tick]);
  return { ...state, reload };
}

/** POST/DELETE with a JSON body; resolves the parsed answer or throws its message. */
export async function apiSend<T>(method: 'POST' | 'DELETE', path: string, body: unknown = {}): Promise<T> {
  const res = await apiFetch(`../api/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const parsed = (await res.json().catch(() => ({}))) as T & { message?: string; code?: string };
  if (!res.ok) throw new Error(parsed.message ?? parsed.code ?? `central answered ${res.status}`);
  return parsed;
}
