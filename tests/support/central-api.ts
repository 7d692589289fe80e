// One way for tests to call central's HTTP API as a named user with a role. Every central HTTP test
// goes through here, so how a user proves who they are (issue #8: sign-in) is decided in one place:
// the user is created with its role through the test central's bootstrap admin and signs in for a
// bearer token.
export type CentralRole = 'server' | 'front_desk' | 'manager' | 'admin' | 'it' | 'office';

export interface CentralResponse<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CentralApi {
  get<T = Record<string, unknown>>(path: string): Promise<CentralResponse<T>>;
  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<CentralResponse<T>>;
  put<T = Record<string, unknown>>(path: string, body?: unknown): Promise<CentralResponse<T>>;
  delete<T = Record<string, unknown>>(path: string, body?: unknown): Promise<CentralResponse<T>>;
}

/**
 * The admin every test central is configured with (`auth.bootstrapAdmin` in stack.ts's
 * centralConfig); centralAs signs in as it to create the users tests act as.
 */
export const TEST_ADMIN = {
  username: 'test-admin',
  password: 'test-bootstrap-admin-password',
  passwordHash: 'scrypt$32768$8$1$64XNEyqAZxn_TMbFp6RXNw$MHFAZJLzeF3rp24j-7m3813sxa4ru4yBxsaUaS3wgck',
} as const;

/** The password centralAs gives the users it creates. */
export const testPassword = (user: string) => `test-password-of-${user}`;

const sessions = new Map<string, Promise<string>>();

async function postJson(base: string, path: string, body: unknown, token?: string) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Signs in with a known password (the demo's users) and answers the bearer token. */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const res = await postJson(base, '/api/auth/sign-in', { username, password });
  if (res.status !== 200 || typeof res.body.token !== 'string') {
    throw new Error(`sign-in of ${username} at ${base} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.token;
}

/**
 * A bearer token for `user` with `role` at central `base`: the user is created through the bootstrap
 * admin on first use (POST /api/users), then signed in. Tokens are cached per central and user.
 */
export function signInAs(base: string, user: string, role: CentralRole = 'manager'): Promise<string> {
  const key = `${base} ${user}`;
  let token = sessions.get(key);
  if (!token) {
    token = (async () => {
      if (user === TEST_ADMIN.username) return signIn(base, user, TEST_ADMIN.password);
      const admin = await signInAs(base, TEST_ADMIN.username, 'admin');
      const created = await postJson(
        base,
        '/api/users',
        { username: user, role, password: testPassword(user) },
        admin,
      );
      if (created.status !== 201 && created.body.code !== 'INVALID_STATE') {
        throw new Error(
          `creating ${user} (${role}) failed: ${created.status} ${JSON.stringify(created.body)}`,
        );
      }
      return signIn(base, user, testPassword(user));
    })();
    sessions.set(key, token);
    token.catch(() => sessions.delete(key));
  }
  return token;
}

/** Forgets cached sessions (a central restarted on another data dir may reuse a port). */
export function forgetSessions(base?: string): void {
  for (const key of sessions.keys()) if (!base || key.startsWith(`${base} `)) sessions.delete(key);
}

/** A client for `base` acting as `user` with `role` (null user: anonymous, no token). */
export function centralAs(base: string, user: string | null, role: CentralRole = 'manager'): CentralApi {
  const once = async <T>(method: string, path: string, body?: unknown): Promise<CentralResponse<T>> => {
    const headers: Record<string, string> = {};
    if (user) headers.authorization = `Bearer ${await signInAs(base, user, role)}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // CSV, HTML or empty: the raw text is the body.
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  };
  const send = async <T>(method: string, path: string, body?: unknown): Promise<CentralResponse<T>> => {
    const first = await once<T>(method, path, body);
    // A cached token from an earlier central on the same port: sign in again, once.
    if (user && first.status === 401 && (first.body as { code?: string }).code === 'UNAUTHENTICATED') {
      forgetSessions(base);
      return once<T>(method, path, body);
    }
    return first;
  };
  return {
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body),
    put: (path, body) => send('PUT', path, body),
    delete: (path, body) => send('DELETE', path, body),
  };
}
