// The back office's sign-in to central: the bearer token lives in sessionStorage (gone when the tab
// closes) and rides on every API call; a 401 forgets it, which shows the sign-in form again.
const KEY = 'roompost.console.session';
const listeners = new Set<() => void>();

export interface ConsoleSession {
  token: string;
  username: string;
  role: string;
}

export function currentSession(): ConsoleSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as ConsoleSession) : null;
  } catch {
    return null;
  }
}

function setSession(session: ConsoleSession | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** POST /api/auth/sign-in; resolves null on success, else the message to show. */
export async function signIn(username: string, password: string): Promise<string | null> {
  const res = await fetch('../api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json().catch(() => ({}))) as Partial<ConsoleSession> & { message?: string };
  if (!res.ok || !body.token) return body.message ?? `central answered ${res.status}`;
  setSession({ token: body.token, username: body.username ?? username, role: body.role ?? '' });
  return null;
}

export async function signOut(): Promise<void> {
  await apiFetch('../api/auth/sign-out', { method: 'POST' }).catch(() => undefined);
  setSession(null);
}

/** fetch with the session's bearer token; a 401 ends the session. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const session = currentSession();
  const headers = new Headers(init.headers);
  if (session) headers.set('authorization', `Bearer ${session.token}`);
  const res = await fetch(path, { ...init, headers });
  if (res.status === 401 && session) setSession(null);
  return res;
}
