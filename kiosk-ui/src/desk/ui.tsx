// Small pieces the desk's pages share: loading a resource, showing a refusal with its code, a busy button.
import type { ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { DeskApiError } from './api.js';
import { DeskContext, useDesk } from './desk-context.js';

export interface Loaded<T> {
  data: T | null;
  error: DeskApiError | null;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<DeskApiError | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(asApiError(e));
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { data, error, reload: useCallback(() => setTick((n) => n + 1), []) };
}

export function asApiError(e: unknown): DeskApiError {
  return e instanceof DeskApiError ? e : new DeskApiError('NETWORK', String(e), 0);
}

export function ErrorNote({ error }: { error: DeskApiError | null }) {
  if (!error) return null;
  return (
    <p class="error" role="alert" data-code={error.code}>
      <strong>{error.code}</strong> {error.message}
    </p>
  );
}

/** Runs `action`; while it runs the button is disabled, a refusal is shown under it. */
export function useAction(): {
  busy: boolean;
  error: DeskApiError | null;
  run: (action: () => Promise<unknown>) => Promise<boolean>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DeskApiError | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(asApiError(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}

export function Loading({ error }: { error: DeskApiError | null }) {
  const desk = useContext(DeskContext);
  return error ? <ErrorNote error={error} /> : <p class="muted">{desk ? desk.t('working') : '…'}</p>;
}

export function Section({
  title,
  children,
  id,
}: {
  title: string;
  children: ComponentChildren;
  id?: string;
}) {
  return (
    <section class="card" data-testid={id}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function Money({ minor, testid }: { minor: number; testid?: string }) {
  const { money } = useDesk();
  return (
    <span class={`money${minor < 0 ? ' credit' : ''}`} data-testid={testid} data-minor={minor}>
      {money(minor)}
    </span>
  );
}
